internal import CLapack
import Foundation

/// The Cholesky factorisation `A = L·Lᵀ` of a symmetric positive definite matrix (dpotrf).
///
/// Used for covariance matrices and normal equations: solves (dpotrs), the inverse (dpotri) and
/// the log-determinant come from the one factor.
public struct Cholesky: Sendable {
    /// Lower-triangular factor `L`, column-major; the strict upper triangle is zero.
    public let factor: Matrix

    /// Factors `a`, reading its lower triangle. Throws `.notPositiveDefinite(minor:)` naming the
    /// first leading minor that is not positive.
    public init(_ a: Matrix) throws {
        BLASThreadPolicy.enforce()
        guard a.isSquare else { throw LinearAlgebraError.dimensionMismatch("Cholesky of a \(a.rows)×\(a.columns) matrix") }
        guard a.isFinite else { throw LinearAlgebraError.nonFinite("Cholesky input") }
        var l = a
        let n = a.rows
        if n > 0 {
            let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), &l.storage, Int32(n))
            try check(info, "dpotrf") { .notPositiveDefinite(minor: $0) }
        }
        // dpotrf leaves the upper triangle untouched; clear it so `factor` is exactly L.
        for j in 0..<n { for i in 0..<j { l.storage[i + j * n] = 0 } }
        factor = l
    }

    public var dimension: Int { factor.rows }

    /// Solves `A · X = B` (dpotrs).
    public func solve(_ b: Matrix) throws -> Matrix {
        BLASThreadPolicy.enforce()
        guard b.rows == dimension else {
            throw LinearAlgebraError.dimensionMismatch("Cholesky solve: A is \(dimension)×\(dimension), B has \(b.rows) rows")
        }
        if dimension == 0 || b.columns == 0 { return b }
        var x = b.storage
        let info = factor.storage.withUnsafeBufferPointer { pl in
            LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(dimension), Int32(b.columns),
                           pl.baseAddress, Int32(dimension), &x, Int32(dimension))
        }
        try check(info, "dpotrs") { _ in .illegalArgument(routine: "dpotrs", argument: 0) }
        return try Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
    }

    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// `A⁻¹` from the factor (dpotri), both triangles filled.
    public func inverse() throws -> Matrix {
        BLASThreadPolicy.enforce()
        var inv = factor
        if dimension == 0 { return inv }
        let info = LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(dimension), &inv.storage, Int32(dimension))
        try check(info, "dpotri") { .singular(pivot: $0) }
        // dpotri fills the lower triangle; mirror it.
        let n = dimension
        for j in 0..<n { for i in 0..<j { inv.storage[i + j * n] = inv.storage[j + i * n] } }
        return inv
    }

    /// `log det A = 2 Σ log Lᵢᵢ`.
    public var logDeterminant: Double {
        factor.diagonal.reduce(0) { $0 + 2 * log($1) }
    }
}

