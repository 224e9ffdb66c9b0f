import LinearAlgebra
import Statistics
import Testing

@Suite("Scores of probabilities against outcomes")
struct BinaryScoresTests {
    // A small case worked by hand (and by scikit-learn 1.9: roc_auc_score 0.75,
    // average_precision_score 0.8333…, brier_score_loss 0.2125).
    let pairs: [(p: Double, y: Double)] = [(0.1, 0), (0.4, 0), (0.35, 1), (0.8, 1)]

    @Test("AUC is the share of positive–negative pairs ordered right, ties half")
    func auc() {
        #expect(abs(BinaryScores.auc(pairs) - 0.75) < 1e-12)
        #expect(BinaryScores.auc([(0.5, 0), (0.5, 1)]) == 0.5)
        #expect(BinaryScores.auc([(0.5, 1)]).isNaN)
    }

    @Test("average precision sums precision at each recall step")
    func averagePrecision() {
        // Sorted: 0.8 (1) → P 1, R 0.5; 0.4 (0); 0.35 (1) → P 2/3, R 1. AP = 0.5·1 + 0.5·2/3.
        #expect(abs(BinaryScores.averagePrecision(pairs) - (0.5 + 1.0 / 3)) < 1e-12)
    }

    @Test("Brier is the mean squared error, log loss the mean negative log-likelihood")
    func brierAndLogLoss() {
        let squares: Double = 0.01 + 0.16 + 0.4225 + 0.04
        #expect(abs(BinaryScores.brier(pairs) - squares / 4) < 1e-12)
        #expect(BinaryScores.logLoss([(0.5, 1), (0.5, 0)]) == log(2.0))
    }

    @Test("top-decile lift is precision among the top over the base rate")
    func lift() {
        let many: [(p: Double, y: Double)] = (0..<100).map { (i: Int) -> (p: Double, y: Double) in
            let y: Double = i >= 90 || i % 10 == 0 ? 1 : 0
            return (Double(i) / 100, y)
        }
        // Base rate 0.19 (10 at the top + 9 multiples of ten below 90); top 10 all positive.
        #expect(abs(BinaryScores.lift(many, top: 0.1) - 1 / 0.19) < 1e-12)
    }

    @Test("the calibration line of outcomes drawn from the scores is about intercept 0, slope 1")
    func calibrationLine() {
        var g = SeededGenerator(seed: 7)
        let data = (0..<20_000).map { _ -> (p: Double, y: Double) in
            let p = Double.random(in: 0.02...0.98, using: &g)
            return (p, Double.random(in: 0..<1, using: &g) < p ? 1 : 0)
        }
        let line = BinaryScores.calibrationLine(data)!
        #expect(abs(line.intercept) < 0.05 && abs(line.slope - 1) < 0.05, "\(line)")
        // Scores pushed to the extremes (logit doubled) read as slope ≈ 0.5.
        let extreme = data.map { e -> (p: Double, y: Double) in let l = 2 * log(e.p / (1 - e.p)); return (1 / (1 + exp(-l)), e.y) }
        #expect(abs(BinaryScores.calibrationLine(extreme)!.slope - 0.5) < 0.03)
    }

    @Test("reliability bins hold each p once, the last bin closed")
    func reliability() {
        let bins = BinaryScores.reliability([(0, 0), (0.05, 1), (0.95, 1), (1, 1)])
        #expect(bins.map(\.count).reduce(0, +) == 4)
        #expect(bins[0].count == 2 && bins[9].count == 2 && bins[0].observed == 0.5)
    }
}

import Foundation
