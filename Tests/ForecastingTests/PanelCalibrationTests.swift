@testable import Forecasting
import Foundation
import LabourData
import Testing
import TestSupport

/// A panel of 5 regions × 6 occupations, 2005–2024: random walks with drift, shocks of 2 % of the
/// level a year (the competition series' errors grow faster with the horizon), and one cell that
/// starts in 2019.
private enum SmoothPanel {
    static let text: String = {
        var rng = SeededGenerator(seed: 7)
        var text = "year,region,isco,employment\n"
        for r in 1...5 {
            for (o, isco) in ["2221", "3221", "7212", "7231", "8211", "9313"].enumerated() {
                var level = 1000.0 * Double(r) + 300 * Double(o)
                for year in 2005...2024 {
                    level *= 1 + 0.01 * Double(o - 2) + 0.02 * rng.normal()
                    if r == 5 && isco == "9313" && year < 2019 { continue }
                    text += "\(year),MA-0\(r),\(isco),\(level.rounded())\n"
                }
            }
        }
        return text
    }()
    static let panel = try! PanelReader.read(text: text)
}

@Suite("Intervals calibrated on the panel's own rolling-origin errors")
struct PanelCalibrationTests {
    @Test("origins: the latest years with the whole horizon observed, at least 6 years of training each")
    func origins() {
        #expect(PanelCalibration.origins(firstYear: 2005, lastYear: 2024, horizon: 5) == [2016, 2017, 2018, 2019])
        // Morocco held out five years (2010–2019): no origin sees 5 steps ahead; the latest four.
        #expect(PanelCalibration.origins(firstYear: 2010, lastYear: 2019, horizon: 5) == [2015, 2016, 2017, 2018])
        #expect(PanelCalibration.origins(firstYear: 2010, lastYear: 2016, horizon: 5) == [2015])
        #expect(PanelCalibration.origins(firstYear: 2010, lastYear: 2015, horizon: 5).isEmpty)
    }

    @Test("the bottoms' factor at step 1 and 80 % is the conformal quantile of the errors scored by hand")
    func factorByHand() throws {
        let history = PanelHistory(SmoothPanel.panel.series("employment"))
        let n = history.hierarchy.seriesCount
        let c = try #require(PanelCalibration.measure(history, choices: [ModelChoice](repeating: .auto, count: n), horizon: 5))
        #expect(c.origins == [2016, 2017, 2018, 2019])
        let h = history.hierarchy
        var ratios: [Double] = []
        let j80 = IntervalCalibration.probabilities.firstIndex(of: 0.8)!
        for la in 0..<h.a.leaves.count {
            for lb in 0..<h.b.leaves.count {
                let i = h.seriesOfBottom(la, lb)
                let y = history.series(i)
                if !y[0].isFinite {
                    // The cell that starts in 2019 is too short to be scored: it keeps the shipped table.
                    #expect(c.factors(series: i) == nil)
                    continue
                }
                #expect(c.factors(series: i) != nil)
                for o in c.origins {
                    let train = Array(y[0...(o - 2005)])
                    let (model, flags) = SeriesForecaster.fit(train, model: .auto)
                    let table = try #require(IntervalCalibration.shipped(for: .auto, fitted: model, flags: flags))
                    let sd = model.approximateVariance(1)[0].squareRoot()
                    ratios.append(abs(y[o - 2005 + 1] - model.mean(1)[0]) / (sd * table.quantiles[0][j80]))
                }
            }
        }
        #expect(ratios.count == 29 * 4)
        ratios.sort()
        let expected = ratios[Int((Double(ratios.count + 1) * 0.8).rounded(.up)) - 1]
        let factor = try #require(c.factors[0])[0][j80]
        #expect(abs(factor - expected) <= 1e-12 * expected, "\(factor) vs \(expected)")
    }

    @Test("a forecast on the smooth panel publishes narrower bands than the shipped tables give, and says why")
    func narrowerAndSaid() throws {
        var o = ForecastOptions()
        let own = try PanelForecaster.run(SmoothPanel.panel, options: o)
        o.ownCalibration = false
        let shipped = try PanelForecaster.run(SmoothPanel.panel, options: o)
        #expect(shipped.ownCalibration == nil)
        let c = try #require(own.ownCalibration)
        #expect(c.summary.hasPrefix("intervals calibrated on this panel's own errors"))
        // Same points, narrower bands on average.
        #expect(own.mean == shipped.mean)
        let width = { (f: PanelForecast) in zip(f.upper[0], f.lower[0]).reduce(0) { $0 + $1.0 - $1.1 } }
        #expect(width(own) < 0.9 * width(shipped))
        // And it survives a checkpoint.
        let restored = try PanelForecast.restore(checkpoint: try own.checkpoint(), panel: SmoothPanel.panel)
        #expect(restored.ownCalibration?.summary == c.summary)
    }

    @Test("a panel of 7 years keeps the competition tables")
    func shortPanelFallsBack() throws {
        let lines = SmoothPanel.text.split(separator: "\n").filter { $0.hasPrefix("year") || Int($0.prefix(4))! >= 2018 }
        let f = try PanelForecaster.run(try PanelReader.read(text: lines.joined(separator: "\n") + "\n"), options: ForecastOptions())
        #expect(f.ownCalibration == nil)
    }
}
