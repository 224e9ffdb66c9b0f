/// A request the workspace refuses: an HTTP status and a message in the reader's language.
/// The detail (what was typed) is shown escaped, and never logged.
public struct WorkspaceError: Error, Sendable {
    public enum Status: Int, Sendable { case badRequest = 400, notFound = 404, methodNotAllowed = 405, contentTooLarge = 413, unavailable = 503 }
    public let status: Status
    public let message: WorkspaceLanguage.Text
    public let detail: String

    public init(_ status: Status, _ message: WorkspaceLanguage.Text, detail: String = "") {
        self.status = status
        self.message = message
        self.detail = detail
    }
}
