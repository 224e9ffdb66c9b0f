import Foundation

/// Accuracy and interval coverage of one forecasting method on a set of yearly series whose last
/// `horizon` values are held out, scored as the M competitions score: sMAPE and MASE averaged per
/// series then over series, and the share of held-out values inside each central interval,
/// per horizon.
public struct HoldoutScore: Sendable {
    public let method: String
    public let series: Int
    /// Mean over series of the mean sMAPE (percent) over the held-out years.
    public let smape: Double
    /// Mean over series of the mean absolute error scaled by the in-sample mean |Δy|.
    public let mase: Double
    /// Mean scaled interval score (Gneiting & Raftery 2007, scaled as MASE) per level.
    public let msis: [Double]
    /// `coverage[level][h − 1]`: share of held-out values at step h inside the interval.
    public let coverage: [[Double]]
    /// Coverage over all steps per level.
    public var overallCoverage: [Double] { coverage.map { $0.reduce(0, +) / Double(max(1, $0.count)) } }
}

/// One forecast of one held-out series: point forecasts and interval bounds per level.
public struct HoldoutForecast: Sendable {
    public var mean: [Double]
    /// `lower[level][k]`, `upper[level][k]`.
    public var lower: [[Double]]
    public var upper: [[Double]]
    public init(mean: [Double], lower: [[Double]], upper: [[Double]]) {
        self.mean = mean; self.lower = lower; self.upper = upper
    }
}

public enum HoldoutEvaluation {
    /// Splits each series into training data and its last `horizon` values; series shorter than
    /// `minimumTraining + horizon` are skipped.
    public static func splits(_ series: [[Double]], horizon: Int, minimumTraining: Int = 4) -> [(train: [Double], test: [Double])] {
        series.compactMap { y in
            guard y.count >= minimumTraining + horizon else { return nil }
            return (Array(y.dropLast(horizon)), Array(y.suffix(horizon)))
        }
    }

    /// Fits on every training series, on all cores.
    public static func fits<T: Sendable>(_ trains: [[Double]], _ fit: @escaping @Sendable ([Double]) -> T) -> [T] {
        PanelForecaster.parallelChunks(trains.count) { fit(trains[$0]) }
    }

    /// Scores fitted models with intervals mean ± c·σ_h, σ_h from `approximateVariance`: c the
    /// calibrated multiplier, or the normal quantile without a calibration (model-based).
    public static func score(method: String, splits: [(train: [Double], test: [Double])], levels: [Double],
                             models: [BaseModel], calibration: IntervalCalibration? = nil) -> HoldoutScore {
        let H = splits.first?.test.count ?? 0
        let forecasts = models.map { m in forecast(m, steps: H, levels: levels, calibration: calibration) }
        return score(method: method, splits: splits, levels: levels, forecasts: forecasts)
    }

    /// Point forecasts and central intervals of a fitted model, 1…steps; `floor`, σ per step,
    /// the least spread its history can justify (`ShortHistoryFloor`), for calibrated intervals.
    public static func forecast(_ m: BaseModel, steps H: Int, levels: [Double], calibration: IntervalCalibration?,
                                floor: [Double]? = nil) -> HoldoutForecast {
        let mean = m.mean(H)
        let variance = calibration == nil ? m.approximateVariance(H) : ShortHistoryFloor.floored(m.approximateVariance(H), by: floor)
        let bounds = levels.map { level -> (lower: [Double], upper: [Double]) in
            if let calibration { return calibration.interval(mean: mean, variance: variance, level: level) }
            let w = variance.map { NormalDistribution.z(level: level) * $0.squareRoot() }
            return ((0..<H).map { mean[$0] - w[$0] }, (0..<H).map { mean[$0] + w[$0] })
        }
        return HoldoutForecast(mean: mean, lower: bounds.map(\.lower), upper: bounds.map(\.upper))
    }

    /// Out-of-sample standardised absolute errors |y − ŷ| / σ_h of `model`, `result[h − 1]`
    /// for step h, from `origins` forecast origins per series: the last leaves `horizon` values
    /// to check, each earlier one a year less of training. Origins with fewer than
    /// `minimumTraining` training values, and steps where σ_h is 0, are skipped.
    public static func standardizedErrors(_ series: [[Double]], horizon H: Int, origins: Int, minimumTraining: Int,
                                          model: ModelChoice) -> [[Double]] {
        let perSeries: [[[Double]]] = PanelForecaster.parallelChunks(series.count) { i in
            let y = series[i]
            var out = [[Double]](repeating: [], count: H)
            for o in 0..<origins {
                let cut = y.count - H - o
                guard cut >= minimumTraining else { break }
                let m = SeriesForecaster.fit(Array(y[0..<cut]), model: model).model
                let mean = m.mean(H), v = m.approximateVariance(H)
                for k in 0..<H where v[k] > 0 && v[k].isFinite {
                    out[k].append(abs(y[cut + k] - mean[k]) / v[k].squareRoot())
                }
            }
            return out
        }
        return (0..<H).map { k in perSeries.flatMap { $0[k] } }
    }

    /// Scores given forecasts, one per split.
    public static func score(method: String, splits: [(train: [Double], test: [Double])], levels: [Double],
                             forecasts results: [HoldoutForecast]) -> HoldoutScore {
        let H = splits.first?.test.count ?? 0
        var smape = 0.0, mase = 0.0, scaled = 0
        var msis = [Double](repeating: 0, count: levels.count)
        var covered = [[Int]](repeating: [Int](repeating: 0, count: H), count: levels.count)
        for (s, f) in zip(splits, results) {
            let scale = MeanAbsoluteChange.of(s.train)
            var sm = 0.0, ma = 0.0
            var is_ = [Double](repeating: 0, count: levels.count)
            for k in 0..<H {
                let y = s.test[k], m = f.mean[k]
                let d = abs(y) + abs(m)
                sm += d > 0 ? 200 * abs(y - m) / d : 0
                ma += abs(y - m)
                for l in levels.indices {
                    let lo = f.lower[l][k], hi = f.upper[l][k]
                    if y >= lo && y <= hi { covered[l][k] += 1 }
                    is_[l] += IntervalScore.value(y, lower: lo, upper: hi, level: levels[l])
                }
            }
            smape += sm / Double(H)
            if scale > 0 {
                mase += ma / Double(H) / scale
                for l in levels.indices { msis[l] += is_[l] / Double(H) / scale }
                scaled += 1
            }
        }
        let n = Double(max(1, splits.count))
        return HoldoutScore(method: method, series: splits.count, smape: smape / n,
                            mase: mase / Double(max(1, scaled)), msis: msis.map { $0 / Double(max(1, scaled)) },
                            coverage: covered.map { $0.map { Double($0) / n } })
    }
}

/// The mean absolute year-on-year change of a series: MASE's scale for yearly data.
public enum MeanAbsoluteChange {
    public static func of(_ y: [Double]) -> Double {
        guard y.count >= 2 else { return 0 }
        var s = 0.0
        for t in 1..<y.count { s += abs(y[t] - y[t - 1]) }
        return s / Double(y.count - 1)
    }
}

/// The interval score of a central (1 − α) interval: width plus 2/α times the miss
/// (Gneiting & Raftery 2007); its mean scaled by MASE's scale is the M4's MSIS.
public enum IntervalScore {
    public static func value(_ y: Double, lower: Double, upper: Double, level: Double) -> Double {
        let alpha = 1 - level / 100
        var s = upper - lower
        if y < lower { s += 2 / alpha * (lower - y) }
        if y > upper { s += 2 / alpha * (y - upper) }
        return s
    }
}
