import Foundation
import LabourData

extension ForecastAccuracy {
    /// The accuracy of what a user gets: the whole forecast — base models, reconciliation,
    /// non-negativity, intervals from the reconciled and calibrated paths — re-run with `options`
    /// from each of the last `origins` cut-offs and scored against what followed, per hierarchy
    /// level and step. Base forecasts are not what is published: reconciliation moves both the
    /// points and the spread of the bands (the width of a bottom's band by up to its
    /// `spreadCeiling`), so a table of base forecasts says little about the published bands.
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
                // Scale: mean |Δy| of the series' training years (gaps filled as the models see them).
                let train = (0...(cutoff - history.firstYear)).map { history.values[$0 * n + i] }
                let (filled, _, _) = SeriesForecaster.fillGaps(train)
                var sa = 0.0, s2 = 0.0
                if filled.count >= 2 {
                    for t in 1..<filled.count { let d = filled[t] - filled[t - 1]; sa += abs(d); s2 += d * d }
                    sa /= Double(filled.count - 1); s2 /= Double(filled.count - 1)
                }
                for (s, year) in f.years.enumerated() where year <= history.lastYear {
                    let actual = history.values[(year - history.firstYear) * n + i]
                    guard actual.isFinite else { continue }
                    let point = f.mean[s * nf + j], e = actual - point
                    let denom = abs(actual) + abs(point)
                    let smape = denom > 0 ? 200 * abs(e) / denom : 0
                    var crps = abs(e)
                    if P > 0 {
                        let base = (j * H + s) * P
                        let x = f.paths[base..<(base + P)].map(Double.init).sorted()
                        var a = 0.0, b = 0.0
                        for (q, v) in x.enumerated() { a += abs(v - actual); b += (2 * Double(q + 1) - Double(P) - 1) * v }
                        crps = a / Double(P) - b / Double(P * P)
                    }
                    scores[i][0].points += 1; scores[i][0].smape += smape
                    scores[i][0].steps[s].points += 1; scores[i][0].steps[s].smape += smape
                    if sa > 0 {
                        scores[i][0].absScaled += abs(e) / sa; scores[i][0].sqScaled += e * e / s2
                        scores[i][0].scaledPoints += 1; scores[i][0].crpsScaled += crps / sa
                        scores[i][0].steps[s].absScaled += abs(e) / sa; scores[i][0].steps[s].scaledPoints += 1
                        scores[i][0].steps[s].crpsScaled += crps / sa
                    }
                    for l in levels.indices {
                        let lo = f.lower[l][s * nf + j], hi = f.upper[l][s * nf + j]
                        if actual >= lo && actual <= hi { scores[i][0].covered[l] += 1; scores[i][0].steps[s].covered[l] += 1 }
                        if sa > 0 {
                            let score = IntervalScore.value(actual, lower: lo, upper: hi, level: levels[l]) / sa
                            scores[i][0].intervalScaled[l] += score; scores[i][0].steps[s].intervalScaled[l] += score
                        }
                    }
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
