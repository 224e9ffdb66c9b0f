import Forecasting
import Foundation
import LabourData
import MizanSupport
import Shortage

/// A scenario beside its baseline: the shifted forecast, both shortage lists made from the same
/// sample paths and draws (so their difference is measured draw by draw), and each shock alone
/// for the drivers table.
public struct ScenarioComparison: Sendable {
    public let spec: ScenarioSpec
    public let baseline: PanelForecast
    public let scenario: PanelForecast
    public let baselineList: ShortageList
    public let scenarioList: ShortageList
    /// Each shock alone (empty for a scenario of one shock: it is the whole).
    public let alone: [(label: String, forecast: PanelForecast, list: ShortageList)]
    /// What could not be applied as asked.
    public let notes: [String]

    /// The measures of `scenario_vs_baseline.csv` and `drivers.csv`.
    public static let measures = ["employment", "openings", "new_supply", "imbalance", "p_shortage"]

    public static func run(panel: Panel, baseline: PanelForecast, model: ShortageModel, listYear: Int, horizon: Int,
                           spec: ScenarioSpec, staffing: StaffingMatrix?) throws -> ScenarioComparison {
        // Cells, indicators, their scale and the calibration are the baseline's for every list.
        let prepared = try model.prepare(panel: panel, year: listYear, horizon: horizon, scale: baseline)
        func list(_ shocks: [ScenarioShock]) throws -> (PanelForecast, ShortageList, [String]) {
            let effects = ScenarioEffects(shocks, baseline: baseline, staffing: staffing)
            let (moved, cuts) = baseline.shifted(byBottom: effects.employment)
            let notes = cuts.map { "\($0.region) \($0.isco) \($0.year): a loss of \(Int($0.asked.rounded()).magnitude) asked, "
                + "\(Int($0.applied.rounded()).magnitude) applied (its whole employment)" }
            let l = try model.list(prepared, forecast: moved, adjustments: effects.adjustments)
            return (moved, l, notes)
        }
        let (_, base, _) = try list([])
        let (moved, scen, notes) = try list(spec.shocks)
        var alone: [(label: String, forecast: PanelForecast, list: ShortageList)] = []
        if spec.shocks.count > 1 {
            for s in spec.shocks {
                let (f, l, _) = try list([s])
                alone.append((s.label, f, l))
            }
        }
        return ScenarioComparison(spec: spec, baseline: baseline, scenario: moved, baselineList: base, scenarioList: scen,
                                  alone: alone, notes: notes)
    }

    /// One value of a measure for a forecast series (employment, every year) or a list cell
    /// (the others, at the list's target year).
    struct Key: Hashable { let region: String, isco: String, year: Int, measure: String }

    /// Every (key, value) of a forecast and list, in table order: employment for every series of
    /// the hierarchy (TOTAL included) and year, then the list measures for every cell.
    func values(_ f: PanelForecast, _ l: ShortageList) -> [(Key, Double?)] {
        var out: [(Key, Double?)] = []
        let n = f.seriesCount
        for i in 0..<n {
            let (r, o) = f.key(i)
            for (k, y) in f.years.enumerated() { out.append((Key(region: r, isco: o, year: y, measure: "employment"), f.mean[k * n + i])) }
        }
        for row in l.rows.sorted(by: { ($0.region, $0.isco) < ($1.region, $1.isco) }) {
            for (m, v) in [("openings", row.openings), ("new_supply", row.newSupply), ("imbalance", row.imbalance), ("p_shortage", row.pShortage)] {
                out.append((Key(region: row.region, isco: row.isco, year: l.targetYear, measure: m), v))
            }
        }
        return out + groupBalance(l).values
    }

    /// Openings, new supply and the imbalance of every ISCO group above the list's unit groups
    /// (and `TOTAL`), in each region and nationally: the cells' openings and new supply summed,
    /// over their employment now (cells with a forward view); each draw's imbalance likewise,
    /// for the band. p_shortage is a cell's probability and has no group value.
    func groupBalance(_ l: ShortageList) -> (values: [(Key, Double?)], draws: [String: [Double]]) {
        struct Sum { var openings = 0.0, supply = 0.0, employment = 0.0; var draws: [Double] = [] }
        var sums: [String: Sum] = [:]
        for row in l.rows {
            guard let o = row.openings, let s = row.newSupply, row.employment.isFinite, row.employment > 0 else { continue }
            let cellDraws = l.imbalanceDraws["\(row.region)/\(row.isco)"] ?? []
            let groups = (1..<max(1, row.isco.count)).map { String(row.isco.prefix($0)) } + [Regions.total]
            for g in groups {
                var sum = sums["\(row.region)/\(g)"] ?? Sum()
                sum.openings += o; sum.supply += s; sum.employment += row.employment
                if sum.draws.isEmpty { sum.draws = [Double](repeating: 0, count: cellDraws.count) }
                if sum.draws.count == cellDraws.count { for d in cellDraws.indices { sum.draws[d] += cellDraws[d] * row.employment } }
                sums["\(row.region)/\(g)"] = sum
            }
        }
        var values: [(Key, Double?)] = [], draws: [String: [Double]] = [:]
        for key in sums.keys.sorted() {
            let sum = sums[key]!, parts = key.split(separator: "/").map(String.init)
            for (m, v) in [("openings", sum.openings), ("new_supply", sum.supply), ("imbalance", (sum.openings - sum.supply) / sum.employment)] {
                values.append((Key(region: parts[0], isco: parts[1], year: l.targetYear, measure: m), v))
            }
            draws[key] = sum.draws.map { $0 / sum.employment }
        }
        return (values, draws)
    }

    /// `region,isco,year,measure,baseline,scenario,difference,difference_lo80,difference_hi80`:
    /// employment for every series of the hierarchy and year; openings, new supply and the
    /// imbalance at the target year for every cell and ISCO group (`groupBalance`); p_shortage
    /// for every cell.
    /// The band is the 10th–90th percentile of the difference draw by draw where the measure is
    /// drawn (the imbalance: the same sample path and rate draw in both); a level change of
    /// employment is not uncertain (its band is the difference itself); openings, new supply and
    /// p_shortage are given without a band.
    public func comparisonCSV() -> [UInt8] {
        var w = CSVWriter(decimals: 4, reserve: 1 << 20)
        w.row(["region", "isco", "year", "measure", "baseline", "scenario", "difference", "difference_lo80", "difference_hi80"])
        let scen = Dictionary(values(scenario, scenarioList).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let groupDraws = (baseline: groupBalance(baselineList).draws, scenario: groupBalance(scenarioList).draws)
        for (key, b) in values(baseline, baselineList) {
            let s = scen[key] ?? nil
            w.text(key.region); w.comma(); w.text(key.isco); w.comma(); w.int(key.year); w.comma(); w.text(key.measure); w.comma()
            optional(&w, b); w.comma(); optional(&w, s); w.comma()
            let d: Double? = b.flatMap { b in s.map { $0 - b } }
            optional(&w, d); w.comma()
            var band: (Double, Double)? = nil
            if key.measure == "employment", let d { band = (d, d) }
            let cell = "\(key.region)/\(key.isco)"
            if key.measure == "imbalance", let bd = baselineList.imbalanceDraws[cell] ?? groupDraws.baseline[cell],
               let sd = scenarioList.imbalanceDraws[cell] ?? groupDraws.scenario[cell], bd.count == sd.count, !bd.isEmpty {
                let diffs = zip(sd, bd).map { $0 - $1 }.sorted()
                band = (Quantile.quantile(diffs, 0.1), Quantile.quantile(diffs, 0.9))
            }
            optional(&w, band?.0); w.comma(); optional(&w, band?.1); w.newline()
        }
        return w.bytes
    }

    /// `region,isco,year,measure,shock,difference`: the scenario's difference split by shock —
    /// each shock alone, then `interaction` (the whole minus the shocks alone) — for every value
    /// the scenario moves. The rows of one value sum to its difference in `scenario_vs_baseline.csv`.
    public func driversCSV() -> [UInt8] {
        var w = CSVWriter(decimals: 4, reserve: 1 << 18)
        w.row(["region", "isco", "year", "measure", "shock", "difference"])
        let base = values(baseline, baselineList)
        let whole = Dictionary(values(scenario, scenarioList).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        let parts = alone.isEmpty ? [(spec.shocks.first?.label ?? "", whole)]
            : alone.map { ($0.label, Dictionary(values($0.forecast, $0.list).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })) }
        for (key, b) in base {
            guard let b, let total = whole[key] ?? nil, abs(total - b) > 1e-9 else { continue }
            var explained = 0.0
            for (label, v) in parts {
                guard let x = v[key] ?? nil, abs(x - b) > 1e-9 else { continue }
                explained += x - b
                line(&w, key, label, x - b)
            }
            if abs((total - b) - explained) > 1e-9 { line(&w, key, "interaction", (total - b) - explained) }
        }
        return w.bytes
    }

    /// The printed lists (the top `top` of each region and of the country, by rank) that an
    /// occupation enters or leaves under the scenario.
    public struct ListChange: Sendable {
        public let region: String, isco: String
        public let entered: Bool
        public let baselineRank: Int, scenarioRank: Int
        public let baselineP: Double?, scenarioP: Double?
    }

    public func listChanges(top: Int) -> [ListChange] {
        func printed(_ l: ShortageList) -> [String: ShortageRow] {
            Dictionary(l.rows.map { ("\($0.region)/\($0.isco)", $0) }, uniquingKeysWith: { a, _ in a })
        }
        let b = printed(baselineList), s = printed(scenarioList)
        var out: [ListChange] = []
        for key in b.keys.sorted() {
            guard let rb = b[key], let rs = s[key] else { continue }
            let inB = rb.rank <= top, inS = rs.rank <= top
            if inB != inS {
                out.append(ListChange(region: rb.region, isco: rb.isco, entered: inS, baselineRank: rb.rank, scenarioRank: rs.rank,
                                      baselineP: rb.pShortage, scenarioP: rs.pShortage))
            }
        }
        return out
    }

    /// `region,isco,change,baseline_rank,scenario_rank,baseline_p_shortage,scenario_p_shortage`.
    public func listChangesCSV(top: Int) -> [UInt8] {
        var w = CSVWriter(decimals: 4)
        w.row(["region", "isco", "change", "baseline_rank", "scenario_rank", "baseline_p_shortage", "scenario_p_shortage"])
        for c in listChanges(top: top) {
            w.text(c.region); w.comma(); w.text(c.isco); w.comma(); w.text(c.entered ? "enters" : "leaves"); w.comma()
            w.int(c.baselineRank); w.comma(); w.int(c.scenarioRank); w.comma(); optional(&w, c.baselineP); w.comma(); optional(&w, c.scenarioP); w.newline()
        }
        return w.bytes
    }

    private func line(_ w: inout CSVWriter, _ key: Key, _ label: String, _ d: Double) {
        w.text(key.region); w.comma(); w.text(key.isco); w.comma(); w.int(key.year); w.comma(); w.text(key.measure); w.comma()
        w.text(label); w.comma(); w.number(d); w.newline()
    }

    private func optional(_ w: inout CSVWriter, _ v: Double?) {
        if let v, v.isFinite { w.number(v) }
    }
}
