import Forecasting
import Foundation
import LabourData
import MizanSupport
import Recommender
import Scenarios
import Shortage

/// One self-contained HTML page (inline CSS and SVG, nothing fetched): national and regional
/// shortage tables with reasons, fan charts of the leading occupations, a region × major-group
/// heat map and the skills most in demand. Printable to PDF from a browser.
struct OutlookReport {
    let config: OutlookConfig
    let panel: Panel
    let forecast: PanelForecast
    let accuracy: ForecastAccuracy?
    let now: [ShortageRow]
    let ahead: [ShortageRow]
    let lastYear: Int
    let gap: [SkillsGap.Row]
    let esco: ESCO?
    let recommendations: RecommendationSummary?
    /// Occupations whose shortage the demo panel's generator planted (marked ◆).
    var planted: Set<String> = []
    /// The baseline's change split into sector and mix effects (empty without a staffing matrix).
    var shiftShare: [ShiftShare.Row] = []

    var fr: Bool { config.language.usesFrench }
    func t(_ french: String, _ english: String) -> String { fr ? french : english }
    func num(_ x: Double, _ d: Int = 1) -> String {
        let s = String(format: "%.\(d)f", x)
        return fr ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    func html() -> String {
        let target = Horizon.targetYear(listYear: lastYear, years: config.horizon)
        let isco = ISCO08.standard
        var h = """
        <!DOCTYPE html><html lang="\(config.language.rawValue)"><head><meta charset="utf-8">
        <title>\(t("Perspectives des métiers en pénurie", "Occupational shortage outlook")) \(lastYear)–\(target)</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
        h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;width:100%;font-size:.85em;margin:.6em 0}
        th,td{border-bottom:1px solid #e3e3e3;padding:.25em .4em;text-align:left;vertical-align:top}
        th{background:#f4f4f4}.num{text-align:right;white-space:nowrap}.note{color:#666;font-size:.85em}
        .charts{display:flex;flex-wrap:wrap;gap:1em}@media print{h2{page-break-before:auto}}
        </style></head><body>
        <h1>\(t("Perspectives des métiers en pénurie", "Occupational shortage outlook")) \(lastYear)–\(target)</h1>
        <p class="note">\(t("Emploi prévu par région × profession (ISCO-08), rapproché (", "Employment forecast by region × occupation (ISCO-08), reconciled ("))\(forecast.reconciliation.rawValue)\(t("), intervalles à 80 % et 95 % calibrés sur les erreurs hors échantillon.", "), 80 % and 95 % intervals calibrated on out-of-sample errors.")) \(pMeaning)\(supplyNote)</p>

        """
        // National list.
        h += "<h2>\(t("National", "National"))</h2>\n" + table(ahead.filter { $0.region == Regions.total }, target: target)
        // Fan charts of the top five.
        h += "<h2>\(t("Emploi des cinq premières professions", "Employment of the top five occupations"))</h2><div class=\"charts\">\n"
        for r in ahead.filter({ $0.region == Regions.total }).prefix(5) {
            h += fanChart(isco: r.isco, title: "\(r.isco) \(isco.title(r.isco, config.language) ?? "")")
        }
        h += "</div>\n"
        h += accuracyTable()
        h += shiftShareTable(target: target)
        // Heat map.
        h += "<h2>\(t("Score moyen par région et grand groupe", "Mean score by region and major group"))</h2>\n" + heatMap()
        // Skills.
        if let e = esco, !gap.isEmpty {
            var national: [Int: (Double, [Int])] = [:]
            for r in gap { national[r.skill] = ((national[r.skill]?.0 ?? 0) + r.gap, r.modules) }
            let top = national.sorted { $0.value.0 > $1.value.0 || ($0.value.0 == $1.value.0 && $0.key < $1.key) }.prefix(config.top)
            h += "<h2>\(t("Compétences les plus demandées", "Skills most in demand"))</h2><table><tr><th>\(t("Compétence", "Skill"))</th><th class=\"num\">\(t("Demande non couverte", "Unmet demand"))</th></tr>\n"
            for (s, v) in top { h += "<tr><td>\(HTMLText.escape(e.skills[s].label(config.language)))</td><td class=\"num\">\(num(v.0, 0))</td></tr>\n" }
            h += "</table><p class=\"note\">\(t("Utilise la classification ESCO de la Commission européenne.", "Uses the ESCO classification of the European Commission."))</p>\n"
        }
        // Training paths for the registered profiles, in aggregate only.
        if let rs = recommendations, !rs.rows.isEmpty {
            h += "<h2>\(t("Parcours de formation des profils inscrits", "Training paths for registered profiles"))</h2><table><tr><th>\(t("Région de résidence", "Region of residence"))</th><th class=\"num\">\(t("Profils", "Profiles"))</th><th class=\"num\">\(t("Avec destination", "With a destination"))</th><th class=\"num\">\(t("Heures (médiane)", "Hours (median)"))</th><th>\(t("Destinations les plus fréquentes", "Most frequent destinations"))</th><th>\(t("Modules", "Modules"))</th></tr>\n"
            for r in rs.rows {
                let name = r.region == Regions.total ? t("Ensemble", "All") : "\(r.region) \(Regions.name(r.region))"
                let d = r.profiles < RecommendationSummary.minimumCell ? t("(moins de 5 profils : détail non publié)", "(fewer than 5 profiles: detail withheld)")
                    : r.destinations.map { "\(HTMLText.escape($0.0)) (\($0.1))" }.joined(separator: "<br>")
                h += "<tr><td>\(HTMLText.escape(name))</td><td class=\"num\">\(r.profiles)</td><td class=\"num\">\(r.placed)</td><td class=\"num\">\(r.medianHours.map { num($0, 0) } ?? "–")</td><td>\(d)</td><td>\(r.modules.map { "\(HTMLText.escape($0.0)) (\($0.1))" }.joined(separator: ", "))</td></tr>\n"
            }
            h += "</table>\n"
        }
        // Regions.
        let regions = config.regions ?? panel.regions.filter { $0 != Regions.total }
        for g in regions {
            let rows = ahead.filter { $0.region == g }
            guard !rows.isEmpty else { continue }
            h += "<h2>\(HTMLText.escape(g)) \(HTMLText.escape(Regions.name(g)))</h2>\n" + table(rows, target: target)
        }
        h += "<p class=\"note\">Mizan · \(HTMLText.escape(panelDescription)) · ISCO-08 © ILO</p></body></html>\n"
        return h
    }

    /// What p means in this report, from the basis the list actually has.
    var pMeaning: String {
        let target = Horizon.targetYear(listYear: lastYear, years: config.horizon)
        switch ahead.first?.basis ?? .none {
        case .lists(let years):
            return t("p = probabilité que la demande dépasse l'offre en \(target), calibrée sur les listes de pénurie \(years.lowerBound)–\(years.upperBound).",
                     "p = probability that demand exceeds supply in \(target), calibrated on the shortage lists of \(years.lowerBound)–\(years.upperBound).")
        case .forwardBalance(let tau):
            return t("p = probabilité que les ouvertures (expansion + remplacement) dépassent la nouvelle offre de plus de \(num(100 * tau, 0)) % de l'emploi d'ici \(target), sur les trajectoires de prévision et les tirages des taux ; aucune liste de pénurie passée ne la calibre.",
                     "p = probability that openings (expansion + replacement) exceed new supply by more than \(num(100 * tau, 0)) % of employment by \(target), over forecast paths and rate draws; no past shortage list calibrates it.")
        case .none:
            return ""
        }
    }

    /// Every supply source new supply counts and every one the panel does not have; without
    /// school leavers, what that leaves out: a planner reads the imbalance knowing it (a country
    /// whose panel counts higher-education graduates only sees every manual trade as short).
    var supplyNote: String {
        let seen = ahead.first?.supplyObserved ?? []
        if seen.isEmpty {
            return t(" Offre non observée : le panel n'a ni diplômés, ni sortants de l'école, ni retours, ni immigrés, ni demandeurs d'emploi ; les ouvertures sont données, pas le déséquilibre ni sa probabilité.",
                     " Supply not observed: the panel has no graduates, school leavers, returnees, immigrants or job seekers; openings are given, not the imbalance or its probability.")
        }
        let missing = SupplyMeasure.all.filter { !seen.contains($0) }
        let counted = t(" Nouvelle offre comptée : \(SupplyMeasure.names(seen, language: .french))",
                        " New supply counts: \(SupplyMeasure.names(seen, language: .english))")
        let absent = missing.isEmpty ? "" : t(" ; non observés : \(SupplyMeasure.names(missing, language: .french))",
                                              "; not observed: \(SupplyMeasure.names(missing, language: .english))")
        if seen.contains("school_leavers") {
            return counted + absent + t(". Les sortants de l'école sont les jeunes qui entrent dans la population active au-delà des diplômés comptés.",
                                        ". School leavers are the young people who join the labour force beyond the graduates counted.")
        }
        return counted + absent + t(". Sans sortants de l'école, aucune mesure du panel ne compte les jeunes qui entrent au travail sans diplôme, ni les sortants de formation que ses diplômés omettent (la formation professionnelle, quand le panel ne compte que le supérieur) : la nouvelle offre est sous-estimée d'autant, surtout dans les métiers manuels.",
                                    ". Without school leavers, no measure of the panel counts young people entering work without a diploma, nor training outputs its graduates leave out (vocational training, where the panel counts higher education only): new supply is understated accordingly, most in manual trades.")
    }

    /// The panel this report rests on, as the footer describes it.
    var panelDescription: String {
        let years = "\(panel.firstYear ?? 0)–\(panel.lastYear ?? 0)"
        let regions = panel.regions.filter { !panel.aggregateRegions.contains($0) }.count
        let base = t("panel \(config.panel.lastPathComponent) (\(panel.rowCount) lignes, \(years), \(regions) régions)",
                     "panel \(config.panel.lastPathComponent) (\(panel.rowCount) rows, \(years), \(regions) regions)")
        let note = config.dataNote ?? t("données fournies par l'utilisateur", "data supplied by the user")
        return base + " · " + note + (planted.isEmpty ? "" : t(" · ◆ pénurie plantée par le générateur des données de démonstration", " · ◆ shortage planted by the demo data's generator"))
    }

    /// Past accuracy per hierarchy level and step: what a planner should expect of the numbers
    /// above (rolling origins, the same model and intervals).
    func accuracyTable() -> String {
        guard let a = accuracy else { return "" }
        let levels = ["national × all", "region × all", "national × isco1", "region × isco4"]
        var h = "<h2>\(t("Précision des prévisions passées", "Accuracy of past forecasts"))</h2>\n"
        h += "<table><tr><th>\(t("Niveau", "Level"))</th>"
        for k in 1...a.horizon { h += "<th class=\"num\">\(t("à", "at")) \(k) \(t(k == 1 ? "an" : "ans", k == 1 ? "year" : "years"))</th>" }
        h += "</tr>\n"
        for level in levels {
            let rows = a.rows.filter { $0.level == level && $0.step > 0 }
            guard !rows.isEmpty else { continue }
            h += "<tr><td>\(HTMLText.escape(level))</td>"
            for r in rows.sorted(by: { $0.step < $1.step }) {
                let cover = r.coverage.first.map { num($0 * 100, 0) } ?? "–"
                h += "<td class=\"num\">\(t("sMAPE", "sMAPE")) \(num(r.smape))&nbsp;% · \(cover)&nbsp;%</td>"
            }
            h += "</tr>\n"
        }
        let level0 = a.levels.first.map { num($0, 0) } ?? "80"
        h += "</table><p class=\"note\">" + t("Erreur symétrique moyenne (sMAPE) des prévisions publiées comme celles-ci (même modèle, \(a.model.rawValue), mêmes réconciliation et intervalles), faites aux années \(a.cutoffs.map(String.init).joined(separator: ", ")), et part des valeurs observées dans l'intervalle à \(level0) % (visée : \(level0) %). Tableau complet : forecast_accuracy.csv.",
                                              "Mean symmetric error (sMAPE) of forecasts published as these are (same model, \(a.model.rawValue), same reconciliation and intervals), made at \(a.cutoffs.map(String.init).joined(separator: ", ")), and share of outcomes inside the \(level0) % interval (aim: \(level0) %). Full table: forecast_accuracy.csv.") + " " + calibrationNote() + "</p>\n"
        return h
    }

    /// Where the intervals' width comes from: the panel's own past errors, or the competition tables.
    func calibrationNote() -> String {
        guard let c = forecast.ownCalibration, let cells = c.factor(group: 0, level: 80) ?? c.factor(group: 1, level: 80) else {
            return t("Intervalles tirés des tables calibrées sur des séries de compétition (l'historique du panel est trop court pour ses propres erreurs).",
                     "Interval widths from the tables calibrated on competition series (the panel's history is too short to calibrate on its own errors).")
        }
        let years = "\(c.origins.min()!)–\(c.origins.max()!)"
        return t("Intervalles calibrés sur les erreurs passées de ce panel (\(c.errorCount) prévisions de \(c.seriesCount) séries, faites en \(years)) : bandes à 80 % × \(num(cells, 2)) de celles des tables de compétition.",
                 "Intervals calibrated on this panel's own past errors (\(c.errorCount) forecasts of \(c.seriesCount) series, made in \(years)): 80 % bands × \(num(cells, 2)) of the competition tables'.")
    }

    func table(_ rows: [ShortageRow], target: Int) -> String {
        let isco = ISCO08.standard
        var h = "<table><tr><th>\(t("Rang", "Rank"))</th><th>ISCO</th><th>\(t("Profession", "Occupation"))</th><th class=\"num\">p</th>"
            + "<th class=\"num\">\(t("Rang 90 %", "Rank 90 %"))</th><th class=\"num\">\(t("Déséquilibre", "Imbalance"))</th><th>\(t("Raisons", "Reasons"))</th></tr>\n"
        for r in rows.prefix(config.top) {
            let imb = r.imbalance.map { v in
                num(100 * v) + " %" + ((r.imbalanceLow != nil && r.imbalanceHigh != nil) ? " [\(num(100 * r.imbalanceLow!))–\(num(100 * r.imbalanceHigh!))]" : "")
            } ?? "–"
            let mark = planted.contains(r.isco) ? " ◆" : ""
            h += "<tr><td>\(r.rank)</td><td>\(r.isco)</td><td>\(HTMLText.escape(isco.title(r.isco, config.language) ?? ""))\(mark)</td>"
                + "<td class=\"num\">\(r.pShortage.map { num($0, 2) } ?? "–")</td><td class=\"num\">\(r.rankLow)–\(r.rankHigh)</td><td class=\"num\">\(imb)</td>"
                + "<td>\(HTMLText.escape(r.reasons(config.language, targetYear: target).joined(separator: "; ")))</td></tr>\n"
        }
        return h + "</table>\n"
    }

    /// History (sum over regions) and the reconciled forecast with 80/95 % bands, as SVG.
    func fanChart(isco: String, title: String) -> String {
        guard let m = panel.measures.firstIndex(of: "employment"),
              let ga = forecast.hierarchy.a.nodes.firstIndex(where: { $0.code == Regions.total }),
              let gb = forecast.hierarchy.b.nodes.firstIndex(where: { $0.code == isco }) else { return "" }
        var history: [Int: Double] = [:]
        for row in 0..<panel.rowCount where panel.occupations[Int(panel.occupationIndex[row])] == isco {
            let v = panel.values[m][row]
            if v.isFinite { history[Int(panel.years[row]), default: 0] += v }
        }
        let i = forecast.hierarchy.series(ga, gb), n = forecast.seriesCount
        let years = forecast.years
        let mean = years.indices.map { forecast.mean[$0 * n + i] }
        let lo = forecast.levels.indices.map { l in years.indices.map { forecast.lower[l][$0 * n + i] } }
        let hi = forecast.levels.indices.map { l in years.indices.map { forecast.upper[l][$0 * n + i] } }
        guard !history.isEmpty, let inner = forecast.levels.indices.first, let outer = forecast.levels.indices.last else { return "" }
        let points = years.indices.map { k in
            FanChart.Point(year: years[k], mean: mean[k], inner: .init(low: lo[inner][k], high: hi[inner][k]),
                           outer: .init(low: lo[outer][k], high: hi[outer][k]))
        }
        let svg = FanChart.svg(history: history.keys.sorted().map { ($0, history[$0]!) }, forecast: points, label: title, width: 420, height: 220)
        return "<figure>\(svg)<figcaption>\(HTMLText.escape(title))</figcaption></figure>\n"
    }

    func num2(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Mean composite score of each region's cells in each ISCO major group, coloured.
    func heatMap() -> String {
        let regions = Array(Set(ahead.map(\.region))).filter { $0 != Regions.total }.sorted()
        let majors = (1...9).map(String.init)
        var cell: [String: (Double, Int)] = [:]
        for r in ahead where r.region != Regions.total {
            let key = "\(r.region)/\(r.isco.prefix(1))"
            let c = cell[key] ?? (0, 0)
            cell[key] = (c.0 + r.score, c.1 + 1)
        }
        let size = 34.0, left = 60.0, topPad = 20.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(left + size * 9 + 10))\" height=\"\(Int(topPad + size * Double(regions.count) + 10))\">"
        for (j, m) in majors.enumerated() { svg += "<text x=\"\(Int(left + size * Double(j) + 12))\" y=\"14\" font-size=\"11\">\(m)</text>" }
        for (i, g) in regions.enumerated() {
            svg += "<text x=\"2\" y=\"\(Int(topPad + size * Double(i) + 21))\" font-size=\"11\">\(HTMLText.escape(g))</text>"
            for (j, m) in majors.enumerated() {
                guard let c = cell["\(g)/\(m)"], c.1 > 0 else { continue }
                let v = c.0 / Double(c.1)
                let s = max(-1, min(1, v))  // red for shortage, blue for surplus
                let color = s >= 0 ? "rgb(255,\(Int(255 * (1 - s))),\(Int(255 * (1 - s))))" : "rgb(\(Int(255 * (1 + s))),\(Int(255 * (1 + s))),255)"
                svg += "<rect x=\"\(Int(left + size * Double(j)))\" y=\"\(Int(topPad + size * Double(i)))\" width=\"\(Int(size - 2))\" height=\"\(Int(size - 2))\" fill=\"\(color)\"><title>\(HTMLText.escape(g)) · \(m): \(num(v, 2))</title></rect>"
            }
        }
        return svg + "</svg><p class=\"note\">\(t("Grands groupes ISCO 1–9 ; rouge : pénurie, bleu : excédent.", "ISCO major groups 1–9; red: shortage, blue: surplus."))</p>\n"
    }

    /// The national occupations that change most, their change split into the sector effect and
    /// the mix effect (`ShiftShare`).
    func shiftShareTable(target: Int) -> String {
        let national = shiftShare.filter { $0.region == Regions.total && $0.sectorEffect != nil }
        guard !national.isEmpty else { return "" }
        let top = national.sorted { (abs($0.change), $1.isco) > (abs($1.change), $0.isco) }.prefix(config.top)
        var h = "<h2>\(t("D'où vient la croissance : secteurs et composition", "Where growth comes from: sectors and mix")) \(lastYear)–\(target)</h2>\n"
        h += "<p class=\"note\">\(t("Effet secteur : emplois de la profession dans chaque secteur croissant comme le secteur ; effet composition : le reste (la profession gagne ou perd du terrain dans ses secteurs). Matrice secteur × profession : ", "Sector effect: the occupation's jobs in each sector growing as the sector does; mix effect: the rest (the occupation gaining or losing ground within its sectors). Sector × occupation matrix: "))\(HTMLText.escape(config.staffing?.lastPathComponent ?? "")); shift_share.csv.</p>\n"
        h += "<table><tr><th>ISCO</th><th>\(t("Profession", "Occupation"))</th><th class=\"num\">\(lastYear)</th><th class=\"num\">\(target)</th><th class=\"num\">\(t("Variation", "Change"))</th><th class=\"num\">\(t("Effet secteur", "Sector effect"))</th><th class=\"num\">\(t("Effet composition", "Mix effect"))</th></tr>\n"
        let isco = ISCO08.standard
        for r in top {
            h += "<tr><td>\(r.isco)</td><td>\(HTMLText.escape(isco.title(r.isco, config.language) ?? ""))</td><td class=\"num\">\(num(r.now, 0))</td><td class=\"num\">\(num(r.target, 0))</td>"
                + "<td class=\"num\">\(num(r.change, 0))</td><td class=\"num\">\(num(r.sectorEffect ?? 0, 0))</td><td class=\"num\">\(num(r.mixEffect ?? 0, 0))</td></tr>\n"
        }
        return h + "</table>\n"
    }
}
