import LinearAlgebra
import Foundation

/// The forecast distribution of one fitted series, 1…steps, as the backtest judges it: point
/// forecasts, central intervals per level, and the continuous ranked probability score.
///
/// Calibrated: mean ± σ_h · q_h (σ_h from `approximateVariance`, at least a short history's
/// `ShortHistoryFloor`; q_h from the table), the same
/// marginals `PanelForecaster` gives its paths. Model: the model's closed-form Gaussian
/// intervals, or quantiles of simulated paths where it has none.
struct ForecastDistribution {
    let mean: [Double]
    /// `lower[level][k]`, `upper[level][k]`.
    let lower: [[Double]]
    let upper: [[Double]]
    /// Per step: the distribution's quantiles at P plotting positions, ascending (for the CRPS).
    private let points: [[Double]]

    static let crpsPoints = 100

    /// Standard quantiles at the CRPS plotting positions (r + ½)/P: of each shipped table per
    /// step, and of the normal. The same for every series, so computed once, not per series,
    /// origin and model (that recomputation was a quarter of a backtest's time; issue 30).
    private static let shippedPositions: [IntervalCalibration: [[Double]]] = {
        var out: [IntervalCalibration: [[Double]]] = [:]
        for choice in ModelChoice.allCases {
            guard let table = IntervalCalibration.shipped(for: choice), out[table] == nil else { continue }
            out[table] = (1...table.steps).map { step in positions { table.standardQuantile($0, step: step) } }
        }
        return out
    }()
    private static let normalPositions = positions(NormalDistribution.quantile)
    private static func positions(_ quantile: (Double) -> Double) -> [Double] {
        (0..<crpsPoints).map { quantile((Double($0) + 0.5) / Double(crpsPoints)) }
    }

    init(_ model: BaseModel, steps: Int, levels: [Double], method: IntervalMethod, calibration: IntervalCalibration?,
         floor: [Double]? = nil, paths: Int, rng: inout SeededGenerator) {
        let m = model.mean(steps)
        mean = m
        let P = Self.crpsPoints
        if method == .calibrated, let table = calibration {
            let variance = ShortHistoryFloor.floored(model.approximateVariance(steps), by: floor), sd = variance.map { $0.squareRoot() }
            let bounds = levels.map { table.interval(mean: m, variance: variance, level: $0) }
            lower = bounds.map(\.lower)
            upper = bounds.map(\.upper)
            // Beyond its last step a table reads its last row.
            let shipped = Self.shippedPositions[table]
            points = (0..<steps).map { k in
                let q = shipped?[min(k + 1, table.steps) - 1] ?? Self.positions { table.standardQuantile($0, step: k + 1) }
                return (0..<P).map { m[k] + sd[k] * q[$0] }
            }
        } else if levels.allSatisfy({ model.interval(steps, level: $0) != nil }), let v = model.variance(steps) {
            let bounds = levels.map { model.interval(steps, level: $0)! }
            lower = bounds.map(\.lower)
            upper = bounds.map(\.upper)
            points = (0..<steps).map { k in (0..<P).map { m[k] + v[k].squareRoot() * Self.normalPositions[$0] } }
        } else {
            let sim = Backtester.simulatedIntervals(model, steps: steps, levels: levels, paths: paths, rng: &rng)
            lower = sim.bounds.map(\.lower)
            upper = sim.bounds.map(\.upper)
            points = sim.samples
        }
    }

    /// CRPS(F, y) = E|X − y| − ½ E|X − X′| over the distribution's sorted points x₍₁₎ ≤ … ≤ x₍P₎,
    /// the second term as Σ (2j − P − 1) x₍ⱼ₎ / P² (no double loop).
    func crps(_ y: Double, step k: Int) -> Double { Self.crps(sorted: points[k], y) }

    /// The same for any sorted sample (a forecast's sample paths at one step).
    static func crps(sorted x: [Double], _ y: Double) -> Double {
        let p = Double(x.count)
        var a = 0.0, b = 0.0
        for (j, v) in x.enumerated() {
            a += abs(v - y)
            b += (2 * Double(j + 1) - p - 1) * v
        }
        return a / p - b / (p * p)
    }
}
