internal import CLapack

/// Thin singular value decomposition `A = U · diag(σ) · Vᵀ` (dgesdd, divide and conquer).
public struct SingularValueDecomposition: Sendable {
    /// m × k left singular vectors, k = min(m, n).
    public let u: Matrix
    /// Singular values, descending.
    public let singularValues: [Double]
    /// k × n, the transposed right singular vectors.
    public let vt: Matrix

    public init(_ a: Matrix) throws {
        BLASThreadPolicy.enforce()
        guard a.isFinite else { throw LinearAlgebraError.nonFinite("SVD input") }
        let m = a.rows, n = a.columns, k = Swift.min(m, n)
        var work = a.storage
        var s = [Double](repeating: 0, count: k)
        var u = Matrix(rows: m, columns: k)
        var vt = Matrix(rows: k, columns: n)
        if k > 0 {
            let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(m), Int32(n),
                                      &work, Int32(m), &s, &u.storage, Int32(m), &vt.storage, Int32(k))
            try check(info, "dgesdd") { .didNotConverge(routine: "dgesdd", info: $0) }
        }
        self.u = u
        self.singularValues = s
        self.vt = vt
    }

    /// Numerical rank: singular values above `tolerance` (default `max(m,n) · ε · σ₁`).
    public func rank(tolerance: Double? = nil) -> Int {
        let tol = tolerance ?? defaultTolerance
        return singularValues.filter { $0 > tol }.count
    }

    var defaultTolerance: Double {
        Double(Swift.max(u.rows, vt.columns)) * Double.ulpOfOne * (singularValues.first ?? 0)
    }
}

extension Matrix {
    /// Singular values only (dgesdd with jobz = N), descending.
    public func singularValues() throws -> [Double] {
        BLASThreadPolicy.enforce()
        guard isFinite else { throw LinearAlgebraError.nonFinite("SVD input") }
        let k = Swift.min(rows, columns)
        if k == 0 { return [] }
        var work = storage
        var s = [Double](repeating: 0, count: k)
        var dummyU = [Double](repeating: 0, count: 1)
        var dummyVt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(rows), Int32(columns),
                                  &work, Int32(rows), &s, &dummyU, 1, &dummyVt, 1)
        try check(info, "dgesdd") { .didNotConverge(routine: "dgesdd", info: $0) }
        return s
    }

    /// 2-norm condition number `σ_max / σ_min`; infinity for a rank-deficient matrix.
    public func conditionNumber() throws -> Double {
        let s = try singularValues()
        guard let first = s.first, let last = s.last else { return 0 }
        return last == 0 ? .infinity : first / last
    }

    /// Moore–Penrose pseudo-inverse `V · diag(1/σ) · Uᵀ`, dropping σ at or below `tolerance`
    /// (default `max(m,n) · ε · σ₁`, as numpy and MATLAB do).
    public func pseudoInverse(tolerance: Double? = nil) throws -> Matrix {
        BLASThreadPolicy.enforce()
        let svd = try SingularValueDecomposition(self)
        let tol = tolerance ?? svd.defaultTolerance
        // Scale row i of Vᵀ by 1/σᵢ (zero when dropped), then (diag(1/σ)Vᵀ)ᵀ · Uᵀ.
        var scaledVt = svd.vt
        let k = svd.singularValues.count
        scaledVt.storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<k {
                let s = svd.singularValues[i]
                cblas_dscal(Int32(columns), s > tol ? 1 / s : 0, p.baseAddress! + i, Int32(k))
            }
        }
        return try BLAS.product(.transpose, scaledVt, .transpose, svd.u)
    }
}
