import LabourData
import Recommender
import Testing

@Suite("Sharded batches and their merge")
struct ShardTests {
    @Test("shards are contiguous, cover the batch exactly once, and are as even as possible")
    func slices() throws {
        for (total, n) in [(40, 7), (3, 8), (1_000_003, 16), (0, 4)] {
            let ranges = try (1...n).map { try Shard(index: $0, count: n).range(of: total) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == total)
            for k in 1..<n { #expect(ranges[k - 1].upperBound == ranges[k].lowerBound) }
            let sizes = ranges.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
        #expect(try Shard("3/8") == Shard(index: 3, count: 8))
        #expect(throws: InputError.self) { try Shard("0/8") }
        #expect(throws: InputError.self) { try Shard("9/8") }
        #expect(throws: InputError.self) { try Shard("three") }
    }

    static let header = "profile_id,rank,isco,reasons\n"
    static let rows: [String: String] = [
        "a": "a,1,2221,\"nurse, in shortage\"\na,2,3221,x\n",
        "b": "b,,,no destination\n",
        "c": "c,1,8332,\"drives \"\"heavy\"\" trucks\"\n",
        "d": "d,1,5120,y\nd,2,9412,z\n",
    ]
    static func file(_ ids: [String]) -> [UInt8] { Array((header + ids.map { rows[$0]! }.joined()).utf8) }

    @Test("the merge of shards in any order equals the unsharded table, byte for byte")
    func mergeEqualsOneRun() throws {
        let ids = ["a", "b", "c", "d"]
        let whole = Self.file(ids)
        let merged = try RecommendationMerge.merge(
            shards: [("s3", Self.file(["d"])), ("s1", Self.file(["a"])), ("s0", Self.file([])), ("s2", Self.file(["b", "c"]))],
            profileIDs: ids)
        #expect(merged == whole)
    }

    @Test("a missing, repeated or foreign shard is refused with the reason")
    func refusals() {
        let ids = ["a", "b", "c", "d"]
        func message(_ shards: [(String, [UInt8])]) -> String {
            do { _ = try RecommendationMerge.merge(shards: shards.map { (name: $0.0, bytes: $0.1) }, profileIDs: ids); return "merged" } catch {
                return error.description
            }
        }
        #expect(message([("s1", Self.file(["a", "b"])), ("s2", Self.file(["d"]))]).contains("cover 3 of 4 profiles: 1 missing"))
        #expect(message([("s1", Self.file(["a", "b"])), ("s1", Self.file(["a", "b"])), ("s2", Self.file(["c", "d"]))]).contains("repeat or reorder"))
        #expect(message([("s1", Self.file(["a", "b"])), ("s2", Array("profile_id,rank\nc,1\nd,1\n".utf8))]).contains("s2:1:1: header differs"))
        #expect(message([("s1", Self.file(["a", "b"])), ("s2", Array((Self.header + "zz,1,1,1\n").utf8))]).contains("s2:2:1: profile id not in the profile list"))
    }
}
