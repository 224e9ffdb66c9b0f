import Foundation

/// The contract every fitted per-series model keeps (statsforecast's fit/predict/forecast, here:
/// point forecasts, variances, residuals, sample paths), so that the forecaster, the intervals,
/// the backtest and the path simulator run any model the same way. One model per file:
/// `ConstantModel`, `NaiveModel`, `DriftModel`, `LogLinearModel`, `ETSFit`, `ThetaModel`,
/// `ARIMAFit`, and `Combination` — a model of models. Which model a `ModelChoice` fits is
/// decided in one place, `SeriesForecaster.fit(_:model:ets:)`.
public protocol ForecastModel: Sendable {
    /// As printed in the forecast's `model` column.
    var name: String { get }
    /// Point forecasts for 1…h.
    func mean(_ h: Int) -> [Double]
    /// Forecast variances for 1…h where a closed form exists; nil otherwise.
    func variance(_ h: Int) -> [Double]?
    /// A variance on the data scale for every step: the closed form, else a first-order
    /// approximation. Calibrated intervals scale its square root, so only its shape matters.
    func approximateVariance(_ h: Int) -> [Double]
    /// Central interval bounds at `level` percent, 1…h, when a closed form exists.
    func interval(_ h: Int, level: Double) -> (lower: [Double], upper: [Double])?
    /// One-step in-sample residuals on the data scale (y − ŷ), aligned with the fitted series;
    /// NaN where the model has none.
    var residuals: [Double] { get }
    /// Number of fitted points the residuals cover (aligned to the end of the data).
    var residualCount: Int { get }
    /// Innovations on the model's own scale, for bootstrapping.
    var innovations: [Double] { get }
    /// A Gaussian innovation scale for steps where no bootstrap residual exists.
    var innovationSD: Double { get }
    /// A sample path for 1…h from innovations on this model's scale (`draws[k]` for step k).
    func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>)
}

/// The fitted model of one series, whichever it is.
public typealias BaseModel = any ForecastModel

extension ForecastModel {
    public func approximateVariance(_ h: Int) -> [Double] { variance(h) ?? [Double](repeating: 0, count: h) }

    public func interval(_ h: Int, level: Double) -> (lower: [Double], upper: [Double])? {
        guard let v = variance(h) else { return nil }
        let m = mean(h)
        let z = NormalDistribution.z(level: level)
        return (zip(m, v).map { $0 - z * $1.squareRoot() }, zip(m, v).map { $0 + z * $1.squareRoot() })
    }

    public var residualCount: Int { innovations.count }
    public var innovations: [Double] { residuals }

    /// A sample path driven by resampled residuals: step k uses this model's own innovation at
    /// position `indices[k]` of `innovations` (the joint bootstrap: every series draws the same
    /// year), or `innovationSD · normals[k]` when that position has none. A combination runs each
    /// part on its own innovations, so parts on different scales (relative errors of a
    /// multiplicative ETS, persons of a drift) are never mixed. For many paths of one model, make
    /// one `PathSimulator` and reuse it (this makes one per call).
    public func simulate(indices: UnsafeBufferPointer<Int>, normals: UnsafeBufferPointer<Double>,
                         into out: UnsafeMutableBufferPointer<Double>) {
        let simulator = PathSimulator(self)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: simulator.scratchCount(steps: out.count)) { scratch in
            simulator.simulate(indices: indices, normals: normals, into: out, scratch: scratch)
        }
    }

    /// Convenience: a path from a closure giving the innovation of step k.
    public func simulate(_ h: Int, draw: (Int) -> Double) -> [Double] {
        let d = (0..<h).map(draw)
        var out = [Double](repeating: 0, count: h)
        d.withUnsafeBufferPointer { dp in out.withUnsafeMutableBufferPointer { simulate(draws: dp, into: $0) } }
        return out
    }
}

/// A model whose sample paths are one of the simulator's scalar recursions.
protocol KernelModel: ForecastModel {
    var kernel: PathSimulator.Kernel { get }
}
