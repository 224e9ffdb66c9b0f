import Forecasting
import Foundation
import LabourData
import Testing

@Suite("Backtest")
struct BacktestTests {
    @Test("naive scores by hand: MASE 0.9667, RMSSE 0.9832, sMAPE 10.37 %")
    func naiveByHand() throws {
        // y = 10 12 11 13 14 16 (2019–2024), horizon 1, two origins (2022, 2023).
        // 2022: train 10 12 11 13 → 13 vs 14, e = 1; mean|Δ| = 5/3, mean Δ² = 3.
        // 2023: train … 14 → 14 vs 16, e = 2; mean|Δ| = 6/4, mean Δ² = 10/4.
        // MASE = (0.6 + 4/3)/2; RMSSE = √((1/3 + 1.6)/2); sMAPE = (200/27 + 400/30)/2.
        let text = "year,region,isco,employment\n" + zip(2019...2024, [10.0, 12, 11, 13, 14, 16])
            .map { "\($0),MA-01,2221,\($1)" }.joined(separator: "\n")
        var o = BacktestOptions()
        o.horizon = 1
        o.origins = 2
        o.models = [.naive]
        let r = try Backtester.run(PanelReader.read(text: text), options: o)
        #expect(r.cutoffs == [2022, 2023])
        let bottom = r.history.hierarchy.seriesOfBottom(0, 0)
        let s = r.scores[bottom][r.models.firstIndex(of: .naive)!]
        #expect(s.points == 2)
        #expect(abs(s.mase - (0.6 + 4.0 / 3) / 2) < 1e-12)
        #expect(abs(s.rmsse - ((1.0 / 3 + 1.6) / 2).squareRoot()) < 1e-12)
        #expect(abs(s.smapePercent - (200.0 / 27 + 400.0 / 30) / 2) < 1e-12)
        // Drift is always evaluated alongside.
        #expect(r.models.contains(.drift))
    }

    @Test("too short a history for the origins is a clear error")
    func tooShort() throws {
        let text = "year,region,isco,employment\n2023,MA-01,2221,5\n2024,MA-01,2221,6"
        #expect(throws: PanelForecastError.self) { try Backtester.run(PanelReader.read(text: text), options: BacktestOptions()) }
    }
}
