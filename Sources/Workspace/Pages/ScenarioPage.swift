import LabourData
import MizanSupport

/// Scenarios beside the outlook: the list of those loaded, one scenario's assumptions, the lists
/// it changes and the cells it moves most, and one occupation × region under both (fan charts of
/// the baseline and the scenario, the difference by year with its band).
enum ScenarioPage {
    static func index(_ data: WorkspaceData, _ lang: WorkspaceLanguage) -> String {
        let t = lang.text
        guard !data.scenarios.isEmpty else { return "<p class=\"note\">\(t(.noScenarios))</p>" }
        var h = "<ul>"
        for (n, s) in data.scenarios.enumerated() {
            h += "<li><a href=\"/\(lang.rawValue)/scenario/\(n + 1)\">\(HTMLText.escape(s.name))</a> — \(s.shocks.count) \(t(.shocks).lowercased())</li>"
        }
        return h + "</ul>"
    }

    static func scenario(_ data: WorkspaceData, _ n: Int, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> (title: String, body: String) {
        let t = lang.text
        let s = try view(data, n)
        var h = "<p><a href=\"/\(lang.rawValue)/scenarios\">← \(t(.scenarios))</a></p>"
        h += "<h2>\(t(.shocks))</h2><ul>" + s.shocks.map { "<li>\(HTMLText.escape($0.label)) (\(HTMLText.escape($0.kind)))</li>" }.joined() + "</ul>"
        h += "<h2>\(t(.listsChanged))</h2>"
        if s.listChanges.isEmpty { h += "<p>–</p>" } else {
            h += "<table><thead><tr><th>\(t(.region))</th><th></th><th>\(t(.occupation))</th><th class=\"num\">\(t(.rank))</th></tr></thead><tbody>"
            for c in s.listChanges {
                h += "<tr><td>\(HTMLText.escape(lang.regionName(c.region)))</td><td>\(c.entered ? t(.entered) : t(.left))</td>"
                    + "<td><a href=\"/\(lang.rawValue)/scenario/\(n)/\(c.region)/\(c.isco)\">\(HTMLText.escape(c.isco)) \(HTMLText.escape(title(data, c.region, c.isco, lang)))</a></td>"
                    + "<td class=\"num\">\(c.baselineRank) → \(c.scenarioRank)</td></tr>"
            }
            h += "</tbody></table>"
        }
        // The cells whose p_shortage moves most.
        let moved = s.differences.compactMap { key, byMeasure -> (String, Difference)? in
            guard let d = byMeasure["p_shortage"]?[s.targetYear], let x = d.difference, x != 0 else { return nil }
            return (key, d)
        }.sorted { (abs($0.1.difference!), $1.0) > (abs($1.1.difference!), $0.0) }.prefix(20)
        h += "<h2>\(t(.pShortage)) \(s.targetYear)</h2>"
        if moved.isEmpty { h += "<p>–</p>" } else {
            h += "<table><thead><tr><th>\(t(.region))</th><th>\(t(.occupation))</th><th class=\"num\">\(t(.baseline))</th><th class=\"num\">\(t(.scenario))</th><th class=\"num\">\(t(.difference))</th></tr></thead><tbody>"
            for (key, d) in moved {
                let parts = key.split(separator: "/").map(String.init)
                h += "<tr><td>\(HTMLText.escape(lang.regionName(parts[0])))</td><td><a href=\"/\(lang.rawValue)/scenario/\(n)/\(parts[0])/\(parts[1])\">\(HTMLText.escape(parts[1])) \(HTMLText.escape(title(data, parts[0], parts[1], lang)))</a></td>"
                    + "<td class=\"num\">\(lang.number(d.baseline ?? .nan, 2))</td><td class=\"num\">\(lang.number(d.scenario ?? .nan, 2))</td><td class=\"num\">\(signed(d.difference, 2, lang))</td></tr>"
            }
            h += "</tbody></table>"
        }
        return (s.name, h)
    }

    static func cell(_ data: WorkspaceData, _ n: Int, region: String, isco: String, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> (title: String, body: String) {
        let t = lang.text
        let s = try view(data, n)
        let key = "\(region)/\(isco)"
        guard let byMeasure = s.differences[key] else { throw WorkspaceError(.notFound, .notFound, detail: key) }
        let name = "\(isco) \(title(data, region, isco, lang)) — \(lang.regionName(region))"
        var h = "<p><a href=\"/\(lang.rawValue)/scenario/\(n)\">← \(HTMLText.escape(s.name))</a></p><div class=\"charts\">"
        h += "<figure><figcaption>\(t(.baseline))</figcaption>" + FanChart.svg(history: data.history[key] ?? [], forecast: data.forecasts[key] ?? [], label: name) + "</figure>"
        h += "<figure><figcaption>\(HTMLText.escape(s.name))</figcaption>" + FanChart.svg(history: data.history[key] ?? [], forecast: s.forecasts[key] ?? [], label: name) + "</figure></div>"
        h += "<table><thead><tr><th></th><th class=\"num\">\(t(.baseline))</th><th class=\"num\">\(t(.scenario))</th><th class=\"num\">\(t(.difference))</th><th class=\"num\">80 %</th></tr></thead><tbody>"
        for (measure, label, digits) in [("employment", t(.employment), 0), ("openings", t(.openings), 0), ("new_supply", t(.newSupply), 0),
                                         ("imbalance", t(.imbalance), 3), ("p_shortage", t(.pShortage), 2)] {
            for (year, d) in (byMeasure[measure] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let band = d.low.map { "[\(lang.number($0, digits)); \(lang.number(d.high ?? .nan, digits))]" } ?? "–"
                h += "<tr><th>\(label) \(year)</th><td class=\"num\">\(lang.number(d.baseline ?? .nan, digits))</td><td class=\"num\">\(lang.number(d.scenario ?? .nan, digits))</td>"
                    + "<td class=\"num\">\(signed(d.difference, digits, lang))</td><td class=\"num\">\(band)</td></tr>"
            }
        }
        return (name, h + "</tbody></table>")
    }

    typealias Difference = ScenarioView.Difference

    static func view(_ data: WorkspaceData, _ n: Int) throws(WorkspaceError) -> ScenarioView {
        guard n >= 1, n <= data.scenarios.count else { throw WorkspaceError(.notFound, .notFound, detail: "scenario \(n)") }
        return data.scenarios[n - 1]
    }

    static func title(_ data: WorkspaceData, _ region: String, _ isco: String, _ lang: WorkspaceLanguage) -> String {
        data.row(region: region, isco: isco).map { ShortageListPage.title($0, lang, data.titles).text } ?? ""
    }

    static func signed(_ x: Double?, _ digits: Int, _ lang: WorkspaceLanguage) -> String {
        guard let x, x.isFinite else { return "–" }
        return (x > 0 ? "+" : "") + lang.number(x, digits)
    }
}
