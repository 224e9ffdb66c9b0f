import Foundation

/// How the scored cohorts differ from the ones the model learned on: a model fitted on 2016–2021
/// registrants is only as good on 2024's as they are alike.
public struct CohortDrift: Sendable {
    public struct Shift: Sendable, Equatable {
        public let feature: String
        public let trainingMean: Double
        public let scoringMean: Double
        /// (scoring − training mean) / pooled standard deviation; |d| ≥ 0.1 is worth a look.
        public let standardisedDifference: Double
    }

    public let shifts: [Shift]
    /// Population stability index of the predicted risk over the training deciles
    /// (< 0.1 stable, 0.1–0.25 moderate, > 0.25 large).
    public let scorePSI: Double
    public let trainingBaseRate: Double

    public init(features: [RiskFeature], training: Matrix, scoring: Matrix, trainingP: [Double], scoringP: [Double], trainingBaseRate: Double) {
        var shifts: [Shift] = []
        for (j, f) in features.enumerated() {
            func moments(_ m: Matrix) -> (Double, Double) {
                let n = m.rows
                guard n > 0 else { return (.nan, .nan) }
                let col = m.storage[(j * n)..<((j + 1) * n)]
                let mean = col.reduce(0, +) / Double(n)
                let v = col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(n - 1, 1))
                return (mean, v)
            }
            let (a, va) = moments(training), (b, vb) = moments(scoring)
            let pooled = ((va + vb) / 2).squareRoot()
            shifts.append(Shift(feature: f.key, trainingMean: a, scoringMean: b, standardisedDifference: pooled > 0 ? (b - a) / pooled : 0))
        }
        self.shifts = shifts
        self.trainingBaseRate = trainingBaseRate
        // PSI over deciles of the training scores.
        let sorted = trainingP.sorted()
        var edges: [Double] = []
        for d in 1..<10 where !sorted.isEmpty { edges.append(sorted[min(sorted.count - 1, d * sorted.count / 10)]) }
        func shares(_ ps: [Double]) -> [Double] {
            var c = [Double](repeating: 0, count: 10)
            for p in ps { c[edges.filter { p >= $0 }.count] += 1 }
            return c.map { max($0 / Double(max(ps.count, 1)), 1e-4) }
        }
        let e = shares(trainingP), a = shares(scoringP)
        scorePSI = scoringP.isEmpty ? .nan : zip(a, e).reduce(0) { $0 + ($1.0 - $1.1) * log($1.0 / $1.1) }
    }
}

import LinearAlgebra
