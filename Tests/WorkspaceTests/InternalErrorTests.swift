import Foundation
import Hummingbird
import Testing
@testable import Workspace

/// A bug is not the reader's fault: it answers 500, in the reader's language, and the log names
/// the error's type only.
@Suite("Internal errors are 500 pages, not 'bad parameter'")
struct InternalErrorTests {
    struct SomeBug: Error {}

    @Test("an unexpected error becomes a 500 page in French, English and Arabic; refusals and Hummingbird's 4xx keep their status", arguments: WorkspaceLanguage.allCases)
    func internalError(lang: WorkspaceLanguage) async throws {
        let refusal = Guard.refusal(for: SomeBug())
        #expect(refusal.status == .internalError && refusal.status.rawValue == 500)
        let page = Guard.page(refusal, lang)
        #expect(page.status.code == 500)
        let body = ErrorPage.render(refusal, lang)
        let expected = ["fr": "Erreur interne", "en": "Internal error", "ar": "خطأ داخلي"][lang.rawValue]!
        #expect(body.contains(expected), "\(body.prefix(300))")
        #expect(Guard.refusal(for: HTTPError(.notFound)).status == .notFound)
        #expect(Guard.refusal(for: HTTPError(.contentTooLarge)).status == .contentTooLarge)
        #expect(Guard.refusal(for: HTTPError(.badRequest)).status == .badRequest)
        #expect(Guard.refusal(for: HTTPError(.internalServerError)).status == .internalError)
        #expect(Guard.refusal(for: WorkspaceError(.badRequest, .badRegion)).status == .badRequest)
    }
}
