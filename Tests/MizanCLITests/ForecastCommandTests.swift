import Foundation
import Testing
import TestSupport

/// `mizan forecast` and `mizan backtest` as a user runs them, on the small and degenerate panels
/// real users bring: every one ends with exit 0 and a named fallback, or exit 64/65 with a clear
/// message — never a trap, never a NaN written.
@Suite("mizan forecast and backtest (the real binary)")
struct ForecastCommandTests {
    static func panel(_ rows: [(Int, String, String, Double)]) -> String {
        "year,region,isco,employment\n" + rows.map { "\($0.0),\($0.1),\($0.2),\($0.3)" }.joined(separator: "\n") + "\n"
    }

    static let years = Array(2015...2024)

    /// 3 occupations × 2 regions × 10 years of exact linear growth: every residual is zero.
    static var steadyGrowth: String {
        var rows: [(Int, String, String, Double)] = []
        for y in years {
            for (region, size) in [("MA-01", 1.0), ("MA-06", 2.0)] {
                for (i, code) in ["7212", "2221", "5120"].enumerated() {
                    let base: Double = 1000 * Double(i + 1) * size
                    rows.append((y, region, code, base + 50 * Double((y - 2015) * (i + 1))))
                }
            }
        }
        return panel(rows)
    }

    static var constantSeries: String {
        var rows: [(Int, String, String, Double)] = []
        for y in years { for r in ["MA-01", "MA-06"] { for c in ["7212", "2221"] { rows.append((y, r, c, 500)) } } }
        return panel(rows)
    }

    static var twoObservations: String {
        var rows: [(Int, String, String, Double)] = []
        for y in [2023, 2024] { for r in ["MA-01", "MA-06"] { for c in ["7212", "2221"] { rows.append((y, r, c, Double(100 + y - 2023))) } } }
        return panel(rows)
    }

    static var singleRegion: String {
        var rows: [(Int, String, String, Double)] = []
        for y in years {
            for (i, c) in ["7212", "2221", "5120"].enumerated() {
                let v: Int = 100 + 3 * (y - 2015) + 7 * i + (y * 7 + i) % 5
                rows.append((y, "MA-01", c, Double(v)))
            }
        }
        return panel(rows)
    }

    /// name → (panel, warning expected on stderr or nil, the models that get it)
    static let degenerate: [String: (String, String?, Set<String>)] = [
        // Drift and AutoETS fit a straight line exactly; the default combination does not.
        "steady growth": (steadyGrowth, "every one-step residual is zero", ["ets", "drift"]),
        "constant series": (constantSeries, "every one-step residual is zero", ["auto", "ets", "drift"]),
        "two observations": (twoObservations, "too few years of residuals", ["auto", "ets", "drift"]),
        "single region": (singleRegion, nil, []),
        "one observation": (panel([(2024, "MA-01", "7212", 100)]), "too few years of residuals", ["auto", "ets", "drift"]),
    ]

    @Test("degenerate panels: exit 0, a named fallback, finite numbers", arguments: Array(degenerate.keys).sorted())
    func degeneratePanels(name: String) throws {
        let (text, warning, warned) = Self.degenerate[name]!
        let dir = try MizanProcess.scratch()
        try text.write(to: dir.appendingPathComponent("panel.csv"), atomically: true, encoding: .utf8)
        // Every model the CLI offers degrades gracefully, not only the default.
        for model in ["auto", "ets", "drift", "naive", "loglinear", "ses", "holt", "damped", "theta", "arima", "combo"] {
            let r = try MizanProcess.run(["forecast", "--panel", "panel.csv", "--model", model, "--out", "f.csv"], in: dir)
            #expect(r.status == 0, "\(name) \(model): \(r.stderr)")
            if let warning, warned.contains(model) {
                #expect(r.stderr.contains(warning) && r.stderr.contains("reconciled with wls-struct"), "\(name) \(model): \(r.stderr)")
            }
            let out = try String(contentsOf: dir.appendingPathComponent("f.csv"), encoding: .utf8)
            #expect(!out.lowercased().contains("nan") && !out.contains("inf"), "\(name) \(model)")
            let lines = out.split(separator: "\n")
            #expect(lines.count > 5)
            // The reconciliation column names the method actually used.
            if warned.contains(model) { #expect(lines[1].hasSuffix(",wls-struct,") || lines[1].contains(",wls-struct,")) }
        }
        let s = try MizanProcess.run(["shortages", "--panel", "panel.csv", "--year", "2024", "--out", "s.csv"], in: dir)
        #expect(s.status == 0, "\(name) shortages: \(s.stderr)")
    }

    @Test("--accuracy writes past accuracy per level and step beside the forecast; bad options exit 64")
    func accuracyAndUsage() throws {
        let dir = try MizanProcess.scratch()
        try Self.singleRegion.write(to: dir.appendingPathComponent("panel.csv"), atomically: true, encoding: .utf8)
        let r = try MizanProcess.run(["forecast", "--panel", "panel.csv", "--horizon", "3", "--out", "f.csv", "--accuracy", "acc.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let acc = try String(contentsOf: dir.appendingPathComponent("acc.csv"), encoding: .utf8).split(separator: "\n")
        #expect(acc[0] == "level,step,model,origins,series,mase,smape,crps,coverage80,coverage95,msis80,msis95")
        #expect(acc[1].hasPrefix("all,all,auto,3,"))
        #expect(acc.contains { $0.hasPrefix("national × all,3,auto,3,1,") })
        let bad = try MizanProcess.run(["forecast", "--panel", "panel.csv", "--intervals", "wide", "--out", "f.csv"], in: dir)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--intervals must be calibrated, shipped or model"))
        let missing = try MizanProcess.run(["forecast", "--panel", "nowhere.csv", "--out", "f.csv"], in: dir)
        #expect(missing.status == 66)
    }

    @Test("backtest prints CRPS and MSIS by step; its CSV has them per series")
    func backtestScores() throws {
        let dir = try MizanProcess.scratch()
        try Self.singleRegion.write(to: dir.appendingPathComponent("panel.csv"), atomically: true, encoding: .utf8)
        let r = try MizanProcess.run(["backtest", "--panel", "panel.csv", "--horizon", "2", "--origins", "2", "--models", "auto", "--by-step", "--out", "b.csv"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("CRPS") && r.stdout.contains("MSIS80") && r.stdout.contains("MSIS95"))
        let csv = try String(contentsOf: dir.appendingPathComponent("b.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("region,isco,level,model,points,mase,rmsse,smape,crps,coverage80,coverage95,msis80,msis95\n"))
    }
}
