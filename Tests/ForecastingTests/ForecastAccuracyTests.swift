import Forecasting
import Foundation
import LabourData
import LinearAlgebra
import Testing

@Suite("Past accuracy beside a forecast")
struct ForecastAccuracyTests {
    /// 2 regions × 3 unit groups, 2010–2024, trends and noise.
    static func panel() throws -> Panel {
        var rng = SeededGenerator(seed: 7)
        var text = "year,region,isco,employment\n"
        for (r, region) in ["MA-01", "MA-06"].enumerated() {
            for (c, code) in ["7212", "7213", "5120"].enumerated() {
                var level = 800.0 + 300 * Double(r) + 150 * Double(c)
                for year in 2010...2024 {
                    level *= 1 + 0.01 * Double(c - 1) + 0.04 * rng.normal()
                    text += "\(year),\(region),\(code),\(Int(level))\n"
                }
            }
        }
        return try PanelReader.read(text: text)
    }

    static func options(horizon: Int, paths: Int, breaks: [Int] = []) -> ForecastOptions {
        var o = ForecastOptions()
        o.horizon = horizon
        o.paths = paths
        o.breaks = breaks
        return o
    }

    @Test("the table scores the published forecast: the national row is the reconciled forecasts' sMAPE and coverage from each cut-off")
    func scoresThePublishedForecast() throws {
        let panel = try Self.panel()
        let o = Self.options(horizon: 3, paths: 100)
        let table = try #require(try ForecastAccuracy.measure(panel, options: o))
        #expect(table.cutoffs == [2019, 2020, 2021] && table.horizon == 3)
        // By hand: the whole pipeline from each cut-off, the national total one year ahead.
        var smape = 0.0, inside = 0
        for cutoff in table.cutoffs {
            let f = try PanelForecaster.run(panel.through(year: cutoff), options: o)
            let j = try #require((0..<f.seriesCount).first { f.key($0) == ("TOTAL", "TOTAL") })
            var actual = 0.0
            for s in panel.series("employment") where (s.firstYear...s.lastYear).contains(cutoff + 1) {
                actual += s.values[cutoff + 1 - s.firstYear]
            }
            let point = f.mean[j], lo = f.lower[0][j], hi = f.upper[0][j]
            smape += 200 * abs(actual - point) / (abs(actual) + abs(point))
            if actual >= lo && actual <= hi { inside += 1 }
        }
        let row = try #require(table.rows.first { $0.level == "national × all" && $0.step == 1 })
        #expect(abs(row.smape - smape / 3) < 1e-9, "\(row.smape) \(smape / 3)")
        #expect(abs(row.coverage[0] - Double(inside) / 3) < 1e-12)
        // Not the base forecasts: a backtest of the base model gives the national total other numbers.
        var b = BacktestOptions()
        b.horizon = 3
        b.origins = 3
        b.models = [.auto]
        b.yardsticks = false
        let base = try Backtester.run(panel, options: b).summary(byStep: true).first { $0.level == "national × all" && $0.step == 1 }!
        #expect(base.smape != row.smape)
    }

    @Test("a break declared after a cut-off is left out of that origin's run; four years are the least")
    func breaksAndShortPanels() throws {
        let panel = try Self.panel()
        let o = Self.options(horizon: 2, paths: 50, breaks: [2021])
        let table = try #require(try ForecastAccuracy.measure(panel, options: o))
        #expect(table.cutoffs == [2020, 2021, 2022])
        let short = try PanelReader.read(text: "year,region,isco,employment\n2022,MA-01,7212,10\n2023,MA-01,7212,11\n2024,MA-01,7212,12\n")
        #expect(try ForecastAccuracy.measure(short, options: o) == nil)
    }
}
