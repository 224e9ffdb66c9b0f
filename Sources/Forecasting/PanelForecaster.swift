import Foundation
import LabourData
import LinearAlgebra
import MizanSupport

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
    /// With calibrated intervals: rescale the shipped tables by the panel's own rolling-origin
    /// errors where its history allows (`PanelCalibration`); false keeps the shipped tables.
    public var ownCalibration = true
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
    /// The panel's own interval calibration, nil where the shipped tables were used as they are.
    public let ownCalibration: PanelCalibration?
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
        try checkOptions(options)
        var timer = PhaseClock()
        let (history, breakWarnings) = try preparedHistory(panel, options)
        timer.lap("aggregate")
        // Base models, fitted in parallel (each BLAS call inside is single-threaded: BLASThreadPolicy).
        let (fits, perSeries) = try fitBaseModels(history, options, timer: &timer)
        timer.lap("fit")
        let h = history.hierarchy
        let lastYear = history.lastYear, H = options.horizon
        let baseMean = baseMeans(fits, lastYear: lastYear, horizon: H, seriesCount: h.seriesCount)
        let residuals = options.reconciliation == .wlsVar || options.reconciliation == .mintShrink ? oneStepResiduals(fits, history) : nil
        var warnings: [String] = breakWarnings
        let (reconciler, mean) = try reconciledMeans(baseMean, hierarchy: h, residuals: residuals, options: options, warnings: &warnings)
        timer.lap("reconcile means")
        let P = max(0, options.paths)
        // The most steps any series forecasts (a series that ends early forecasts from its own
        // last year). Calibrated marginals per series (nil: the bootstrap's own), their standard
        // quantiles at the P plotting positions computed once per table and step.
        let maxSteps = fits.map { lastYear + H - $0.2 }.max() ?? H
        var own: PanelCalibration?
        if options.intervals == .calibrated && options.ownCalibration {
            own = PanelCalibration.measure(history, choices: perSeries, horizon: H)
            timer.lap("own calibration")
        }
        let calibrations: [PathCalibration?] = options.intervals == .calibrated
            ? PathCalibration.tables(choices: perSeries, fits: fits.map { ($0.0, $0.1) }, paths: P, steps: maxSteps, panel: own)
            : [PathCalibration?](repeating: nil, count: h.seriesCount)
        let floors = options.intervals == .calibrated ? historyFloors(history, steps: maxSteps)
                                                      : [[Double]?](repeating: nil, count: h.seriesCount)
        var recPaths = simulatedPaths(fits, history, options: options, calibrations: calibrations, floors: floors, maxSteps: maxSteps)
        timer.lap("simulate paths")
        let baseSpread = options.intervals == .calibrated && P > 1 && options.reconciliation != .none
            ? pathSpread(recPaths, seriesCount: h.seriesCount, horizon: H, paths: P, about: mean) : nil
        try reconcilePaths(&recPaths, reconciler: reconciler, seriesCount: h.seriesCount, horizon: H, paths: P,
                           nonnegative: options.nonnegative)
        var shapeScales: [Double]?
        if options.intervals == .calibrated && P > 1 {
            shapeScales = imposeCalibratedShape(&recPaths, mean: mean, fits: fits, calibrations: calibrations, lastYear: lastYear,
                                                horizon: H, paths: P, spread: baseSpread)
        }
        timer.lap("reconcile paths")
        let (lower, upper) = intervals(fits, mean: mean, paths: recPaths, shapeScales: shapeScales, calibrations: calibrations,
                                       floors: floors, options: options, lastYear: lastYear)
        return PanelForecast(hierarchy: h, measure: options.measure, years: (1...H).map { lastYear + $0 },
                             levels: options.levels, reconciliation: reconciler.method, warnings: warnings,
                             modelNames: fits.map { $0.0.name }, flags: fits.map { $0.1 },
                             mean: mean, lower: lower, upper: upper, paths: recPaths, pathCount: P,
                             lambda: reconciler.lambda, ownCalibration: own, timings: timer.lap("intervals"))
    }

    /// The paths of one series and step in increasing order of value (`order[rank]` = path),
    /// ties in a per-series pseudo-random order. The key of path p is the value's
    /// order-preserving bits, 15 bits of tie key, then p (17 bits); ranks are the keys' order.
    /// It runs for every series and step (~37,000 rows of 400 paths), so it is an LSD radix sort
    /// of the keys by bytes (stable, so p, already ascending, settles what value and tie key
    /// leave equal: the index bits need no pass), skipping bytes every key shares.
    /// `keys` holds at least 2 · count elements.
    static func rankOrder(_ values: UnsafePointer<Float>, _ count: Int, series i: Int, step k: Int,
                          into order: inout [Int], keys: inout [UInt64]) {
        precondition(count < 1 << 17 && keys.count >= 2 * count)
        keys.withUnsafeMutableBufferPointer { buffer in
            var src = buffer.baseAddress!, dst = src + count
            for p in 0..<count {
                var bits = values[p].bitPattern
                bits = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
                src[p] = UInt64(bits) << 32 | (tieKey(p, series: i, step: k) & 0x7FFF) << 17 | UInt64(p)
            }
            // Digits above the index bits: 17–24, 25–32, …, 57–63.
            let shifts = [17, 25, 33, 41, 49, 57]
            withUnsafeTemporaryAllocation(of: Int.self, capacity: shifts.count * 256) { hist in
                hist.initialize(repeating: 0)
                for p in 0..<count {
                    let key = src[p]
                    for (d, s) in shifts.enumerated() { hist[d * 256 + Int((key >> UInt64(s)) & 0xFF)] += 1 }
                }
                for (d, s) in shifts.enumerated() {
                    let h = hist.baseAddress! + d * 256
                    if h[Int((src[0] >> UInt64(s)) & 0xFF)] == count { continue }  // every key shares this byte
                    var total = 0
                    for b in 0..<256 { let c = h[b]; h[b] = total; total += c }
                    for p in 0..<count {
                        let key = src[p], b = Int((key >> UInt64(s)) & 0xFF)
                        dst[h[b]] = key
                        h[b] += 1
                    }
                    swap(&src, &dst)
                }
            }
            for r in 0..<count { order[r] = Int(src[r] & 0x1FFFF) }
        }
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
/// (interior gaps filled linearly), aggregates as sums of the bottoms observed in each year
/// (`values`) and chain-linked over the bottoms observed in consecutive years (`linked`).
public struct PanelHistory: Sendable {
    public let hierarchy: GroupedHierarchy
    public let firstYear: Int
    public let lastYear: Int
    public var span: Int { lastYear - firstYear + 1 }
    /// `values[(year − firstYear) · n + series]`, NaN where the series is unobserved.
    public let values: [Double]
    /// The series as the models see them, on the same grid: bottoms as in `values`, aggregates
    /// chain-linked where the set of bottoms they sum changes (`chainLink`): a cell entering the
    /// panel in 2015 is not read as a jump of its region's total. The same storage as `values`
    /// when every cell spans the same years. What is forecast, calibrated and checked for breaks;
    /// `values` stays what was observed (the truth forecasts are scored against).
    public let linked: [Double]
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
        // Copied on the first write only: a panel whose cells span the same years shares `values`.
        var linked = history
        if span > 1 { Self.chainLink(&linked, bottoms: bottomHistory, coverage: coverage, hierarchy: h, span: span) }
        self.linked = linked
        self.gapSeries = gapSeries
    }

    /// Aggregates whose set of observed bottoms changes from one year to the next are chain-linked:
    /// anchored at their last year, each earlier year moves by the growth of the bottoms observed
    /// in both years, so a cell entering (or leaving) the panel is not read as the aggregate's
    /// jump. Years before a link that cannot be made (no common bottom, a non-positive ratio)
    /// become unobserved. An aggregate whose set never changes keeps its plain sums, bit for bit.
    static func chainLink(_ history: inout [Double], bottoms: [Double], coverage: [Double], hierarchy h: GroupedHierarchy, span: Int) {
        let m = h.bottomCount, n = h.seriesCount
        // Interior gaps are filled: a set changes only where a bottom starts late or ends early.
        guard bottoms.contains(where: { !$0.isFinite }) else { return }
        // Bottoms observed in both year t and t + 1, and their values in each: (span − 1) columns.
        var both0 = [Double](repeating: 0, count: m * (span - 1)), both1 = both0, common = both0
        for t in 0..<(span - 1) {
            for b in 0..<m {
                let x = bottoms[t * m + b], y = bottoms[(t + 1) * m + b]
                guard x.isFinite && y.isFinite else { continue }
                both0[t * m + b] = x; both1[t * m + b] = y; common[t * m + b] = 1
            }
        }
        var c0 = [Double](repeating: 0, count: n * (span - 1)), c1 = c0, cn = c0
        both0.withUnsafeBufferPointer { z in c0.withUnsafeMutableBufferPointer { h.aggregate(z, columns: span - 1, into: $0) } }
        both1.withUnsafeBufferPointer { z in c1.withUnsafeMutableBufferPointer { h.aggregate(z, columns: span - 1, into: $0) } }
        common.withUnsafeBufferPointer { z in cn.withUnsafeMutableBufferPointer { h.aggregate(z, columns: span - 1, into: $0) } }
        for i in 0..<n {
            var scaled = false, broken = false
            for t in stride(from: span - 2, through: 0, by: -1) {
                let k = t * n + i
                if broken { history[k] = .nan; continue }
                guard history[k + n].isFinite else { continue }
                // Observed bottoms before a year with none: the two stretches cannot be linked.
                guard history[k].isFinite else { broken = true; continue }
                let unchanged = cn[k] == coverage[k] && cn[k] == coverage[k + n]
                if unchanged && !scaled { continue }
                let ratio = c0[k] / c1[k]
                guard cn[k] > 0, ratio.isFinite, ratio > 0 else { broken = true; history[k] = .nan; continue }
                history[k] = history[k + n] * ratio
                scaled = true
            }
        }
    }

    /// Series i over the grid.
    public func series(_ i: Int) -> [Double] { Self.column(values, i, seriesCount: hierarchy.seriesCount, span: span) }

    /// Series i over the grid as the models see it (`linked`).
    public func linkedSeries(_ i: Int) -> [Double] { Self.column(linked, i, seriesCount: hierarchy.seriesCount, span: span) }

    private static func column(_ grid: [Double], _ i: Int, seriesCount n: Int, span: Int) -> [Double] {
        (0..<span).map { grid[$0 * n + i] }
    }

    /// The level of series i, e.g. "region × isco2", "national × all": what the accuracy
    /// table calls it (`level(region:isco:)` names a cell's the same way).
    public func level(_ i: Int) -> String {
        let nb = hierarchy.b.nodes.count
        return Self.level(region: hierarchy.a.nodes[i / nb].code, isco: hierarchy.b.nodes[i % nb].code)
    }

    /// The level of a panel's cell by its codes (`PanelForecaster.hierarchy`: regions flat,
    /// ISCO codes by their digits; `HierarchyDimension.totalCode` for a total).
    public static func level(region: String, isco: String) -> String {
        (region == HierarchyDimension.totalCode ? "national" : "region") + " × "
            + (isco == HierarchyDimension.totalCode ? "all" : "isco\(isco.count)")
    }
}
