import LabourData
/// The frame of every page: language and direction, navigation, the language switch.
enum Layout {
    static func page(_ lang: WorkspaceLanguage, title: String, path: String, query: String = "", body: HTML) -> String {
        let t = lang.text
        let nav: [HTML] = [(WorkspaceLanguage.Text.shortageList, "shortages"), (.counsellor, "counsellor"), (.vintages, "vintages"), (.scenarios, "scenarios")]
            .flatMap { key, p in [HTML.link("/\(lang.rawValue)/\(p)", .text(t(key))), " "] }
        let switcher: [HTML] = WorkspaceLanguage.allCases.flatMap { other -> [HTML] in
            let label: HTML = ["fr": "Français", "en": "English", "ar": "العربية"][other.rawValue]!
            let item: HTML = other == lang ? .strong([.lang(other.rawValue)], label)
                : .a([.lang(other.rawValue), .init("hreflang", other.rawValue), .href("/\(other.rawValue)/\(path)\(query.isEmpty ? "" : "?" + query)")], label)
            return [item, " "]
        }
        let page = HTML.element(.html, [.lang(lang.rawValue), .init("dir", lang.direction)], [
            .element(.head, [], [
                .element(.meta, [.init("charset", "utf-8")], []),
                .element(.meta, [.name("viewport"), .init("content", "width=device-width, initial-scale=1")], []),
                .element(.title, [], ["\(title) — Mizan"]),
                .element(.link, [.init("rel", "stylesheet"), .href("/static/mizan.css")], []),
            ]),
            .element(.body, [], [
                .element(.header, [], [.span([.class("brand")], "ميزان Mizan"), " ", .element(.nav, [], nav), " ", .span([.class("langs")], .group(switcher))]),
                .element(.main, [], [.h1(.text(title)), body]),
                .element(.script, [.init("src", "/static/mizan.js"), .flag("defer")], []),
            ]),
        ])
        return page.document
    }
}
