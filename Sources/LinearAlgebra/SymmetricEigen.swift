internal import CLapack

/// Eigen-decomposition of a symmetric matrix, `A = V · diag(λ) · Vᵀ` (dsyevd, divide and conquer).
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors, column `k` for `values[k]`.
    public let vectors: Matrix

    /// Decomposes `a`, reading its lower triangle.
    public init(_ a: Matrix) throws {
        BLASThreadPolicy.enforce()
        guard a.isSquare else { throw LinearAlgebraError.dimensionMismatch("eigen of a \(a.rows)×\(a.columns) matrix") }
        guard a.isFinite else { throw LinearAlgebraError.nonFinite("eigen input") }
        let n = a.rows
        var v = a
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")),
                                      Int32(n), &v.storage, Int32(n), &w)
            try check(info, "dsyevd") { .didNotConverge(routine: "dsyevd", info: $0) }
        }
        values = w
        vectors = v
    }
}
