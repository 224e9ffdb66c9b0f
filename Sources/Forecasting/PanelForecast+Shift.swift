import Foundation

extension PanelForecast {
    /// The forecast moved by a level change of its bottom series: `delta[k · bottomCount + b]` is
    /// added to bottom b in target year k (`years[k]`), and each aggregate receives the sum over
    /// its bottoms. Point forecasts, every interval bound and every sample path move by the same
    /// amount, so the result is as coherent as the forecast was and its intervals keep their
    /// width: a scenario is a deviation from the baseline, as Cedefop and JSA show theirs.
    ///
    /// A loss larger than a bottom's point forecast is cut at that forecast (employment does not
    /// go below zero); each cut is returned, in the bottom's and year's terms, so the caller can
    /// say so. The differences then still add up across the hierarchy.
    public func shifted(byBottom delta: [Double]) -> (forecast: PanelForecast, cuts: [(region: String, isco: String, year: Int, asked: Double, applied: Double)]) {
        let h = hierarchy, m = h.bottomCount, n = seriesCount, H = years.count
        precondition(delta.count == m * H, "one delta per bottom series and year")
        var bottom = delta
        var cuts: [(region: String, isco: String, year: Int, asked: Double, applied: Double)] = []
        for k in 0..<H {
            for la in 0..<h.a.leaves.count {
                for lb in 0..<h.b.leaves.count {
                    let b = h.bottom(la, lb), current = mean[k * n + h.seriesOfBottom(la, lb)]
                    if bottom[k * m + b] < -current {
                        cuts.append((h.a.leaves[la], h.b.leaves[lb], years[k], bottom[k * m + b], -max(0, current)))
                        bottom[k * m + b] = -max(0, current)
                    }
                }
            }
        }
        var all = [Double](repeating: 0, count: n * H)
        bottom.withUnsafeBufferPointer { b in all.withUnsafeMutableBufferPointer { h.aggregate(b, columns: H, into: $0) } }
        var newMean = mean, newLower = lower, newUpper = upper, newPaths = paths
        for i in 0..<n * H { newMean[i] += all[i] }
        for l in newLower.indices { for i in 0..<n * H { newLower[l][i] += all[i]; newUpper[l][i] += all[i] } }
        if pathCount > 0 {
            for i in 0..<n {
                for k in 0..<H where all[k * n + i] != 0 {
                    let d = Float(all[k * n + i]), base = (i * H + k) * pathCount
                    for p in 0..<pathCount { newPaths[base + p] += d }
                }
            }
        }
        let moved = PanelForecast(hierarchy: h, measure: measure, years: years, levels: levels, reconciliation: reconciliation,
                                  warnings: warnings, modelNames: modelNames, flags: flags, mean: newMean, lower: newLower,
                                  upper: newUpper, paths: newPaths, pathCount: pathCount, lambda: lambda,
                                  ownCalibration: ownCalibration, timings: timings)
        return (moved, cuts)
    }

    /// Index of bottom series (region, isco) among `hierarchy`'s bottoms, nil when either code is
    /// not a leaf of the forecast.
    public func bottomIndex(region: String, isco: String) -> Int? {
        guard let la = hierarchy.a.leaves.firstIndex(of: region), let lb = hierarchy.b.leaves.firstIndex(of: isco) else { return nil }
        return hierarchy.bottom(la, lb)
    }
}
