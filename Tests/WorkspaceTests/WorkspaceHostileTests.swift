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
}
