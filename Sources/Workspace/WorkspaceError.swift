/// A request the workspace refuses: an HTTP status and a message in the reader's language.
/// The detail (what was typed) is shown escaped, and never logged.
public struct WorkspaceError: Error, Sendable {
    public enum Status: Int, Sendable { case badRequest = 400, notFound = 404, methodNotAllowed = 405, contentTooLarge = 413, internalError = 500, unavailable = 503 }
    public let status: Status
    public let message: WorkspaceLanguage.Text
    public let detail: String
    /// For a refused form: the field a problem is in and what to tell the reader there (in
    /// their language), so the form comes back filled in with each message beside its field.
    public var fields: [(field: String, message: String)] = []

    public init(_ status: Status, _ message: WorkspaceLanguage.Text, detail: String = "") {
        self.status = status
        self.message = message
        self.detail = detail
    }

    /// A form refused for what was typed in `field`.
    init(_ message: WorkspaceLanguage.Text, field: String, says: String, detail: String = "") {
        self.init(.badRequest, message, detail: detail)
        fields = [(field, says)]
    }
}
