import LabourData
import Testing

@Suite("JSON locator: where a value or key is written")
struct JSONLocatorTests {
    static let text = """
        {
          "id": "p1",
          "skills": ["souder", {"label": "lire des plans", "evidence": "x"}],
          "nested": {"a": [[1, 2], {"b": null}]}
        }
        """

    @Test("a value is found at its line and column, through keys and indices",
          arguments: [
            ([JSONLocator.Step](), 1, 1),
            ([.key("id")], 2, 9),
            ([.key("skills"), .index(0)], 3, 14),
            ([.key("skills"), .index(1), .key("evidence")], 3, 64),
            ([.key("nested"), .key("a"), .index(0), .index(1)], 4, 24),
            ([.key("nested"), .key("a"), .index(1), .key("b")], 4, 34),
            // A key that is not there: its object.
            ([.key("nested"), .key("missing")], 4, 13),
          ])
    func value(path: [JSONLocator.Step], line: Int, column: Int) {
        #expect(JSONLocator.position(of: path, in: Self.text.utf8) == .init(line: line, column: column))
    }

    @Test("every key with the path of its object; columns count characters, not bytes")
    func keys() {
        let keys = JSONLocator.keys(in: #"{"é": {"ü": 1}, "x": [{"y": 2}]}"#.utf8)
        #expect(keys.map(\.name) == ["é", "ü", "x", "y"])
        #expect(keys.map(\.object) == [[], [.key("é")], [], [.key("x"), .index(0)]])
        #expect(keys.map(\.position.column) == [2, 8, 17, 24])
    }

    @Test("nesting ten thousand deep is walked without exhausting the stack")
    func deep() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(JSONLocator.position(of: [.index(0), .index(0)], in: text.utf8) == .init(line: 1, column: 3))
    }
}
