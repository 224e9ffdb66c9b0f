import LabourData
import MizanSupport
/// The frame of every page: language and direction, navigation, the language switch.
enum Layout {
    static func page(_ lang: WorkspaceLanguage, title: String, path: String, query: String = "", body: String) -> String {
        let t = lang.text
        var nav = ""
        for (key, p) in [(WorkspaceLanguage.Text.shortageList, "shortages"), (.counsellor, "counsellor"), (.vintages, "vintages"), (.scenarios, "scenarios")] {
            nav += "<a href=\"/\(lang.rawValue)/\(p)\">\(HTMLText.escape(t(key)))</a> "
        }
        var switcher = ""
        for other in WorkspaceLanguage.allCases {
            let label = ["fr": "Français", "en": "English", "ar": "العربية"][other.rawValue]!
            if other == lang { switcher += "<strong lang=\"\(other.rawValue)\">\(label)</strong> " } else {
                switcher += "<a lang=\"\(other.rawValue)\" hreflang=\"\(other.rawValue)\" href=\"/\(other.rawValue)/\(path)\(query.isEmpty ? "" : "?" + query)\">\(label)</a> "
            }
        }
        return """
        <!doctype html>
        <html lang="\(lang.rawValue)" dir="\(lang.direction)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title)) — Mizan</title>
        <link rel="stylesheet" href="/static/mizan.css"></head>
        <body><header><span class="brand">ميزان Mizan</span> <nav>\(nav)</nav> <span class="langs">\(switcher)</span></header>
        <main><h1>\(HTMLText.escape(title))</h1>
        \(body)
        </main><script src="/static/mizan.js" defer></script></body></html>
        """
    }
}
