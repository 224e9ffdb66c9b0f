internal import CLapack

extension Matrix {
    /// Solves `A · X = B` for square `A` by LU with partial pivoting (dgesv).
    /// Throws `.singular` when a pivot is exactly zero.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard isSquare, b.rows == rows else {
            throw LinearAlgebraError.dimensionMismatch("solve: A is \(rows)×\(columns), B is \(b.rows)×\(b.columns)")
        }
        guard isFinite, b.isFinite else { throw LinearAlgebraError.nonFinite("solve operands") }
        if rows == 0 { return b }
        var lu = storage
        var x = b.storage
        var ipiv = [Int32](repeating: 0, count: rows)
        let info = LAPACKE_dgesv(
            LAPACK_COL_MAJOR, Int32(rows), Int32(b.columns), &lu, Int32(rows), &ipiv, &x, Int32(rows))
        try check(info, "dgesv") { .singular(pivot: $0) }
        return try Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
    }

    /// Solves `A · x = b` for one right-hand side.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }
}

/// Solves `A · x = b` in place on caller-owned column-major storage (dgesv): for tiny systems
/// solved many times (e.g. a state-space model's initial covariance inside a likelihood), where
/// allocating a `Matrix` per call would cost more than the solve. Returns false when singular.
public enum LinearSolve {
    public static func solveInPlace(_ n: Int, a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>) -> Bool {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, n)) { ipiv in
            LAPACKE_dgesv(LAPACK_COL_MAJOR, Int32(n), 1, a, Int32(n), ipiv.baseAddress, b, Int32(n)) == 0
        }
    }
}
