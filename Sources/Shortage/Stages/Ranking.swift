import LabourData

/// Stage 7: ranks within each region (national cells form the national list), a national rank
/// over all regional cells, and the 90 % interval of the rank within the region over the draws.
enum Ranking {
    struct Ranks { var rank: Int, low: Int, high: Int, national: Int }

    static func rank(_ cells: [CellData], _ scores: [Scoring.Cell]) -> [Ranks] {
        var out = [Ranks](repeating: Ranks(rank: 0, low: 0, high: 0, national: 0), count: cells.count)
        func order(_ members: [Int], _ s: (Int) -> Double) -> [Int] {
            members.sorted { s($0) > s($1) || (s($0) == s($1) && (cells[$0].isco, cells[$0].region) < (cells[$1].isco, cells[$1].region)) }
        }
        var groups: [String: [Int]] = [:]
        for (c, cell) in cells.enumerated() { groups[cell.region, default: []].append(c) }
        let regional = cells.indices.filter { !cells[$0].isNational }
        for (r, c) in order(regional, { scores[$0].score }).enumerated() { out[c].national = r + 1 }
        let D = scores.first?.draws.count ?? 0
        for (_, members) in groups {
            for (r, c) in order(members, { scores[$0].score }).enumerated() {
                out[c].rank = r + 1
                if cells[c].isNational { out[c].national = r + 1 }
            }
            // Ranks over the draws, by position in `members`.
            let position = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
            var drawn = [[Int]](repeating: [], count: members.count)
            for d in 0..<D {
                for (r, c) in order(members, { scores[$0].draws[d] }).enumerated() { drawn[position[c]!].append(r + 1) }
            }
            for (k, c) in members.enumerated() {
                let s = drawn[k].sorted().map(Double.init)
                out[c].low = s.isEmpty ? out[c].rank : Int(Quantile.quantile(s, 0.05).rounded(.down))
                out[c].high = s.isEmpty ? out[c].rank : Int(Quantile.quantile(s, 0.95).rounded(.up))
            }
        }
        return out
    }
}
