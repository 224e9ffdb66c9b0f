import LabourData
import Vintages

/// The vintages: the list, and the diff of two vintages' top lists with the reasons.
enum VintagesPage {
    static func render(_ data: WorkspaceData, a: String?, b: String?, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> HTML {
        let t = lang.text
        guard let store = data.vintages, let list = try? store.list(), !list.isEmpty else { return .note(.text(t(.noVintages))) }
        var h: [HTML] = [
            .h2(.text(t(.vintageList))),
            .table(head: [.th("id"), .th(.text(t(.recorded))), .numHeader(.text(t(.base))), .numHeader(.text(t(.horizon)))],
                   rows: list.map { v in .tr(.td(.text(v.id)), .td(.text(v.recorded)), .num("\(v.baseYear)"), .num("\(v.horizon)")) }),
        ]
        let ids = list.map(\.id)
        let first = a ?? (ids.count >= 2 ? ids[ids.count - 2] : ids[0]), second = b ?? ids[ids.count - 1]
        guard ids.contains(first), ids.contains(second) else { throw WorkspaceError(.badRequest, .badParameter, detail: ids.contains(first) ? second : first) }
        h.append(.form([.class("filters"), .init("method", "get"), .init("action", "/\(lang.rawValue)/vintages")],
            [("a", first), ("b", second)].map { name, chosen in
                .label(.text(name), .select([.name(name)], ids.map { id in .option([.selected(id == chosen)], .text(id)) }))
            } + [.submit(.text(t(.compare)))]))
        guard let before = try? store.shortages(first), let after = try? store.shortages(second) else { return .group(h) }
        let diff = VintageDiff(before: before, after: after, top: 10)
        h.append(.table(
            head: [.th(.text(t(.region))), .th(), .th(.text(t(.occupation))), .numHeader(.text(t(.rank))), .th(.text(t(.reasons)))],
            rows: diff.rows.map { r in
                .tr(.td(.text(lang.regionName(r.region))), .td(.text(r.change == .entered ? t(.entered) : t(.left))),
                    .td("\(r.isco) \(r.title)"),
                    .num("\(r.rankBefore.map(String.init) ?? "–") → \(r.rankAfter.map(String.init) ?? "–")"), .td(.text(r.reasons)))
            }))
        return .group(h)
    }
}
