import Forecasting
import Foundation
import LabourData
import Testing

@Suite("Backtest")
struct BacktestTests {
    @Test("a cell's hierarchy level by its codes is the one the accuracy table gives its series")
    func levelNames() throws {
        let text = "year,region,isco,employment\n" + (2015...2024).flatMap { y in
            [("MA-01", "7212"), ("MA-01", "7213"), ("MA-06", "7212"), ("MA-06", "5120")].map { "\(y),\($0.0),\($0.1),\(100 + y % 7)\n" }
        }.joined()
        let history = PanelHistory(try PanelReader.read(text: text).series("employment"))
        let h = history.hierarchy, nb = h.b.nodes.count
        for i in 0..<h.seriesCount {
            #expect(history.level(i) == PanelHistory.level(region: h.a.nodes[i / nb].code, isco: h.b.nodes[i % nb].code))
        }
        #expect(PanelHistory.level(region: "TOTAL", isco: "TOTAL") == "national × all")
        #expect(PanelHistory.level(region: "MA-06", isco: "72") == "region × isco2")
    }

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

    @Test("bottoms only: the region × occupation cells scored exactly as in the full run, aggregates neither fitted nor summarised")
    func bottomsOnly() throws {
        // Two regions × two unit groups of one minor group, twelve years.
        var text = "year,region,isco,employment\n"
        for (r, region) in ["MA-01", "MA-02"].enumerated() {
            for (c, code) in ["7212", "7213"].enumerated() {
                for year in 2013...2024 {
                    let t = Double(year - 2013)
                    let wobble: Double = (t * Double(r + c + 1)).truncatingRemainder(dividingBy: 4)
                    let value: Double = Double(100 + 10 * r + 5 * c) + 3 * t + wobble
                    text += "\(year),\(region),\(code),\(value)\n"
                }
            }
        }
        let panel = try PanelReader.read(text: text)
        var o = BacktestOptions()
        o.models = [.auto, .theta]
        let all = try Backtester.run(panel, options: o)
        o.bottomsOnly = true
        let bottoms = try Backtester.run(panel, options: o)
        let h = all.history.hierarchy
        let cells = Set((0..<2).flatMap { a in (0..<2).map { h.seriesOfBottom(a, $0) } })
        #expect(cells.count == 4 && h.seriesCount > 4)
        for i in 0..<h.seriesCount {
            for m in all.models.indices {
                if cells.contains(i) {
                    #expect(bottoms.scores[i][m].points == all.scores[i][m].points && bottoms.scores[i][m].points > 0)
                    #expect(bottoms.scores[i][m].mase == all.scores[i][m].mase && bottoms.scores[i][m].scaledCRPS == all.scores[i][m].scaledCRPS)
                } else {
                    #expect(bottoms.scores[i][m].points == 0)
                }
            }
        }
        let levels = Set(bottoms.summary(byStep: false).map(\.level))
        #expect(levels == ["all", "region × isco4"])
        #expect(bottoms.summary(byStep: false).allSatisfy { $0.series == 4 })
        #expect(Set(all.summary(byStep: false).map(\.level)).count > 2)
    }

    @Test("too short a history for the origins is a clear error")
    func tooShort() throws {
        let text = "year,region,isco,employment\n2023,MA-01,2221,5\n2024,MA-01,2221,6"
        #expect(throws: PanelForecastError.self) { try Backtester.run(PanelReader.read(text: text), options: BacktestOptions()) }
    }
}
