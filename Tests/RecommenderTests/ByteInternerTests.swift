import Testing
@testable import Recommender

@Suite("Interning byte strings")
struct ByteInternerTests {
    @Test("5,000 URIs sharing a 33-byte prefix: each keeps its id through the table's growth; a near miss is unknown")
    func idsSurviveGrowth() {
        let keys = (0..<5_000).map { "http://data.europa.eu/esco/skill/\(String($0 * 7_919, radix: 16))-\($0 % 13)" }
        var interner = ByteInterner(capacity: 4)
        for (k, key) in keys.enumerated() {
            let bytes = Array(key.utf8)
            #expect(bytes.withUnsafeBufferPointer { interner.intern($0, 0, $0.count) } == k)
        }
        // Interning again returns the same ids; lookups find every key, at any offset in a buffer.
        for (k, key) in keys.enumerated() where k % 7 == 0 {
            let padded = Array("  \(key),".utf8)
            #expect(padded.withUnsafeBufferPointer { interner.lookup($0, 2, $0.count - 1) } == k)
            #expect(padded.withUnsafeBufferPointer { interner.intern($0, 2, $0.count - 1) } == k)
            #expect(interner.string(k) == key)
        }
        #expect(interner.count == 5_000)
        let nearMiss = Array((keys[42] + "0").utf8), shorter = Array(keys[42].dropLast().utf8)
        #expect(nearMiss.withUnsafeBufferPointer { interner.lookup($0, 0, $0.count) } == nil)
        #expect(shorter.withUnsafeBufferPointer { interner.lookup($0, 0, $0.count) } == nil)
    }
}
