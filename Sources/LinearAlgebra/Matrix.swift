/// A dense matrix of `Double` in column-major order, with value semantics.
///
/// Column-major is LAPACK's native layout, so every wrapper hands `storage` straight to
/// OpenBLAS/LAPACK without a transpose or a copy (apart from the copy LAPACK needs because it
/// overwrites its inputs).
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Element (i, j) is `storage[i + j * rows]`.
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// Wraps column-major data (no copy beyond the array's own copy-on-write).
    public init(rows: Int, columns: Int, columnMajor: [Double]) throws {
        guard columnMajor.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "\(columnMajor.count) values for a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// Builds a matrix from rows, as written on paper. Convenience for tests and small inputs.
    public init(_ rowArrays: [[Double]]) {
        let m = rowArrays.count
        let n = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == n }, "ragged rows")
        self.init(rows: m, columns: n)
        for i in 0..<m { for j in 0..<n { storage[i + j * m] = rowArrays[i][j] } }
    }

    /// Builds a matrix from columns.
    public init(columns cols: [[Double]]) {
        let n = cols.count
        let m = cols.first?.count ?? 0
        precondition(cols.allSatisfy { $0.count == m }, "ragged columns")
        self.rows = m
        self.columns = n
        self.storage = Array(cols.joined())
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// A diagonal matrix with `d` on the diagonal.
    public static func diagonal(_ d: [Double]) -> Matrix {
        var m = Matrix(rows: d.count, columns: d.count)
        for i in 0..<d.count { m.storage[i + i * d.count] = d[i] }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    public var isSquare: Bool { rows == columns }

    /// Column `j` as a vector (a copy).
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as a vector (a copy).
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The diagonal.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// True when no element is NaN or infinite.
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}
