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
        struct Acc { var ape: [Double] = []; var dir = 0; var dirN = 0; var fg: [Double] = []; var ag: [Double] = [] }
        var acc: [String: Acc] = [:]   // "level|year"
        var matched = 0
        for p in vintage.points {
            guard let i = index["\(p.region)|\(p.isco)"], let y = actual(i, p.year) else { continue }
            matched += 1
            let key = "\(level(p.region, p.isco))|\(p.year)"
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
        let order = ["national", "regions"]
        rows = acc.keys.sorted { l, r in
            let (la, ly) = (String(l.split(separator: "|")[0]), Int(l.split(separator: "|")[1])!)
            let (ra, ry) = (String(r.split(separator: "|")[0]), Int(r.split(separator: "|")[1])!)
            let lo = order.firstIndex(of: la) ?? 2, ro = order.firstIndex(of: ra) ?? 2
            return (lo, la, ly) < (ro, ra, ry)
        }.map { key in
            let parts = key.split(separator: "|"), a = acc[key]!
            let year = Int(parts[1])!
            return Row(level: String(parts[0]), year: year, yearsAhead: year - vintage.baseYear, series: a.ape.count,
                       mape: a.ape.isEmpty ? .nan : a.ape.reduce(0, +) / Double(a.ape.count),
                       directionCorrect: a.dirN == 0 ? nil : 100 * Double(a.dir) / Double(a.dirN),
                       rankCorrelation: a.fg.count < 3 ? nil : Self.spearman(a.fg, a.ag))
        }
        self.matched = matched
    }

    /// Spearman's ρ: Pearson correlation of the ranks, ties given their average rank.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { (v[$0], $0) < (v[$1], $1) }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
                i = j + 1
            }
            return r
        }
        let rx = ranks(x), ry = ranks(y), m = Double(x.count)
        let mx = rx.reduce(0, +) / m, my = ry.reduce(0, +) / m
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in 0..<x.count {
            sxy += (rx[k] - mx) * (ry[k] - my); sxx += (rx[k] - mx) * (rx[k] - mx); syy += (ry[k] - my) * (ry[k] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : nil
    }
}
