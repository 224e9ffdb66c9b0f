import Forecasting

/// Spearman rank correlation, ties given their average rank (NaN when a side is constant).
public func spearman(_ a: [Double], _ b: [Double]) -> Double {
    RankCorrelation.spearman(a, b) ?? .nan
}
