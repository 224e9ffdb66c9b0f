import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workspace

/// Requests a careless or hostile client sends (issue 31), refused the same way on every page.
@Suite("The workspace refuses what it would otherwise narrow or ignore")
struct WorkspaceHostileTests {
    @Test("a field given twice is refused (400), not narrowed to one; the regions one would move to may repeat")
    func repeatedField() async throws {
        try await Fixture.withClient { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/fr/counsellor", method: .post, headers: form,
                                     body: ByteBuffer(string: "occupation=soudeur&occupation=cuisinier&region=MA-06")) { r in
                #expect(r.status == .badRequest && r.text.contains("occupation (given twice)"))
            }
            try await client.execute(uri: "/fr/counsellor", method: .post, headers: form,
                                     body: ByteBuffer(string: "occupation=soudeur&region=MA-06&region=MA-04")) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/fr/counsellor", method: .post, headers: form,
                                     body: ByteBuffer(string: "occupation=soudeur&region=MA-06&willing=MA-04&willing=MA-06")) { #expect($0.status == .ok) }
        }
    }

    @Test("a query the counsellor page does not read is refused like on the occupation page (400)")
    func unknownQuery() async throws {
        try await Fixture.withClient { client in
            try await client.execute(uri: "/fr/counsellor?horizon=now&year=2029", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/fr/occupation/MA-04/2221?year=2029", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/fr/counsellor", method: .get) { #expect($0.status == .ok) }
        }
    }

    /// A counsellor who typed a whole profile and made one slip gets it back as typed, told in
    /// the page's language beside the field what is wrong (skills counted from 1, as on screen).
    @Test("a refused form comes back filled in, with the message beside its field, in the page's language",
          arguments: [
            ("fr", "years=abc", "Indiquez un nombre d'années de 0 à 50.", "value=\"abc\""),
            ("en", "years=abc", "Give a number of years from 0 to 50.", "value=\"abc\""),
            ("ar", "years=abc", "أدخل عدد سنوات من 0 إلى 50.", "value=\"abc\""),
            ("fr", "education=12", "Indiquez un niveau CITE de 0 à 8.", "value=\"12\""),
            ("fr", "skills=souder%20%C3%A0%20l%27arc%0Axqzvwk%20plmb", "Ligne 2 : « xqzvwk plmb » — compétence introuvable dans ESCO", "souder à l&#39;arc"),
            ("en", "skills=souder%20%C3%A0%20l%27arc%0Axqzvwk%20plmb", "Line 2: “xqzvwk plmb” — not found among ESCO skills", "souder à l&#39;arc"),
          ])
    func refusedFormRefilled(lang: String, field: String, says: String, keeps: String) async throws {
        try await Fixture.withClient { client in
            let body = "occupation=soudeur&region=MA-06&languages=ar%2C+fr&" + field
            try await client.execute(uri: "/\(lang)/counsellor", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: body)) { r in
                #expect(r.status == .badRequest)
                let html = r.text
                #expect(html.contains("<span class=\"field-error\" role=\"alert\">\(says.replacingOccurrences(of: "'", with: "&#39;"))"), "\(html.suffix(3000))")
                // What was typed is all still there.
                #expect(html.contains("value=\"soudeur\"") && html.contains("value=\"ar, fr\"") && html.contains("<option value=\"MA-06\" selected>"))
                #expect(html.contains(keeps), "\(keeps)")
                #expect(!html.contains("skills[") && !html.contains("is not an ESCO") || lang == "en")
            }
        }
    }
}
