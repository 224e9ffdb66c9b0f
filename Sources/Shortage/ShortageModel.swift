import Forecasting
import Foundation
import LabourData
import LinearAlgebra

/// One ranked region × occupation cell.
public struct ShortageRow: Sendable {
    public var region: String
    public var isco: String
    public var score: Double
    public var rank: Int
    public var rankLow: Int, rankHigh: Int
    public var pShortage: Double
    public var tensionRatio: Double?
    public var employment: Double
    public var openings: Double?
    public var newSupply: Double?
    public var imbalance: Double?
    public var imbalanceLow: Double?, imbalanceHigh: Double?
    /// Standardised, signed indicator values (higher = more shortage).
    public var z: [Indicator: Double]
    /// Raw indicator values.
    public var raw: [Indicator: Double]
    /// The indicators that drive the score most, strongest first.
    public var drivers: [Indicator]
}

/// Everything a shortage list needs about one cell, before ranking.
struct CellData {
    var region: String
    var isco: String
    var series: [String: [Double]]  // measure → values over the panel's years (NaN missing)
}

public enum ShortageModelError: Error, CustomStringConvertible {
    case badYear(String)
    case noCells(String)
    public var description: String {
        switch self { case .badYear(let s), .noCells(let s): return s }
    }
}

/// Indicators, forward balance, composite score and ranking with uncertainty.
public struct ShortageModel: Sendable {
    public let config: ShortageConfig
    public init(config: ShortageConfig = .init()) { self.config = config }

    /// Ranks every region × occupation cell (and every occupation nationally, region `TOTAL`)
    /// in `year`. With a forecast of employment the forward balance over `horizon` years enters
    /// the score, with uncertainty from the forecast's reconciled sample paths.
    /// - Parameter sex: "female" or "male" to use the `_female`/`_male` measures where they exist.
    /// - Parameter graduates: graduates by (region, ISCO code) and year from a programme → ISCO
    ///   mapping (`GraduateMapping`), replacing the panel's `graduates` column where given.
    public func rank(panel: Panel, year: Int, horizon: Int, forecast: PanelForecast?, sex: String? = nil,
                     graduates: [String: [Int: Double]]? = nil) throws -> [ShortageRow] {
        guard let first = panel.firstYear, let last = panel.lastYear, year >= first, year <= last else {
            throw ShortageModelError.badYear("year \(year) is outside the panel (\(panel.firstYear ?? 0)–\(panel.lastYear ?? 0))")
        }
        var cells = Self.cells(panel, sex: sex)
        if let g = graduates {
            // National cells get the sum over regions.
            var national: [String: [Int: Double]] = [:]
            for (key, byYear) in g {
                let isco = String(key.split(separator: "/").last ?? "")
                for (y, v) in byYear { national[isco, default: [:]][y, default: 0] += v }
            }
            for c in cells.indices {
                let byYear = cells[c].region == Regions.total ? national[cells[c].isco] : g["\(cells[c].region)/\(cells[c].isco)"]
                var series = [Double](repeating: .nan, count: last - first + 1)
                for (y, v) in byYear ?? [:] where y >= first && y <= last { series[y - first] = v }
                cells[c].series["graduates"] = series
            }
        }
        guard !cells.isEmpty else { throw ShortageModelError.noCells("the panel has no region × occupation cells with employment") }
        let yi = year - first
        let targetYear = year + horizon

        // Raw indicators per cell.
        var raw = [[Indicator: Double]](repeating: [:], count: cells.count)
        var tension = [Double?](repeating: nil, count: cells.count)
        var employment = [Double](repeating: .nan, count: cells.count)
        var openings = [Double?](repeating: nil, count: cells.count)
        var supply = [Double?](repeating: nil, count: cells.count)
        var imbalancePaths = [[Double]](repeating: [], count: cells.count)
        for (c, cell) in cells.enumerated() {
            let e = cell.series["employment"] ?? []
            let j = cell.series["jobseekers"] ?? []
            let v = cell.series["vacancies"] ?? []
            let w = cell.series["median_wage"] ?? []
            func at(_ s: [Double], _ k: Int) -> Double? { k >= 0 && k < s.count && s[k].isFinite ? s[k] : nil }
            employment[c] = at(e, yi) ?? .nan
            if let t = Indicators.tension(vacancies: at(v, yi), jobseekers: at(j, yi)) {
                raw[c][.tension] = t
                tension[c] = t
                let past = (1...3).compactMap { Indicators.tension(vacancies: at(v, yi - $0), jobseekers: at(j, yi - $0)) }
                if let ch = Indicators.logChange(t, past) { raw[c][.tensionChange] = ch }
            }
            if let g = Indicators.annualGrowth(e, at: yi, years: 3) { raw[c][.employmentGrowth] = g }
            if let g = Indicators.annualGrowth(w, at: yi, years: 3) { raw[c][.wageGrowth] = g }
            if let jy = at(j, yi), let ey = at(e, yi), ey + jy > 0 { raw[c][.jobseekerRate] = jy / (ey + jy) }

            // Forward balance.
            guard horizon > 0, let ey = at(e, yi), ey > 0 else { continue }
            var future: [Double] = []
            if targetYear <= last {
                if let et = at(e, targetYear - first) { future = [et] }
            } else if let f = forecast, let k = f.years.firstIndex(of: targetYear),
                      let i = Self.seriesIndex(f, region: cell.region, isco: cell.isco) {
                let n = f.seriesCount
                future = [f.mean[k * n + i]]
                let P = f.pathCount, H = f.years.count
                if P > 0 { future += (0..<P).map { Double(f.paths[(i * H + k) * P + $0]) } }
            }
            guard let central = future.first else { continue }
            let replacement = Double(horizon) * ReplacementDemand.annualExits(cell: cell, yearIndex: yi, config: config, employment: ey)
            let inflow = Self.meanRecent(cell, ["graduates", "returnees", "immigrants"], yi)
            let newSupply = Double(horizon) * inflow + config.jobseekerAvailability * (at(j, yi) ?? 0)
            func balance(_ et: Double) -> (Double, Double) {
                let o = max(0, et - ey + replacement)
                return (o, (o - newSupply) / ey)
            }
            let (o, imb) = balance(central)
            openings[c] = o
            supply[c] = newSupply
            raw[c][.imbalance] = imb
            // Paths re-centred on the point forecast (as the forecast intervals are): their spread
            // is the uncertainty, the reconciled mean stays the centre.
            var paths = future.dropFirst().map { balance($0).1 }
            if !paths.isEmpty {
                let sorted = paths.sorted()
                let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                paths = paths.map { $0 - median + imb }
            }
            imbalancePaths[c] = paths
        }

        // Standardise within each region (TOTAL is a region of its own), signed so that higher
        // means more shortage. Within-region robust z-scores guard against coverage bias: a
        // region whose registry covers more vacancies shifts every cell alike and cancels out.
        var groups: [String: [Int]] = [:]
        for (c, cell) in cells.enumerated() { groups[cell.region, default: []].append(c) }
        var z = [[Indicator: Double]](repeating: [:], count: cells.count)
        for (_, members) in groups {
            for ind in Indicator.allCases {
                let vals = members.compactMap { raw[$0][ind] }
                let stats = RobustScale(vals)
                // Wage growth is thereby measured against the region's median occupation.
                for c in members {
                    guard let x = raw[c][ind] else { continue }
                    z[c][ind] = (ind == .jobseekerRate ? -1 : 1) * stats.z(x)
                }
            }
        }

        // Point scores with the configured weights.
        let weights = config.weights
        func composite(_ zc: [Indicator: Double], _ w: [Indicator: Double]) -> Double {
            var s = 0.0, tw = 0.0
            for (ind, wt) in w where wt > 0 {
                if let v = zc[ind] { s += wt * v; tw += wt }
            }
            return tw > 0 ? s / tw : 0
        }
        let score = (0..<cells.count).map { composite(z[$0], weights) }
        var rank = [Int](repeating: 0, count: cells.count)
        for (_, members) in groups {
            let order = members.sorted { score[$0] > score[$1] || (score[$0] == score[$1] && cells[$0].isco < cells[$1].isco) }
            for (r, c) in order.enumerated() { rank[c] = r + 1 }
        }

        // Draws: perturbed weights (Dirichlet around the configured ones) × forecast paths.
        let D = max(1, config.draws)
        var rng = SeededGenerator(seed: config.seed)
        var inShortage = [Int](repeating: 0, count: cells.count)
        var ranks = [[Int]](repeating: [], count: cells.count)
        var drawImbalance = [[Double]](repeating: [], count: cells.count)
        let activeIndicators = Indicator.allCases.filter { (weights[$0] ?? 0) > 0 }
        for d in 0..<D {
            var w: [Indicator: Double] = [:]
            let total = activeIndicators.reduce(0) { $0 + (weights[$1] ?? 0) }
            for ind in activeIndicators {
                w[ind] = Dirichlet.gamma(shape: config.weightConcentration * weights[ind]! / total, rng: &rng)
            }
            for (_, members) in groups {
                // This draw's imbalance: path d of each cell, standardised within the region.
                var zd = members.map { z[$0] }
                let draws = members.map { c -> Double? in
                    let paths = imbalancePaths[c]
                    return paths.isEmpty ? raw[c][.imbalance] : paths[d % paths.count]
                }
                let stats = RobustScale(draws.compactMap { $0 })
                for (k, c) in members.enumerated() {
                    if let x = draws[k] { zd[k][.imbalance] = stats.z(x); drawImbalance[c].append(x) }
                }
                let s = zd.map { composite($0, w) }
                let order = members.indices.sorted { s[$0] > s[$1] || (s[$0] == s[$1] && cells[members[$0]].isco < cells[members[$1]].isco) }
                let cut = max(1, Int((config.topShare * Double(members.count)).rounded(.up)))
                for (r, k) in order.enumerated() {
                    let c = members[k]
                    ranks[c].append(r + 1)
                    if r < cut { inShortage[c] += 1 }
                }
            }
        }

        var rows: [ShortageRow] = []
        rows.reserveCapacity(cells.count)
        for (c, cell) in cells.enumerated() {
            let rs = ranks[c].sorted()
            let imb = drawImbalance[c].sorted()
            let contributions = Indicator.allCases.compactMap { ind -> (Indicator, Double)? in
                guard let v = z[c][ind], let w = weights[ind], w > 0 else { return nil }
                return (ind, w * v)
            }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
            rows.append(ShortageRow(
                region: cell.region, isco: cell.isco, score: score[c], rank: rank[c],
                rankLow: rs[Int(0.05 * Double(rs.count - 1))], rankHigh: rs[Int((0.95 * Double(rs.count - 1)).rounded(.up))],
                pShortage: Double(inShortage[c]) / Double(D), tensionRatio: tension[c], employment: employment[c],
                openings: openings[c], newSupply: supply[c], imbalance: raw[c][.imbalance],
                imbalanceLow: imbalancePaths[c].isEmpty ? nil : imb.isEmpty ? nil : imb[Int(0.05 * Double(imb.count - 1))],
                imbalanceHigh: imbalancePaths[c].isEmpty ? nil : imb.isEmpty ? nil : imb[Int((0.95 * Double(imb.count - 1)).rounded(.up))],
                z: z[c], raw: raw[c], drivers: Array(contributions.prefix(3).map(\.0))))
        }
        rows.sort { ($0.region == Regions.total ? "" : $0.region, $0.rank, $0.isco) < ($1.region == Regions.total ? "" : $1.region, $1.rank, $1.isco) }
        return rows
    }

    static func seriesIndex(_ f: PanelForecast, region: String, isco: String) -> Int? {
        let h = f.hierarchy
        guard let ga = h.a.nodes.firstIndex(where: { $0.code == region }),
              let gb = h.b.nodes.firstIndex(where: { $0.code == isco }) else { return nil }
        return h.series(ga, gb)
    }

    static func meanRecent(_ cell: CellData, _ measures: [String], _ yi: Int) -> Double {
        var total = 0.0
        for m in measures {
            guard let s = cell.series[m] else { continue }
            let vals = (max(0, yi - 2)...yi).compactMap { $0 < s.count && s[$0].isFinite ? s[$0] : nil }
            if !vals.isEmpty { total += vals.reduce(0, +) / Double(vals.count) }
        }
        return total
    }

    /// Bottom cells of the panel (aggregate rows dropped) plus national cells summing regions.
    static func cells(_ panel: Panel, sex: String?) -> [CellData] {
        guard let first = panel.firstYear, let last = panel.lastYear else { return [] }
        let span = last - first + 1
        let aggR = panel.aggregateRegions, aggO = panel.aggregateOccupations
        // Measure name to read for each base measure (a sex split where it exists).
        var source: [String: Int] = [:]
        for base in PanelSchema.baseMeasures + PanelSchema.ageBands.map({ "employment_" + $0 }) {
            if let s = sex, let m = panel.measures.firstIndex(of: "\(base)_\(s)") { source[base] = m }
            else if sex == nil || !["employment", "jobseekers"].contains(base), let m = panel.measures.firstIndex(of: base) { source[base] = m }
        }
        var cells: [CellData] = []
        var national: [String: [String: [Double]]] = [:]
        var wageWeight: [String: [Double]] = [:]
        var row = 0
        while row < panel.rowCount {
            var end = row
            while end < panel.rowCount && panel.regionIndex[end] == panel.regionIndex[row] && panel.occupationIndex[end] == panel.occupationIndex[row] { end += 1 }
            let region = panel.regions[Int(panel.regionIndex[row])], isco = panel.occupations[Int(panel.occupationIndex[row])]
            if !aggR.contains(region) && !aggO.contains(isco) {
                var series: [String: [Double]] = [:]
                for (name, m) in source {
                    var v = [Double](repeating: .nan, count: span)
                    for k in row..<end { v[Int(panel.years[k]) - first] = panel.values[m][k] }
                    series[name] = v
                }
                if let e = series["employment"], e.contains(where: { $0.isFinite && $0 > 0 }) {
                    cells.append(CellData(region: region, isco: isco, series: series))
                    // National sums (wages: employment-weighted means).
                    for (name, v) in series {
                        var acc = national[isco, default: [:]][name] ?? [Double](repeating: .nan, count: span)
                        for t in 0..<span where v[t].isFinite {
                            let add = name == "median_wage" ? v[t] * (e[t].isFinite ? e[t] : 0) : v[t]
                            acc[t] = (acc[t].isFinite ? acc[t] : 0) + add
                        }
                        national[isco, default: [:]][name] = acc
                    }
                    var ww = wageWeight[isco] ?? [Double](repeating: 0, count: span)
                    if let w = series["median_wage"] { for t in 0..<span where w[t].isFinite && e[t].isFinite { ww[t] += e[t] } }
                    wageWeight[isco] = ww
                }
            }
            row = end
        }
        for isco in national.keys.sorted() {
            var s = national[isco]!
            if var w = s["median_wage"], let ww = wageWeight[isco] {
                for t in 0..<span { w[t] = ww[t] > 0 ? w[t] / ww[t] : .nan }
                s["median_wage"] = w
            }
            cells.append(CellData(region: Regions.total, isco: isco, series: s))
        }
        return cells
    }
}

/// Indicator formulas, small and separately testable.
public enum Indicators {
    /// Vacancies per job seeker. With no job seeker but vacancies, the ratio is taken at half a
    /// job seeker (finite, and still the highest in most regions).
    public static func tension(vacancies: Double?, jobseekers: Double?) -> Double? {
        guard let v = vacancies, let j = jobseekers else { return nil }
        if j > 0 { return v / j }
        return v > 0 ? v / 0.5 : nil
    }

    /// log(x / mean of past values), when all are positive.
    public static func logChange(_ x: Double, _ past: [Double]) -> Double? {
        guard !past.isEmpty, x > 0 else { return nil }
        let m = past.reduce(0, +) / Double(past.count)
        return m > 0 ? log(x / m) : nil
    }

    /// Annualised growth from `years` earlier (or the earliest available within that span).
    public static func annualGrowth(_ s: [Double], at k: Int, years: Int) -> Double? {
        guard k < s.count, s[k].isFinite, s[k] > 0 else { return nil }
        for back in stride(from: years, through: 1, by: -1) where k - back >= 0 {
            let b = s[k - back]
            if b.isFinite && b > 0 { return pow(s[k] / b, 1 / Double(back)) - 1 }
        }
        return nil
    }
}

/// Median and scaled MAD of a sample, for robust z-scores clamped to ±3.
struct RobustScale {
    let median: Double
    let scale: Double
    init(_ xs: [Double]) {
        guard !xs.isEmpty else { median = 0; scale = 0; return }
        let s = xs.sorted()
        func med(_ v: [Double]) -> Double { v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2 }
        let m = med(s)
        var mad = 1.4826 * med(s.map { abs($0 - m) }.sorted())
        if !(mad > 0) {
            // More than half the values equal: fall back to the standard deviation.
            let mean = s.reduce(0, +) / Double(s.count)
            mad = (s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, s.count - 1))).squareRoot()
        }
        median = m
        scale = mad
    }
    func z(_ x: Double) -> Double { scale > 0 ? min(3, max(-3, (x - median) / scale)) : 0 }
}

/// Gamma draws (Marsaglia & Tsang 2000) for Dirichlet-perturbed weights.
enum Dirichlet {
    static func gamma(shape a: Double, rng: inout SeededGenerator) -> Double {
        if a < 1 {
            let u = max(rng.uniform(), 1e-300)
            return gamma(shape: a + 1, rng: &rng) * pow(u, 1 / a)
        }
        let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat { x = rng.normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = rng.uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}

extension ShortageModel {
    /// Weights estimated from past shortage lists: a penalised logistic regression of the
    /// panel's `in_shortage` labels on the current indicators' z-scores in each labelled year.
    /// Negative coefficients become zero weights (an indicator that predicts *no* shortage is
    /// left out rather than inverted); the configured imbalance weight, which needs forecasts
    /// the labels do not have, is kept and the others scaled to fill the rest.
    public func estimatedWeights(panel: Panel, lambda: Double = 1) throws -> (config: ShortageConfig, fit: PenalizedLogit.Fit, observations: Int) {
        guard let labelColumn = panel.column(PanelSchema.shortageLabel) else {
            throw ShortageModelError.noCells("the panel has no \(PanelSchema.shortageLabel) column to learn weights from")
        }
        let current: [Indicator] = [.tension, .tensionChange, .employmentGrowth, .wageGrowth, .jobseekerRate]
        var labels: [String: Double] = [:]
        var labelledYears = Set<Int>()
        for row in 0..<panel.rowCount where labelColumn[row].isFinite {
            let key = "\(panel.regions[Int(panel.regionIndex[row])])/\(panel.occupations[Int(panel.occupationIndex[row])])/\(panel.years[row])"
            labels[key] = labelColumn[row]
            labelledYears.insert(Int(panel.years[row]))
        }
        var xs: [[Double]] = [], ys: [Double] = []
        var quiet = config
        quiet.draws = 1
        for year in labelledYears.sorted() {
            let rows = try ShortageModel(config: quiet).rank(panel: panel, year: year, horizon: 0, forecast: nil)
            for r in rows where r.region != Regions.total {
                guard let y = labels["\(r.region)/\(r.isco)/\(year)"] else { continue }
                xs.append(current.map { r.z[$0] ?? 0 })
                ys.append(y)
            }
        }
        guard xs.count > current.count + 1, Set(ys).count == 2 else {
            throw ShortageModelError.noCells("need labelled cells of both kinds (in shortage and not) to learn weights; found \(xs.count)")
        }
        let fit = try PenalizedLogit.fit(Matrix(xs), ys, lambda: lambda)
        var c = config
        let keep = c.weights[.imbalance] ?? 0
        let positive = zip(current, fit.coefficients.dropFirst()).map { ($0, max(0, $1)) }
        let total = positive.reduce(0) { $0 + $1.1 }
        guard total > 0 else { throw ShortageModelError.noCells("no indicator predicts the labelled shortages") }
        var w: [Indicator: Double] = [.imbalance: keep]
        for (ind, v) in positive { w[ind] = (1 - keep) * v / total }
        c.weights = w
        return (c, fit, xs.count)
    }
}

/// Graduates by training programme mapped to ISCO unit groups: a programme → ISCO share matrix
/// (rows of a programme sum to 1) applied to graduates by programme.
public enum GraduateMapping {
    /// - Parameters:
    ///   - graduates: `year,region,programme,graduates` rows.
    ///   - mapping: `programme,isco,share` rows.
    /// - Returns: graduates by "region/isco" and year.
    public static func apply(graduates: [(year: Int, region: String, programme: String, count: Double)],
                             mapping: [(programme: String, isco: String, share: Double)]) throws -> [String: [Int: Double]] {
        var byProgramme: [String: [(String, Double)]] = [:]
        for m in mapping { byProgramme[m.programme, default: []].append((m.isco, m.share)) }
        for (programme, shares) in byProgramme {
            let sum = shares.reduce(0) { $0 + $1.1 }
            if abs(sum - 1) > 1e-6 {
                throw ShortageModelError.noCells("programme '\(programme)': ISCO shares sum to \(sum), not 1")
            }
        }
        var out: [String: [Int: Double]] = [:]
        for g in graduates {
            guard let shares = byProgramme[g.programme] else {
                throw ShortageModelError.noCells("programme '\(g.programme)' has no row in the mapping")
            }
            for (isco, share) in shares { out["\(g.region)/\(isco)", default: [:]][g.year, default: 0] += g.count * share }
        }
        return out
    }
}
