/// Medians and quantiles of samples, one definition for the whole package: linear interpolation
/// between order statistics (Hyndman & Fan type 7, R's and NumPy's default).
public enum Quantile {
    /// The median (the mean of the two middle values for an even count); NaN when empty.
    public static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        let n = s.count
        if n == 0 { return .nan }
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// The q-quantile of an ascending sample (of `Double`s, or of the `Float` paths a forecast
    /// keeps, in their own precision); NaN when empty. Inlinable so that the forecast's hot loop
    /// over sample paths gets a specialised copy, not a generic call.
    @inlinable
    public static func quantile<Sample: RandomAccessCollection>(_ sorted: Sample, _ q: Double) -> Sample.Element
        where Sample.Element: BinaryFloatingPoint, Sample.Index == Int {
        guard !sorted.isEmpty else { return .nan }
        let s = sorted.startIndex
        let h = Double(sorted.count - 1) * min(1, max(0, q))
        let lo = Int(h.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
        return sorted[s + lo] + Sample.Element(h - Double(lo)) * (sorted[s + hi] - sorted[s + lo])
    }
}
