import Foundation
import LabourData
import LinearAlgebra

/// Rolling-origin evaluation settings.
public struct BacktestOptions: Sendable {
    public var measure = "employment"
    public var horizon = 5
    /// Number of forecast origins. The last origin leaves `horizon` years to evaluate.
    public var origins = 5
    /// Models to evaluate. Naive and drift are always added: a score means little without them.
    public var models: [ModelChoice] = [.auto, .theta, .combo]
    public var levels: [Double] = [80, 95]
    /// Gaussian sample paths for intervals of models without a closed form.
    public var paths = 100
    public var seed: UInt64 = 20_251_123
    public init() {}

    var allModels: [ModelChoice] {
        var out = models
        for m in [ModelChoice.naive, .drift] where !out.contains(m) { out.append(m) }
        return out
    }
}

/// Accumulated errors of one model on one series over all origins and horizons.
public struct SeriesScore: Sendable {
    public var points = 0
    var absScaled = 0.0, sqScaled = 0.0, smape = 0.0, scaledPoints = 0
    var covered: [Int]

    init(levels: Int) { covered = [Int](repeating: 0, count: levels) }

    /// Mean absolute scaled error (scale: mean |Δy| of the training data at each origin).
    public var mase: Double { scaledPoints > 0 ? absScaled / Double(scaledPoints) : .nan }
    /// Root mean squared scaled error (scale: mean Δy² of the training data).
    public var rmsse: Double { scaledPoints > 0 ? (sqScaled / Double(scaledPoints)).squareRoot() : .nan }
    /// Symmetric MAPE in percent, 200|y − f|/(|y| + |f|).
    public var smapePercent: Double { points > 0 ? smape / Double(points) : .nan }
    public func coverage(_ l: Int) -> Double { points > 0 ? Double(covered[l]) / Double(points) : .nan }
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
        var groups: [String: [Int]] = ["all": []]
        var order = ["all"]
        for i in scores.indices {
            let l = history.level(i)
            if groups[l] == nil { order.append(l); groups[l] = [] }
            groups[l]!.append(i); groups["all"]!.append(i)
        }
        var out: [(String, ModelChoice, Int, Double, Double, Double, [Double])] = []
        for level in order {
            let members = groups[level]!
            for (mi, model) in models.enumerated() {
                let s = members.map { scores[$0][mi] }.filter { $0.points > 0 }
                func mean(_ f: (SeriesScore) -> Double) -> Double {
                    let v = s.map(f).filter { $0.isFinite }
                    return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
                }
                let pts = s.reduce(0) { $0 + $1.points }
                let cov = (0..<options.levels.count).map { l in
                    pts > 0 ? Double(s.reduce(0) { $0 + $1.covered[l] }) / Double(pts) : .nan
                }
                out.append((level, model, s.count, mean(\.mase), mean(\.rmsse), mean(\.smapePercent), cov))
            }
        }
        return out
    }

    /// `region,isco,level,model,points,mase,rmsse,smape,coverage80,coverage95`, one row per
    /// series and model; empty cells where a score is undefined (e.g. a constant training series).
    public func csv(decimals: Int = 4) -> [UInt8] {
        var w = CSVWriter(decimals: decimals)
        w.row(["region", "isco", "level", "model", "points", "mase", "rmsse", "smape"]
              + options.levels.map { "coverage\(Int($0))" })
        let nb = history.hierarchy.b.nodes.count
        for (i, row) in scores.enumerated() {
            let region = history.hierarchy.a.nodes[i / nb].code, isco = history.hierarchy.b.nodes[i % nb].code
            for (mi, s) in row.enumerated() where s.points > 0 {
                w.text(region); w.comma(); w.text(isco); w.comma(); w.text(history.level(i)); w.comma()
                w.text(models[mi].rawValue); w.comma(); w.int(s.points)
                for v in [s.mase, s.rmsse, s.smapePercent] + (0..<options.levels.count).map(s.coverage) {
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
        let n = history.hierarchy.seriesCount
        let savedThreads = BLAS.threads
        BLAS.threads = 1
        defer { BLAS.threads = savedThreads }
        let scores: [[SeriesScore]] = PanelForecaster.parallelChunks(n) { i -> [SeriesScore] in
            let y = history.series(i)
            var out = models.map { _ in SeriesScore(levels: levels.count) }
            var rng = SeededGenerator(seed: options.seed, stream: UInt64(i))
            for cutoff in cutoffs {
                let train = Array(y[0...(cutoff - history.firstYear)])
                let (filled, _, _) = SeriesForecaster.fillGaps(train)
                guard filled.count >= 2 else { continue }
                var sa = 0.0, s2 = 0.0
                for t in 1..<filled.count { let d = filled[t] - filled[t - 1]; sa += abs(d); s2 += d * d }
                sa /= Double(filled.count - 1); s2 /= Double(filled.count - 1)
                // Steps from the series' own last training value to each evaluated year.
                let lastObserved = train.lastIndex(where: { $0.isFinite })!
                let lead = cutoff - history.firstYear - lastObserved
                let fitted = SeriesForecaster.fit(train, models: models)
                for mi in models.indices {
                    let model = fitted[mi].model
                    let steps = lead + H
                    let mean = model.mean(steps)
                    var bounds: [(lower: [Double], upper: [Double])] = levels.compactMap { model.interval(steps, level: $0) }
                    if bounds.count != levels.count {
                        bounds = simulatedIntervals(model, steps: steps, levels: levels, paths: options.paths, rng: &rng)
                    }
                    for k in 0..<H {
                        let yi = cutoff + 1 + k - history.firstYear
                        let actual = y[yi]
                        guard actual.isFinite else { continue }
                        let f = mean[lead + k]
                        let e = actual - f
                        out[mi].points += 1
                        if sa > 0 { out[mi].absScaled += abs(e) / sa; out[mi].sqScaled += e * e / s2; out[mi].scaledPoints += 1 }
                        let denom = abs(actual) + abs(f)
                        out[mi].smape += denom > 0 ? 200 * abs(e) / denom : 0
                        for l in 0..<levels.count where actual >= bounds[l].lower[lead + k] && actual <= bounds[l].upper[lead + k] {
                            out[mi].covered[l] += 1
                        }
                    }
                }
            }
            return out
        }
        return BacktestResult(history: history, options: options, models: models, scores: scores, cutoffs: cutoffs)
    }

    /// Quantiles of Gaussian-innovation paths at every level, for models without a closed-form
    /// variance. One set of paths serves all levels.
    static func simulatedIntervals(_ model: BaseModel, steps: Int, levels: [Double], paths: Int,
                                   rng: inout SeededGenerator) -> [(lower: [Double], upper: [Double])] {
        let p = max(2, paths)
        var samples = [Float](repeating: 0, count: steps * p)
        let indices = [Int](repeating: -1, count: steps)
        var normals = [Double](repeating: 0, count: steps)
        var path = [Double](repeating: 0, count: steps)
        for j in 0..<p {
            for k in 0..<steps { normals[k] = rng.normal() }
            indices.withUnsafeBufferPointer { ix in
                normals.withUnsafeBufferPointer { nz in
                    path.withUnsafeMutableBufferPointer { model.simulate(indices: ix, normals: nz, into: $0) }
                }
            }
            for k in 0..<steps { samples[k * p + j] = Float(path[k]) }
        }
        var out = levels.map { _ in (lower: [Double](repeating: 0, count: steps), upper: [Double](repeating: 0, count: steps)) }
        samples.withUnsafeMutableBufferPointer { buf in
            for k in 0..<steps {
                let row = UnsafeMutableBufferPointer(rebasing: buf[(k * p)..<((k + 1) * p)])
                sortFloats(row)
                for (l, level) in levels.enumerated() {
                    let alpha = (1 - level / 100) / 2
                    out[l].lower[k] = Double(PanelForecaster.quantile(UnsafeBufferPointer(row), alpha))
                    out[l].upper[k] = Double(PanelForecaster.quantile(UnsafeBufferPointer(row), 1 - alpha))
                }
            }
        }
        return out
    }
}
