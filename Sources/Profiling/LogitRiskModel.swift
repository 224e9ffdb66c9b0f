import Foundation
import LinearAlgebra
import Statistics

/// The default: a penalised logistic regression of `ltu_12m` on the features, as Ireland's PEX
/// and the US WPRS states do it (IRLS with a LAPACK Cholesky solve each step).
public struct LogitRiskModel: RiskModel {
    public let coefficients: [RiskCoefficient]
    public let iterations: Int
    /// Intercept, then one per feature, on the original scale.
    let beta: [Double]
    let means: [Double]

    public init(design x: Matrix, labels y: [Double], features: [RiskFeature], penalty: Double) throws {
        let scaling = Standardisation(x)
        let fit = try PenalizedLogit.fit(scaling.apply(x), y, lambda: penalty)
        let (b, cov) = scaling.unscale(fit.coefficients, covariance: fit.covariance)
        beta = b
        means = scaling.means
        iterations = fit.iterations
        coefficients = zip(["intercept"] + features.map(\.key), zip(b, cov.diagonal)).map {
            RiskCoefficient(term: $0.0, estimate: $0.1.0, standardError: $0.1.1.squareRoot())
        }
    }

    public func probabilities(_ x: Matrix) -> [Double] {
        var eta = (try? BLAS.product(.none, x, Array(beta.dropFirst()))) ?? [Double](repeating: 0, count: x.rows)
        for i in eta.indices { eta[i] = 1 / (1 + exp(-(eta[i] + beta[0]))) }
        return eta
    }

    public func riskContribution(feature j: Int, value x: Double) -> Double { beta[j + 1] * (x - means[j]) }
}
