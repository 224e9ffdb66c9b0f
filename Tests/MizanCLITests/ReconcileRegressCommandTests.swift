import Foundation
import Testing
import TestSupport

/// `mizan reconcile` and `mizan regress` through the real binary.
@Suite("mizan reconcile and regress (the real binary)")
struct ReconcileRegressCommandTests {
    @Test("reconcile: base forecasts written by mizan forecast, reconciled coherently; a bad method is a usage error")
    func reconcile() throws {
        let dir = try MizanProcess.scratch()
        try SyntheticMarket(seed: 4, regions: 2, occupations: 5).text.write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let base = try MizanProcess.run(["forecast", "--panel", "p.csv", "--horizon", "2", "--reconcile", "none", "--out", "base.csv"], in: dir)
        #expect(base.status == 0, "\(base.stderr)")
        let r = try MizanProcess.run(["reconcile", "--base", "base.csv", "--method", "wls-struct", "--out", "rec.csv"], in: dir)
        #expect(r.status == 0 && r.stderr.contains("reconciled (wls-struct)"), "\(r.stderr)")
        // Coherent: the national total equals the sum of the regions' totals in every year.
        let lines = try String(contentsOf: dir.appendingPathComponent("rec.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        var total: [String: Double] = [:], regions: [String: Double] = [:]
        for l in lines {
            let f = l.split(separator: ",").map(String.init)
            guard f[1] == "TOTAL" else { continue }
            if f[0] == "TOTAL" { total[f[2]] = Double(f[3])! } else { regions[f[2], default: 0] += Double(f[3])! }
        }
        #expect(!total.isEmpty && total.allSatisfy { abs($0.value - regions[$0.key]!) < 1e-3 * $0.value })
        let bad = try MizanProcess.run(["reconcile", "--base", "base.csv", "--method", "magic", "--out", "x.csv"], in: dir)
        #expect(bad.status == 64)
    }

    @Test("regress: coefficients and standard errors printed; a missing file is exit 66")
    func regress() throws {
        let dir = try MizanProcess.scratch()
        try "y,x\n1,1\n2,2.1\n3,2.9\n4,4.2\n".write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        let r = try MizanProcess.run(["regress", "r.csv", "--y", "y", "--x", "x"], in: dir)
        #expect(r.status == 0 && r.stdout.contains("x             0.954128440366972"), "\(r.stdout)")
        let missing = try MizanProcess.run(["regress", "nope.csv", "--y", "y", "--x", "x"], in: dir)
        #expect(missing.status == 66)
    }
}
