@testable import Forecasting
import Foundation
import LabourData
import LinearAlgebra
import Testing
import TestSupport

/// Exact non-negative MinT against the peer kit's QP solver (Clarabel through qpsolvers), on the
/// Australian tourism hierarchy and on a labour panel whose unconstrained reconciliation has
/// negative bottoms. The peer's solutions are fixtures made by scripts/peer_nonnegative_qp.py from
/// the problems this suite writes with MIZAN_WRITE_QP=1.
@Suite("Non-negative reconciliation, exact")
struct NonnegativeReconciliationTests {
    struct Case {
        let reconciler: Reconciler
        let base: [Double]
        let columns: Int
    }

    static func tourism() throws -> Case {
        let p = try TourismReconciliationTests.published("fix")
        let s = TourismReconciliationTests.structure(p.names)
        let base = TourismReconciliationTests.matrix(p.unrec, s)
        let e = TourismReconciliationTests.testErrors(actual: TourismReconciliationTests.matrix(p.actual, s), base: base, n: s.hierarchy.seriesCount)
        return Case(reconciler: try Reconciler(hierarchy: s.hierarchy, method: .mintShrink, residuals: e), base: base, columns: 24)
    }

    /// 3 regions × 6 occupations over 12 years; two occupations in steep decline towards zero,
    /// so drift forecasts and their MinT reconciliation go negative within 5 years.
    static func decliningPanel() throws -> Case {
        var text = "year,region,isco,employment\n"
        let codes = ["2221", "2222", "7212", "7213", "9312", "9313"]
        for y in 2013...2024 {
            for (r, region) in ["MA-01", "MA-04", "MA-06"].enumerated() {
                for (i, c) in codes.enumerated() {
                    let t = Double(y - 2013)
                    let wobble = Double((y * 31 + r * 17 + i * 7) % 13) - 6
                    let v = c.hasPrefix("93") ? max(1, 260 - 22 * t + 3 * wobble) : 800 + 40 * t * Double(i + 1) + 9 * wobble
                    text += "\(y),\(region),\(c),\(v)\n"
                }
            }
        }
        let history = PanelHistory(try PanelReader.read(text: text).series("employment"))
        let h = history.hierarchy, n = h.seriesCount, H = 5
        var base = [Double](repeating: 0, count: n * H)
        var e = Matrix(rows: history.span, columns: n, repeating: .nan)
        for i in 0..<n {
            let m = DriftModel.fit(history.series(i))
            let f = m.mean(H)
            for k in 0..<H { base[k * n + i] = f[k] }
            for (t, v) in m.residuals.enumerated() where v.isFinite { e[t, i] = v }
        }
        return Case(reconciler: try Reconciler(hierarchy: h, method: .mintShrink, residuals: e), base: base, columns: H)
    }

    static func bottoms(_ c: Case, _ values: [Double]) -> [[Double]] {
        let h = c.reconciler.hierarchy, n = h.seriesCount
        return (0..<c.columns).map { col in
            (0..<h.bottomCount).map { b in
                let (i, j) = (b / h.b.leaves.count, b % h.b.leaves.count)
                return values[col * n + h.seriesOfBottom(i, j)]
            }
        }
    }

    @Test("equals Clarabel's polished solution to 1e-9 of the largest bottom where the unconstrained one has negatives", arguments: ["tourism", "declining-panel"])
    func againstPeer(name: String) throws {
        let c = name == "tourism" ? try Self.tourism() : try Self.decliningPanel()
        let m = c.reconciler.hierarchy.bottomCount
        let free = Self.bottoms(c, try c.reconciler.reconcile(c.base, columns: c.columns))
        let exact = Self.bottoms(c, try c.reconciler.reconcileNonnegative(c.base, columns: c.columns))
        let negative = free.indices.filter { free[$0].contains { $0 < 0 } }
        #expect(negative.count >= 3, "the case must exercise the constraint")
        if ProcessInfo.processInfo.environment["MIZAN_WRITE_QP"] == "1" {
            // The problem for the peer: G = (SᵀW⁻¹S)⁻¹ (dense) and b* per column.
            var eye = Matrix(rows: m, columns: m)
            for j in 0..<m { eye[j, j] = 1 }
            let g = try c.reconciler.applyNormalInverse(eye)
            let dir = URL(fileURLWithPath: "/tmp/mizan-qp/\(name)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try (0..<m).map { i in (0..<m).map { String(format: "%.17g", g[i, $0]) }.joined(separator: ",") }.joined(separator: "\n")
                .write(to: dir.appendingPathComponent("G.csv"), atomically: true, encoding: .utf8)
            try negative.map { col in "\(col)," + free[col].map { String(format: "%.17g", $0) }.joined(separator: ",") }.joined(separator: "\n")
                .write(to: dir.appendingPathComponent("bstar.csv"), atomically: true, encoding: .utf8)
            try negative.map { col in "\(col)," + exact[col].map { String(format: "%.17g", $0) }.joined(separator: ",") }.joined(separator: "\n")
                .write(to: dir.appendingPathComponent("mizan.csv"), atomically: true, encoding: .utf8)
            return
        }
        let fixture = try String(contentsOf: SharedData.repository("Tests/ForecastingTests/Fixtures/qp_\(name).csv"), encoding: .utf8)
        var compared = 0
        for line in fixture.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            let (col, b, want) = (Int(f[0])!, Int(f[1])!, Double(f[2])!)
            let scale = free[col].reduce(0) { max($0, abs($1)) }
            #expect(abs(exact[col][b] - want) <= 1e-9 * scale, "column \(col) bottom \(b): \(exact[col][b]) vs \(want)")
            compared += 1
        }
        #expect(compared == negative.count * m)
        // Every bottom ≥ 0, and where nothing was negative the unconstrained solution is kept.
        for col in 0..<c.columns {
            #expect(exact[col].allSatisfy { $0 >= 0 })
            if !negative.contains(col) { for b in 0..<m { #expect(abs(exact[col][b] - free[col][b]) <= 1e-9 * max(1, abs(free[col][b]))) } }
        }
    }
}
