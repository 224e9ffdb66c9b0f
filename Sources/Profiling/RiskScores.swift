import Statistics

/// How well one set of probabilities foresaw who was still registered 12 months on.
public struct RiskScores: Sendable, Equatable {
    public let name: String
    public let count: Int
    public let auc: Double
    /// Area under the precision–recall curve (average precision).
    public let prAUC: Double
    public let brier: Double
    /// y ~ a + b·logit(p): a calibrated score has intercept 0 and slope 1.
    public let calibrationIntercept: Double
    public let calibrationSlope: Double
    /// Share long-term unemployed in the top 10 % by p over the base rate.
    public let topDecileLift: Double
    public let reliability: [BinaryScores.ReliabilityBin]

    public init(name: String, _ pairs: [(p: Double, y: Double)]) {
        self.name = name
        count = pairs.count
        auc = BinaryScores.auc(pairs)
        prAUC = BinaryScores.averagePrecision(pairs)
        brier = BinaryScores.brier(pairs)
        // A constant score (the lottery) has no slope to fit.
        let line = Set(pairs.map(\.p)).count > 1 ? BinaryScores.calibrationLine(pairs) : nil
        calibrationIntercept = line?.intercept ?? .nan
        calibrationSlope = line?.slope ?? .nan
        topDecileLift = BinaryScores.lift(pairs, top: 0.1)
        reliability = BinaryScores.reliability(pairs)
    }
}
