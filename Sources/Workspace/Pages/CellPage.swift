import Forecasting
import Foundation
import LabourData
import MizanSupport
import OutlookBundle
import Vintages

/// One occupation in one region: history and reconciled fan chart, indicators, openings against
/// new supply, reasons, its move since the previous vintage, and how accurate past forecasts were.
enum CellPage {
    static func render(_ data: WorkspaceData, region: String, isco: String, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> (title: String, body: HTML) {
        let t = lang.text
        guard let row = data.row(region: region, isco: isco) else { throw WorkspaceError(.notFound, .notFound, detail: "\(region)/\(isco)") }
        let title = "\(isco) \(ShortageListPage.title(row, lang, data.titles).text) — \(lang.regionName(region))"
        func line(_ k: WorkspaceLanguage.Text, _ v: String) -> HTML { .tr(.th(.text(t(k))), .num(.text(v))) }
        let interval = row.imbalanceLow.map { " [\(lang.number($0, 3)); \(lang.number(row.imbalanceHigh ?? .nan, 3))] (\(t(.interval)))" } ?? ""
        var b: [HTML] = [
            .p(.link("/\(lang.rawValue)/shortages?\(HTML.query([("region", region)]))", "← \(t(.backToList))")),
            .h2(.text(t(.history))),
            .svg(FanChart.svg(history: data.history["\(region)/\(isco)"] ?? [], forecast: data.forecasts["\(region)/\(isco)"] ?? [], label: title)),
            .element(.table, [], [.element(.tbody, [], [
                line(.rank, row.rank.map(String.init) ?? "–"),
                line(.pShortage, row.pShortage.map { lang.number($0, 2) } ?? "–"),
                line(.imbalance, (row.imbalance.map { lang.number($0, 3) } ?? "–") + interval),
                line(.openings, row.openings.map { lang.number($0, 0) } ?? "–"),
                line(.newSupply, row.newSupply.map { lang.number($0, 0) } ?? "–"),
                line(.employment, row.employment.map { lang.number($0, 0) } ?? "–"),
                line(.tension, row.tensionRatio.map { lang.number($0, 2) } ?? "–"),
            ])]),
            .h2(.text(t(.reasons))), .p([.lang(lang.reasonLanguage.rawValue)], .text(row.reasons(in: lang.reasonLanguage))),
            .h2(.text(t(.movedSince))), moveSincePrevious(data, region: region, isco: isco, lang),
        ]
        // Accuracy of past forecasts at this cell's level of the hierarchy.
        let level = PanelHistory.level(region: region, isco: isco)
        let acc = data.accuracy.filter { $0.level == level }
        if !acc.isEmpty {
            b += [.h2(.text(t(.accuracy))), .note("\(level) — \(t(.backtestNote))"),
                  .table(head: [.th("step"), .numHeader("MASE"), .numHeader("sMAPE"), .numHeader("80 %"), .numHeader("95 %")],
                         rows: acc.map { a in
                             .tr(.td(.text(a.step)), .num(.text(lang.number(a.mase, 3))), .num(.text(lang.number(a.smape, 2))),
                                 .num(.text(lang.number(a.coverage80, 3))), .num(.text(lang.number(a.coverage95, 3))))
                         })]
        }
        return (title, .group(b))
    }

    /// The cell's rank and p_shortage in the previous vintage and the latest.
    static func moveSincePrevious(_ data: WorkspaceData, region: String, isco: String, _ lang: WorkspaceLanguage) -> HTML {
        let t = lang.text
        guard let store = data.vintages, let list = try? store.list(), list.count >= 2 else { return .note(.text(t(.noVintages))) }
        let previous = list[list.count - 2], latest = list[list.count - 1]
        let before = (try? store.shortages(previous.id))?.first { $0.region == region && $0.isco == isco }
        let after = (try? store.shortages(latest.id))?.first { $0.region == region && $0.isco == isco }
        guard let before, let after else { return .p(.text(t(.notInPrevious))) }
        let rank = "\(before.rank.map(String.init) ?? "–") → \(after.rank.map(String.init) ?? "–")"
        let p = "\(before.pShortage.map { lang.number($0, 2) } ?? "–") → \(after.pShortage.map { lang.number($0, 2) } ?? "–")"
        return .p("\(previous.id) → \(latest.id): \(t(.rank)) \(rank); \(t(.pShortage)) \(p)")
    }
}
