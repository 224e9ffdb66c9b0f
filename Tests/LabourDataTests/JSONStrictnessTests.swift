import Foundation
import LabourData
import Testing

@Suite("JSON the parser would accept in silence: not UTF-8, a key twice, a trailing comma")
struct JSONStrictnessTests {
    static func problem(_ text: [UInt8]) -> JSONStrictness.Problem? { JSONStrictness.firstProblem(in: text) }
    static func problem(_ text: String) -> JSONStrictness.Problem? { problem(Array(text.utf8)) }

    @Test("sound JSON Lines and a pretty-printed object pass, nested objects keep their own keys")
    func soundText() {
        #expect(Self.problem(#"{"id": "a", "region": "MA-06", "skills": ["é", {"label": "souder", "evidence": "certified"}]}"#) == nil)
        #expect(Self.problem("{\"id\": \"a\"}\n{\"id\": \"b\", \"constraints\": {\"regions\": [\"MA-04\"], \"id\": 1}}\n") == nil)
        #expect(Self.problem("{\n  \"id\": \"a\",\n  \"text\": \"a, } ] \\\" , }\"\n}") == nil)
    }

    @Test("the same key twice is found at the second one, in its line and column")
    func duplicateKey() {
        let p = Self.problem("{\"id\": \"a\",\n  \"region\": \"MA-06\",\n  \"region\": \"MA-01\"}")
        #expect(p == .init(line: 3, column: 3, message: "key 'region' appears twice in the same object (which one is meant?)"))
    }

    @Test("a trailing comma before } or ] is found where the bracket is")
    func trailingComma() {
        #expect(Self.problem(#"{"id": "a", "languages": ["ar", "fr",]}"#)?.column == 38)
        let p = Self.problem("{\"id\": \"a\",\n}")
        #expect(p?.line == 2 && p?.column == 1 && p?.message.contains("trailing comma") == true)
    }

    @Test("bytes that are not UTF-8, inside a string or outside, are found on their line")
    func notUTF8() {
        var bytes = Array("{\"id\": \"a\"}\n{\"id\": \"b\", \"name\": \"".utf8)
        bytes += [0xC3, 0x28]  // a lead byte without its continuation
        bytes += Array("\"}".utf8)
        let p = Self.problem(bytes)
        #expect(p?.line == 2 && p?.message.contains("not UTF-8") == true)
        #expect(Self.problem([0x7B, 0xFF, 0x7D])?.message.contains("not UTF-8") == true)
    }
}
