import Foundation

/// Forecast intervals shaped by out-of-sample errors instead of by the model's own assumptions.
///
/// A model's h-step variance σ²_h comes from its in-sample fit, which knows nothing of parameter
/// and model uncertainty: on real yearly series the nominal 80 % band holds about 60 % of what
/// happens and the 95 % band about 75 %. Calibration keeps the model's σ_h (its shape across
/// horizons and across series) and replaces the Gaussian z by the quantile of the standardised
/// out-of-sample error |y − ŷ| / σ_h, measured per horizon on real yearly series that no one
/// here made (split-conformal with a per-horizon scale). The tables are fitted once, on one half
/// of the outside series, and shipped (`IntervalCalibration+Table.swift`); the other half
/// reports the coverage they give (Sources/Forecasting/README.md).
public struct IntervalCalibration: Sendable, Hashable {
    /// The coverage probabilities at which the quantiles are kept.
    public static let probabilities: [Double] = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99]
    /// `quantiles[h − 1][j]`: the `probabilities[j]` quantile of |y − ŷ| / σ_h at step h.
    public let quantiles: [[Double]]

    public init(quantiles: [[Double]]) {
        precondition(!quantiles.isEmpty && quantiles.allSatisfy { $0.count == Self.probabilities.count })
        self.quantiles = quantiles
    }

    /// Steps beyond the table use its last row: errors are already scaled by σ_h, which grows
    /// with h, so the ratio changes slowly with the horizon.
    public var steps: Int { quantiles.count }

    /// The multiplier of σ_h giving a central interval at `level` percent at step h (1-based).
    /// Between the tabulated probabilities it interpolates linearly; outside [50, 99] % it
    /// scales the nearest tabulated value by the ratio of normal quantiles.
    public func multiplier(level: Double, step h: Int) -> Double {
        let row = quantiles[min(max(h, 1), steps) - 1]
        let p = level / 100
        let ps = Self.probabilities
        if p <= ps[0] { return row[0] * NormalDistribution.z(level: level) / NormalDistribution.z(level: ps[0] * 100) }
        if p >= ps[ps.count - 1] {
            return row[ps.count - 1] * NormalDistribution.z(level: level) / NormalDistribution.z(level: ps[ps.count - 1] * 100)
        }
        var j = 1
        while ps[j] < p { j += 1 }
        let t = (p - ps[j - 1]) / (ps[j] - ps[j - 1])
        return row[j - 1] + t * (row[j] - row[j - 1])
    }

    /// The calibrated central interval at `level` percent for every step of a forecast:
    /// mean ± multiplier(level, step) · σ_step, σ² the model's (approximate) variance.
    public func interval(mean: [Double], variance: [Double], level: Double) -> (lower: [Double], upper: [Double]) {
        let w = variance.indices.map { multiplier(level: level, step: $0 + 1) * variance[$0].squareRoot() }
        return (mean.indices.map { mean[$0] - w[$0] }, mean.indices.map { mean[$0] + w[$0] })
    }

    /// The quantile at probability u ∈ (0, 1) of the calibrated forecast distribution at step h,
    /// in units of σ_h: symmetric about the point forecast, its central `level` % interval
    /// exactly ±`multiplier(level:step:)`.
    public func standardQuantile(_ u: Double, step h: Int) -> Double {
        let level = abs(2 * u - 1) * 100
        let m = level > 0 ? multiplier(level: min(level, 99.9999), step: h) : 0
        return u < 0.5 ? -m : m
    }

    /// The table to use for a series fitted with `requested`: a series too short for it, or one
    /// whose model fell back, is judged by the table of the model that was actually used.
    public static func shipped(for requested: ModelChoice, fitted model: BaseModel, flags: SeriesFlags) -> IntervalCalibration? {
        if flags.contains(.short) || flags.contains(.fallback) {
            if model is NaiveModel { return shipped(for: .naive) }
            if model is DriftModel { return shipped(for: .drift) }
        }
        return shipped(for: requested)
    }

    /// Fits the table from standardised absolute errors, `scores[h − 1]` holding those of step
    /// h. The quantile is the conformal one, the ⌈(m + 1)p⌉-th smallest of m scores, so that the
    /// coverage on new series is at least p when they are exchangeable with these. Quantiles are
    /// made non-decreasing in p.
    /// `pooling`: each step also reads the scores of the steps up to `pooling` away, which
    /// steadies the tails where one step alone has few errors.
    public static func fit(scores: [[Double]], pooling: Int = 0) -> IntervalCalibration {
        IntervalCalibration(quantiles: scores.indices.map { h in
            let near = max(0, h - pooling)...min(scores.count - 1, h + pooling)
            let s = near.flatMap { scores[$0] }.filter { $0.isFinite }.sorted()
            var row = probabilities.map { p -> Double in
                guard !s.isEmpty else { return NormalDistribution.z(level: p * 100) }
                let k = min(s.count, Int((Double(s.count + 1) * p).rounded(.up)))
                return s[max(0, k - 1)]
            }
            for j in 1..<row.count { row[j] = max(row[j], row[j - 1]) }
            return row
        })
    }

    /// The shipped table for a model choice (nil: no table, model-based intervals).
    public static func shipped(for model: ModelChoice) -> IntervalCalibration? {
        shippedTables[model.rawValue].map { IntervalCalibration(quantiles: $0) }
    }
}

/// How forecast intervals are made.
public enum IntervalMethod: String, Sendable, CaseIterable {
    /// Model σ_h scaled by out-of-sample error quantiles (the default).
    case calibrated
    /// The model's own intervals (Gaussian or simulated from in-sample residuals).
    case model
}
