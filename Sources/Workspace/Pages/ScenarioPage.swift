import LabourData
import MizanSupport

/// Scenarios beside the outlook: the list of those loaded, one scenario's assumptions, the lists
/// it changes and the cells it moves most, and one occupation × region under both (fan charts of
/// the baseline and the scenario, the difference by year with its band).
enum ScenarioPage {
    static func index(_ data: WorkspaceData, _ lang: WorkspaceLanguage) -> HTML {
        let t = lang.text
        guard !data.scenarios.isEmpty else { return .note(.text(t(.noScenarios))) }
        return .ul(data.scenarios.enumerated().map { n, s in
            .li(.link("/\(lang.rawValue)/scenario/\(n + 1)", .text(s.name)), " — \(s.shocks.count) \(t(.shocks).lowercased())")
        })
    }

    static func scenario(_ data: WorkspaceData, _ n: Int, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> (title: String, body: HTML) {
        let t = lang.text
        let s = try view(data, n)
        func cellLink(_ region: String, _ isco: String) -> HTML {
            .link("/\(lang.rawValue)/scenario/\(n)/\(region)/\(isco)", "\(isco) \(title(data, region, isco, lang))")
        }
        var h: [HTML] = [
            .p(.link("/\(lang.rawValue)/scenarios", "← \(t(.scenarios))")),
            .h2(.text(t(.shocks))), .ul(s.shocks.map { .li("\($0.label) (\($0.kind))") }),
            .h2(.text(t(.listsChanged))),
        ]
        h.append(s.listChanges.isEmpty ? .p("–") : .table(
            head: [.th(.text(t(.region))), .th(), .th(.text(t(.occupation))), .numHeader(.text(t(.rank)))],
            rows: s.listChanges.map { c in
                .tr(.td(.text(lang.regionName(c.region))), .td(.text(c.entered ? t(.entered) : t(.left))),
                    .td(cellLink(c.region, c.isco)), .num("\(c.baselineRank) → \(c.scenarioRank)"))
            }))
        // The cells whose p_shortage moves most.
        let moved = s.differences.compactMap { key, byMeasure -> (String, Difference)? in
            guard let d = byMeasure["p_shortage"]?[s.targetYear], let x = d.difference, x != 0 else { return nil }
            return (key, d)
        }.sorted { (abs($0.1.difference!), $1.0) > (abs($1.1.difference!), $0.0) }.prefix(20)
        h.append(.h2("\(t(.pShortage)) \(s.targetYear)"))
        h.append(moved.isEmpty ? .p("–") : .table(
            head: [.th(.text(t(.region))), .th(.text(t(.occupation))), .numHeader(.text(t(.baseline))), .numHeader(.text(t(.scenario))), .numHeader(.text(t(.difference)))],
            rows: moved.map { key, d in
                let parts = key.split(separator: "/").map(String.init)
                return .tr(.td(.text(lang.regionName(parts[0]))), .td(cellLink(parts[0], parts[1])),
                           .num(.text(lang.number(d.baseline ?? .nan, 2))), .num(.text(lang.number(d.scenario ?? .nan, 2))), .num(.text(signed(d.difference, 2, lang))))
            }))
        return (s.name, .group(h))
    }

    static func cell(_ data: WorkspaceData, _ n: Int, region: String, isco: String, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> (title: String, body: HTML) {
        let t = lang.text
        let s = try view(data, n)
        let key = "\(region)/\(isco)"
        guard let byMeasure = s.differences[key] else { throw WorkspaceError(.notFound, .notFound, detail: key) }
        let name = "\(isco) \(title(data, region, isco, lang)) — \(lang.regionName(region))"
        var rows: [HTML] = []
        for (measure, label, digits) in [("employment", t(.employment), 0), ("openings", t(.openings), 0), ("new_supply", t(.newSupply), 0),
                                         ("imbalance", t(.imbalance), 3), ("p_shortage", t(.pShortage), 2)] {
            for (year, d) in (byMeasure[measure] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let band = d.low.map { "[\(lang.number($0, digits)); \(lang.number(d.high ?? .nan, digits))]" } ?? "–"
                rows.append(.tr(.th("\(label) \(year)"), .num(.text(lang.number(d.baseline ?? .nan, digits))), .num(.text(lang.number(d.scenario ?? .nan, digits))),
                                .num(.text(signed(d.difference, digits, lang))), .num(.text(band))))
            }
        }
        return (name, .group([
            .p(.link("/\(lang.rawValue)/scenario/\(n)", "← \(s.name)")),
            .div([.class("charts")],
                 .figure(.figcaption(.text(t(.baseline))), .svg(FanChart.svg(history: data.history[key] ?? [], forecast: data.forecasts[key] ?? [], label: name))),
                 .figure(.figcaption(.text(s.name)), .svg(FanChart.svg(history: data.history[key] ?? [], forecast: s.forecasts[key] ?? [], label: name)))),
            .table(head: [.th(), .numHeader(.text(t(.baseline))), .numHeader(.text(t(.scenario))), .numHeader(.text(t(.difference))), .numHeader("80 %")], rows: rows),
        ]))
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
