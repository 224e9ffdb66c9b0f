internal import CLapack

extension Matrix {
    /// Solves `A · X = B` for square `A` by LU with partial pivoting (dgesv).
    /// Throws `.singular` when a pivot is exactly zero.
    public func solve(_ b: Matrix) throws -> Matrix {
        BLASThreadPolicy.enforce()
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

/// Solves `A · x = b` in place on caller-owned column-major storage: for tiny systems solved many
/// times (a state-space model's initial covariance inside a likelihood), where allocating a
/// `Matrix` per call would cost more than the solve. Returns false when singular.
///
/// Up to `ownLoopLimit` unknowns it eliminates in Swift (Gaussian elimination with partial
/// pivoting, as LAPACK's unblocked dgetf2, then back substitution); above, LAPACK's dgesv. On one
/// core of the project's machine (Zen 4, OpenBLAS 0.3.21, one thread), per solve: n = 3 0.50 µs
/// LAPACKE vs 0.11 µs own, n = 9 1.65 vs 0.35, n = 16 6.6 vs 2.4, n = 32 19.5 vs 12.1 — the call
/// overhead (argument checks, a workspace, the transposition layer) dominates small systems.
public enum LinearSolve {
    public static let ownLoopLimit = 16

    public static func solveInPlace(_ n: Int, a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>) -> Bool {
        if n <= ownLoopLimit { return eliminate(n, a, b) }
        BLASThreadPolicy.enforce()
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, n)) { ipiv in
            LAPACKE_dgesv(LAPACK_COL_MAJOR, Int32(n), 1, a, Int32(n), ipiv.baseAddress, b, Int32(n)) == 0
        }
    }

    /// Partial pivoting by the largest magnitude in the column (first on ties, as idamax); a zero
    /// pivot or a non-finite entry means no solution.
    static func eliminate(_ n: Int, _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>) -> Bool {
        for k in 0..<n {
            var p = k, largest = abs(a[k + k * n])
            for i in (k + 1)..<n where abs(a[i + k * n]) > largest {
                p = i
                largest = abs(a[i + k * n])
            }
            guard largest > 0, largest.isFinite else { return false }
            if p != k {
                for j in 0..<n { swap(&a[k + j * n], &a[p + j * n]) }
                swap(&b[k], &b[p])
            }
            let inverse = 1 / a[k + k * n]
            for i in (k + 1)..<n {
                let l = a[i + k * n] * inverse
                if l == 0 { continue }
                for j in (k + 1)..<n { a[i + j * n] -= l * a[k + j * n] }
                b[i] -= l * b[k]
            }
        }
        for k in stride(from: n - 1, through: 0, by: -1) {
            var s = b[k]
            for j in (k + 1)..<n { s -= a[k + j * n] * b[j] }
            b[k] = s / a[k + k * n]
        }
        for k in 0..<n where !b[k].isFinite { return false }
        return true
    }
}
