import Foundation
import LinearAlgebra
import Statistics

/// A discrete-time hazard model: each spell is a row per quarter it was on the register (up to
/// four), with 1 in the quarter it ended; a logit of leaving with a level per quarter and the
/// same features (proportional odds). P(still registered at 12 months) = Π_q (1 − h_q).
///
/// Its use over the plain logit: spells not yet followed 12 months (the latest cohort) still
/// tell how many quarters they lasted, so the model learns from the most recent registrations.
public struct HazardRiskModel: RiskModel {
    public let coefficients: [RiskCoefficient]
    public let iterations: Int
    /// Person-quarter rows the model was fitted on.
    public let personPeriods: Int
    /// Intercept (quarter 1), quarters 2–4, then one per feature, on the original scale.
    let beta: [Double]
    let means: [Double]

    /// - Parameters:
    ///   - months: months on the register for each row of `x` (NaN: unknown, the spell is left out).
    ///   - labels: ltu_12m (NaN: not yet known; the spell is censored at `months`).
    public init(design x: Matrix, months: [Double], labels: [Double], features: [RiskFeature], penalty: Double) throws {
        // Expand: (row of x, quarter, left in that quarter).
        var source: [Int] = [], quarter: [Int] = [], event: [Double] = []
        for i in 0..<x.rows {
            let m = months[i], y = labels[i]
            guard m.isFinite, m >= 0 else { continue }
            let quarters: Int, left: Bool
            if y == 1 { quarters = 4; left = false }
            else if y == 0 { quarters = min(4, max(1, Int((m / 3).rounded(.up)))); left = true }
            else { quarters = min(4, Int(m / 3)); left = false }
            for q in 0..<quarters {
                source.append(i); quarter.append(q); event.append(left && q == quarters - 1 ? 1 : 0)
            }
        }
        guard Set(event).count == 2 else {
            throw ProfilingError.noTrainingData("the hazard model needs spells that ended and spells that lasted, with months on the register")
        }
        let scaling = Standardisation(x)
        let z = scaling.apply(x)
        let n = source.count, k = x.columns
        var design = Matrix(rows: n, columns: 3 + k)
        design.storage.withUnsafeMutableBufferPointer { d in
            z.storage.withUnsafeBufferPointer { s in
                for r in 0..<n {
                    if quarter[r] > 0 { d[(quarter[r] - 1) * n + r] = 1 }
                    for j in 0..<k { d[(3 + j) * n + r] = s[j * x.rows + source[r]] }
                }
            }
        }
        // Quarter levels are not penalised in spirit; with thousands of rows λ = 1 hardly bites.
        let fit = try PenalizedLogit.fit(design, event, lambda: penalty)
        let (b, cov) = scaling.unscale(fit.coefficients, covariance: fit.covariance, leading: 3)
        beta = b
        means = scaling.means
        iterations = fit.iterations
        personPeriods = n
        let terms = ["intercept (quarter 1)", "quarter 2", "quarter 3", "quarter 4"] + features.map(\.key)
        coefficients = zip(terms, zip(b, cov.diagonal)).map {
            RiskCoefficient(term: $0.0, estimate: $0.1.0, standardError: $0.1.1.squareRoot())
        }
    }

    public func probabilities(_ x: Matrix) -> [Double] {
        let eta = (try? BLAS.product(.none, x, Array(beta.dropFirst(4)))) ?? [Double](repeating: 0, count: x.rows)
        return eta.map { e in
            var survive = 1.0
            for q in 0..<4 {
                let level = beta[0] + (q > 0 ? beta[q] : 0)
                survive *= 1 - 1 / (1 + exp(-(level + e)))
            }
            return survive
        }
    }

    /// Leaving faster lowers the risk: the push is minus the feature's effect on the hazard.
    public func riskContribution(feature j: Int, value x: Double) -> Double { -beta[j + 4] * (x - means[j]) }
}
