import LabourData
import OutlookBundle

/// The shortage list per region and nationally: filters (region, ISCO major group, horizon,
/// sex), sortable columns, each row with p_shortage, the imbalance and its interval, the reasons,
/// and a CSV of exactly the rows shown.
enum ShortageListPage {
    static func render(_ data: WorkspaceData, _ q: ListQuery, _ lang: WorkspaceLanguage) -> HTML {
        let t = lang.text
        let rows = data.listing.rows(q.horizon, q.sex).map(q.apply)
        let filters = HTML.form([.class("filters"), .init("method", "get"), .init("action", "/\(lang.rawValue)/shortages")], [
            .label(.text(t(.region)), .select([.name("region")],
                [.option([.value(Regions.total), .selected(q.region == Regions.total)], .text(t(.national)))]
                + data.regions.map { r in .option([.value(r), .selected(q.region == r)], "\(lang.regionName(r)) (\(r))") })),
            .label(.text(t(.majorGroup)), .select([.name("major")],
                [.option([.value("")], .text(t(.allGroups)))]
                + ISCO08.standard.groups(atLevel: 1).map { g in .option([.value(g.code), .selected(q.majorGroup == g.code)], "\(g.code) \(g.title(lang.dataLanguage))") })),
            .label(.text(t(.horizon)), .select([.name("horizon")], [
                .option([.value("target"), .selected(q.horizon == .target)], "\(t(.target)) \(data.listing.targetYear)"),
                .option([.value("now"), .selected(q.horizon == .now)], "\(t(.now)) \(data.listing.baseYear)"),
            ])),
            .label(.text(t(.sex)), .select([.name("sex")],
                [(ShortageListing.Sex.all, WorkspaceLanguage.Text.allSexes), (.female, .women), (.male, .men)]
                    .filter { s, _ in s == .all || data.listing.rows(q.horizon, s) != nil }
                    .map { s, key in .option([.value(s.rawValue), .selected(q.sex == s)], .text(t(key))) })),
            .label(.text(t(.sortBy)), .select([.name("sort")],
                [(ListQuery.Sort.rank, WorkspaceLanguage.Text.rank), (.p, .pShortage), (.imbalance, .imbalance), (.employment, .employment), (.isco, .occupation)]
                    .map { s, key in .option([.value(s.rawValue), .selected(q.sort == s)], .text(t(key))) })),
            .submit(.text(t(.apply))),
        ])
        guard let shown = rows else { return .group([filters, .note(.text(t(.noDestination)))]) }
        func sortLink(_ s: ListQuery.Sort, _ label: String) -> HTML {
            var next = q
            next.descending = q.sort == s ? !q.descending : (s != .rank && s != .isco)
            next.sort = s
            return .link("/\(lang.rawValue)/shortages?\(HTML.query(next.items))", .text(label))
        }
        let head: [HTML] = [
            .th([.class("num")], sortLink(.rank, t(.rank))), .th(sortLink(.isco, t(.occupation))),
            .th([.class("num")], sortLink(.p, t(.pShortage))), .th([.class("num")], sortLink(.imbalance, t(.imbalance))),
            .th([.class("num")], sortLink(.employment, t(.employment))), .th(.text(t(.reasons))),
        ]
        let body: [HTML] = shown.map { r in
            let name = title(r, lang, data.titles)
            let interval: HTML = r.imbalanceLow.map { lo in .group([" ", .span([.class("note")], "[\(lang.number(lo, 3)); \(lang.number(r.imbalanceHigh ?? .nan, 3))]")]) } ?? .empty
            return .tr(
                .num(.text(r.rank.map(String.init) ?? "–")),
                .td(.link("/\(lang.rawValue)/occupation/\(r.region)/\(r.isco)", "\(r.isco) ", .span([.lang(name.language)], .text(name.text)))),
                .num(.text(r.pShortage.map { lang.number($0, 2) } ?? "–")),
                .num(.text(r.imbalance.map { lang.number($0, 3) } ?? "–"), interval),
                .num(.text(r.employment.map { lang.number($0, 0) } ?? "–")),
                .td([.lang(lang.reasonLanguage.rawValue)], .text(r.reasons(in: lang.reasonLanguage))))
        }
        return .group([
            filters,
            .p(.a([.href("/\(lang.rawValue)/shortages.csv?\(HTML.query(q.items))"), .flag("download")], .text(t(.downloadCSV))), " · \(shown.count) \(t(.rows))"),
            .table(head: head, rows: body),
        ])
    }

    /// The occupation's title on a page in `lang` (`OccupationTitles`).
    static func title(_ r: PublishedShortage, _ lang: WorkspaceLanguage, _ titles: OccupationTitles) -> (text: String, language: String) {
        titles.title(r.isco, fallback: r.title, lang)
    }
}
