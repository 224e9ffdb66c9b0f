import Forecasting
import Foundation
import LabourData
import MizanSupport
import Scenarios
import Shortage

/// The scenario's page: what was assumed (each shock), what it does to employment nationally
/// and by region at the target year, the shortage lists it changes, the cells whose
/// p_shortage moves most (with the imbalance's band, draw by draw), and the profiles whose
/// first recommendation changes. Self-contained HTML, like the outlook's report.
struct ScenarioReport {
    let spec: ScenarioSpec
    let comparison: ScenarioComparison
    let top: Int
    let language: Language
    let recommendationChanges: (changed: Int, profiles: Int)?
    /// For the fan charts (the outlook report's, drawn from each forecast).
    let config: OutlookConfig
    let panel: Panel

    func t(_ fr: String, _ en: String) -> String { language.usesFrench ? fr : en }
    func e(_ s: String) -> String { HTMLText.escape(s) }
    func n(_ x: Double, _ digits: Int = 0) -> String {
        let f = NumberFormatter()
        f.locale = Locale(identifier: language.usesFrench ? "fr_FR" : "en_GB")
        f.numberStyle = .decimal
        f.minimumFractionDigits = digits; f.maximumFractionDigits = digits
        return f.string(from: NSNumber(value: x)) ?? String(x)
    }

    func html() -> String {
        let c = comparison, b = c.baseline, s = c.scenario
        let isco = ISCO08.standard
        let H = b.years.count, nSeries = b.seriesCount, last = H - 1
        let target = c.scenarioList.targetYear
        var h = """
        <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8">
        <title>\(t("Scénario", "Scenario")): \(e(spec.name))</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
        h1{font-size:1.5em}h2{margin-top:1.5em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;width:100%;font-size:.85em;margin:.6em 0}
        th,td{border-bottom:1px solid #e3e3e3;padding:.25em .4em;text-align:left}
        th{background:#f4f4f4}.num{text-align:right;white-space:nowrap}.note{color:#666;font-size:.85em}
        .up{color:#a40000}.down{color:#1a5e20}.charts{display:flex;flex-wrap:wrap;gap:1em}
        </style></head><body>
        <h1>\(t("Scénario", "Scenario")): \(e(spec.name))</h1>
        <p class="note">\(t("Écarts au scénario de référence (même prévision, mêmes trajectoires simulées, mêmes tirages) à l'horizon", "Differences from the baseline (same forecast, same sample paths, same draws) at the horizon")) \(target).\(spec.description.map { " " + e($0) } ?? "")</p>
        <h2>\(t("Hypothèses", "Assumptions"))</h2><table><tr><th>\(t("Choc", "Shock"))</th><th>\(t("Type", "Kind"))</th><th>\(t("Où", "Where"))</th><th>\(t("Quoi", "What"))</th></tr>

        """
        for shock in spec.shocks {
            let whereText = [shock.region ?? t("toutes les régions", "every region"), shock.sector.map { t("secteur ", "sector ") + $0 } ?? "",
                             shock.isco.isEmpty ? "" : "ISCO " + shock.isco.joined(separator: ", ")].filter { !$0.isEmpty }.joined(separator: " · ")
            var what = shock.amounts.sorted { $0.key < $1.key }.map { "\($0.key): \(n($0.value))" }.joined(separator: ", ")
            if shock.kind == .sectorGrowth { what = "\(n(shock.percent, 1)) \(t("points par an", "points a year"))\(shock.from.map { t(" dès ", " from ") + String($0) } ?? "")" }
            if shock.kind == .demography { what = shock.exitMultiplier.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) × \(n($0.value, 2))" }.joined(separator: ", ") }
            h += "<tr><td>\(e(shock.label))</td><td>\(shock.kind.rawValue)</td><td>\(e(whereText))</td><td>\(e(what))</td></tr>\n"
        }
        h += "</table>\n"
        if !c.notes.isEmpty { h += "<p class=\"note\">" + c.notes.map(e).joined(separator: "<br>") + "</p>\n" }

        // Employment by region (TOTAL first) at the target year, every ISCO group summed.
        h += "<h2>\(t("Emploi", "Employment")) \(target)</h2><table><tr><th>\(t("Région", "Region"))</th><th class=\"num\">\(t("Référence", "Baseline"))</th><th class=\"num\">\(t("Scénario", "Scenario"))</th><th class=\"num\">\(t("Écart", "Difference"))</th></tr>\n"
        let nb = b.hierarchy.b.nodes.count
        for (ga, node) in b.hierarchy.a.nodes.enumerated() {
            let i = ga * nb   // ISCO node 0 = TOTAL
            let before = b.mean[last * nSeries + i], after = s.mean[last * nSeries + i]
            h += "<tr><td>\(e(node.code))</td><td class=\"num\">\(n(before))</td><td class=\"num\">\(n(after))</td><td class=\"num\">\(signed(after - before))</td></tr>\n"
        }
        h += "</table>\n"

        // Fan charts of the baseline and the scenario, nationally, for the occupations whose
        // employment moves most at the target year.
        let movedMost = b.hierarchy.b.leaves.compactMap { code -> (String, Double)? in
            guard let gb = b.hierarchy.b.nodes.firstIndex(where: { $0.code == code }) else { return nil }
            let i = gb   // region node 0 = TOTAL
            let d = s.mean[last * nSeries + i] - b.mean[last * nSeries + i]
            return abs(d) > 0.5 ? (code, d) : nil
        }.sorted { (abs($0.1), $1.0) > (abs($1.1), $0.0) }.prefix(3)
        if !movedMost.isEmpty, let year = panel.lastYear {
            func chart(_ f: PanelForecast, _ code: String, _ caption: String) -> String {
                OutlookReport(config: config, panel: panel, forecast: f, accuracy: nil, now: [], ahead: [], lastYear: year, gap: [], esco: nil,
                              recommendations: nil).fanChart(isco: code, title: caption)
            }
            h += "<h2>\(t("Référence et scénario, au niveau national", "Baseline and scenario, nationally"))</h2>\n"
            for (code, d) in movedMost {
                let title = "\(code) \(isco.title(code, language) ?? "")"
                h += "<div class=\"charts\">" + chart(b, code, "\(title) — \(t("référence", "baseline"))")
                    + chart(s, code, "\(title) — \(spec.name) (\(d > 0 ? "+" : "−")\(n(abs(d))))") + "</div>\n"
            }
        }

        // The printed lists the scenario changes.
        let changes = c.listChanges(top: top)
        h += "<h2>\(t("Listes de pénurie modifiées", "Shortage lists changed")) (top \(top))</h2>\n"
        if changes.isEmpty { h += "<p>\(t("Aucune profession n'entre ni ne sort des listes imprimées.", "No occupation enters or leaves the printed lists."))</p>\n" } else {
            h += "<table><tr><th>\(t("Région", "Region"))</th><th>ISCO</th><th></th><th class=\"num\">\(t("Rang", "Rank"))</th><th class=\"num\">p_shortage</th></tr>\n"
            for ch in changes {
                h += "<tr><td>\(e(ch.region))</td><td>\(e(ch.isco)) \(e(isco.title(ch.isco, language) ?? ""))</td><td>\(ch.entered ? t("entre", "enters") : t("sort", "leaves"))</td>"
                    + "<td class=\"num\">\(ch.baselineRank) → \(ch.scenarioRank)</td><td class=\"num\">\(p(ch.baselineP)) → \(p(ch.scenarioP))</td></tr>\n"
            }
            h += "</table>\n"
        }

        // Cells whose p_shortage moves most.
        let before = Dictionary(c.baselineList.rows.map { ("\($0.region)/\($0.isco)", $0) }, uniquingKeysWith: { a, _ in a })
        var moved: [(ShortageRow, ShortageRow, Double)] = []
        for row in c.scenarioList.rows { if let r0 = before["\(row.region)/\(row.isco)"], let a = row.pShortage, let z = r0.pShortage, a != z { moved.append((r0, row, a - z)) } }
        moved.sort { (abs($0.2), $1.0.region, $1.0.isco) > (abs($1.2), $0.0.region, $0.0.isco) }
        h += "<h2>\(t("Probabilités de pénurie qui bougent le plus", "Shortage probabilities that move most"))</h2>\n"
        if moved.isEmpty { h += "<p>\(t("Aucune.", "None."))</p>\n" } else {
            h += "<table><tr><th>\(t("Région", "Region"))</th><th>ISCO</th><th class=\"num\">p_shortage</th><th class=\"num\">\(t("Déséquilibre", "Imbalance"))</th><th class=\"num\">\(t("Ouvertures", "Openings"))</th><th class=\"num\">\(t("Nouvelle offre", "New supply"))</th></tr>\n"
            for (r0, r1, _) in moved.prefix(20) {
                h += "<tr><td>\(e(r1.region))</td><td>\(e(r1.isco)) \(e(isco.title(r1.isco, language) ?? ""))</td><td class=\"num\">\(p(r0.pShortage)) → \(p(r1.pShortage))</td>"
                    + "<td class=\"num\">\(pct(r0.imbalance)) → \(pct(r1.imbalance))</td><td class=\"num\">\(num(r0.openings)) → \(num(r1.openings))</td><td class=\"num\">\(num(r0.newSupply)) → \(num(r1.newSupply))</td></tr>\n"
            }
            h += "</table>\n"
        }
        if let r = recommendationChanges {
            h += "<h2>\(t("Recommandations", "Recommendations"))</h2><p>\(r.changed) \(t("profils sur", "profiles of")) \(r.profiles) \(t("ont une première recommandation différente (recommendation_changes.csv).", "have a different first recommendation (recommendation_changes.csv)."))</p>\n"
        }
        h += "<p class=\"note\">\(t("Tables : scenario_vs_baseline.csv (écarts et bandes à 80 %), drivers.csv (écart par choc et interaction), shortage_list_changes.csv.", "Tables: scenario_vs_baseline.csv (differences and 80 % bands), drivers.csv (difference by shock and interaction), shortage_list_changes.csv."))</p>\n</body></html>\n"
        return h
    }

    func signed(_ x: Double) -> String {
        let r = x.rounded()
        return r == 0 ? "0" : "<span class=\"\(r > 0 ? "up" : "down")\">\(r > 0 ? "+" : "−")\(n(abs(r)))</span>"
    }
    func p(_ x: Double?) -> String { x.map { n($0, 2) } ?? "–" }
    func pct(_ x: Double?) -> String { x.map { n($0 * 100, 1) + " %" } ?? "–" }
    func num(_ x: Double?) -> String { x.map { n($0) } ?? "–" }
}
