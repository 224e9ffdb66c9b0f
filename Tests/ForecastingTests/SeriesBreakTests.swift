import Forecasting
import Foundation
import LabourData
import LinearAlgebra
import Testing

/// Series breaks: declared ones are level-shifted away, undeclared recent ones are flagged.
@Suite("Series breaks")
struct SeriesBreakTests {
    /// Growth 2 % a year with noise; from 2022 every value is 30 % higher (a new survey). The
    /// truth after 2024 continues the post-break level with the same growth.
    static func panel(seed: UInt64) -> (Panel, truth: [String: [Double]]) {
        var rng = SeededGenerator(seed: seed)
        var rows = ["year,region,isco,employment"]
        var truth: [String: [Double]] = [:]
        for region in ["MA-01", "MA-02", "MA-03"] {
            for code in ["7212", "2221", "5120", "8332"] {
                var level = 800 + 400 * rng.uniform()
                var future: [Double] = []
                for year in 2010...2029 {
                    level *= 1.02 * exp(0.01 * rng.normal())
                    let observed = level * (year >= 2022 ? 1.3 : 1)
                    if year <= 2024 { rows.append("\(year),\(region),\(code),\(observed.rounded())") } else { future.append(observed) }
                }
                truth["\(region)/\(code)"] = future
            }
        }
        return (try! PanelReader.read(text: rows.joined(separator: "\n")), truth)
    }

    /// Mean over bottom series and years of the absolute percentage error of the point forecast,
    /// and of the 80 % interval score (width + 2/0.2 × distance outside), relative to the truth.
    static func scores(_ f: PanelForecast, _ truth: [String: [Double]]) -> (ape: Double, interval: Double) {
        var ape = 0.0, interval = 0.0, n = 0.0
        let level = f.levels.firstIndex(of: 80)!
        for (key, future) in truth {
            let parts = key.split(separator: "/").map(String.init)
            let h = f.hierarchy
            let i = h.series(h.a.nodes.firstIndex { $0.code == parts[0] }!, h.b.nodes.firstIndex { $0.code == parts[1] }!)
            for (k, v) in future.enumerated() {
                let j = k * f.seriesCount + i
                let lo = f.lower[level][j], hi = f.upper[level][j]
                ape += abs(f.mean[j] - v) / v
                interval += ((hi - lo) + 10 * max(0, lo - v) + 10 * max(0, v - hi)) / v
                n += 1
            }
        }
        return (ape / n, interval / n)
    }

    @Test("declared, the 2022 break gives sharper, better-scored intervals and points as close; undeclared, it is flagged")
    func plantedBreak() throws {
        var with = (ape: 0.0, interval: 0.0), without = (ape: 0.0, interval: 0.0)
        for seed: UInt64 in 1...3 {
            let (panel, truth) = Self.panel(seed: seed)
            var o = ForecastOptions()
            o.horizon = 5
            o.paths = 100
            let plain = try PanelForecaster.run(panel, options: o)
            #expect(plain.warnings.contains { $0.hasPrefix("national, all occupations: +") && $0.contains("% in 2022") }, "\(plain.warnings)")
            o.breaks = [2022]
            let declared = try PanelForecaster.run(panel, options: o)
            #expect(!declared.warnings.contains { $0.contains("series break") })
            let a = Self.scores(declared, truth), b = Self.scores(plain, truth)
            with.ape += a.ape / 3; with.interval += a.interval / 3
            without.ape += b.ape / 3; without.interval += b.interval / 3
        }
        print("2025-2029, break declared vs not: point error \(with.ape) vs \(without.ape); 80 % interval score \(with.interval) vs \(without.interval)")
        // The level shift removes the jump the models would otherwise read as volatility and
        // growth: intervals much sharper for the same coverage, points about as close (the
        // default combination is itself robust to a level shift).
        #expect(with.interval < 0.6 * without.interval)
        #expect(with.ape < without.ape + 0.01 && with.ape < 0.05)
    }

    @Test("the level shift, by hand: the history before the break meets the level after it")
    func byHand() {
        let v: [Double] = (0..<6).map { 100 * pow(1.02, Double($0)) * ($0 >= 4 ? 1.3 : 1) }
        let adjusted = SeriesBreaks.adjust(v, firstYear: 2010, breaks: [2014])
        // Pre-break growth 2 %: the shift is log(1.3); the old years become 130, 132.6, …
        #expect(abs(adjusted[0] - 130) < 1e-6 && abs(adjusted[3] - 137.95704) < 1e-4)
        #expect(adjusted[4] == v[4] && adjusted[5] == v[5])
        // Flagged while recent (within the last four changes), not once the series has moved on.
        #expect(SeriesBreaks.suspectedBreak(v + (6..<8).map { 130 * pow(1.02, Double($0)) }, firstYear: 2010, declared: [])?.year == 2014)
        #expect(SeriesBreaks.suspectedBreak(v + (6..<12).map { 130 * pow(1.02, Double($0)) }, firstYear: 2010, declared: []) == nil)
        #expect(SeriesBreaks.suspectedBreak(v + (6..<8).map { 130 * pow(1.02, Double($0)) }, firstYear: 2010, declared: [2014]) == nil)
    }

    @Test("a break outside the panel or declared twice is refused")
    func badBreaks() throws {
        let (panel, _) = Self.panel(seed: 1)
        for breaks in [[2031], [2010], [2021, 2021]] {
            var o = ForecastOptions()
            o.breaks = breaks
            #expect(throws: PanelForecastError.self) { try PanelForecaster.run(panel, options: o) }
        }
    }
}
