import Forecasting
import LabourData

/// How good an old outlook was, against what happened — the measures BLS uses to evaluate its
/// projections: the mean absolute percentage error of the level, whether the direction of change
/// from the base year was right, and the rank correlation between projected and realised growth
/// (did the fastest-growing occupations turn out to grow fastest?).
public struct VintageScore: Sendable {
    public struct Row: Sendable, Equatable {
        /// "national", "regions", "national · ISCO 1-digit", "regional · ISCO 4-digit", …
        public var level: String
        public var year: Int
        public var yearsAhead: Int
        public var series: Int
        /// Mean absolute percentage error, %, over series with a non-zero outcome.
        public var mape: Double
        /// Share of series whose change since the base year had the projected sign, % (nil when
        /// the actuals lack the base year).
        public var directionCorrect: Double?
        /// Spearman correlation of projected and realised growth since the base year (nil with
        /// fewer than 3 series or no base year).
        public var rankCorrelation: Double?
    }

    public let rows: [Row]
    public let matched: Int

    public init(vintage: (baseYear: Int, points: [VintageStore.ForecastPoint]), actuals: Panel, measure: String = "employment") throws {
        let series = actuals.series(measure)
        guard !series.isEmpty else { throw VintageError("the actuals have no values of '\(measure)'") }
        let history = PanelHistory(series)
        let h = history.hierarchy
        let n = h.seriesCount, nb = h.b.nodes.count
        var index: [String: Int] = [:]
        for i in 0..<n { index["\(h.a.nodes[i / nb].code)|\(h.b.nodes[i % nb].code)"] = i }
        func actual(_ i: Int, _ year: Int) -> Double? {
            guard year >= history.firstYear && year <= history.lastYear else { return nil }
            let v = history.values[(year - history.firstYear) * n + i]
            return v.isFinite ? v : nil
        }
        func level(_ region: String, _ isco: String) -> String {
            let scope = region == HierarchyDimension.totalCode ? "national" : "regional"
            return isco == HierarchyDimension.totalCode ? (scope == "national" ? "national" : "regions") : "\(scope) · ISCO \(isco.count)-digit"
        }
        struct Key: Hashable { var level: String; var year: Int }
        struct Acc { var ape: [Double] = []; var dir = 0; var dirN = 0; var fg: [Double] = []; var ag: [Double] = [] }
        var acc: [Key: Acc] = [:]
        var matched = 0
        for p in vintage.points {
            guard let i = index["\(p.region)|\(p.isco)"], let y = actual(i, p.year) else { continue }
            matched += 1
            let key = Key(level: level(p.region, p.isco), year: p.year)
            var a = acc[key] ?? Acc()
            if y != 0 { a.ape.append(abs(p.mean - y) / abs(y) * 100) }
            if let b = actual(i, vintage.baseYear) {
                let fc = p.mean - b, ac = y - b
                a.dirN += 1
                if (fc > 0 && ac > 0) || (fc < 0 && ac < 0) || (fc == 0 && ac == 0) { a.dir += 1 }
                if b > 0 { a.fg.append(p.mean / b - 1); a.ag.append(y / b - 1) }
            }
            acc[key] = a
        }
        guard matched > 0 else {
            throw VintageError("no forecast of this vintage falls in the actuals (years \(history.firstYear)–\(history.lastYear), same regions and ISCO codes?)")
        }
        // National and regional totals first, then the ISCO levels by name; years in order.
        let first = ["national", "regions"]
        func order(_ k: Key) -> (Int, String, Int) { (first.firstIndex(of: k.level) ?? first.count, k.level, k.year) }
        rows = acc.keys.sorted { order($0) < order($1) }.map { key in
            let a = acc[key]!
            return Row(level: key.level, year: key.year, yearsAhead: key.year - vintage.baseYear, series: a.ape.count,
                       mape: a.ape.isEmpty ? .nan : a.ape.reduce(0, +) / Double(a.ape.count),
                       directionCorrect: a.dirN == 0 ? nil : 100 * Double(a.dir) / Double(a.dirN),
                       rankCorrelation: a.fg.count < 3 ? nil : RankCorrelation.spearman(a.fg, a.ag))
        }
        self.matched = matched
    }
}
