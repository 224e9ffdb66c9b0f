import Forecasting
import Foundation
import LinearAlgebra
import TestSupport
import Testing

/// The structured solver against the textbook formula S(SᵀW⁻¹S)⁻¹SᵀW⁻¹ŷ with dense matrices.
@Suite("Reconciliation: structured solver = dense formula")
struct ReconcilerTests {
    static func hierarchy(flatFirst: Bool) -> GroupedHierarchy {
        let regions = HierarchyDimension.flat("region", leaves: ["MA-01", "MA-02", "MA-03"])
        let isco = HierarchyDimension.prefix("isco", leaves: ["1111", "1112", "1120", "2211", "2221", "2222", "7212"])
        return flatFirst ? GroupedHierarchy(regions, isco) : GroupedHierarchy(isco, regions)
    }

    /// Dense reference: W from the same residual conventions as `Reconciler`.
    static func dense(_ h: GroupedHierarchy, _ w: Matrix, _ base: [Double], columns q: Int) throws -> [Double] {
        let s = Matrix(h.summingMatrix())
        let n = h.seriesCount
        let winv = try Cholesky(w).inverse()
        let stw = try BLAS.product(.transpose, s, .none, winv)       // SᵀW⁻¹
        let a = try BLAS.product(.none, stw, .none, s)               // SᵀW⁻¹S
        let y = try Matrix(rows: n, columns: q, columnMajor: base)
        let b = try Cholesky(a).solve(BLAS.product(.none, stw, .none, y))
        return (s * b).storage
    }

    static func randomResiduals(_ h: GroupedHierarchy, t: Int, seed: UInt64) -> Matrix {
        var rng = SeededGenerator(seed: seed)
        // Bottom errors with a common shock, aggregated so the aggregates' errors are correlated.
        var bottom = Matrix(rows: t, columns: h.bottomCount)
        for i in 0..<t {
            let common = rng.normal()
            for j in 0..<h.bottomCount { bottom[i, j] = common + rng.normal() * Double(1 + j % 3) }
        }
        var e = Matrix(rows: t, columns: h.seriesCount)
        for i in 0..<t {
            let agg = h.aggregate(bottom.row(i))
            for j in 0..<h.seriesCount { e[i, j] = agg[j] + 0.3 * rng.normal() }
        }
        return e
    }

    @Test("every method equals the dense formula, with either dimension flat",
          arguments: [true, false], [ReconciliationMethod.ols, .wlsStruct, .wlsVar, .mintShrink])
    func structuredEqualsDense(flatFirst: Bool, method: ReconciliationMethod) throws {
        let h = Self.hierarchy(flatFirst: flatFirst)
        let n = h.seriesCount
        var rng = SeededGenerator(seed: 99)
        let q = 3
        let base = (0..<(n * q)).map { _ in 100 + 20 * rng.normal() }
        let e = Self.randomResiduals(h, t: 15, seed: 7)
        let r = try Reconciler(hierarchy: h, method: method, residuals: e)
        let got = try r.reconcile(base, columns: q)

        var w = Matrix(rows: n, columns: n)
        let t = Double(e.rows)
        var diag = [Double](repeating: 0, count: n)
        for j in 0..<n { diag[j] = (0..<e.rows).reduce(0) { $0 + e[$1, j] * e[$1, j] } / t }
        switch method {
        case .ols: w = .identity(n)
        case .wlsStruct: w = .diagonal(h.bottomCounts)
        case .wlsVar: w = .diagonal(diag)
        default:
            let l = try #require(r.lambda)
            #expect(l > 0 && l < 1)
            let cov = BLAS.gram(e, .transpose, alpha: 1 / t)
            for i in 0..<n { for j in 0..<n { w[i, j] = (1 - l) * cov[i, j] + (i == j ? l * diag[i] : 0) } }
        }
        let want = try Self.dense(h, w, base, columns: q)
        let worst = zip(got, want).map { abs($0 - $1) / max(1, abs($1)) }.max()!
        #expect(worst < 1e-9, "\(method) flatFirst=\(flatFirst): \(worst)")
    }

    @Test("two tree dimensions use the dense solver and match the formula", arguments: [ReconciliationMethod.wlsStruct, .mintShrink])
    func twoTrees(method: ReconciliationMethod) throws {
        let geo = HierarchyDimension.prefix("geography", leaves: ["AA", "AB", "BA", "BB", "BC"], prefixLengths: [1])
        let isco = HierarchyDimension.prefix("isco", leaves: ["1111", "1112", "2211", "2221"])
        let h = GroupedHierarchy(geo, isco)
        var rng = SeededGenerator(seed: 21)
        let base = (0..<(h.seriesCount * 2)).map { _ in 100 + 10 * rng.normal() }
        let e = Self.randomResiduals(h, t: 10, seed: 3)
        let r = try Reconciler(hierarchy: h, method: method, residuals: e)
        let got = try r.reconcile(base, columns: 2)
        let n = h.seriesCount
        var w = Matrix.diagonal(h.bottomCounts)
        if method == .mintShrink {
            let l = try #require(r.lambda)
            let cov = BLAS.gram(e, .transpose, alpha: 1 / 10)
            w = Matrix(rows: n, columns: n)
            for i in 0..<n { for j in 0..<n { w[i, j] = (1 - l) * cov[i, j] + (i == j ? l * cov[i, i] : 0) } }
        }
        let want = try Self.dense(h, w, base, columns: 2)
        #expect(zip(got, want).map { abs($0 - $1) / max(1, abs($1)) }.max()! < 1e-9)
    }

    @Test("reconciled forecasts are coherent: national = Σ regions = Σ major groups = Σ bottoms")
    func coherence() throws {
        let h = Self.hierarchy(flatFirst: true)
        var rng = SeededGenerator(seed: 5)
        let base = (0..<h.seriesCount).map { _ in 50 + 10 * rng.normal() }
        let rec = try Reconciler(hierarchy: h, method: .mintShrink, residuals: Self.randomResiduals(h, t: 12, seed: 1))
            .reconcile(base, columns: 1)
        let total = rec[h.series(0, 0)]
        let sumRegions = (1...3).map { rec[h.series($0, 0)] }.reduce(0, +)
        let majors = h.b.nodes.enumerated().filter { $0.element.depth == 1 }.map { rec[h.series(0, $0.offset)] }
        let bottoms = (0..<3).flatMap { i in (0..<7).map { j in rec[h.seriesOfBottom(i, j)] } }
        #expect(abs(total - sumRegions) < 1e-9 * abs(total))
        #expect(abs(total - majors.reduce(0, +)) < 1e-9 * abs(total))
        #expect(abs(total - bottoms.reduce(0, +)) < 1e-9 * abs(total))
    }

    @Test("the non-negative variant removes negative forecasts and stays coherent")
    func nonnegative() throws {
        let h = Self.hierarchy(flatFirst: true)
        var rng = SeededGenerator(seed: 11)
        // Bottoms around zero (about half negative) under small positive aggregates: the
        // situation of rare occupations in small regions.
        var base = (0..<h.seriesCount).map { _ in 5 * rng.normal() }
        for i in 0..<h.seriesCount where h.bottomCounts[i] > 1 { base[i] = 0.5 * h.bottomCounts[i] }
        for method in [ReconciliationMethod.ols, .wlsStruct, .bottomUp] {
            let r = try Reconciler(hierarchy: h, method: method)
            let plain = try r.reconcile(base, columns: 1)
            #expect(plain.contains { $0 < 0 }, "the test needs negative reconciled values")
            let nn = try r.reconcileNonnegative(base, columns: 1)
            #expect(nn.allSatisfy { $0 >= 0 }, "\(method): \(nn.min()!)")
            let coherent = h.aggregate((0..<3).flatMap { i in (0..<7).map { j in nn[h.seriesOfBottom(i, j)] } })
            #expect(zip(coherent, nn).allSatisfy { abs($0 - $1) < 1e-6 * max(1, abs($1)) })
        }
    }

    @Test("residuals too few to estimate W are a clear error")
    func notEnoughResiduals() {
        let h = Self.hierarchy(flatFirst: true)
        let e = Matrix(rows: 1, columns: h.seriesCount, repeating: 1)
        #expect(throws: ReconciliationError.self) { try Reconciler(hierarchy: h, method: .mintShrink, residuals: e) }
        #expect(throws: ReconciliationError.self) { try Reconciler(hierarchy: h, method: .wlsVar, residuals: nil) }
    }
}
