/// Rank agreement between two orderings: how far projected growth ranks occupations as realised
/// growth did (vintage scoring), or a ranking as a reference does (tests against published lists).
public enum RankCorrelation {
    /// Spearman's ρ: Pearson correlation of the ranks, ties given their average rank.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { (v[$0], $0) < (v[$1], $1) }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
                i = j + 1
            }
            return r
        }
        let rx = ranks(x), ry = ranks(y), m = Double(x.count)
        let mx = rx.reduce(0, +) / m, my = ry.reduce(0, +) / m
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in 0..<x.count {
            sxy += (rx[k] - mx) * (ry[k] - my); sxx += (rx[k] - mx) * (rx[k] - mx); syy += (ry[k] - my) * (ry[k] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : nil
    }
}
