import Foundation
import LabourData
import LinearAlgebra
import MizanSupport

/// The stages of `PanelForecaster.run`, in order: options checked → history prepared (breaks)
/// → base models fitted → base means → one-step residuals → means reconciled (with the
/// fallback chain) → sample paths simulated → paths reconciled → calibrated shape → intervals.
extension PanelForecaster {
    /// A fitted base model, its flags, and the last year of the series it was fitted on.
    typealias BaseFit = (BaseModel, SeriesFlags, Int)

    static func checkOptions(_ options: ForecastOptions) throws {
        guard Horizon.forecastRange.contains(options.horizon) else {
            throw PanelForecastError.badOption("horizon must be \(Horizon.forecastRange.lowerBound)–\(Horizon.forecastRange.upperBound) years past the last observed one")
        }
        guard options.levels.allSatisfy({ $0 > 0 && $0 < 100 }) else { throw PanelForecastError.badOption("levels must be between 0 and 100") }
    }

    /// The measure's series on a common grid, with the breaks the panel seems to have but nobody
    /// declared flagged (top-level series) and the declared ones level-shifted.
    static func preparedHistory(_ panel: Panel, _ options: ForecastOptions) throws -> (PanelHistory, [String]) {
        var series = panel.series(options.measure)
        guard !series.isEmpty else {
            throw PanelForecastError.noSeries("the panel has no values of '\(options.measure)' (measures: \(panel.measures.joined(separator: ", ")))")
        }
        if let first = panel.firstYear, let last = panel.lastYear {
            for year in options.breaks where year <= first || year > last {
                throw PanelForecastError.badOption("break year \(year) is outside the panel's years after the first (\(first + 1)–\(last))")
            }
        }
        if Set(options.breaks).count != options.breaks.count { throw PanelForecastError.badOption("a break year is declared twice") }
        // Breaks the panel seems to have but nobody declared, on the top-level series.
        var breakWarnings: [String] = []
        do {
            let raw = PanelHistory(series)
            let h = raw.hierarchy
            // National series down to ISCO sub-major groups, and region totals: below them, a
            // unit group moving 8 % in a year is ordinary noise.
            let top = h.b.nodes.indices.filter { h.b.nodes[$0].depth <= 2 }.map { (0, $0) } + (1..<h.a.nodes.count).map { ($0, 0) }
            for (ga, gb) in top {
                let i = h.series(ga, gb)
                let values = raw.linkedSeries(i)
                if let (year, change) = SeriesBreaks.suspectedBreak(values, firstYear: raw.firstYear, declared: options.breaks) {
                    let region = ga == 0 ? "national" : h.a.nodes[ga].code, code = gb == 0 ? "all occupations" : "ISCO \(h.b.nodes[gb].code)"
                    breakWarnings.append("\(region), \(code): \(change >= 0 ? "+" : "")\(Int((100 * change).rounded())) % in \(year), more than \(Int(SeriesBreaks.threshold)) times its usual year-to-year change: a series break? If so, declare it (--break \(year))")
                }
            }
        }
        if !options.breaks.isEmpty {
            series = series.map { s in
                var t = s
                t.values = SeriesBreaks.adjust(s.values, firstYear: s.firstYear, breaks: options.breaks)
                return t
            }
        }
        return (PanelHistory(series), breakWarnings)
    }

    /// One base model per series (per series the candidate with the best backtest when asked),
    /// fitted in parallel; also the model each series was given.
    static func fitBaseModels(_ history: PanelHistory, _ options: ForecastOptions, timer: inout PhaseClock) throws -> ([BaseFit], [ModelChoice]) {
        let h = history.hierarchy
        let firstYear = history.firstYear, span = history.span
        let n = h.seriesCount
        let fullHistory = history.linked
        let gapSeries = history.gapSeries
        let H = options.horizon
        var choices = [ModelChoice](repeating: options.model, count: n)
        if !options.selectByBacktest.isEmpty {
            // Per series, the candidate with the lowest rolling-origin MASE (ties: listed order).
            var bo = BacktestOptions()
            bo.models = options.selectByBacktest
            bo.horizon = min(H, max(1, span - 3 - options.selectionOrigins))
            bo.origins = options.selectionOrigins
            bo.levels = []
            let bt = try Backtester.run(history, options: bo)
            for i in 0..<n {
                var best: (Double, ModelChoice)?
                for (mi, m) in bt.models.enumerated() where options.selectByBacktest.contains(m) {
                    let score = bt.scores[i][mi].mase
                    if score.isFinite && (best == nil || score < best!.0) { best = (score, m) }
                }
                if let b = best { choices[i] = b.1 }
            }
            timer.lap("select by backtest")
        }
        let perSeries = choices
        let gaps = gapSeries
        let fits: [(BaseModel, SeriesFlags, Int)] = parallelChunks(n) { i in
            let values = (0..<span).map { fullHistory[$0 * n + i] }
            let (filled, offset, _) = SeriesForecaster.fillGaps(values)
            let (model, flags) = SeriesForecaster.fit(values, model: perSeries[i])
            // Bottom gaps were filled before aggregation; report them on the bottom series.
            return (model, gaps.contains(i) ? flags.union(.gaps) : flags, firstYear + offset + filled.count - 1)
        }

        return (fits, perSeries)
    }

    /// Base means on the step × series grid: each series forecasts from its own last year.
    static func baseMeans(_ fits: [BaseFit], lastYear: Int, horizon H: Int, seriesCount n: Int) -> [Double] {
        var baseMean = [Double](repeating: 0, count: n * H)
        for i in 0..<n {
            let (model, _, seriesLast) = fits[i]
            let steps = lastYear + H - seriesLast
            let mean = model.mean(steps)
            for k in 0..<H { baseMean[k * n + i] = mean[steps - H + k] }
        }

        return baseMean
    }

    /// One-step residuals on the year grid (years × series), for the covariance W.
    static func oneStepResiduals(_ fits: [BaseFit], _ history: PanelHistory) -> Matrix {
        let n = history.hierarchy.seriesCount, span = history.span
        let firstYear = history.firstYear, lastYear = history.lastYear
        let fullHistory = history.linked
        var e = Matrix(rows: span, columns: n, repeating: .nan)
        for i in 0..<n {
            let (model, _, seriesLast) = fits[i]
            var r = model.residuals
            if r.isEmpty {
                // A constant series is forecast exactly: its residuals are zero where observed.
                r = (0..<span).map { fullHistory[$0 * n + i].isFinite ? 0 : .nan }
                for (k, v) in r.enumerated() where v.isFinite { e[k, i] = v }
                continue
            }
            for (k, v) in r.enumerated() {
                let year = seriesLast - r.count + 1 + k
                if year >= firstYear && year <= lastYear { e[year - firstYear, i] = v }
            }
        }
        return e
    }

    /// The reconciled means, by the method asked for or, when the data cannot support it, the
    /// first of the simpler ones that works (named in a warning).
    static func reconciledMeans(_ baseMean: [Double], hierarchy h: GroupedHierarchy, residuals: Matrix?, options: ForecastOptions,
                                warnings: inout [String]) throws -> (Reconciler, [Double]) {
        let H = options.horizon
        // A method the data cannot support degrades to a simpler one, named in the output's
        // reconciliation column and in a warning: too few years of residuals, residuals that are
        // all zero (every series fitted exactly), or a covariance that is singular (a shrinkage
        // intensity of 0 on perfectly correlated residuals). Never a NaN.
        var chain: [ReconciliationMethod] = [options.reconciliation]
        if options.reconciliation == .mintShrink { chain.append(.wlsVar) }
        if [.mintShrink, .wlsVar, .ols].contains(options.reconciliation) { chain.append(.wlsStruct) }
        if options.reconciliation != .none && options.reconciliation != .bottomUp { chain.append(.bottomUp) }
        var attempt = 0
        var chosen: (Reconciler, [Double])?
        while chosen == nil {
            let method = chain[attempt]
            do {
                let r = try Reconciler(hierarchy: h, method: method, residuals: residuals, centerResiduals: options.centerResiduals)
                let m = options.nonnegative ? try r.reconcileNonnegative(baseMean, columns: H) : try r.reconcile(baseMean, columns: H)
                guard m.allSatisfy({ $0.isFinite }) else { throw LinearAlgebraError.nonFinite("reconciled forecasts") }
                chosen = (r, m)
            } catch {
                guard attempt + 1 < chain.count, error is ReconciliationError || error is LinearAlgebraError else { throw error }
                attempt += 1
                // Residuals that cannot estimate W fail every method that reads them alike.
                switch error {
                case ReconciliationError.notEnoughResiduals, ReconciliationError.degenerateResiduals:
                    while chain[attempt] == .wlsVar { attempt += 1 }
                default: break
                }
                warnings.append("\(method.rawValue) could not be used (\(Self.reason(error))); reconciled with \(chain[attempt].rawValue) instead")
            }
        }
        return chosen!
    }

    /// Per series, the σ floor its history's length can justify (`ShortHistoryFloor`; nil for a
    /// history of 8 points or more), at steps 1…steps from the series' own last year.
    static func historyFloors(_ history: PanelHistory, steps: Int) -> [[Double]?] {
        // The history as the model saw it (`fillGaps` trims and fills, as in `fitBaseModels`).
        return parallelChunks(history.hierarchy.seriesCount) { i -> [Double]? in
            ShortHistoryFloor.shipped.sd(history: SeriesForecaster.fillGaps(history.linkedSeries(i)).values, steps: steps)
        }
    }

    /// Sample paths per series by a joint residual bootstrap, series-major: series i, step k,
    /// path p at `[(i · H + k) · P + p]` (the layout reconciliation then overwrites in place).
    static func simulatedPaths(_ fits: [BaseFit], _ history: PanelHistory, options: ForecastOptions,
                               calibrations: [PathCalibration?], floors: [[Double]?], maxSteps: Int) -> [Float] {
        let n = history.hierarchy.seriesCount, span = history.span
        let firstYear = history.firstYear, lastYear = history.lastYear
        let H = options.horizon
        // Joint residual bootstrap: path p, step k uses the innovations of one drawn year for
        // every series (Panagiotelis et al. 2023), which keeps their cross-correlation. A series
        // without an innovation that year gets a Gaussian draw from its own stream.
        let P = max(0, options.paths)
        var drawYear = [Int](repeating: 0, count: P * 64)
        var rng = SeededGenerator(seed: options.seed)
        if drawYear.count < P * maxSteps { drawYear = [Int](repeating: 0, count: P * maxSteps) }
        for k in 0..<(P * maxSteps) { drawYear[k] = Int(rng.next() % UInt64(span)) }
        let drawTable = drawYear
        // Gaussian fallbacks (a step whose drawn year has no residual for a series) come from one
        // shared table too: the same standard normal for every series at a given path and step.
        let normalTable = (0..<(P * maxSteps)).map { _ in rng.normal() }
        return LargeArray.uninitialized(count: n * H * P) { (buffer: UnsafeMutableBufferPointer<Float>) in
            let target = UnsafeMutableSendablePointer(buffer.baseAddress!)
            _ = parallelChunks(n) { i -> Bool in
                let (model, _, seriesLast) = fits[i]
                let steps = lastYear + H - seriesLast
                // Innovation arrays are aligned with the fitted series, which ends at seriesLast.
                let innovStart = seriesLast - model.residualCount + 1
                let out = UnsafeMutableBufferPointer(start: target.pointer + i * H * P, count: H * P)
                let calibration = calibrations[i]
                drawTable.withUnsafeBufferPointer { years in
                    normalTable.withUnsafeBufferPointer { normals in
                        PathSimulator(model).simulatePaths(P, steps: steps, years: years.baseAddress!, normals: normals.baseAddress!,
                                                           stride: maxSteps, shift: firstYear - innovStart, keep: H, into: out.baseAddress!)
                    }
                }
                if let calibration, P > 1 {
                    // The calibrated variance, σ_h² times that of the table's standard quantiles, by a
                    // linear rescaling of each step's deviations from the base mean (no sort: the
                    // calibrated shape is imposed after reconciliation, which would undo it here).
                    // A short history's σ is at least its floor; a series whose paths do not spread at
                    // all (three points on a line) takes the shared normal draws of each path and step.
                    let baseMean = model.mean(steps)
                    let sd = ShortHistoryFloor.floored(model.approximateVariance(steps), by: floors[i]).map { $0.squareRoot() }
                    for k in 0..<H {
                        let step = steps - H + k + 1
                        guard sd[step - 1] > 0, sd[step - 1].isFinite else { continue }
                        let centre = baseMean[step - 1], vq = calibration.sumOfSquares(step: step)
                        var v = 0.0
                        for p in 0..<P { let d = Double(out[k * P + p]) - centre; v += d * d }
                        guard v > 0 else {
                            let spread = sd[step - 1] * (vq / Double(P)).squareRoot()
                            for p in 0..<P { out[k * P + p] = Float(centre + spread * normalTable[p * maxSteps + step - 1]) }
                            continue
                        }
                        let scale = (sd[step - 1] * sd[step - 1] * vq / v).squareRoot()
                        for p in 0..<P { out[k * P + p] = Float(centre + scale * (Double(out[k * P + p]) - centre)) }
                    }
                }
                return true
            }
        }
    }

    /// Every sample path reconciled under the same constraint as the mean, in place, in blocks of
    /// columns (column = step × path) on all cores. Blocks read and write disjoint columns of
    /// the series-major array, so the national panel's paths (46,360 series × 5 years × 400)
    /// exist once, 371 MB, from simulation to the shortage stage.
    static func reconcilePaths(_ paths: inout [Float], reconciler: Reconciler, seriesCount n: Int, horizon H: Int,
                               paths P: Int, nonnegative: Bool) throws {
        // A block's working arrays are a few n × block doubles: at most 256 columns, fewer for a
        // large structure, so they stay near 16 MB a core.
        let columns = H * P
        let block = Self.pathBlock(seriesCount: n)
        let blockCount = (columns + block - 1) / block
        try paths.withUnsafeMutableBufferPointer { buffer in
            let shared = UnsafeMutableSendablePointer(buffer.baseAddress!)
            try parallelMap(blockCount) { bi -> Result<Bool, Error> in
                let start = bi * block, end = min(columns, start + block), width = end - start
                let rows = shared.pointer
                var chunk = [Double](repeating: 0, count: n * width)
                for i in 0..<n {
                    for c in start..<end { chunk[(c - start) * n + i] = Double(rows[i * columns + c]) }
                }
                do {
                    // Each sample path is reconciled under the same constraint as the mean: exactly.
                    let rec = nonnegative ? try reconciler.reconcileNonnegative(chunk, columns: width)
                                          : try reconciler.reconcile(chunk, columns: width)
                    // Back into the series-major rows, tiled.
                    var i0 = 0
                    while i0 < n {
                        let i1 = min(n, i0 + 64)
                        for c in 0..<width { for i in i0..<i1 { rows[i * columns + start + c] = Float(rec[c * n + i]) } }
                        i0 = i1
                    }
                    return .success(true)
                } catch { return .failure(error) }
            }.forEach { _ = try $0.get() }
        }
    }

    /// Columns of paths reconciled together: 256, or fewer when n × 256 doubles would pass 16 MB.
    static func pathBlock(seriesCount n: Int) -> Int { max(32, min(256, (1 << 21) / max(1, n))) }

    /// The spread of a series' published paths about its published (reconciled) point is that of
    /// its calibrated base paths about the same point: Σ (base path − published point)² = the base
    /// paths' own spread + P × (base mean − published point)². MinT's reconciled forecast is at
    /// least as precise as the base one, but the jointly bootstrapped base paths do not carry the
    /// out-of-sample covariance MinT assumes, so reconciling the paths themselves sets their
    /// spread by the grouping, not by the errors: on M3's yearly sums laid out as panels it
    /// widened the bottoms' 80 % bands by 25–120 % (covering 88–97 %) in some groupings and
    /// narrowed them to a median 0.55–0.64 of the base spread in others (covering 0.66–0.76 with
    /// the last 3 years held out). Measured about the base paths' own mean instead, the band
    /// ignores how far reconciliation moved the point: where it moved it most (4 occupations a
    /// region) it covered 0.72. Capping the reconciled spread at this value (rather than setting
    /// it) kept that narrowing; setting it gives every layout 0.79–0.82 at 80 % and 0.96–0.98 at
    /// 95 % (`PipelineCoverageTests`, last 6 and 5 years held out).
    /// Σ (path − centre)² per series and step (`[i · H + k]`), before reconciliation; the centre is
    /// `centre[k · n + i]` when given (the published point), else the paths' own mean.
    static func pathSpread(_ paths: [Float], seriesCount n: Int, horizon H: Int, paths P: Int, about centre: [Double]? = nil) -> [Double] {
        paths.withUnsafeBufferPointer { buffer in
            let base = UnsafeMutableSendablePointer(UnsafeMutablePointer(mutating: buffer.baseAddress!))
            return parallelChunks(n) { i -> [Double] in
                (0..<H).map { k in
                    let row = base.pointer + (i * H + k) * P
                    var m = 0.0
                    if let centre { m = centre[k * n + i] } else {
                        for p in 0..<P { m += Double(row[p]) }
                        m /= Double(P)
                    }
                    var v = 0.0
                    for p in 0..<P { let d = Double(row[p]) - m; v += d * d }
                    return v
                }
            }.flatMap { $0 }
        }
    }

    /// Each series' reconciled paths mapped onto its calibrated shape. Returns, per series and
    /// step (`[i · H + k]`), the scale of the mapping, 0 where the paths were left as they were:
    /// a mapped row's sorted values are `centre + scale · q[rank]`, known without sorting it again.
    static func imposeCalibratedShape(_ recPaths: inout [Float], mean: [Double], fits: [BaseFit], calibrations: [PathCalibration?],
                                      lastYear: Int, horizon H: Int, paths P: Int, spread: [Double]? = nil) -> [Double] {
        let n = fits.count
        // Reconciliation sums several series' calibrated deviations, which makes each
        // reconciled distribution more nearly normal than the heavy-tailed calibrated one (its
        // 80 % band too wide for its 95 % band). Each series' reconciled paths are mapped once
        // more onto its calibrated shape, keeping their ranks, centre and variance: intervals
        // read from them are calibrated at every level, and the paths stay their quantiles.
        let meanRec = mean
        let scales: [[Double]] = recPaths.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
            return parallelChunks(n) { i -> [Double] in
                var scales = [Double](repeating: 0, count: H)
                guard let calibration = calibrations[i] else { return scales }
                let (_, _, seriesLast) = fits[i]
                let steps = lastYear + H - seriesLast
                var order = [Int](repeating: 0, count: P), keys = [UInt64](repeating: 0, count: 2 * P)
                for k in 0..<H {
                    let row = base.pointer + (i * H + k) * P
                    let q = calibration.quantiles(step: steps - H + k + 1), vq = calibration.sumOfSquares(step: steps - H + k + 1)
                    let centre = meanRec[k * n + i]
                    var v = 0.0
                    if let spread { v = spread[i * H + k] } else {
                        for p in 0..<P { let d = Double(row[p]) - centre; v += d * d }
                    }
                    guard v > 0, vq > 0 else { continue }
                    let scale = (v / vq).squareRoot()
                    Self.rankOrder(UnsafePointer(row), P, series: i, step: k, into: &order, keys: &keys)
                    for (rank, p) in order.enumerated() { row[p] = Float(centre + scale * q[rank]) }
                    scales[k] = scale
                }
                return scales
            }
        }
        return scales.flatMap { $0 }
    }

    /// Intervals per level: analytic where the model has them and nothing was reconciled, else
    /// quantiles of the paths re-centred on the reconciled mean.
    static func intervals(_ fits: [BaseFit], mean: [Double], paths recPaths: [Float], shapeScales: [Double]?,
                          calibrations: [PathCalibration?], floors: [[Double]?], options: ForecastOptions,
                          lastYear: Int) -> (lower: [[Double]], upper: [[Double]]) {
        let n = fits.count, H = options.horizon, P = max(0, options.paths)
        let nonnegative = options.nonnegative
        // Intervals: analytic for unreconciled series whose model has a closed form, otherwise
        // quantiles of the (reconciled) paths, re-centred on the reconciled mean so the interval
        // always contains the point forecast.
        let analytic = options.reconciliation == .none && !options.nonnegative
        let levels = options.levels
        let paths = recPaths
        let bounds: [[(Double, Double)]] = parallelChunks(n) { i -> [(Double, Double)] in
            let (model, _, seriesLast) = fits[i]
            let steps = lastYear + H - seriesLast
            var out = [(Double, Double)](repeating: (0, 0), count: levels.count * H)
            var sample = [Float](repeating: 0, count: P)
            let calibration = calibrations[i]?.table
            let calibratedMean = analytic && calibration != nil ? model.mean(steps) : []
            let calibratedVariance = analytic && calibration != nil
                ? ShortHistoryFloor.floored(model.approximateVariance(steps), by: floors[i]) : []
            for (l, level) in levels.enumerated() {
                guard analytic else { continue }
                let iv = calibration.map { $0.interval(mean: calibratedMean, variance: calibratedVariance, level: level) }
                    ?? model.interval(steps, level: level)
                guard let iv else { continue }
                for k in 0..<H { out[l * H + k] = (iv.lower[steps - H + k], iv.upper[steps - H + k]) }
            }
            let needPaths = !analytic || (calibration == nil && model.interval(steps, level: 50) == nil)
            if needPaths {
                for k in 0..<H {
                    let m = mean[k * n + i]
                    if P == 0 { for l in 0..<levels.count { out[l * H + k] = (m, m) }; continue }
                    if let scale = shapeScales?[i * H + k], scale > 0, let q = calibrations[i]?.quantiles(step: steps - H + k + 1) {
                        // The row was mapped onto q in rank order: these are its values sorted
                        // (q ascending, scale > 0, rounding monotone), without a second sort.
                        for r in 0..<P { sample[r] = Float(m + scale * q[r]) }
                    } else {
                        for p in 0..<P { sample[p] = paths[(i * H + k) * P + p] }
                        sample.withUnsafeMutableBufferPointer { sortFloats($0) }
                    }
                    let med = Double(Quantile.quantile(sample, 0.5))
                    for (l, level) in levels.enumerated() {
                        let alpha = (1 - level / 100) / 2
                        var lo = m + Double(Quantile.quantile(sample, alpha)) - med
                        let hi = m + Double(Quantile.quantile(sample, 1 - alpha)) - med
                        if nonnegative { lo = max(0, lo) }
                        out[l * H + k] = (lo, hi)
                    }
                }
            }
            return out
        }
        var lower = [[Double]](repeating: [Double](repeating: 0, count: n * H), count: levels.count)
        var upper = lower
        for i in 0..<n {
            for l in 0..<levels.count {
                for k in 0..<H { (lower[l][k * n + i], upper[l][k * n + i]) = bounds[i][l * H + k] }
            }
        }
        return (lower, upper)
    }
}
