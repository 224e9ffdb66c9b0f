internal import CLapack

/// Whether an operand enters a product as itself or transposed.
public enum Transpose: Sendable {
    case none, transpose
    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// Thin, checked wrappers over Level 1–3 BLAS. Shapes are checked in Swift, then the call goes
/// straight to OpenBLAS on the matrices' own storage.
public enum BLAS {
    /// `C ← alpha · op(A) · op(B) + beta · C` (dgemm).
    public static func gemm(
        _ transA: Transpose = .none, _ a: Matrix,
        _ transB: Transpose = .none, _ b: Matrix,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) throws {
        BLASThreadPolicy.enforce()
        let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
        guard k == kb, c.rows == m, c.columns == n else {
            throw LinearAlgebraError.dimensionMismatch(
                "gemm: op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
        }
        if m == 0 || n == 0 { return }
        if k == 0 {  // BLAS would leave C untouched when k = 0, but beta still applies.
            scale(&c.storage, by: beta)
            return
        }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(
                        CblasColMajor, transA.cblas, transB.cblas,
                        Int32(m), Int32(n), Int32(k), alpha,
                        pa.baseAddress, Int32(Swift.max(1, a.rows)),
                        pb.baseAddress, Int32(Swift.max(1, b.rows)),
                        beta, pc.baseAddress, Int32(Swift.max(1, m)))
                }
            }
        }
    }

    /// dgemm on raw column-major storage with explicit leading dimensions, for submatrices
    /// (a block of rows of a larger matrix is used in place, without a copy). The caller
    /// guarantees the pointers cover the shapes.
    public static func gemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        BLASThreadPolicy.enforce()
        if m == 0 || n == 0 { return }
        cblas_dgemm(CblasColMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `op(A) · op(B)` as a new matrix.
    public static func product(
        _ transA: Transpose = .none, _ a: Matrix, _ transB: Transpose = .none, _ b: Matrix
    ) throws -> Matrix {
        let m = transA == .none ? a.rows : a.columns
        let n = transB == .none ? b.columns : b.rows
        var c = Matrix(rows: m, columns: n)
        try gemm(transA, a, transB, b, into: &c)
        return c
    }

    /// `y ← alpha · op(A) · x + beta · y` (dgemv).
    public static func gemv(
        _ trans: Transpose = .none, _ a: Matrix, _ x: [Double],
        alpha: Double = 1, beta: Double = 0, into y: inout [Double]
    ) throws {
        BLASThreadPolicy.enforce()
        let (m, n) = trans == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        guard x.count == n, y.count == m else {
            throw LinearAlgebraError.dimensionMismatch(
                "gemv: op(A) is \(m)×\(n), x has \(x.count), y has \(y.count)")
        }
        if m == 0 { return }
        if n == 0 { scale(&y, by: beta); return }
        a.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(
                        CblasColMajor, trans.cblas, Int32(a.rows), Int32(a.columns), alpha,
                        pa.baseAddress, Int32(Swift.max(1, a.rows)), px.baseAddress, 1,
                        beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// `op(A) · x` as a new vector.
    public static func product(_ trans: Transpose = .none, _ a: Matrix, _ x: [Double]) throws -> [Double] {
        var y = [Double](repeating: 0, count: trans == .none ? a.rows : a.columns)
        try gemv(trans, a, x, into: &y)
        return y
    }

    /// The Gram matrix `AᵀA` (`trans == .transpose`) or `AAᵀ` (`.none`) by dsyrk, both triangles
    /// filled so the result is an ordinary symmetric matrix.
    public static func gram(_ a: Matrix, _ trans: Transpose = .transpose, alpha: Double = 1) -> Matrix {
        BLASThreadPolicy.enforce()
        let n = trans == .transpose ? a.columns : a.rows
        let k = trans == .transpose ? a.rows : a.columns
        var c = Matrix(rows: n, columns: n)
        if n == 0 || k == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dsyrk(
                    CblasColMajor, CblasUpper, trans == .transpose ? CblasTrans : CblasNoTrans,
                    Int32(n), Int32(k), alpha, pa.baseAddress, Int32(Swift.max(1, a.rows)),
                    0, pc.baseAddress, Int32(n))
            }
        }
        c.symmetrizeFromUpper()
        return c
    }

    /// `x · y` (ddot).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        BLASThreadPolicy.enforce()
        precondition(x.count == y.count, "dot: lengths differ")
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// Euclidean norm (dnrm2, which scales to avoid overflow).
    public static func norm(_ x: [Double]) -> Double {
        BLASThreadPolicy.enforce()
        return x.withUnsafeBufferPointer { cblas_dnrm2(Int32(x.count), $0.baseAddress, 1) }
    }

    /// `y ← alpha · x + y` (daxpy).
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        BLASThreadPolicy.enforce()
        precondition(x.count == y.count, "axpy: lengths differ")
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                cblas_daxpy(Int32(x.count), alpha, px.baseAddress, 1, py.baseAddress, 1)
            }
        }
    }

    /// `x ← alpha · x` (dscal).
    public static func scale(_ x: inout [Double], by alpha: Double) {
        BLASThreadPolicy.enforce()
        x.withUnsafeMutableBufferPointer { cblas_dscal(Int32($0.count), alpha, $0.baseAddress, 1) }
    }

    /// Number of threads OpenBLAS uses for one call: 1 once any routine of this module has run,
    /// whatever `OPENBLAS_NUM_THREADS` says (`BLASThreadPolicy`). Read-only: parallelise in Swift.
    public static var threads: Int {
        BLASThreadPolicy.enforce()
        return Int(openblas_get_num_threads())
    }
}

extension Matrix {
    /// Copies the upper triangle into the lower one (LAPACK/BLAS symmetric routines fill one).
    mutating func symmetrizeFromUpper() {
        let n = rows
        storage.withUnsafeMutableBufferPointer { p in
            for j in 0..<n { for i in (j + 1)..<Swift.max(j + 1, n) { p[i + j * n] = p[j + i * n] } }
        }
    }

    /// The transpose, by OpenBLAS's out-of-place copy-transpose (domatcopy).
    public func transposed() -> Matrix {
        BLASThreadPolicy.enforce()
        var t = Matrix(rows: columns, columns: rows)
        if rows == 0 || columns == 0 { return t }
        storage.withUnsafeBufferPointer { pa in
            t.storage.withUnsafeMutableBufferPointer { pt in
                cblas_domatcopy(
                    CblasColMajor, CblasTrans, Int32(rows), Int32(columns), 1,
                    pa.baseAddress, Int32(rows), pt.baseAddress, Int32(columns))
            }
        }
        return t
    }

    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows, "matrix product: \(lhs.rows)×\(lhs.columns) · \(rhs.rows)×\(rhs.columns)")
        // Shapes checked above, so gemm cannot throw.
        return try! BLAS.product(.none, lhs, .none, rhs)
    }

    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        precondition(lhs.columns == rhs.count, "matrix-vector product: \(lhs.rows)×\(lhs.columns) · \(rhs.count)")
        return try! BLAS.product(.none, lhs, rhs)
    }
}
