import Foundation
import LabourData
import LinearAlgebra

/// The weights of the composite score when there are no labelled lists, learned from the panel
/// itself: how cleanly each present indicator reads the one thing they share — excess demand.
///
/// Without labels no indicator can be scored against the truth, but their co-movement across
/// cells shows which ones carry the common signal. A one-factor model of the z-scores over the
/// regional cells of the list year (z_j = λ_j·f + e_j, principal-axis factoring of the
/// correlation matrix, Harman 1976 ch. 8) gives each indicator's loading λ_j; the factor's
/// Bartlett score weights an indicator by λ_j / (1 − λ_j²), its signal over its noise. An
/// indicator that loads negatively (moves against the others) gets no weight: unlabelled, nothing
/// says which side is right, and the indicators are all oriented toward shortage already.
///
/// Why not fixed weights: a fixed mix is right only in the market it was tuned on. On four
/// structurally different synthetic markets (`SyntheticMarket.Structure`: mixed; vacancies per
/// job seeker the best single indicator; registry coverage that varies strongly; noisy
/// vacancies) the learned weights have the best worst case of every fixed mix tried, and match
/// the best single indicator where one dominates (Sources/Shortage/README.md, figures asserted in
/// `ShortageRobustnessTests`).
///
/// The estimate is shrunk toward the configured weights by `n / (n + 50)` (n complete cells), so
/// a small panel keeps close to them; the forward imbalance, which present co-movement cannot
/// judge (it is a forecast), keeps its configured share of the score.
enum ReliabilityWeights {
    /// Cells at which the learned and configured weights count equally.
    static let priorCells = 50.0

    /// `z`: standardised indicators of every cell; `regional`: which cells are regional (the
    /// factor is estimated on those, as the national scale is). `prior`: the configured weights.
    /// Returns the effective weights of the active indicators (summing to 1).
    static func weights(z: [[Indicator: Double]], regional: [Bool], prior: [Indicator: Double]) -> [Indicator: Double] {
        let active = Indicator.allCases.filter { (prior[$0] ?? 0) > 0 }
        let total = active.reduce(0) { $0 + prior[$1]! }
        let priorShare = Dictionary(uniqueKeysWithValues: active.map { ($0, prior[$0]! / total) })
        // Indicators this list has at all (an indicator missing everywhere carries no weight).
        let present = Indicator.present.filter { ind in (priorShare[ind] ?? 0) > 0 && z.indices.contains { regional[$0] && z[$0][ind]?.isFinite == true } }
        let forwardShare = z.contains(where: { $0[.imbalance]?.isFinite == true }) ? (priorShare[.imbalance] ?? 0) : 0
        let rows = z.indices.filter { c in regional[c] && present.allSatisfy { z[c][$0]?.isFinite == true } }
        var weights: [Indicator: Double] = [:]
        let priorPresent = present.reduce(0) { $0 + priorShare[$1]! }
        var learned = present.map { priorShare[$0]! / max(priorPresent, 1e-12) }
        if present.count >= 3 && rows.count >= 20, let lambda = loadingsOnOneFactor(present.map { ind in rows.map { z[$0][ind]! } }) {
            let bartlett = lambda.map { $0 > 0 ? $0 / max(0.005, 1 - $0 * $0) : 0 }
            let sum = bartlett.reduce(0, +)
            if sum > 0 {
                let n = Double(rows.count), s = n / (n + priorCells)
                learned = zip(bartlett, learned).map { s * $0 / sum + (1 - s) * $1 }
            }
        }
        for (j, ind) in present.enumerated() where learned[j] > 0 { weights[ind] = (1 - forwardShare) * learned[j] }
        if forwardShare > 0 { weights[.imbalance] = forwardShare }
        if present.isEmpty && forwardShare == 0 { weights = priorShare }
        return weights
    }

    /// Loadings of the columns on one common factor: principal-axis factoring of their
    /// correlation matrix (communalities start at each column's largest absolute correlation and
    /// are iterated to a fixed point), the factor's sign chosen so loadings sum positive.
    static func loadingsOnOneFactor(_ columns: [[Double]]) -> [Double]? {
        let k = columns.count, n = columns.first?.count ?? 0
        guard k >= 2, n >= 3 else { return nil }
        let centred: [[Double]] = columns.map { col in
            let mean = col.reduce(0, +) / Double(n)
            let d = col.map { $0 - mean }
            let norm = d.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? d.map { $0 / norm } : d
        }
        var r = Matrix(rows: k, columns: k)
        for a in 0..<k {
            for b in 0...a {
                var s = 0.0
                for i in 0..<n { s += centred[a][i] * centred[b][i] }
                r[a, b] = a == b ? 1 : s
                r[b, a] = r[a, b]
            }
        }
        var h = (0..<k).map { a in (0..<k).filter { $0 != a }.map { abs(r[a, $0]) }.max() ?? 0.5 }
        var lambda = [Double](repeating: 0, count: k)
        for _ in 0..<100 {
            var m = r
            for a in 0..<k { m[a, a] = h[a] }
            guard let e = try? SymmetricEigen(m), let top = e.values.last, top > 0 else { return nil }
            var v = (0..<k).map { e.vectors[$0, k - 1] }
            if v.reduce(0, +) < 0 { v = v.map { -$0 } }
            let next = v.map { $0 * top.squareRoot() }
            let change = zip(next, lambda).map { abs($0 - $1) }.max() ?? 0
            lambda = next
            h = lambda.map { min(0.995, $0 * $0) }
            if change < 1e-9 { break }
        }
        return lambda
    }
}
