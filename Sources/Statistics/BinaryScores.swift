import Foundation

/// Scores of probabilities against 0/1 outcomes: the measures a shortage list or a risk score is
/// judged by. Each takes (p, y) pairs; y is 0 or 1.
public enum BinaryScores {
    /// Mean squared error of the probability.
    public static func brier(_ pairs: [(p: Double, y: Double)]) -> Double {
        pairs.reduce(0) { $0 + ($1.p - $1.y) * ($1.p - $1.y) } / Double(pairs.count)
    }

    /// Mean negative log-likelihood, p clipped to [1e-15, 1 − 1e-15].
    public static func logLoss(_ pairs: [(p: Double, y: Double)]) -> Double {
        -pairs.reduce(0) { acc, e in
            let p = min(max(e.p, 1e-15), 1 - 1e-15)
            return acc + (e.y == 1 ? log(p) : log(1 - p))
        } / Double(pairs.count)
    }

    /// Area under the ROC curve (Mann–Whitney, ties counted half); NaN without both outcomes.
    public static func auc(_ pairs: [(p: Double, y: Double)]) -> Double {
        let sorted = pairs.sorted { $0.p < $1.p }
        var rankSum = 0.0, i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1].p == sorted[i].p { j += 1 }
            let midRank = Double(i + j) / 2 + 1
            for k in i...j where sorted[k].y == 1 { rankSum += midRank }
            i = j + 1
        }
        let pos = Double(pairs.filter { $0.y == 1 }.count), neg = Double(pairs.count) - pos
        guard pos > 0, neg > 0 else { return .nan }
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg)
    }

    /// Area under the precision–recall curve as average precision (scikit-learn's
    /// `average_precision_score`): Σ (Rₙ − Rₙ₋₁) Pₙ over thresholds at each distinct p.
    public static func averagePrecision(_ pairs: [(p: Double, y: Double)]) -> Double {
        let positives = pairs.reduce(0) { $0 + $1.y }
        guard positives > 0 else { return .nan }
        let sorted = pairs.sorted { $0.p > $1.p }
        var tp = 0.0, seen = 0.0, ap = 0.0, lastRecall = 0.0, i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count && sorted[j].p == sorted[i].p { tp += sorted[j].y; seen += 1; j += 1 }
            let recall = tp / positives
            ap += (recall - lastRecall) * (tp / seen)
            lastRecall = recall
            i = j
        }
        return ap
    }

    /// Share labelled 1 among the top `top` share by p (ties broken by input order).
    public static func precision(_ pairs: [(p: Double, y: Double)], top: Double) -> Double {
        let k = max(1, Int((top * Double(pairs.count)).rounded()))
        let best = pairs.enumerated().sorted { $0.element.p > $1.element.p || ($0.element.p == $1.element.p && $0.offset < $1.offset) }.prefix(k)
        return best.reduce(0) { $0 + $1.element.y } / Double(k)
    }

    /// Precision in the top `top` share divided by the base rate (top-decile lift for 0.1).
    public static func lift(_ pairs: [(p: Double, y: Double)], top: Double) -> Double {
        let base = pairs.reduce(0) { $0 + $1.y } / Double(pairs.count)
        return base > 0 ? precision(pairs, top: top) / base : .nan
    }

    /// One bin of a reliability table: predictions in [low, high).
    public struct ReliabilityBin: Sendable, Equatable {
        public let low: Double, high: Double
        public let count: Int
        public let meanPredicted: Double
        public let observed: Double
    }

    /// `bins` equal-width bins over [0, 1] (the last one closed).
    public static func reliability(_ pairs: [(p: Double, y: Double)], bins: Int = 10) -> [ReliabilityBin] {
        var count = [Int](repeating: 0, count: bins), sumP = [Double](repeating: 0, count: bins), sumY = sumP
        for e in pairs {
            let b = min(bins - 1, max(0, Int(e.p * Double(bins))))
            count[b] += 1; sumP[b] += e.p; sumY[b] += e.y
        }
        return (0..<bins).map { b in
            let n = Double(count[b])
            return ReliabilityBin(low: Double(b) / Double(bins), high: Double(b + 1) / Double(bins), count: count[b],
                                  meanPredicted: n > 0 ? sumP[b] / n : .nan, observed: n > 0 ? sumY[b] / n : .nan)
        }
    }

    /// Calibration intercept and slope: the logistic regression y ~ a + b · logit(p) (Cox 1958).
    /// A calibrated score has a = 0, b = 1; b < 1 means predictions too extreme.
    public static func calibrationLine(_ pairs: [(p: Double, y: Double)]) -> (intercept: Double, slope: Double)? {
        guard Set(pairs.map(\.y)).count == 2 else { return nil }
        var a = 0.0, b = 1.0
        let xs = pairs.map { e -> Double in let p = min(max(e.p, 1e-12), 1 - 1e-12); return log(p / (1 - p)) }
        // Newton on two parameters: no matrix library needed for a 2 × 2 system.
        for _ in 0..<100 {
            var g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0
            for (i, e) in pairs.enumerated() {
                let q = 1 / (1 + exp(-(a + b * xs[i])))
                let w = q * (1 - q), r = e.y - q
                g0 += r; g1 += r * xs[i]
                h00 += w; h01 += w * xs[i]; h11 += w * xs[i] * xs[i]
            }
            let det = h00 * h11 - h01 * h01
            guard det > 0 else { return nil }
            let da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det
            a += da; b += db
            if abs(da) + abs(db) < 1e-12 { break }
        }
        return (a, b)
    }
}
