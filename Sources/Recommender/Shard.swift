import Foundation
import LabourData

/// One of `count` equal, contiguous slices of a batch (`--shard index/count`, 1-based, as
/// Kubernetes indexed jobs and Slurm job arrays number their tasks + 1). Contiguous slices keep
/// every shard's output in input order, so the merge is a concatenation in slice order and
/// gives the same bytes as one unsharded run.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(InputError) {
        guard count >= 1, index >= 1, index <= count else {
            throw InputError(Diagnostic(file: "--shard", line: 0, column: 0, message: "shard must be i/n with 1 ≤ i ≤ n (got \(index)/\(count))"))
        }
        (self.index, self.count) = (index, count)
    }

    /// Parses "i/n".
    public init(_ text: String) throws(InputError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw InputError(Diagnostic(file: "--shard", line: 0, column: 0, message: "shard must be written i/n, e.g. 3/8 (got '\(text)')"))
        }
        try self.init(index: i, count: n)
    }

    /// The items of a batch of `total` this shard takes: ⌊(i−1)·N/n⌋ ..< ⌊i·N/n⌋.
    public func range(of total: Int) -> Range<Int> {
        (index - 1) * total / count ..< index * total / count
    }

    public var description: String { "\(index)/\(count)" }
}

/// Joins the recommendation CSVs of the shards of one batch into the table one unsharded run
/// would have written, byte for byte. The shard files may come in any order; each is placed by
/// the position of its first profile in the profile list. The merge refuses a set of shards that
/// does not cover every profile exactly once (a failed or repeated task), or whose headers
/// differ (shards run with different options).
public enum RecommendationMerge {
    public static func merge(shards: [(name: String, bytes: [UInt8])], profileIDs: [String]) throws(InputError) -> [UInt8] {
        func fail(_ file: String, _ line: Int, _ m: String) -> InputError {
            InputError(Diagnostic(file: file, line: line, column: line == 0 ? 0 : 1, message: m))
        }
        var position: [String: Int] = [:]
        for (k, id) in profileIDs.enumerated() where position[id] == nil { position[id] = k }
        var header: [UInt8]?
        var pieces: [(start: Int, body: ArraySlice<UInt8>, ids: [String])] = []
        for shard in shards {
            guard let nl = shard.bytes.firstIndex(of: 0x0A) else { throw fail(shard.name, 1, "no header line: not a recommendations table") }
            let h = Array(shard.bytes[...nl])
            if let first = header, first != h { throw fail(shard.name, 1, "header differs from the first shard's: shards of one batch must be run with the same options") }
            header = h
            // Profile ids in row order, consecutive repeats collapsed (one profile has several rows).
            var ids: [String] = []
            var fields: [CSVField] = []
            var failure: InputError?
            shard.bytes.withUnsafeBufferPointer { buf in
                var scanner = CSVScanner(bytes: buf, dialect: .standard)
                do {
                    _ = try scanner.nextRecord(into: &fields)
                    while try scanner.nextRecord(into: &fields) {
                        guard let id = fields.first.flatMap({ scanner.string($0) }), position[id] != nil else {
                            failure = fail(shard.name, scanner.line - 1, "profile id not in the profile list")
                            return
                        }
                        if ids.last != id { ids.append(id) }
                    }
                } catch let error as CSVSyntaxError {
                    failure = fail(shard.name, error.line, error.message)
                } catch {
                    failure = fail(shard.name, 0, "\(error)")
                }
            }
            if let failure { throw failure }
            if ids.isEmpty { continue }  // an empty shard (more shards than profiles)
            pieces.append((position[ids[0]]!, shard.bytes[(nl + 1)...], ids))
        }
        pieces.sort { $0.start < $1.start }
        var expected: [String] = []
        for id in profileIDs where expected.last != id { expected.append(id) }
        let covered = pieces.flatMap(\.ids)
        if covered != expected {
            let have = Set(covered), missing = expected.filter { !have.contains($0) }.count
            throw fail("--profiles", 0, missing > 0
                ? "the shards cover \(expected.count - missing) of \(expected.count) profiles: \(missing) missing (a shard failed or was not given?)"
                : "the shards repeat or reorder profiles (the same shard given twice, or shards of different batches?)")
        }
        var out = header ?? []
        for p in pieces { out += p.body }
        return out
    }
}
