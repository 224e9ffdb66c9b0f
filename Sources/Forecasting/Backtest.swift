import Foundation
import LabourData
import LinearAlgebra
import MizanSupport

/// Rolling-origin evaluation settings.
public struct BacktestOptions: Sendable {
    public var measure = "employment"
    public var horizon = 5
    /// Number of forecast origins. The last origin leaves `horizon` years to evaluate.
    public var origins = 5
    /// Models to evaluate. Naive and drift are added (`yardsticks`): a score means little without them.
    public var models: [ModelChoice] = [.auto, .theta, .combo]
    public var levels: [Double] = [80, 95]
    /// Gaussian sample paths for intervals of models without a closed form (model intervals).
    public var paths = 100
    /// Calibrated intervals (what `mizan forecast` gives by default) or the models' own.
    public var intervals: IntervalMethod = .calibrated
    public var seed: UInt64 = 20_251_123
    public init() {}

    /// Add naive and drift as yardsticks (the accuracy table beside a forecast does without).
    public var yardsticks = true

    /// Only the bottom series (region × occupation cells, the level lists are published at);
    /// aggregates are then neither fitted nor scored.
    public var bottomsOnly = false

    var allModels: [ModelChoice] {
        var out = models
        guard yardsticks else { return out }
        for m in [ModelChoice.naive, .drift] where !out.contains(m) { out.append(m) }
        return out
    }
}

/// Accumulated errors of one model on one series over all origins and horizons, and per step.
public struct SeriesScore: Sendable {
    public var points = 0
    var absScaled = 0.0, sqScaled = 0.0, smape = 0.0, scaledPoints = 0, crpsScaled = 0.0
    var covered: [Int]
    var intervalScaled: [Double]
    /// The same sums for each step 1…horizon.
    var steps: [StepScore]

    init(levels: Int, horizon: Int) {
        covered = [Int](repeating: 0, count: levels)
        intervalScaled = [Double](repeating: 0, count: levels)
        steps = [StepScore](repeating: StepScore(levels: levels), count: horizon)
    }

    /// The scales of one origin's training data (gaps filled as the models see them): mean |Δy|
    /// (MASE, MSIS, CRPS) and mean Δy² (RMSSE). Nil with fewer than two values.
    static func scales(training filled: [Double]) -> (abs: Double, sq: Double)? {
        guard filled.count >= 2 else { return nil }
        var sa = 0.0, s2 = 0.0
        for t in 1..<filled.count { let d = filled[t] - filled[t - 1]; sa += abs(d); s2 += d * d }
        return (sa / Double(filled.count - 1), s2 / Double(filled.count - 1))
    }

    /// Adds one held-out value at step k (0-based): its point forecast, the forecast
    /// distribution's CRPS there and the interval at each level. The scaled scores are left out
    /// where the training data did not move (scale 0).
    mutating func add(actual: Double, point f: Double, step k: Int, crps: Double, scale: (abs: Double, sq: Double),
                      levels: [Double], lower: (Int) -> Double, upper: (Int) -> Double) {
        let (sa, s2) = scale
        let e = actual - f
        let denom = abs(actual) + abs(f)
        let smape = denom > 0 ? 200 * abs(e) / denom : 0
        points += 1
        self.smape += smape
        steps[k].points += 1
        steps[k].smape += smape
        if sa > 0 {
            absScaled += abs(e) / sa; sqScaled += e * e / s2; scaledPoints += 1
            crpsScaled += crps / sa
            steps[k].absScaled += abs(e) / sa; steps[k].scaledPoints += 1
            steps[k].crpsScaled += crps / sa
        }
        for l in 0..<levels.count {
            let lo = lower(l), hi = upper(l)
            if actual >= lo && actual <= hi { covered[l] += 1; steps[k].covered[l] += 1 }
            if sa > 0 {
                let score = IntervalScore.value(actual, lower: lo, upper: hi, level: levels[l]) / sa
                intervalScaled[l] += score
                steps[k].intervalScaled[l] += score
            }
        }
    }

    /// Mean absolute scaled error (scale: mean |Δy| of the training data at each origin).
    public var mase: Double { scaledPoints > 0 ? absScaled / Double(scaledPoints) : .nan }
    /// Root mean squared scaled error (scale: mean Δy² of the training data).
    public var rmsse: Double { scaledPoints > 0 ? (sqScaled / Double(scaledPoints)).squareRoot() : .nan }
    /// Symmetric MAPE in percent, 200|y − f|/(|y| + |f|).
    public var smapePercent: Double { points > 0 ? smape / Double(points) : .nan }
    public func coverage(_ l: Int) -> Double { points > 0 ? Double(covered[l]) / Double(points) : .nan }
    /// Mean scaled interval score at level l (the M4's MSIS; same scale as MASE).
    public func msis(_ l: Int) -> Double { scaledPoints > 0 ? intervalScaled[l] / Double(scaledPoints) : .nan }
    /// Mean continuous ranked probability score of the forecast distribution, same scale as
    /// MASE (it equals the MAE for a point forecast with no spread).
    public var scaledCRPS: Double { scaledPoints > 0 ? crpsScaled / Double(scaledPoints) : .nan }
}

/// Sums of one step's errors (see `SeriesScore`).
struct StepScore: Sendable {
    var points = 0, scaledPoints = 0
    var absScaled = 0.0, smape = 0.0, crpsScaled = 0.0
    var covered: [Int]
    var intervalScaled: [Double]
    init(levels: Int) {
        covered = [Int](repeating: 0, count: levels)
        intervalScaled = [Double](repeating: 0, count: levels)
    }
}

/// Backtest means for one hierarchy level, model and step (0: all steps).
public struct BacktestSummaryRow: Sendable {
    public let level: String
    public let model: ModelChoice
    public let step: Int
    public let series: Int
    public let mase: Double, rmsse: Double, smape: Double, crps: Double
    public let coverage: [Double]
    public let msis: [Double]
}

/// Scores of every model on every series of the grouped structure.
public struct BacktestResult: Sendable {
    public let history: PanelHistory
    public let options: BacktestOptions
    public let models: [ModelChoice]
    /// `scores[series][model]`.
    public let scores: [[SeriesScore]]
    /// Training cut-off years.
    public let cutoffs: [Int]

    /// Mean of per-series scores by hierarchy level and model, plus "all".
    public func summary() -> [(level: String, model: ModelChoice, series: Int, mase: Double, rmsse: Double, smape: Double, coverage: [Double])] {
        summary(byStep: false).map { ($0.level, $0.model, $0.series, $0.mase, $0.rmsse, $0.smape, $0.coverage) }
    }

    /// Scores by hierarchy level ("all" first), model, and — with `byStep` — step 1…horizon
    /// after the all-steps row (step 0). MASE, RMSSE, sMAPE, CRPS and MSIS are means of
    /// per-series means; coverage pools every evaluated point.
    public func summary(byStep: Bool) -> [BacktestSummaryRow] {
        var groups: [String: [Int]] = ["all": []]
        var order = ["all"]
        for i in scores.indices {
            let l = history.level(i)
            if groups[l] == nil { order.append(l); groups[l] = [] }
            groups[l]!.append(i); groups["all"]!.append(i)
        }
        let L = options.levels.count
        func mean(_ v: [Double]) -> Double {
            let f = v.filter { $0.isFinite }
            return f.isEmpty ? .nan : f.reduce(0, +) / Double(f.count)
        }
        var out: [BacktestSummaryRow] = []
        for level in order {
            let members = groups[level]!
            // A level with nothing scored (aggregates of a bottoms-only run) has no rows.
            guard members.contains(where: { i in scores[i].contains { $0.points > 0 } }) else { continue }
            for (mi, model) in models.enumerated() {
                let s = members.map { scores[$0][mi] }.filter { $0.points > 0 }
                let pts = s.reduce(0) { $0 + $1.points }
                out.append(BacktestSummaryRow(
                    level: level, model: model, step: 0, series: s.count, mase: mean(s.map(\.mase)),
                    rmsse: mean(s.map(\.rmsse)), smape: mean(s.map(\.smapePercent)), crps: mean(s.map(\.scaledCRPS)),
                    coverage: (0..<L).map { l in pts > 0 ? Double(s.reduce(0) { $0 + $1.covered[l] }) / Double(pts) : .nan },
                    msis: (0..<L).map { l in mean(s.map { $0.msis(l) }) }))
                guard byStep else { continue }
                for k in 0..<options.horizon {
                    let st = s.map { $0.steps[k] }.filter { $0.points > 0 }
                    let p = st.reduce(0) { $0 + $1.points }
                    func scaled(_ f: (StepScore) -> Double) -> Double {
                        mean(st.map { $0.scaledPoints > 0 ? f($0) / Double($0.scaledPoints) : .nan })
                    }
                    out.append(BacktestSummaryRow(
                        level: level, model: model, step: k + 1, series: st.count, mase: scaled(\.absScaled), rmsse: .nan,
                        smape: mean(st.map { $0.smape / Double($0.points) }), crps: scaled(\.crpsScaled),
                        coverage: (0..<L).map { l in p > 0 ? Double(st.reduce(0) { $0 + $1.covered[l] }) / Double(p) : .nan },
                        msis: (0..<L).map { l in scaled { $0.intervalScaled[l] } }))
                }
            }
        }
        return out
    }

    /// `region,isco,level,model,points,mase,rmsse,smape,crps,coverage80,coverage95,msis80,msis95`, one row per
    /// series and model; empty cells where a score is undefined (e.g. a constant training series).
    public func csv(decimals: Int = 4) -> [UInt8] {
        var w = CSVWriter(decimals: decimals)
        w.row(["region", "isco", "level", "model", "points", "mase", "rmsse", "smape", "crps"]
              + options.levels.map { "coverage\(Int($0))" } + options.levels.map { "msis\(Int($0))" })
        let nb = history.hierarchy.b.nodes.count
        for (i, row) in scores.enumerated() {
            let region = history.hierarchy.a.nodes[i / nb].code, isco = history.hierarchy.b.nodes[i % nb].code
            for (mi, s) in row.enumerated() where s.points > 0 {
                w.text(region); w.comma(); w.text(isco); w.comma(); w.text(history.level(i)); w.comma()
                w.text(models[mi].rawValue); w.comma(); w.int(s.points)
                for v in [s.mase, s.rmsse, s.smapePercent, s.scaledCRPS] + (0..<options.levels.count).map(s.coverage)
                    + (0..<options.levels.count).map(s.msis) {
                    w.comma()
                    if v.isFinite { w.number(v) }
                }
                w.newline()
            }
        }
        return w.bytes
    }
}

public enum Backtester {
    public static func run(_ panel: Panel, options: BacktestOptions) throws -> BacktestResult {
        let series = panel.series(options.measure)
        guard !series.isEmpty else {
            throw PanelForecastError.noSeries("the panel has no values of '\(options.measure)'")
        }
        return try run(PanelHistory(series), options: options)
    }

    public static func run(_ history: PanelHistory, options: BacktestOptions) throws -> BacktestResult {
        guard options.horizon >= 1, options.origins >= 1 else { throw PanelForecastError.badOption("horizon and origins must be ≥ 1") }
        let H = options.horizon, K = options.origins
        let cutoffs = (0..<K).map { history.lastYear - H - (K - 1) + $0 }
        guard let first = cutoffs.first, first - history.firstYear + 1 >= 3 else {
            throw PanelForecastError.badOption("not enough years for \(K) origins and horizon \(H): the first origin would train on fewer than 3 years")
        }
        let models = options.allModels
        let levels = options.levels
        let h = history.hierarchy, n = h.seriesCount
        let scored = options.bottomsOnly ? h.bottomSeries : nil
        let scores: [[SeriesScore]] = PanelForecaster.parallelChunks(n) { i -> [SeriesScore] in
            var out = models.map { _ in SeriesScore(levels: levels.count, horizon: H) }
            if let scored, !scored.contains(i) { return out }
            // Aggregates as the forecaster sees them: a cell entering late is not a jump to forecast.
            let y = history.linkedSeries(i)
            var rng = SeededGenerator(seed: options.seed, stream: UInt64(i))
            for cutoff in cutoffs {
                let train = Array(y[0...(cutoff - history.firstYear)])
                let (filled, _, _) = SeriesForecaster.fillGaps(train)
                guard let scale = SeriesScore.scales(training: filled) else { continue }
                // Steps from the series' own last training value to each evaluated year.
                let lastObserved = train.lastIndex(where: { $0.isFinite })!
                let lead = cutoff - history.firstYear - lastObserved
                let fitted = SeriesForecaster.fit(train, models: models)
                for mi in models.indices {
                    let (model, flags) = fitted[mi]
                    let steps = lead + H
                    let dist = ForecastDistribution(model, steps: steps, levels: levels, method: options.intervals,
                                                    calibration: IntervalCalibration.shipped(for: models[mi], fitted: model, flags: flags),
                                                    floor: ShortHistoryFloor.shipped.sd(history: filled, steps: steps),
                                                    paths: options.paths, rng: &rng)
                    for k in 0..<H {
                        let actual = y[cutoff + 1 + k - history.firstYear]
                        guard actual.isFinite else { continue }
                        out[mi].add(actual: actual, point: dist.mean[lead + k], step: k, crps: dist.crps(actual, step: lead + k),
                                    scale: scale, levels: levels,
                                    lower: { dist.lower[$0][lead + k] }, upper: { dist.upper[$0][lead + k] })
                    }
                }
            }
            return out
        }
        return BacktestResult(history: history, options: options, models: models, scores: scores, cutoffs: cutoffs)
    }

    /// Quantiles of Gaussian-innovation paths at every level, for models without a closed-form
    /// variance, and the sorted samples of each step (for the CRPS). One set of paths serves all
    /// levels.
    static func simulatedIntervals(_ model: BaseModel, steps: Int, levels: [Double], paths: Int,
                                   rng: inout SeededGenerator) -> (bounds: [(lower: [Double], upper: [Double])], samples: [[Double]]) {
        let p = max(2, paths)
        var samples = [Float](repeating: 0, count: steps * p)
        let indices = [Int](repeating: -1, count: steps)
        var normals = [Double](repeating: 0, count: steps)
        var path = [Double](repeating: 0, count: steps)
        let simulator = PathSimulator(model)
        var scratch = [Double](repeating: 0, count: simulator.scratchCount(steps: steps))
        for j in 0..<p {
            for k in 0..<steps { normals[k] = rng.normal() }
            indices.withUnsafeBufferPointer { ix in
                normals.withUnsafeBufferPointer { nz in
                    path.withUnsafeMutableBufferPointer { pa in
                        scratch.withUnsafeMutableBufferPointer { simulator.simulate(indices: ix, normals: nz, into: pa, scratch: $0) }
                    }
                }
            }
            for k in 0..<steps { samples[k * p + j] = Float(path[k]) }
        }
        var out = levels.map { _ in (lower: [Double](repeating: 0, count: steps), upper: [Double](repeating: 0, count: steps)) }
        var sorted: [[Double]] = []
        samples.withUnsafeMutableBufferPointer { buf in
            for k in 0..<steps {
                let row = UnsafeMutableBufferPointer(rebasing: buf[(k * p)..<((k + 1) * p)])
                sortFloats(row)
                sorted.append(row.map(Double.init))
                for (l, level) in levels.enumerated() {
                    let alpha = (1 - level / 100) / 2
                    out[l].lower[k] = Double(Quantile.quantile(row, alpha))
                    out[l].upper[k] = Double(Quantile.quantile(row, 1 - alpha))
                }
            }
        }
        return (out, sorted)
    }
}
