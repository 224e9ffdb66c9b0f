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

    /// The q-quantile of an ascending sample; NaN when empty.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * min(1, max(0, q))
        let lo = Int(h.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
