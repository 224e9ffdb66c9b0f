import LabourData
/// A refused request, in the reader's language, with what was wrong (escaped) and a way back.
enum ErrorPage {
    static func render(_ e: WorkspaceError, _ lang: WorkspaceLanguage) -> String {
        let body: HTML = .group([
            alert(e, lang, then: e.detail.isEmpty ? .empty : .pre(.text(e.detail))),
            .p(.link("/\(lang.rawValue)/shortages", .text(lang.text(.backToList)))),
        ])
        return Layout.page(lang, title: lang.text(.errorTitle), path: "shortages", body: body)
    }

    /// The status and what was wrong, announced to screen readers, and `more` below them: the
    /// box of an error page and of a refused form.
    static func alert(_ e: WorkspaceError, _ lang: WorkspaceLanguage, then more: HTML) -> HTML {
        .div([.class("error"), .init("role", "alert")], .p(.strong("\(e.status.rawValue)"), " — ", .text(lang.text(e.message))), more)
    }
}
