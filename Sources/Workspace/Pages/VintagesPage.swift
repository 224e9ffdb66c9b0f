import LabourData
import MizanSupport
import Vintages

/// The vintages: the list, and the diff of two vintages' top lists with the reasons.
enum VintagesPage {
    static func render(_ data: WorkspaceData, a: String?, b: String?, _ lang: WorkspaceLanguage) throws(WorkspaceError) -> String {
        let t = lang.text
        guard let store = data.vintages, let list = try? store.list(), !list.isEmpty else { return "<p class=\"note\">\(t(.noVintages))</p>" }
        var h = "<h2>\(t(.vintageList))</h2><table><thead><tr><th>id</th><th>\(t(.recorded))</th><th class=\"num\">\(t(.base))</th><th class=\"num\">\(t(.horizon))</th></tr></thead><tbody>"
        for v in list {
            h += "<tr><td>\(HTMLText.escape(v.id))</td><td>\(HTMLText.escape(v.recorded))</td><td class=\"num\">\(v.baseYear)</td><td class=\"num\">\(v.horizon)</td></tr>"
        }
        h += "</tbody></table>"
        let ids = list.map(\.id)
        let first = a ?? (ids.count >= 2 ? ids[ids.count - 2] : ids[0]), second = b ?? ids[ids.count - 1]
        guard ids.contains(first), ids.contains(second) else { throw WorkspaceError(.badRequest, .badParameter, detail: ids.contains(first) ? second : first) }
        h += "<form class=\"filters\" method=\"get\" action=\"/\(lang.rawValue)/vintages\">"
        for (name, sel) in [("a", first), ("b", second)] {
            h += "<label>\(name)<select name=\"\(name)\">" + ids.map { "<option\($0 == sel ? " selected" : "")>\(HTMLText.escape($0))</option>" }.joined() + "</select></label>"
        }
        h += "<button type=\"submit\">\(t(.compare))</button></form>"
        guard let before = try? store.shortages(first), let after = try? store.shortages(second) else { return h }
        let diff = VintageDiff(before: before, after: after, top: 10)
        h += "<table><thead><tr><th>\(t(.region))</th><th></th><th>\(t(.occupation))</th><th class=\"num\">\(t(.rank))</th><th>\(t(.reasons))</th></tr></thead><tbody>"
        for r in diff.rows {
            let change = r.change == .entered ? t(.entered) : t(.left)
            h += "<tr><td>\(HTMLText.escape(lang.regionName(r.region)))</td><td>\(change)</td><td>\(HTMLText.escape(r.isco)) \(HTMLText.escape(r.title))</td>"
            h += "<td class=\"num\">\(r.rankBefore.map(String.init) ?? "–") → \(r.rankAfter.map(String.init) ?? "–")</td><td>\(HTMLText.escape(r.reasons))</td></tr>"
        }
        return h + "</tbody></table>"
    }
}
