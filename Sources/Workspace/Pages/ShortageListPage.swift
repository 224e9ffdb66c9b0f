import LabourData
import MizanSupport
import OutlookBundle

/// The shortage list per region and nationally: filters (region, ISCO major group, horizon,
/// sex), sortable columns, each row with p_shortage, the imbalance and its interval, the reasons,
/// and a CSV of exactly the rows shown.
enum ShortageListPage {
    static func render(_ data: WorkspaceData, _ q: ListQuery, _ lang: WorkspaceLanguage) -> String {
        let t = lang.text
        let rows = data.listing.rows(q.horizon, q.sex).map(q.apply)
        var b = "<form class=\"filters\" method=\"get\" action=\"/\(lang.rawValue)/shortages\">"
        b += "<label>\(t(.region))<select name=\"region\"><option value=\"TOTAL\"\(q.region == Regions.total ? " selected" : "")>\(HTMLText.escape(t(.national)))</option>"
        for r in data.regions {
            b += "<option value=\"\(r)\"\(q.region == r ? " selected" : "")>\(HTMLText.escape(lang.regionName(r))) (\(r))</option>"
        }
        b += "</select></label><label>\(t(.majorGroup))<select name=\"major\"><option value=\"\">\(t(.allGroups))</option>"
        for g in ISCO08.standard.groups(atLevel: 1) {
            b += "<option value=\"\(g.code)\"\(q.majorGroup == g.code ? " selected" : "")>\(g.code) \(HTMLText.escape(g.title(lang.dataLanguage)))</option>"
        }
        b += "</select></label><label>\(t(.horizon))<select name=\"horizon\">"
        b += "<option value=\"target\"\(q.horizon == .target ? " selected" : "")>\(t(.target)) \(data.listing.targetYear)</option>"
        b += "<option value=\"now\"\(q.horizon == .now ? " selected" : "")>\(t(.now)) \(data.listing.baseYear)</option></select></label>"
        b += "<label>\(t(.sex))<select name=\"sex\">"
        for (s, key) in [(ShortageListing.Sex.all, WorkspaceLanguage.Text.allSexes), (.female, .women), (.male, .men)]
        where s == .all || data.listing.rows(q.horizon, s) != nil {
            b += "<option value=\"\(s.rawValue)\"\(q.sex == s ? " selected" : "")>\(t(key))</option>"
        }
        b += "</select></label><label>\(t(.sortBy))<select name=\"sort\">"
        for (s, key) in [(ListQuery.Sort.rank, WorkspaceLanguage.Text.rank), (.p, .pShortage), (.imbalance, .imbalance), (.employment, .employment), (.isco, .occupation)] {
            b += "<option value=\"\(s.rawValue)\"\(q.sort == s ? " selected" : "")>\(t(key))</option>"
        }
        b += "</select></label><button type=\"submit\">\(t(.apply))</button></form>"
        guard let shown = rows else {
            return b + "<p class=\"note\">\(t(.noDestination))</p>"
        }
        b += "<p><a href=\"/\(lang.rawValue)/shortages.csv?\(HTML.query(q.items))\" download>\(t(.downloadCSV))</a> · \(shown.count) \(t(.rows))</p>"
        func sortLink(_ s: ListQuery.Sort, _ label: String) -> String {
            var next = q
            next.descending = q.sort == s ? !q.descending : (s != .rank && s != .isco)
            next.sort = s
            return "<a href=\"/\(lang.rawValue)/shortages?\(HTML.query(next.items))\">\(HTMLText.escape(label))</a>"
        }
        b += "<table><thead><tr><th class=\"num\">\(sortLink(.rank, t(.rank)))</th><th>\(sortLink(.isco, t(.occupation)))</th>"
        b += "<th class=\"num\">\(sortLink(.p, t(.pShortage)))</th><th class=\"num\">\(sortLink(.imbalance, t(.imbalance)))</th>"
        b += "<th class=\"num\">\(sortLink(.employment, t(.employment)))</th><th>\(t(.reasons))</th></tr></thead><tbody>"
        for r in shown {
            let name = title(r, lang, data.titles)
            let interval = r.imbalanceLow.map { lo in " <span class=\"note\">[\(lang.number(lo, 3)); \(lang.number(r.imbalanceHigh ?? .nan, 3))]</span>" } ?? ""
            b += "<tr><td class=\"num\">\(r.rank.map(String.init) ?? "–")</td><td><a href=\"/\(lang.rawValue)/occupation/\(r.region)/\(r.isco)\">\(r.isco) <span lang=\"\(name.language)\">\(HTMLText.escape(name.text))</span></a></td>"
            b += "<td class=\"num\">\(r.pShortage.map { lang.number($0, 2) } ?? "–")</td>"
            b += "<td class=\"num\">\(r.imbalance.map { lang.number($0, 3) } ?? "–")\(interval)</td>"
            b += "<td class=\"num\">\(r.employment.map { lang.number($0, 0) } ?? "–")</td>"
            b += "<td lang=\"\(lang.reasonLanguage.rawValue)\">\(HTMLText.escape(r.reasons(in: lang.reasonLanguage)))</td></tr>"
        }
        return b + "</tbody></table>"
    }

    /// The occupation's title on a page in `lang` (`OccupationTitles`).
    static func title(_ r: PublishedShortage, _ lang: WorkspaceLanguage, _ titles: OccupationTitles) -> (text: String, language: String) {
        titles.title(r.isco, fallback: r.title, lang)
    }
}
