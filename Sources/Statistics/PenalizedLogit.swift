import Foundation
import LinearAlgebra

/// L2-penalised logistic regression by iteratively reweighted least squares, each step a
/// Cholesky solve (LAPACK dpotrf/dpotrs) of the penalised normal equations
/// (X̃ᵀWX̃ + Λ) β = X̃ᵀ(W X̃ β + y − p), X̃ = [1 X], Λ = diag(0, λ, …, λ).
///
/// The objective is Σ log-loss + (λ/2)‖β₁…ₖ‖² with an unpenalised intercept: scikit-learn's
/// LogisticRegression(C = 1/λ) with the lbfgs solver; λ = 0 is statsmodels' Logit (Newton), and
/// the covariance is then its `cov_params()`.
public enum PenalizedLogit {
    public struct Fit: Sendable {
        /// Intercept first, then one coefficient per column of X.
        public let coefficients: [Double]
        public let iterations: Int
        public let converged: Bool
        /// (X̃ᵀWX̃ + Λ)⁻¹ at the solution, column-major k × k: the covariance of the coefficients
        /// (penalised, so slightly conservative); its diagonal gives the standard errors.
        public let covariance: Matrix
        public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

        public init(coefficients: [Double], iterations: Int, converged: Bool, covariance: Matrix) {
            self.coefficients = coefficients
            self.iterations = iterations
            self.converged = converged
            self.covariance = covariance
        }

        /// σ(β₀ + Σ βⱼ xⱼ).
        public func probability(_ x: [Double]) -> Double {
            var eta = coefficients[0]
            for j in x.indices { eta += coefficients[j + 1] * x[j] }
            return 1 / (1 + exp(-eta))
        }
    }

    /// - Parameters:
    ///   - x: n × (k − 1) predictors, without the intercept column.
    ///   - y: n labels, each 0 or 1.
    ///   - lambda: the ridge penalty on every coefficient but the intercept.
    public static func fit(_ x: Matrix, _ y: [Double], lambda: Double, maxIterations: Int = 100,
                           tolerance: Double = 1e-12) throws -> Fit {
        let n = x.rows, k = x.columns + 1
        guard y.count == n, n > 0 else { throw LinearAlgebraError.dimensionMismatch("logit: \(n) rows, \(y.count) labels") }
        guard y.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw LinearAlgebraError.insufficientData("labels must be 0 or 1") }
        // Column-major [1 X]: the intercept column, then X's storage as it is.
        var design = Matrix(rows: n, columns: k)
        design.storage.withUnsafeMutableBufferPointer { d in
            for i in 0..<n { d[i] = 1 }
            x.storage.withUnsafeBufferPointer { s in
                for i in 0..<s.count { d[n + i] = s[i] }
            }
        }
        var beta = [Double](repeating: 0, count: k)
        var converged = false
        var iterations = 0
        var weighted = design
        var hessian = Matrix.identity(k)
        var z = [Double](repeating: 0, count: n)
        var sqrtW = [Double](repeating: 0, count: n)
        for it in 1...maxIterations {
            iterations = it
            let eta = try BLAS.product(.none, design, beta)
            // Row weights w = p(1 − p); z = W η + y − p, so that X̃ᵀz is the Newton right side.
            for i in 0..<n {
                let p = min(max(1 / (1 + exp(-eta[i])), 1e-15), 1 - 1e-15)
                let w = p * (1 - p)
                sqrtW[i] = w.squareRoot()
                z[i] = w * eta[i] + y[i] - p
            }
            // X̃ᵀWX̃ + Λ by dsyrk on √w-scaled rows.
            weighted.storage.withUnsafeMutableBufferPointer { wd in
                design.storage.withUnsafeBufferPointer { d in
                    sqrtW.withUnsafeBufferPointer { s in
                        for j in 0..<k { let o = j * n; for i in 0..<n { wd[o + i] = d[o + i] * s[i] } }
                    }
                }
            }
            var a = BLAS.gram(weighted)
            for j in 1..<k { a[j, j] += lambda }
            hessian = a
            let next = try Cholesky(a).solve(BLAS.product(.transpose, design, z))
            let change = zip(next, beta).map { abs($0 - $1) }.max() ?? 0
            beta = next
            if change < tolerance * max(1, beta.map(abs).max() ?? 1) { converged = true; break }
        }
        return Fit(coefficients: beta, iterations: iterations, converged: converged, covariance: try Cholesky(hessian).inverse())
    }
}
