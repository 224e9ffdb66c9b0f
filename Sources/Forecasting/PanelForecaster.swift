import Foundation
import LabourData
import LinearAlgebra

/// Everything `mizan forecast` can be asked.
public struct ForecastOptions: Sendable {
    public var measure = "employment"
    public var horizon = 5
    public var model: ModelChoice = .auto
    public var reconciliation: ReconciliationMethod = .mintShrink
    public var nonnegative = false
    /// Central interval levels in percent.
    public var levels: [Double] = [80, 95]
    /// Calibrated (out-of-sample error quantiles, the default) or the models' own intervals.
    public var intervals: IntervalMethod = .calibrated
    /// Sample paths per series (joint residual bootstrap), for reconciled intervals and for
    /// later stages (shortage probabilities).
    public var paths = 400
    public var seed: UInt64 = 20_251_123
    /// Centre residuals before estimating W (hierarchicalforecast does; hts and the MinT paper do not).
    public var centerResiduals = false
    /// Choose each series' model by rolling-origin MASE among these candidates (empty: use
    /// `model` for every series, with AutoETS choosing by AICc).
    public var selectByBacktest: [ModelChoice] = []
    /// Origins of the selection backtest.
    public var selectionOrigins = 3
    /// Declared series breaks (years): the history before each is level-shifted to meet it
    /// (`SeriesBreaks`). Each must lie inside the panel's years, after its first.
    public var breaks: [Int] = []
    public init() {}
}

/// Forecasts of every series of a grouped structure: bottoms and aggregates.
public struct PanelForecast: Sendable {
    public let hierarchy: GroupedHierarchy
    public let measure: String
    /// Target years: last observed year + 1 … + horizon.
    public let years: [Int]
    public let levels: [Double]
    public let reconciliation: ReconciliationMethod
    /// What the run had to change (e.g. a reconciliation method the data could not support).
    public let warnings: [String]
    /// Base model name and flags per series (hierarchy series order).
    public let modelNames: [String]
    public let flags: [SeriesFlags]
    /// Point forecasts, n × H column-major (column = year).
    public let mean: [Double]
    /// Interval bounds per level: lower and upper, n × H each.
    public let lower: [[Double]]
    public let upper: [[Double]]
    /// Reconciled sample paths of series i, year k, path p at `paths[(i · H + k) · P + p]`, as
    /// Float (memory n·H·P·4 bytes).
    public let paths: [Float]
    public let pathCount: Int
    /// Shrinkage intensity when MinT-shrink was used.
    public let lambda: Double?
    /// Wall seconds per phase, in order.
    public let timings: [(phase: String, seconds: Double)]

    public var seriesCount: Int { hierarchy.seriesCount }

    /// (region code or TOTAL, ISCO code or TOTAL) of series i.
    public func key(_ i: Int) -> (region: String, isco: String) {
        let nb = hierarchy.b.nodes.count
        return (hierarchy.a.nodes[i / nb].code, hierarchy.b.nodes[i % nb].code)
    }
}

public enum PanelForecastError: Error, CustomStringConvertible {
    case noSeries(String)
    case badOption(String)
    public var description: String {
        switch self {
        case .noSeries(let s), .badOption(let s): return s
        }
    }
}

/// Panel → bottom series → aggregates → base forecasts (in parallel) → reconciliation →
/// intervals from reconciled sample paths.
public enum PanelForecaster {
    /// Builds the region × ISCO structure of a panel's bottom series: regions flat, ISCO codes a
    /// prefix tree (ancestors are prefixes down to the major group).
    public static func hierarchy(for series: [PanelSeries]) -> GroupedHierarchy {
        let regions = Array(Set(series.map(\.region))).sorted()
        let codes = Array(Set(series.map(\.isco))).sorted()
        return GroupedHierarchy(.flat("region", leaves: regions), .prefix("isco", leaves: codes))
    }

    public static func run(_ panel: Panel, options: ForecastOptions) throws -> PanelForecast {
        guard Horizon.forecastRange.contains(options.horizon) else {
            throw PanelForecastError.badOption("horizon must be \(Horizon.forecastRange.lowerBound)–\(Horizon.forecastRange.upperBound) years past the last observed one")
        }
        guard options.levels.allSatisfy({ $0 > 0 && $0 < 100 }) else { throw PanelForecastError.badOption("levels must be between 0 and 100") }
        var timer = PhaseClock()
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
                let values = (0..<raw.span).map { raw.values[$0 * h.seriesCount + i] }
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
        let history = PanelHistory(series)
        let h = history.hierarchy
        let firstYear = history.firstYear, lastYear = history.lastYear, span = history.span
        let n = h.seriesCount
        let fullHistory = history.values
        let gapSeries = history.gapSeries
        timer.lap("aggregate")
        // Base models, fitted in parallel; OpenBLAS kept to one thread inside the workers.
        let savedThreads = BLAS.threads
        BLAS.threads = 1
        defer { BLAS.threads = savedThreads }  // workers below call BLAS one thread each
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

        timer.lap("fit")
        // Base means: each series forecasts from its own last year to lastYear + H.
        var baseMean = [Double](repeating: 0, count: n * H)
        for i in 0..<n {
            let (model, _, seriesLast) = fits[i]
            let steps = lastYear + H - seriesLast
            let mean = model.mean(steps)
            for k in 0..<H { baseMean[k * n + i] = mean[steps - H + k] }
        }

        // One-step residuals on the year grid, for W.
        var residuals: Matrix?
        if options.reconciliation == .wlsVar || options.reconciliation == .mintShrink {
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
            residuals = e
        }
        var warnings: [String] = breakWarnings
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
        let (reconciler, mean) = chosen!

        timer.lap("reconcile means")
        // Joint residual bootstrap: path p, step k uses the innovations of one drawn year for
        // every series (Panagiotelis et al. 2023), which keeps their cross-correlation. A series
        // without an innovation that year gets a Gaussian draw from its own stream.
        let P = max(0, options.paths)
        var drawYear = [Int](repeating: 0, count: P * 64)
        var rng = SeededGenerator(seed: options.seed)
        let maxSteps = fits.map { lastYear + H - $0.2 }.max() ?? H
        if drawYear.count < P * maxSteps { drawYear = [Int](repeating: 0, count: P * maxSteps) }
        for k in 0..<(P * maxSteps) { drawYear[k] = Int(rng.next() % UInt64(span)) }
        let drawTable = drawYear
        // Gaussian fallbacks (a step whose drawn year has no residual for a series) come from one
        // shared table too: the same standard normal for every series at a given path and step.
        let normalTable = (0..<(P * maxSteps)).map { _ in rng.normal() }
        // Calibrated marginals per series (nil: the bootstrap's own), their standard quantiles
        // at the P plotting positions computed once per table and step.
        let calibrations: [PathCalibration?] = options.intervals == .calibrated
            ? PathCalibration.tables(choices: perSeries, fits: fits.map { ($0.0, $0.1) }, paths: P, steps: maxSteps)
            : [PathCalibration?](repeating: nil, count: n)
        let chunkPaths: [[Float]] = parallelChunks(n) { i -> [Float] in
            let (model, _, seriesLast) = fits[i]
            let steps = lastYear + H - seriesLast
            // Innovation arrays are aligned with the fitted series, which ends at seriesLast.
            let innovStart = seriesLast - model.residualCount + 1
            var out = [Float](repeating: 0, count: H * P)
            var indices = [Int](repeating: -1, count: steps)
            var normals = [Double](repeating: 0, count: steps)
            var path = [Double](repeating: 0, count: steps)
            let calibration = calibrations[i]
            for p in 0..<P {
                for k in 0..<steps {
                    indices[k] = firstYear + drawTable[p * maxSteps + k] - innovStart
                    normals[k] = normalTable[p * maxSteps + k]
                }
                indices.withUnsafeBufferPointer { ix in
                    normals.withUnsafeBufferPointer { nz in
                        path.withUnsafeMutableBufferPointer { model.simulate(indices: ix, normals: nz, into: $0) }
                    }
                }
                for k in 0..<H { out[k * P + p] = Float(path[steps - H + k]) }
            }
            if let calibration, P > 1 {
                // The calibrated variance, σ_h² times that of the table's standard quantiles, by a
                // linear rescaling of each step's deviations from the base mean (no sort: the
                // calibrated shape is imposed after reconciliation, which would undo it here).
                let baseMean = model.mean(steps), sd = model.approximateVariance(steps).map { $0.squareRoot() }
                for k in 0..<H {
                    let step = steps - H + k + 1
                    guard sd[step - 1] > 0, sd[step - 1].isFinite else { continue }
                    let centre = baseMean[step - 1], vq = calibration.sumOfSquares(step: step)
                    var v = 0.0
                    for p in 0..<P { let d = Double(out[k * P + p]) - centre; v += d * d }
                    guard v > 0 else { continue }
                    let scale = (sd[step - 1] * sd[step - 1] * vq / v).squareRoot()
                    for p in 0..<P { out[k * P + p] = Float(centre + scale * (Double(out[k * P + p]) - centre)) }
                }
            }
            return out
        }

        timer.lap("simulate paths")
        // Reconcile paths in blocks of columns (column = step × path), blocks on all cores.
        let columns = H * P
        let block = 256
        let blockCount = (columns + block - 1) / block
        let nonnegative = options.nonnegative
        let reconciledBlocks: [[Float]] = try parallelMap(blockCount) { bi -> Result<[Float], Error> in
            let start = bi * block, end = min(columns, start + block)
            var chunk = [Double](repeating: 0, count: n * (end - start))
            for i in 0..<n {
                let src = chunkPaths[i]
                for c in start..<end { chunk[(c - start) * n + i] = Double(src[c]) }
            }
            do {
                // Each sample path is reconciled under the same constraint as the mean: exactly.
                let rec = nonnegative ? try reconciler.reconcileNonnegative(chunk, columns: end - start)
                                      : try reconciler.reconcile(chunk, columns: end - start)
                return .success(rec.map { Float($0) })
            } catch { return .failure(error) }
        }.map { try $0.get() }
        // Series-major layout, paths[(i · H + k) · P + p]: each series' samples are contiguous
        // for the quantiles below and for later stages. Tiled transpose of the column blocks.
        var recPaths = [Float](repeating: 0, count: n * columns)
        recPaths.withUnsafeMutableBufferPointer { dst in
            for (bi, part) in reconciledBlocks.enumerated() {
                let start = bi * block, width = part.count / max(1, n)
                part.withUnsafeBufferPointer { src in
                    var i0 = 0
                    while i0 < n {
                        let i1 = min(n, i0 + 64)
                        for c in 0..<width { for i in i0..<i1 { dst[i * columns + start + c] = src[c * n + i] } }
                        i0 = i1
                    }
                }
            }
        }

        // Reconciliation sums several series' calibrated deviations, which makes each
        // reconciled distribution more nearly normal than the heavy-tailed calibrated one (its
        // 80 % band too wide for its 95 % band). Each series' reconciled paths are mapped once
        // more onto its calibrated shape, keeping their ranks, centre and variance: intervals
        // read from them are calibrated at every level, and the paths stay their quantiles.
        if options.intervals == .calibrated && P > 1 {
            let meanRec = mean
            recPaths.withUnsafeMutableBufferPointer { buffer in
                let base = UnsafeMutableSendablePointer(buffer.baseAddress!)
                _ = parallelChunks(n) { i -> Bool in
                    guard let calibration = calibrations[i] else { return false }
                    let (_, _, seriesLast) = fits[i]
                    let steps = lastYear + H - seriesLast
                    var order = [Int](repeating: 0, count: P), keys = [UInt64](repeating: 0, count: P)
                    for k in 0..<H {
                        let row = base.pointer + (i * H + k) * P
                        let q = calibration.quantiles(step: steps - H + k + 1), vq = calibration.sumOfSquares(step: steps - H + k + 1)
                        let centre = meanRec[k * n + i]
                        var v = 0.0
                        for p in 0..<P { let d = Double(row[p]) - centre; v += d * d }
                        guard v > 0, vq > 0 else { continue }
                        let scale = (v / vq).squareRoot()
                        Self.rankOrder(UnsafePointer(row), P, series: i, step: k, into: &order, keys: &keys)
                        for (rank, p) in order.enumerated() { row[p] = Float(centre + scale * q[rank]) }
                    }
                    return true
                }
            }
        }

        timer.lap("reconcile paths")
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
            let calibratedVariance = analytic && calibration != nil ? model.approximateVariance(steps) : []
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
                    for p in 0..<P { sample[p] = paths[(i * H + k) * P + p] }
                    sample.withUnsafeMutableBufferPointer { sortFloats($0) }
                    let med = Double(quantile(sample, 0.5))
                    for (l, level) in levels.enumerated() {
                        let alpha = (1 - level / 100) / 2
                        var lo = m + Double(quantile(sample, alpha)) - med
                        let hi = m + Double(quantile(sample, 1 - alpha)) - med
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
        return PanelForecast(hierarchy: h, measure: options.measure, years: (1...H).map { lastYear + $0 },
                             levels: options.levels, reconciliation: reconciler.method, warnings: warnings,
                             modelNames: fits.map { $0.0.name }, flags: fits.map { $0.1 },
                             mean: mean, lower: lower, upper: upper, paths: recPaths, pathCount: P,
                             lambda: reconciler.lambda, timings: timer.lap("intervals"))
    }

    /// The paths of one series and step in increasing order of value (`order[rank]` = path),
    /// ties in a per-series pseudo-random order. One sort of plain 64-bit keys — the value's
    /// order-preserving bits, 15 bits of tie key, 17 bits of path index — with no comparator
    /// closure: it runs for every series and step.
    static func rankOrder(_ values: UnsafePointer<Float>, _ count: Int, series i: Int, step k: Int,
                          into order: inout [Int], keys: inout [UInt64]) {
        precondition(count < 1 << 17)
        for p in 0..<count {
            var bits = values[p].bitPattern
            bits = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            keys[p] = UInt64(bits) << 32 | (tieKey(p, series: i, step: k) & 0x7FFF) << 17 | UInt64(p)
        }
        keys.withUnsafeMutableBufferPointer { $0[0..<count].sort() }
        for r in 0..<count { order[r] = Int(keys[r] & 0x1FFFF) }
    }

    /// A deterministic pseudo-random key for path p of series i at step k (SplitMix64's finaliser).
    @inline(__always)
    static func tieKey(_ p: Int, series i: Int, step k: Int) -> UInt64 {
        var z = UInt64(truncatingIfNeeded: p) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: i &* 1_000_003 &+ k) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Why a reconciliation method failed, in a planner's words.
    static func reason(_ error: Error) -> String {
        switch error {
        case ReconciliationError.notEnoughResiduals: return "too few years of residuals"
        case ReconciliationError.degenerateResiduals(let why), ReconciliationError.singularCovariance(let why): return why
        case is LinearAlgebraError: return "the residual covariance is singular"
        default: return "\(error)"
        }
    }

    /// Linear interpolation between order statistics (type 7, as numpy and R's default).
    static func quantile(_ sorted: [Float], _ q: Double) -> Float {
        sorted.withUnsafeBufferPointer { quantile($0, q) }
    }

    static func quantile(_ sorted: UnsafeBufferPointer<Float>, _ q: Double) -> Float {
        let pos = q * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
        let frac = Float(pos - Double(lo))
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac
    }

    /// Negative bottoms of each column set to zero and the aggregates re-summed.
    static func truncateBottoms(_ values: [Double], hierarchy h: GroupedHierarchy, columns q: Int) -> [Double] {
        let n = h.seriesCount, m = h.bottomCount
        var bottoms = [Double](repeating: 0, count: m * q)
        for c in 0..<q {
            for i in 0..<h.a.leaves.count {
                for j in 0..<h.b.leaves.count { bottoms[c * m + h.bottom(i, j)] = max(0, values[c * n + h.seriesOfBottom(i, j)]) }
            }
        }
        var out = [Double](repeating: 0, count: n * q)
        bottoms.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { h.aggregate(b, columns: q, into: $0) } }
        return out
    }

    /// `body(i)` for i in 0..<count on all cores, in contiguous chunks (cheaper than one task a
    /// series), results in index order.
    static func parallelChunks<T: Sendable>(_ count: Int, _ body: @Sendable @escaping (Int) -> T) -> [T] {
        let chunks = max(1, min(count, availableCores * 8))
        let parts = parallelMap(chunks) { c -> [T] in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            return (lo..<hi).map(body)
        }
        return parts.flatMap { $0 }
    }
}

/// A raw pointer handed to parallel workers that write disjoint rows.
struct UnsafeMutableSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ p: UnsafeMutablePointer<Float>) { pointer = p }
}

/// Wall-clock laps for phase timings.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(phase: String, seconds: Double)] = []
    @discardableResult
    mutating func lap(_ name: String) -> [(phase: String, seconds: Double)] {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) * 1e-9))
        last = now
        return laps
    }
}

/// Every series of a panel's grouped structure on a common year grid: bottoms as observed
/// (interior gaps filled linearly), aggregates as sums of the bottoms observed in each year.
public struct PanelHistory: Sendable {
    public let hierarchy: GroupedHierarchy
    public let firstYear: Int
    public let lastYear: Int
    public var span: Int { lastYear - firstYear + 1 }
    /// `values[(year − firstYear) · n + series]`, NaN where the series is unobserved.
    public let values: [Double]
    /// Bottom series (hierarchy index) that had interior gaps.
    public let gapSeries: Set<Int>

    public init(_ series: [PanelSeries]) {
        let h = PanelForecaster.hierarchy(for: series)
        hierarchy = h
        let firstYear = series.map(\.firstYear).min() ?? 0
        let lastYear = series.map(\.lastYear).max() ?? -1
        self.firstYear = firstYear
        self.lastYear = lastYear
        let span = max(0, lastYear - firstYear + 1)
        let m = h.bottomCount, n = h.seriesCount
        var bottomHistory = [Double](repeating: .nan, count: m * span)
        let regionIndex = Dictionary(uniqueKeysWithValues: h.a.leaves.enumerated().map { ($1, $0) })
        let codeIndex = Dictionary(uniqueKeysWithValues: h.b.leaves.enumerated().map { ($1, $0) })
        var gapSeries = Set<Int>()
        for s in series {
            let (ra, cb) = (regionIndex[s.region]!, codeIndex[s.isco]!)
            let b = h.bottom(ra, cb)
            let (filled, _, hadGaps) = SeriesForecaster.fillGaps(s.values)
            if hadGaps { gapSeries.insert(h.seriesOfBottom(ra, cb)) }
            for (k, v) in filled.enumerated() { bottomHistory[(s.firstYear - firstYear + k) * m + b] = v }
        }
        // Aggregates sum the bottoms observed in a year (a missing bottom counts as absent).
        let zeroed = bottomHistory.map { $0.isFinite ? $0 : 0 }
        let observed = bottomHistory.map { $0.isFinite ? 1.0 : 0 }
        var history = [Double](repeating: 0, count: n * span)
        var coverage = [Double](repeating: 0, count: n * span)
        zeroed.withUnsafeBufferPointer { z in
            history.withUnsafeMutableBufferPointer { h.aggregate(z, columns: span, into: $0) }
        }
        observed.withUnsafeBufferPointer { o in
            coverage.withUnsafeMutableBufferPointer { h.aggregate(o, columns: span, into: $0) }
        }
        for k in 0..<(n * span) where coverage[k] == 0 { history[k] = .nan }
        values = history
        self.gapSeries = gapSeries
    }

    /// Series i over the grid.
    public func series(_ i: Int) -> [Double] {
        let n = hierarchy.seriesCount
        return (0..<span).map { values[$0 * n + i] }
    }

    /// The level of series i, e.g. "region × isco2", "TOTAL × TOTAL".
    public func level(_ i: Int) -> String {
        let nb = hierarchy.b.nodes.count
        let na = hierarchy.a.nodes[i / nb], nbn = hierarchy.b.nodes[i % nb]
        let left = na.depth == 0 ? "national" : hierarchy.a.name
        let right = nbn.depth == 0 ? "all" : "\(hierarchy.b.name)\(nbn.code.count)"
        return "\(left) × \(right)"
    }
}
