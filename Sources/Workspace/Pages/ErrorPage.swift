import LabourData
import MizanSupport
/// A refused request, in the reader's language, with what was wrong (escaped) and a way back.
enum ErrorPage {
    static func render(_ e: WorkspaceError, _ lang: WorkspaceLanguage) -> String {
        let t = lang.text
        let body: HTML = .group([
            .div([.class("error"), .init("role", "alert")],
                 .p(.strong("\(e.status.rawValue)"), " — ", .text(t(e.message))),
                 e.detail.isEmpty ? .empty : .pre(.text(e.detail))),
            .p(.link("/\(lang.rawValue)/shortages", .text(t(.backToList)))),
        ])
        return Layout.page(lang, title: t(.errorTitle), path: "shortages", body: body)
    }
}
