import Foundation
import LabourData
import MizanSupport

/// Series breaks: a year from which a series is measured differently (a new survey, a new
/// classification) or the market itself jumped (Tunisia 2011, the 2020 pandemic).
///
/// A declared break is handled by a **level shift**: the history before the break is rescaled so
/// that it meets the level after it. The shift is the log-ratio between the first post-break
/// observations (up to two) and the pre-break path carried forward (its mean growth over the
/// last three pre-break years). The models then see one level with the pre-break dynamics kept,
/// instead of a jump they would read as growth. Series that are not positive are shifted
/// additively instead.
///
/// An undeclared break is flagged: a year-to-year log change in the last `recentYears` years of
/// a top-level series (national total, region totals, national occupations) more than
/// `threshold` times the robust spread (1.4826 × MAD) of its earlier changes, the spread taken
/// at least `minimumSpread` (a 2 % change is ordinary in any year, and smooth or interpolated
/// histories would otherwise make every wobble a break).
public enum SeriesBreaks {
    public static let threshold = 4.0
    public static let recentYears = 4
    public static let minimumSpread = 0.02

    /// `values` (year `firstYear` first) with every declared break in `years` level-shifted away.
    public static func adjust(_ values: [Double], firstYear: Int, breaks years: [Int]) -> [Double] {
        var v = values
        for year in years.sorted() {
            let b = year - firstYear
            guard b > 0, b < v.count else { continue }
            let pre = (0..<b).filter { v[$0].isFinite }
            let post = (b..<min(v.count, b + 2)).filter { v[$0].isFinite }
            guard let last = pre.last, !post.isEmpty else { continue }
            let window = pre.suffix(4)
            // On the log scale for positive series (a multiplicative shift), else as they are.
            let positive = (pre + post).allSatisfy { v[$0] > 0 }
            let f: (Double) -> Double = positive ? { log($0) } : { $0 }
            // Mean growth over the last pre-break years, carried to the post-break years.
            let g = window.count >= 2 ? (f(v[window.last!]) - f(v[window.first!])) / Double(window.last! - window.first!) : 0
            let shift = post.reduce(0) { $0 + f(v[$1]) - (f(v[last]) + g * Double($1 - last)) } / Double(post.count)
            for k in pre { if positive { v[k] *= exp(shift) } else { v[k] += shift } }
        }
        return v
    }

    /// The year of a recent jump that looks like a break, if any (positive series only).
    public static func suspectedBreak(_ values: [Double], firstYear: Int, declared: [Int]) -> (year: Int, change: Double)? {
        let idx = values.indices.filter { values[$0].isFinite && values[$0] > 0 }
        guard idx.count >= recentYears + 4 else { return nil }
        var changes: [(year: Int, d: Double)] = []
        for (a, b) in zip(idx, idx.dropFirst()) where b == a + 1 { changes.append((firstYear + b, log(values[b]) - log(values[a]))) }
        guard changes.count > recentYears + 2 else { return nil }
        let earlier = changes.dropLast(recentYears).filter { !declared.contains($0.year) }.map(\.d)
        guard earlier.count >= 3 else { return nil }
        let m = Quantile.median(earlier)
        let spread = max(minimumSpread, 1.4826 * Quantile.median(earlier.map { abs($0 - m) }))
        let recent = changes.suffix(recentYears).filter { !declared.contains($0.year) }
        guard let worst = recent.max(by: { abs($0.d - m) < abs($1.d - m) }), abs(worst.d - m) > threshold * spread else { return nil }
        return (worst.year, exp(worst.d) - 1)
    }
}
