import Foundation
import LabourData

extension ForecastAccuracy {
    /// The accuracy of what a user gets: the whole forecast — base models, reconciliation,
    /// non-negativity, intervals from the reconciled and calibrated paths — re-run with `options`
    /// from each of the last `origins` cut-offs and scored against what followed, per hierarchy
    /// level and step. Base forecasts are not what is published: reconciliation moves both the
    /// points and the spread of the bands (a band's spread is measured about the published point,
    /// and the panel's own calibration rescales it), so a table of base forecasts says little
    /// about the published bands.
    ///
    /// Scores as `Backtester` computes them: MASE and MSIS scaled by the mean |Δy| of each series'
    /// training years, sMAPE, CRPS of the reconciled paths, coverage pooled over points. Declared
    /// breaks after a cut-off are left out of that origin's run (its history does not reach them).
    /// Nil when the panel is too short for even one origin with one step (it needs 4 years).
    public static func measure(_ panel: Panel, options: ForecastOptions, origins: Int = 3) throws -> ForecastAccuracy? {
        let history = PanelHistory(panel.series(options.measure))
        let k = max(1, min(origins, history.span - 3))
        let steps = min(options.horizon, history.span - 3 - (k - 1))
        guard steps >= 1 else { return nil }
        let cutoffs = (0..<k).map { history.lastYear - steps - (k - 1) + $0 }
        let h = history.hierarchy, n = h.seriesCount, levels = options.levels
        var index: [String: Int] = [:]
        let nb = h.b.nodes.count
        for i in 0..<n { index[h.a.nodes[i / nb].code + "/" + h.b.nodes[i % nb].code] = i }
        var scores = (0..<n).map { _ in [SeriesScore(levels: levels.count, horizon: steps)] }
        for cutoff in cutoffs {
            var o = options
            o.horizon = steps
            o.breaks = options.breaks.filter { $0 <= cutoff }
            let f = try PanelForecaster.run(panel.through(year: cutoff), options: o)
            let nf = f.seriesCount, H = f.years.count, P = f.pathCount
            for j in 0..<nf {
                let (r, c) = f.key(j)
                guard let i = index[r + "/" + c] else { continue }
                let y = history.series(i)
                let scale = SeriesScore.scales(training: SeriesForecaster.fillGaps(Array(y[0...(cutoff - history.firstYear)])).values) ?? (0, 0)
                for (s, year) in f.years.enumerated() where year <= history.lastYear {
                    let actual = y[year - history.firstYear]
                    guard actual.isFinite else { continue }
                    let point = f.mean[s * nf + j]
                    var crps = abs(actual - point)
                    if P > 0 {
                        let base = (j * H + s) * P
                        crps = ForecastDistribution.crps(sorted: f.paths[base..<(base + P)].map(Double.init).sorted(), actual)
                    }
                    scores[i][0].add(actual: actual, point: point, step: s, crps: crps, scale: scale, levels: levels,
                                     lower: { f.lower[$0][s * nf + j] }, upper: { f.upper[$0][s * nf + j] })
                }
            }
        }
        var bo = BacktestOptions()
        bo.horizon = steps
        bo.origins = k
        bo.models = [options.model]
        bo.yardsticks = false
        bo.levels = levels
        bo.intervals = options.intervals
        let result = BacktestResult(history: history, options: bo, models: [options.model], scores: scores, cutoffs: cutoffs)
        return ForecastAccuracy(model: options.model, cutoffs: cutoffs, horizon: steps, levels: levels, rows: result.summary(byStep: true))
    }
}
