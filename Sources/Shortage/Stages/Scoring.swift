import Foundation
import LabourData
import LinearAlgebra
import MizanSupport

/// Stage 6: a score, its draws and the shortage probability of every cell.
///
/// With a calibration from past lists the score is the model's log-odds, and `p_shortage` is
/// the mean of σ(log-odds) over draws of the coefficients (from their covariance) and of the
/// forward balance: a calibrated probability, comparable across regions and levels. Without
/// one, the score is the weighted mean of the z-scores — weights learned from the panel
/// (`ReliabilityWeights`) or the configured ones, drawn around their values (Dirichlet) — and
/// `p_shortage` is the forward probability: the share of draws in which openings exceed new
/// supply by more than τ × employment.
struct Scoring {
    struct Cell {
        var score: Double
        var draws: [Double]
        var p: Double?
        var pForward: Double?
        /// Signed contributions to the score, for the reasons.
        var contributions: [(Indicator, Double)]
    }

    /// The composite's weights when there is no calibration: learned from `z` (the default) or
    /// the configured ones.
    static func compositeWeights(z: [[Indicator: Double]], regions: [String], config: ShortageConfig) -> [Indicator: Double] {
        switch config.weighting {
        case .fixed: return config.weights.filter { $0.value > 0 }
        case .learned: return ReliabilityWeights.weights(z: z, regional: regions.map { $0 != Regions.total }, prior: config.weights)
        }
    }

    static func score(z: [[Indicator: Double]], regions: [String], forward: [ForwardBalance.Cell?], standardisation: Standardisation,
                      calibration: ListCalibration?, compositeWeights: [Indicator: Double], config: ShortageConfig) throws -> [Cell] {
        let D = max(1, config.draws)
        var rng = SeededGenerator(seed: config.seed, stream: 3)
        @Sendable func forwardProbability(_ f: ForwardBalance.Cell?) -> Double? {
            guard let f, !f.draws.isEmpty else { return nil }
            return Double(f.draws.reduce(0) { $0 + ($1 > config.threshold ? 1 : 0) }) / Double(f.draws.count)
        }
        // The imbalance's scale read once: it is applied to every cell's every draw.
        let imbalanceScale = standardisation.center[.imbalance].flatMap { c in standardisation.scale[.imbalance].map { (c, $0) } }
        @Sendable func zImbalance(_ f: ForwardBalance.Cell?, _ d: Int) -> Double? {
            guard let f, let (center, scale) = imbalanceScale else { return nil }
            return ((f.draws.isEmpty ? f.imbalance : f.draws[d % f.draws.count]) - center) / scale
        }

        if let cal = calibration {
            // Coefficient draws β + L·ε, L the Cholesky factor of their covariance.
            let beta = cal.fit.coefficients, k = beta.count
            let L = try Cholesky(cal.fit.covariance).factor
            let betas: [[Double]] = (0..<D).map { _ in
                let e = (0..<k).map { _ in rng.normal() }
                return (0..<k).map { i in beta[i] + (0...i).reduce(0) { $0 + L[i, $1] * e[$1] } }
            }
            let imbalanceColumn = cal.features.firstIndex(of: .imbalance)
            // Cells are independent (every draw was made above): in parallel, in order.
            return parallelMap(z.count) { c in
                var x = cal.design(z[c], region: regions[c])
                func eta(_ b: [Double], _ x: [Double]) -> Double { var s = b[0]; for j in x.indices { s += b[j + 1] * x[j] }; return s }
                let central = eta(beta, x)
                var draws = [Double](repeating: 0, count: D), pSum = 0.0
                for d in 0..<D {
                    if let j = imbalanceColumn, let v = zImbalance(forward[c], d) { x[j] = v }
                    draws[d] = eta(betas[d], x)
                    pSum += 1 / (1 + exp(-draws[d]))
                }
                let contributions = cal.features.enumerated().compactMap { j, ind in z[c][ind].map { (ind, beta[j + 1] * $0) } }
                return Cell(score: central, draws: draws, p: pSum / Double(D), pForward: forwardProbability(forward[c]), contributions: contributions)
            }
        }

        let configured = compositeWeights
        let active = Indicator.allCases.filter { (configured[$0] ?? 0) > 0 }
        let total = active.reduce(0) { $0 + configured[$1]! }
        let weightDraws: [[Double]] = (0..<D).map { _ in
            active.map { Gamma.draw(shape: config.weightConcentration * configured[$0]! / total, rng: &rng) }
        }
        let weights = active.map { configured[$0]! }
        let imbalanceSlot = active.firstIndex(of: .imbalance)
        /// The same weighted mean over the active indicators' z as an array (no dictionary per draw).
        @Sendable func composite(_ zc: [Double?], _ w: [Double]) -> Double {
            var s = 0.0, tw = 0.0
            for j in zc.indices { if let v = zc[j] { s += w[j] * v; tw += w[j] } }
            return tw > 0 ? s / tw : 0
        }
        return parallelMap(z.count) { c in
            var zc = active.map { z[c][$0] }
            let central = composite(zc, weights)
            let draws = (0..<D).map { d -> Double in
                if let v = zImbalance(forward[c], d), let j = imbalanceSlot { zc[j] = v }
                return composite(zc, weightDraws[d])
            }
            let contributions = active.compactMap { ind in z[c][ind].map { (ind, configured[ind]! * $0) } }
            let pf = forwardProbability(forward[c])
            return Cell(score: central, draws: draws, p: pf, pForward: pf, contributions: contributions)
        }
    }
}
