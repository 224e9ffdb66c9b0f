import Foundation
import LabourData
import Recommender
import Testing
import TestSupport

/// Skills and occupations typed in words, as counsellors type them, resolved to ESCO.
@Suite("Profiles in words")
struct SkillWordsTests {
    static let esco = TransitionTests.model.esco
    static let index = esco.skillLabels()

    /// Fifty skills of migrants' usual trades (drawn at random among ESCO skills whose English
    /// label holds weld, cook, drive, nurse, plumb, paint, sew, …; seed 7), by URI suffix.
    static let skills = [
        "2fcd95a4-1f9a-41cf-95a9-4701bde476b4", "a51adea8-bf02-488a-a0d8-b0961caca5b0", "555d83ff-dbf9-481a-b726-2d502a11904e",
        "49a806f0-62a4-4af0-a92e-0654528678a0", "fef6422f-0186-4513-8dd8-a277aa6f556d", "0337c577-f837-4518-9263-b753c24f3a21",
        "6063652e-22c4-472e-bb96-6e5ec1e7c5de", "62268d9a-42f9-4c65-9ed3-d7ba69249896", "c3d1ada5-1d97-4a23-be2a-9ff39296775b",
        "ad6d07b6-ea6b-454d-9d6b-27b622f4903b", "8755734c-2919-41a3-9ca6-1e3d1f169213", "d809a1d2-b80e-43e4-8984-de7517fb68f1",
        "3e3f2ff8-cf80-4415-ac6a-020d52b175c1", "0a34aa62-441b-4aa4-ab21-db70656f0878", "7d17343d-33ff-439f-ab59-169d9cbde2e2",
        "4c68d1c3-66d9-4631-a6ff-b13d2ce9ff17", "29d37533-c151-40a2-82f1-7f65f2548f6e", "002b2e58-35ab-460c-be97-ca2f585fd990",
        "29ac0064-fcd6-448e-8efb-a8b7842af9e6", "910becaf-d07b-455a-a363-0bf9430afb51", "a6cdcc8e-ef0c-4786-8c0a-2f4c48c516bb",
        "78ecad49-4579-4e6d-932e-edeaada0fdfe", "80cf93a8-4436-4c89-aa4d-14086536ae81", "477856e7-92e6-43e8-ad67-e2d7129a5188",
        "76b9e515-715d-4a53-a702-019adad1059b", "98e6ae97-fe34-4e50-ab17-dcaf21006376", "ed56ba0b-e0e1-4762-ac98-03e6e2a94a92",
        "8e24f644-a091-4f49-b10b-d2f459fab6f0", "19858dd3-a5fe-4855-b644-6ecfefd1c384", "7a6b4549-cd3e-46c7-8a40-9096520dff84",
        "a1c3797a-b6b8-43d7-aed6-1686373d1a1a", "1ffdea5d-cd82-490f-bebe-22db7e0a5f45", "aa95f606-13ec-4242-a6bc-635a1aaa841c",
        "0eece926-f1a3-4b65-9b99-a35e4c0eb835", "c1e6e283-bc66-4e78-b4ec-501ff082d9f1", "248951cc-3b10-447f-a4b2-0037e6e7a9ab",
        "e99ddf41-6085-4b91-9de8-8bf251af9ced", "9076250e-e0ed-40f5-bf64-5a2ade218a66", "ec04e800-4f4a-4c53-994d-316215daf9c6",
        "28cb374e-6261-4133-8371-f9a5470145da", "3c84f7d9-7a3e-4343-814f-31de0aa61651", "630d2f07-32c3-46bb-b92c-ca7a70a54ca7",
        "2d26c072-ec9c-4231-a737-817340a02fdc", "484d048c-a5d1-46a5-b57f-45b69c0ac552", "1b3a0b78-cd19-4503-a58c-9b1eda2396bb",
        "ed6d03eb-a0a7-48dd-8248-e05e3b41d487", "69ce43f9-c8f9-4efb-8b8c-3c4a9ba3db88", "52e62ff2-6458-473c-8b9d-b38ddfd098dc",
        "6290031b-4183-4849-ab02-11a3ea0494da", "ce37e233-64c4-4b48-a09a-04ec08fb9740",
    ].map { "http://data.europa.eu/esco/skill/" + $0 }

    /// A label as a counsellor types it: without accents, a plural changed, a typo in the
    /// longest word, or little words dropped (one of the four by position, deterministic).
    static func typed(_ label: String, _ k: Int) -> String {
        var words = label.folding(options: [.diacriticInsensitive], locale: nil).lowercased().split(separator: " ").map(String.init)
        switch k % 4 {
        case 1: if let last = words.last { words[words.count - 1] = last.hasSuffix("s") ? String(last.dropLast()) : last + "s" }
        case 2:
            if let (i, w) = words.enumerated().max(by: { $0.element.count < $1.element.count }), w.count >= 6 {
                var c = Array(w)
                c.swapAt(c.count / 2, c.count / 2 + 1)
                words[i] = String(c)
            }
        case 3: words = words.filter { !["des", "de", "la", "le", "les", "un", "une", "a", "the", "of", "du"].contains($0) }
        default: break
        }
        return words.joined(separator: " ")
    }

    @Test("50 English and 50 French phrasings resolve to the intended skill at least 90 % of the time; the others ask")
    func phrasings() throws {
        for french in [false, true] {
            var right = 0
            var missed: [String] = []
            for (k, uri) in Self.skills.enumerated() {
                let skill = Self.esco.skills[Self.esco.skillIndex[uri]!]
                let text = Self.typed(french ? skill.labelFrench : skill.labelEnglish, k)
                switch Self.index.resolve(text) {
                case .match(let i) where Self.esco.skills[i].uri == uri: right += 1
                case .ambiguous(let c): #expect(c.contains(Self.esco.skillIndex[uri]!), "'\(text)' asks among others"); missed.append(text)
                default: missed.append(text)
                }
            }
            print("\(french ? "French" : "English"): \(right)/50 resolved; not: \(missed)")
            #expect(right >= 45, "\(french ? "French" : "English") \(right)/50")
        }
    }

    @Test("a profile in words: skills and the occupation resolved; unknown names refused with what they might be")
    func profileInWords() throws {
        let text = """
        {"id":"w1","region":"Casablanca-Settat","occupations":["soudeur"],"skills":["appliquer des techniques de soudage a l arc",{"label":"operate welding equipment","lang":"en","evidence":"certified"}]}
        {"id":"w2","region":"MA-06","occupations":[{"isco":"7212","years":6,"abroad":true}],"skills":["souder a l'arc"]}
        """
        let people = try MigrantProfile.read(data: Data(text.utf8), file: "p.jsonl")
        let resolved = try ProfileLabels(esco: Self.esco).resolve(people, file: "p.jsonl")
        let w1 = resolved[0]
        #expect(w1.occupations?.first?.esco.flatMap { Self.esco.occupationIndex[$0] }.map { Self.esco.occupations[$0].isco } == "7212")
        #expect(w1.skills?.map { $0.esco } == ["http://data.europa.eu/esco/skill/27d26fd6-5795-4f0a-884e-112df7c68314",
                                            "http://data.europa.eu/esco/skill/2fcd95a4-1f9a-41cf-95a9-4701bde476b4"])
        #expect(w1.skills?.last?.evidence == .certified && w1.skills?.first?.evidence == .declared)
        let bad = try MigrantProfile.read(data: Data(#"{"id":"x","region":"MA-06","skills":["soudure sous-marine de precision extreme"]}"#.utf8), file: "p.json")
        do {
            _ = try ProfileLabels(esco: Self.esco).resolve(bad, file: "p.json")
            Issue.record("accepted an unknown skill")
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix("p.json:1:1: skills[0]: 'soudure sous-marine de precision extreme' is not an ESCO skill; did you mean"), "\(message)")
        }
        // The old message with Swift's coding path is gone.
        do {
            _ = try MigrantProfile.read(data: Data(#"{"id":"x","region":"MA-06","skills":[12]}"#.utf8), file: "p.json")
            Issue.record("accepted a number as a skill")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("'skills[0]' should be a skill: its name as text") && !message.contains("Index"), "\(message)")
        }
    }
}
