import Foundation

/// Intervals calibrated on the panel's own rolling-origin errors, where it has the history.
///
/// The shipped tables (`IntervalCalibration`) were fitted on forecasting-competition series. A
/// panel whose series are smoother, or rougher, than those gets bands too wide, or too narrow:
/// the bundled Morocco panel's bottoms, their last 5 years held out, fell inside the published
/// 80 % and 95 % bands 0.889 and 0.988 of the time on the shipped tables alone. So, before
/// forecasting, the pipeline forecasts a sample of the panel's own series from up to
/// `maximumOrigins` earlier years exactly as it forecasts them (the series' model, its σ_h, its
/// short-history floor) and scores each error against the band the table would have drawn:
/// r = |y − ŷ_h| / (σ_h · q_j(h)), q_j(h) the table's quantile at probability p_j and step h.
/// Per step and probability the factor is the conformal p_j-quantile of r (the ⌈(m + 1)p⌉-th
/// of m): the multiple of the table's band that would have held p_j of the panel's own outcomes.
/// A step the history cannot reach (the panel is short) takes the factors of the last step it
/// reached. Held out the same way, Morocco's bottoms then cover 0.774 and 0.948
/// (`PipelineCoverageTests`).
///
/// Bottom series and aggregates are calibrated apart (on Morocco the totals' factors differ from
/// the cells', on M3's sums laid out as panels by a factor of 1.5–2). A series whose own history
/// does not reach back to the earliest origin's training keeps the shipped table: on M3 a
/// factor learnt on the long series (0.72 of the table's 80 % band) left the bottoms as a whole
/// covering 0.69 at 80 %. The competition tables stay the fallback everywhere else: a
/// panel with too few years for two origins of `minimumTraining` years, or a group with fewer
/// than `minimumErrors` scored errors, keeps them.
public struct PanelCalibration: Sendable, Hashable {
    /// Years of history the earliest origin must leave (below 8 the short-history floor applies,
    /// as it does in the forecast itself).
    public static let minimumTraining = 6
    /// Origins scored: the latest years that leave the whole horizon ahead observed, then later
    /// ones (fewer steps) when the panel is too short for that.
    public static let maximumOrigins = 4
    /// Series forecast from each origin: all of a small panel's, an even sample of a large one's
    /// (the factors are quantiles over series; 600 series × 4 origins give up to 2,400 errors a step).
    public static let maximumSeries = 600
    /// Fewer scored errors than this: the competition tables are kept.
    public static let minimumErrors = 100

    /// The origins (last year of each training history).
    public let origins: [Int]
    /// Series forecast from the origins, and errors scored.
    public let seriesCount: Int
    public let errorCount: Int
    /// Per group (0: bottom series, 1: aggregates), per step 1…horizon, the multiple of the
    /// shipped table's quantile at each `IntervalCalibration.probabilities`; nil where the group
    /// had too few errors. Steps past the last use its factors.
    public let factors: [[[Double]]?]
    /// Per series of the forecast, its group, or −1 where its history is shorter than the
    /// training the origins gave (its errors could not be scored): that series keeps the shipped
    /// table. Not kept in checkpoints (only the summary is read after a restore).
    let groupOfSeries: [Int8]

    public init(origins: [Int], seriesCount: Int, errorCount: Int, factors: [[[Double]]?], groupOfSeries: [Int8] = []) {
        precondition(factors.count == 2 && factors.allSatisfy { $0 == nil || $0!.allSatisfy { $0.count == IntervalCalibration.probabilities.count } })
        self.origins = origins
        self.seriesCount = seriesCount
        self.errorCount = errorCount
        self.factors = factors
        self.groupOfSeries = groupOfSeries
    }

    /// Series i's group, −1 where it keeps the shipped table.
    func group(series i: Int) -> Int8 { i < groupOfSeries.count ? groupOfSeries[i] : -1 }

    /// The factors applying to series i, nil where it keeps the shipped table.
    func factors(series i: Int) -> [[Double]]? {
        let g = group(series: i)
        return g >= 0 ? factors[Int(g)] : nil
    }

    /// The factor of a group at a central level in percent, averaged over the steps
    /// (interpolated between the tabulated probabilities).
    public func factor(group: Int, level: Double) -> Double? {
        guard let all = factors[group] else { return nil }
        let f = all.reduce([Double](repeating: 0, count: all[0].count)) { a, r in zip(a, r).map { $0 + $1 / Double(all.count) } }
        let ps = IntervalCalibration.probabilities, p = level / 100
        if p <= ps[0] { return f[0] }
        if p >= ps[ps.count - 1] { return f[ps.count - 1] }
        var j = 1
        while ps[j] < p { j += 1 }
        let t = (p - ps[j - 1]) / (ps[j] - ps[j - 1])
        return f[j - 1] + t * (f[j] - f[j - 1])
    }

    /// The table with every step's quantile at p_j multiplied by the factor at p_j, made
    /// non-decreasing in p again.
    static func adjusted(_ table: IntervalCalibration, by factors: [[Double]]) -> IntervalCalibration {
        IntervalCalibration(quantiles: table.quantiles.enumerated().map { h, row in
            var out = zip(row, factors[min(h, factors.count - 1)]).map { $0 * $1 }
            for j in 1..<out.count { out[j] = max(out[j], out[j - 1]) }
            return out
        })
    }

    /// In a planner's words, for reports.
    public var summary: String {
        let years = origins.count == 1 ? "\(origins[0])" : "\(origins.min()!)–\(origins.max()!)"
        let f = { (g: Int, l: Double) in self.factor(group: g, level: l).map { String(format: "%.2f", $0) } ?? "1 (too few errors)" }
        return "intervals calibrated on this panel's own errors: \(errorCount) forecasts of \(seriesCount) series from \(years); "
            + "80 % and 95 % bands × \(f(0, 80)) and \(f(0, 95)) of the competition tables' for region × occupation cells, "
            + "× \(f(1, 80)) and \(f(1, 95)) for totals"
    }

    /// The origins a history of `firstYear…lastYear` affords for `horizon` steps.
    static func origins(firstYear: Int, lastYear: Int, horizon H: Int) -> [Int] {
        let earliest = firstYear + minimumTraining - 1
        guard lastYear - 1 >= earliest else { return [] }
        // Latest origins with the whole horizon observed first, then later ones.
        let candidates = (earliest...(lastYear - 1)).sorted { a, b in
            let (sa, sb) = (min(H, lastYear - a), min(H, lastYear - b))
            return sa != sb ? sa > sb : a > b
        }
        return Array(candidates.prefix(maximumOrigins)).sorted()
    }

    /// Scores the pipeline's own base forecasts of the panel's series from earlier origins; nil
    /// when the panel cannot support it (the shipped tables are then used as they are).
    static func measure(_ history: PanelHistory, choices: [ModelChoice], horizon H: Int) -> PanelCalibration? {
        let origins = origins(firstYear: history.firstYear, lastYear: history.lastYear, horizon: H)
        guard origins.count >= 2 else { return nil }
        let n = history.hierarchy.seriesCount, firstYear = history.firstYear
        let h = history.hierarchy
        let bottoms = h.bottomSeries
        // A series is calibrated on the panel's errors when its history reaches back to the
        // earliest origin's training: the errors of long series say little about short ones.
        let needed = history.lastYear - origins[0] + minimumTraining
        let lengths: [Int] = PanelForecaster.parallelChunks(n) { i in
            SeriesForecaster.fillGaps(history.linkedSeries(i)).values.count
        }
        let group: [Int8] = (0..<n).map { lengths[$0] >= needed ? (bottoms.contains($0) ? 0 : 1) : -1 }
        let J = IntervalCalibration.probabilities.count
        var factors: [[[Double]]?] = [nil, nil]
        var scored = 0, errors = 0
        for g in 0..<2 {
            let pool = (0..<n).filter { group[$0] == Int8(g) }
            let sample = pool.count <= maximumSeries ? pool : (0..<maximumSeries).map { pool[$0 * pool.count / maximumSeries] }
            let ratios: [[Double]] = PanelForecaster.parallelChunks(sample.count) { s -> [Double] in
                let i = sample[s]
                let series = history.linkedSeries(i)
                var out: [Double] = []
                for o in origins {
                    let prefix = Array(series[0...(o - firstYear)])
                    let (filled, offset, _) = SeriesForecaster.fillGaps(prefix)
                    // A series must reach the origin itself and have the training years.
                    guard filled.count >= minimumTraining, firstYear + offset + filled.count - 1 == o else { continue }
                    let steps = min(H, history.lastYear - o)
                    let (model, flags) = SeriesForecaster.fit(prefix, model: choices[i])
                    guard let table = IntervalCalibration.shipped(for: choices[i], fitted: model, flags: flags) else { continue }
                    let mean = model.mean(steps)
                    let variance = ShortHistoryFloor.floored(model.approximateVariance(steps),
                                                             by: ShortHistoryFloor.shipped.sd(history: filled, steps: steps))
                    for h in 1...steps {
                        let y = series[o - firstYear + h], sd = variance[h - 1].squareRoot()
                        guard y.isFinite, mean[h - 1].isFinite, sd > 0, sd.isFinite else { continue }
                        let row = table.quantiles[min(h, table.steps) - 1]
                        let e = abs(y - mean[h - 1])
                        out.append(Double(h))
                        for j in 0..<J { out.append(e / (sd * row[j])) }
                    }
                }
                return out
            }
            // byStep[h − 1][j]: the ratios of step h at probability j.
            var byStep = [[[Double]]](repeating: [[Double]](repeating: [], count: J), count: H)
            for r in ratios {
                var k = 0
                while k < r.count {
                    let h = Int(r[k])
                    for j in 0..<J { byStep[h - 1][j].append(r[k + 1 + j]) }
                    k += 1 + J
                }
            }
            let m = byStep.reduce(0) { $0 + $1[0].count }
            guard m >= minimumErrors else { continue }
            func conformal(_ values: [Double], _ p: Double) -> Double {
                let s = values.sorted(), k = min(s.count, Int((Double(s.count + 1) * p).rounded(.up)))
                return s[max(0, k - 1)]
            }
            let pooled = IntervalCalibration.probabilities.enumerated().map { j, p in conformal(byStep.flatMap { $0[j] }, p) }
            // Each step its own factors where it has the errors; a step beyond the history takes
            // the last step that had them (the pooled ones if none had).
            var f: [[Double]] = []
            for h in 0..<H {
                if byStep[h][0].count >= minimumErrors {
                    f.append(IntervalCalibration.probabilities.enumerated().map { j, p in conformal(byStep[h][j], p) })
                } else {
                    f.append(f.last ?? pooled)
                }
            }
            guard f.joined().allSatisfy({ $0.isFinite && $0 > 0 }) else { continue }
            factors[g] = f
            scored += sample.count
            errors += m
        }
        guard factors.contains(where: { $0 != nil }) else { return nil }
        return PanelCalibration(origins: origins, seriesCount: scored, errorCount: errors, factors: factors, groupOfSeries: group)
    }
}
