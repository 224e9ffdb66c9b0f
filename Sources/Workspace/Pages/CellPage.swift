import LabourData
import MizanSupport
import OutlookBundle
import Vintages

/// One occupation in one region: history and reconciled fan chart, indicators, openings against
/// new supply, reasons, its move since the previous vintage, and how accurate past forecasts were.
enum CellPage {
    static func render(_ data: WorkspaceData, region: String, isco: String, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> (title: String, body: String) {
        let t = lang.text
        guard let row = data.row(region: region, isco: isco) else { throw WorkspaceError(.notFound, .notFound, detail: "\(region)/\(isco)") }
        let title = "\(isco) \(ShortageListPage.title(row, lang, data.titles).text) — \(lang.regionName(region))"
        var b = "<p><a href=\"/\(lang.rawValue)/shortages?\(HTML.query([("region", region)]))\">← \(t(.backToList))</a></p>"
        b += "<h2>\(t(.history))</h2>"
        b += FanChart.svg(history: data.history["\(region)/\(isco)"] ?? [], forecast: data.forecasts["\(region)/\(isco)"] ?? [], label: title)
        b += "<table><tbody>"
        func line(_ k: WorkspaceLanguage.Text, _ v: String) { b += "<tr><th>\(t(k))</th><td class=\"num\">\(v)</td></tr>" }
        line(.rank, row.rank.map(String.init) ?? "–")
        line(.pShortage, row.pShortage.map { lang.number($0, 2) } ?? "–")
        line(.imbalance, (row.imbalance.map { lang.number($0, 3) } ?? "–")
             + (row.imbalanceLow.map { " [\(lang.number($0, 3)); \(lang.number(row.imbalanceHigh ?? .nan, 3))] (\(t(.interval)))" } ?? ""))
        line(.openings, row.openings.map { lang.number($0, 0) } ?? "–")
        line(.newSupply, row.newSupply.map { lang.number($0, 0) } ?? "–")
        line(.employment, row.employment.map { lang.number($0, 0) } ?? "–")
        line(.tension, row.tensionRatio.map { lang.number($0, 2) } ?? "–")
        b += "</tbody></table><h2>\(t(.reasons))</h2><p lang=\"\(lang.reasonLanguage.rawValue)\">\(HTMLText.escape(row.reasons(in: lang.reasonLanguage)))</p>"
        // Since the previous vintage.
        b += "<h2>\(t(.movedSince))</h2>"
        if let store = data.vintages, let list = try? store.list(), list.count >= 2 {
            let previous = list[list.count - 2], latest = list[list.count - 1]
            let before = (try? store.shortages(previous.id))?.first { $0.region == region && $0.isco == isco }
            let after = (try? store.shortages(latest.id))?.first { $0.region == region && $0.isco == isco }
            if let before, let after {
                b += "<p>\(HTMLText.escape(previous.id)) → \(HTMLText.escape(latest.id)): \(t(.rank)) \(before.rank.map(String.init) ?? "–") → \(after.rank.map(String.init) ?? "–"); \(t(.pShortage)) \(before.pShortage.map { lang.number($0, 2) } ?? "–") → \(after.pShortage.map { lang.number($0, 2) } ?? "–")</p>"
            } else {
                b += "<p>\(t(.notInPrevious))</p>"
            }
        } else {
            b += "<p class=\"note\">\(t(.noVintages))</p>"
        }
        // Accuracy of past forecasts at this cell's level of the hierarchy.
        let level = (region == Regions.total ? "national" : "region") + " × isco\(isco.count)"
        let acc = data.accuracy.filter { $0.level == level }
        if !acc.isEmpty {
            b += "<h2>\(t(.accuracy))</h2><p class=\"note\">\(HTMLText.escape(level)) — \(t(.backtestNote))</p><table><thead><tr><th>step</th><th class=\"num\">MASE</th><th class=\"num\">sMAPE</th><th class=\"num\">80 %</th><th class=\"num\">95 %</th></tr></thead><tbody>"
            for a in acc {
                b += "<tr><td>\(HTMLText.escape(a.step))</td><td class=\"num\">\(lang.number(a.mase, 3))</td><td class=\"num\">\(lang.number(a.smape, 2))</td><td class=\"num\">\(lang.number(a.coverage80, 3))</td><td class=\"num\">\(lang.number(a.coverage95, 3))</td></tr>"
            }
            b += "</tbody></table>"
        }
        return (title, b)
    }
}
