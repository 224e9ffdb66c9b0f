import Foundation
import LinearAlgebra

/// The non-negative MinT problem, solved exactly: min ½bᵀHb − cᵀb subject to b ≥ 0, with
/// H = SᵀW⁻¹S and c = SᵀW⁻¹ŷ, given the unconstrained solution b* = H⁻¹c and a way to apply
/// H⁻¹ (the structured Woodbury solve; H itself is never formed).
///
/// It works on the dual, min ½λᵀGλ + b*ᵀλ over λ ≥ 0 with G = H⁻¹, whose gradient is the primal
/// b = b* + Gλ: λ_j > 0 exactly for the bottoms held at zero. Lawson–Hanson's active-set method
/// (1974, the NNLS algorithm, here on a quadratic form) adds the most negative bottom, solves the
/// small system G_PP λ_P = −b*_P on the held set P, steps back along the segment when a
/// multiplier would turn negative, and stops when no bottom is negative: the KKT conditions
/// hold to rounding, in a finite number of steps. Only the columns of G for held bottoms are
/// computed, and held sets are small, so the cost is a few structured solves per column.
struct NonnegativeReconciliation {
    let m: Int
    let applyInverse: (Matrix) throws -> Matrix
    /// Columns of G = H⁻¹, by bottom index, computed on demand and shared by every column.
    private final class Cache { var columns: [Int: [Double]] = [:] }
    private let cache = Cache()

    init(bottoms m: Int, applyInverse: @escaping (Matrix) throws -> Matrix) {
        self.m = m
        self.applyInverse = applyInverse
    }

    private func column(_ j: Int) throws -> [Double] {
        if let hit = cache.columns[j] { return hit }
        var e = Matrix(rows: m, columns: 1)
        e[j, 0] = 1
        let g = try applyInverse(e).storage
        cache.columns[j] = g
        return g
    }

    /// The optimal bottoms for one column, given its unconstrained solution b*.
    func solve(_ unconstrained: [Double]) throws -> [Double] {
        let scale = unconstrained.reduce(0) { max($0, abs($1)) }
        let tol = 1e-12 * max(scale, 1e-300)
        var b = unconstrained
        guard b.contains(where: { $0 < -tol }) else { return b.map { max(0, $0) } }
        var held: [Int] = []          // P, in the order added
        var lambda: [Int: Double] = [:]
        var iterations = 0
        while true {
            // Most negative bottom not yet held: the largest dual gradient violation.
            var worst = -1, value = -tol
            for j in 0..<m where b[j] < value && lambda[j] == nil { worst = j; value = b[j] }
            if worst < 0 { break }
            held.append(worst)
            lambda[worst] = 0
            // Inner loop: the unconstrained dual optimum on P, stepping back when it leaves λ ≥ 0.
            while true {
                iterations += 1
                guard iterations <= 10 * m + 100 else { throw LinearAlgebraError.didNotConverge(routine: "non-negative reconciliation", info: iterations) }
                let cols = try held.map(column)
                let k = held.count
                var g = Matrix(rows: k, columns: k)
                for a in 0..<k { for c in 0..<k { g[a, c] = cols[c][held[a]] } }
                let rhs = Matrix(columns: [held.map { -unconstrained[$0] }])
                let z = try Cholesky(g).solve(rhs).storage
                if z.allSatisfy({ $0 > 0 }) {
                    for (a, j) in held.enumerated() { lambda[j] = z[a] }
                    break
                }
                // Step from λ towards z until the first multiplier reaches zero.
                var alpha = 1.0
                for (a, j) in held.enumerated() where z[a] <= 0 {
                    let l = lambda[j]!
                    alpha = min(alpha, l / (l - z[a]))
                }
                let largest = held.reduce(0.0) { max($0, lambda[$1]!) }
                var keep: [Int] = []
                for (a, j) in held.enumerated() {
                    let l = lambda[j]! + alpha * (z[a] - lambda[j]!)
                    if l > 1e-14 * largest { lambda[j] = l; keep.append(j) } else { lambda[j] = nil }
                }
                held = keep
                if held.isEmpty { break }
            }
            // b = b* + G_{:,P} λ_P.
            b = unconstrained
            for j in held {
                let g = try column(j), l = lambda[j]!
                for i in 0..<m { b[i] += l * g[i] }
            }
        }
        // Held bottoms are zero by complementary slackness; clear the rounding.
        for j in held { b[j] = 0 }
        return b.map { max(0, $0) }
    }
}
