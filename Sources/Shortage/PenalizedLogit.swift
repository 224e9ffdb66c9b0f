import LinearAlgebra

/// L2-penalised logistic regression by iteratively reweighted least squares, each step a
/// Cholesky solve (LAPACK dpotrf/dpotrs) of the penalised normal equations
/// (X̃ᵀWX̃ + Λ) β = X̃ᵀ(W X̃ β + y − p), X̃ = [1 X], Λ = diag(0, λ, …, λ).
///
/// The objective is Σ log-loss + (λ/2)‖β₁…ₖ‖² with an unpenalised intercept: scikit-learn's
/// LogisticRegression(C = 1/λ) with the lbfgs solver.
public enum PenalizedLogit {
    public struct Fit: Sendable {
        /// Intercept first, then one coefficient per column of X.
        public let coefficients: [Double]
        public let iterations: Int
        public let converged: Bool
        /// (X̃ᵀWX̃ + Λ)⁻¹ at the solution, row-major k × k: the covariance of the coefficients
        /// (penalised, so slightly conservative); its diagonal gives the standard errors.
        public let covariance: Matrix
        public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

        /// σ(β₀ + Σ βⱼ xⱼ).
        public func probability(_ x: [Double]) -> Double {
            var eta = coefficients[0]
            for j in x.indices { eta += coefficients[j + 1] * x[j] }
            return 1 / (1 + exp(-eta))
        }
    }

    public static func fit(_ x: Matrix, _ y: [Double], lambda: Double, maxIterations: Int = 100,
                           tolerance: Double = 1e-12) throws -> Fit {
        let n = x.rows, k = x.columns + 1
        guard y.count == n, n > 0 else { throw LinearAlgebraError.dimensionMismatch("logit: \(n) rows, \(y.count) labels") }
        guard y.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw LinearAlgebraError.insufficientData("labels must be 0 or 1") }
        var design = Matrix(rows: n, columns: k)
        for i in 0..<n { design[i, 0] = 1 }
        for j in 1..<k { for i in 0..<n { design[i, j] = x[i, j - 1] } }
        var beta = [Double](repeating: 0, count: k)
        var converged = false
        var iterations = 0
        var weighted = design
        var hessian = Matrix.identity(k)
        for it in 1...maxIterations {
            iterations = it
            let eta = design * beta
            var p = eta.map { 1 / (1 + exp(-$0)) }
            p = p.map { min(max($0, 1e-15), 1 - 1e-15) }
            // X̃ᵀWX̃ + Λ via dsyrk on √w-scaled rows; right side X̃ᵀ(W η + y − p).
            for j in 0..<k { for i in 0..<n { weighted[i, j] = design[i, j] * (p[i] * (1 - p[i])).squareRoot() } }
            var a = BLAS.gram(weighted)
            for j in 1..<k { a[j, j] += lambda }
            hessian = a
            var z = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let w = p[i] * (1 - p[i])
                z[i] = w * eta[i] + y[i] - p[i]
            }
            let next = try Cholesky(a).solve(BLAS.product(.transpose, design, z))
            let change = zip(next, beta).map { abs($0 - $1) }.max() ?? 0
            beta = next
            if change < tolerance * max(1, beta.map(abs).max() ?? 1) { converged = true; break }
        }
        return Fit(coefficients: beta, iterations: iterations, converged: converged, covariance: try Cholesky(hessian).inverse())
    }
}

import Foundation
