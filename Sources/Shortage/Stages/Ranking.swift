import LabourData
import MizanSupport

/// Stage 7: ranks within each region (national cells form the national list), a national rank
/// over all regional cells, and the 90 % interval of the rank within the region over the draws.
enum Ranking {
    struct Ranks { var rank: Int, low: Int, high: Int, national: Int }

    static func rank(_ cells: [CellData], _ scores: [Scoring.Cell]) -> [Ranks] {
        var out = [Ranks](repeating: Ranks(rank: 0, low: 0, high: 0, national: 0), count: cells.count)
        // Ties go to the lower (isco, region): a position in that order, computed once.
        var tieOrder = [Int](repeating: 0, count: cells.count)
        for (r, c) in cells.indices.sorted(by: { (cells[$0].isco, cells[$0].region) < (cells[$1].isco, cells[$1].region) }).enumerated() { tieOrder[c] = r }
        let tie = tieOrder
        /// Positions 0..<members.count ordered by `key` (by position), highest first.
        @Sendable func order(_ members: [Int], _ key: [Double]) -> [Int] {
            var positions = Array(members.indices)
            positions.sort { key[$0] > key[$1] || (key[$0] == key[$1] && tie[members[$0]] < tie[members[$1]]) }
            return positions
        }
        var byRegion: [String: [Int]] = [:]
        for (c, cell) in cells.enumerated() { byRegion[cell.region, default: []].append(c) }
        let groups = byRegion.keys.sorted().map { byRegion[$0]! }
        let regional = cells.indices.filter { !cells[$0].isNational }
        for (r, p) in order(regional, regional.map { scores[$0].score }).enumerated() { out[regional[p]].national = r + 1 }
        let D = scores.first?.draws.count ?? 0
        let before = out
        let ranked = parallelMap(groups.count) { g -> [(Int, Ranks)] in
            let members = groups[g]
            var local = members.map { before[$0] }
            for (r, p) in order(members, members.map { scores[$0].score }).enumerated() {
                local[p].rank = r + 1
                if cells[members[p]].isNational { local[p].national = r + 1 }
            }
            // Ranks over the draws, member by member.
            var drawn = [Double](repeating: 0, count: members.count * D)
            var key = [Double](repeating: 0, count: members.count)
            for d in 0..<D {
                for (p, c) in members.enumerated() { key[p] = scores[c].draws[d] }
                for (r, p) in order(members, key).enumerated() { drawn[p * D + d] = Double(r + 1) }
            }
            // The published rank is the point score's; where the draws put it outside their 90 %
            // (a noisy series whose point sits at the edge of its paths), the interval is widened to
            // hold it: a line never reads "rank 7 (8–12)".
            for p in members.indices {
                let s = drawn[(p * D)..<((p + 1) * D)].sorted()
                let low = s.isEmpty ? local[p].rank : Int(Quantile.quantile(s, 0.05).rounded(.down))
                let high = s.isEmpty ? local[p].rank : Int(Quantile.quantile(s, 0.95).rounded(.up))
                local[p].low = min(low, local[p].rank)
                local[p].high = max(high, local[p].rank)
            }
            return Array(zip(members, local))
        }
        for group in ranked { for (c, r) in group { out[c] = r } }
        return out
    }
}
