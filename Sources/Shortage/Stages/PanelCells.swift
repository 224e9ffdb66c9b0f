import Foundation
import LabourData

/// Everything a shortage list needs about one region × occupation cell: its measures over the
/// panel's years (NaN where missing).
struct CellData: Sendable {
    var region: String
    var isco: String
    var series: [String: [Double]]
    var isNational: Bool { region == Regions.total }
}

/// Stage 1: the panel's bottom cells (aggregate rows dropped), plus national cells summing the
/// regions (wages: employment-weighted means), with a programme → ISCO graduate mapping applied.
enum PanelCells {
    /// Bottom cells of the panel (aggregate rows dropped) plus national cells summing regions.
    static func build(_ panel: Panel, sex: String?) -> [CellData] {
        guard let first = panel.firstYear, let last = panel.lastYear else { return [] }
        let span = last - first + 1
        let aggR = panel.aggregateRegions, aggO = panel.aggregateOccupations
        // Measure name to read for each base measure (a sex split where it exists).
        var source: [String: Int] = [:]
        for base in PanelSchema.baseMeasures + PanelSchema.ageBands.map({ "employment_" + $0 }) {
            if let s = sex, let m = panel.measures.firstIndex(of: "\(base)_\(s)") { source[base] = m }
            else if sex == nil || !["employment", "jobseekers"].contains(base), let m = panel.measures.firstIndex(of: base) { source[base] = m }
        }
        // Past shortage lists label regional cells; national cells are not labelled by summing.
        let labels = panel.measures.firstIndex(of: PanelSchema.shortageLabel)
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
                    var withLabels = series
                    if let m = labels {
                        var v = [Double](repeating: .nan, count: span)
                        for k in row..<end { v[Int(panel.years[k]) - first] = panel.values[m][k] }
                        withLabels[PanelSchema.shortageLabel] = v
                    }
                    cells.append(CellData(region: region, isco: isco, series: withLabels))
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

    /// Replaces the graduates series by mapped graduates ("region/isco" → year → count);
    /// national cells get the sum over regions.
    static func applyGraduates(_ g: [String: [Int: Double]], to cells: inout [CellData], firstYear first: Int, lastYear last: Int) {
        var national: [String: [Int: Double]] = [:]
        for (key, byYear) in g {
            let isco = String(key.split(separator: "/").last ?? "")
            for (y, v) in byYear { national[isco, default: [:]][y, default: 0] += v }
        }
        for c in cells.indices {
            let byYear = cells[c].isNational ? national[cells[c].isco] : g["\(cells[c].region)/\(cells[c].isco)"]
            var series = [Double](repeating: .nan, count: last - first + 1)
            for (y, v) in byYear ?? [:] where y >= first && y <= last { series[y - first] = v }
            cells[c].series["graduates"] = series
        }
    }
}
