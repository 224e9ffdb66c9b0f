import Foundation
import LabourData

/// Scores every profile against every occupation by the cosine of their skill vectors and keeps
/// the top N — the batch screening a planner runs over all registered people.
///
/// The product P·Oᵀ (profiles × skills × occupations) is computed row by row through an inverted
/// index of the occupation matrix (Gustavson's sparse product): a profile's ~15 skills touch a few
/// hundred occupations, never all 3,039, and memory stays one score row per worker.
public struct BatchMatcher: Sendable {
    public let occupationNames: [String]
    /// Inverted index in compressed rows: skill column c's postings are
    /// `postingOccupation[postingStart[c] ..< postingStart[c + 1]]`, weights / ‖occupation‖.
    let postingStart: [Int]
    let postingOccupation: [Int32]
    let postingWeight: [Float]
    var skills: ByteInternerBox

    final class ByteInternerBox: @unchecked Sendable {
        let interner: ByteInterner
        init(_ i: ByteInterner) { interner = i }
    }

    /// Reads `occupation,skill,weight` (text keys). Occupations are numbered in sorted order.
    public static func load(occupations url: URL) throws(InputError) -> BatchMatcher {
        let t = try TextTable.read(contentsOf: url, required: ["occupation", "skill", "weight"])
        let oi = t.index("occupation"), si = t.index("skill")
        let names = Array(Set(t.rows.map { $0[oi] })).sorted()
        let occIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let skillNames = Array(Set(t.rows.map { $0[si] })).sorted()
        var interner = ByteInterner(capacity: skillNames.count)
        for s in skillNames {
            var b = Array(s.utf8)
            _ = b.withUnsafeMutableBufferPointer { interner.intern(UnsafeBufferPointer($0), 0, $0.count) }
        }
        var norms = [Double](repeating: 0, count: names.count)
        var entries: [(Int, Int, Double)] = []
        for i in t.rows.indices {
            let w = try t.number(i, "weight")
            let o = occIndex[t.rows[i][oi]]!
            var b = Array(t.rows[i][si].utf8)
            let s = b.withUnsafeMutableBufferPointer { interner.lookup(UnsafeBufferPointer($0), 0, $0.count)! }
            entries.append((o, s, w))
            norms[o] += w * w
        }
        var lists = [[(occupation: Int32, weight: Float)]](repeating: [], count: skillNames.count)
        for (o, s, w) in entries where norms[o] > 0 { lists[s].append((Int32(o), Float(w / norms[o].squareRoot()))) }
        var start = [0], occ: [Int32] = [], wt: [Float] = []
        for l in lists { for e in l { occ.append(e.occupation); wt.append(e.weight) }; start.append(occ.count) }
        return BatchMatcher(occupationNames: names, postingStart: start, postingOccupation: occ, postingWeight: wt,
                            skills: ByteInternerBox(interner))
    }
}
