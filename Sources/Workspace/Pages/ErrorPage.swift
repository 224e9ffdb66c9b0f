import LabourData
import MizanSupport
/// A refused request, in the reader's language, with what was wrong (escaped) and a way back.
enum ErrorPage {
    static func render(_ e: WorkspaceError, _ lang: WorkspaceLanguage) -> String {
        let t = lang.text
        var b = "<div class=\"error\" role=\"alert\"><p><strong>\(e.status.rawValue)</strong> — \(HTMLText.escape(t(e.message)))</p>"
        if !e.detail.isEmpty { b += "<pre>\(HTMLText.escape(e.detail))</pre>" }
        b += "</div><p><a href=\"/\(lang.rawValue)/shortages\">\(t(.backToList))</a></p>"
        return Layout.page(lang, title: t(.errorTitle), path: "shortages", body: b)
    }
}
