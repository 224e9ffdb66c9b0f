import Forecasting
import Foundation
import LabourData
import Testing

/// Aggregates of a panel whose cells do not all span the same years.
@Suite("PanelHistory: aggregates chain-linked where a cell enters or leaves")
struct PanelHistoryTests {
    /// Region MA-01: welders (7212) 2010–2020 at 100, 102, …, 120; sheet-metal workers (7213)
    /// enter in `entry` at 50 a year. Entering in 2015, the region's total sums 108 in 2014 and
    /// 160 in 2015: +48 %, of which +1.9 % is growth.
    static func ragged(entry: Int) -> String {
        "year,region,isco,employment\n"
            + (2010...2020).map { "\($0),MA-01,7212,\(100 + 2 * ($0 - 2010))\n" }.joined()
            + (entry...2020).map { "\($0),MA-01,7213,50\n" }.joined()
    }
    static let ragged = ragged(entry: 2015)

    @Test("before 2015 the total moves with the welders alone: 2014 is 160 · 108/110 = 157.09, not 108")
    func enteringCell() throws {
        let history = PanelHistory(try PanelReader.read(text: Self.ragged).series("employment"))
        let h = history.hierarchy, n = h.seriesCount
        let total = h.series(0, 0), region = h.series(1, 0)
        let at = { (values: [Double], i: Int, year: Int) in values[(year - history.firstYear) * n + i] }
        for i in [total, region] {
            #expect(at(history.values, i, 2014) == 108)
            #expect(abs(at(history.linked, i, 2014) - 160 * 108 / 110) < 1e-9)
            #expect(abs(at(history.linked, i, 2010) - 160 * 100 / 110) < 1e-9)
            for year in 2015...2020 { #expect(at(history.linked, i, year) == at(history.values, i, year)) }
        }
        // Bottoms are as observed; the welders' 2-digit group (72) sums both cells too.
        for i in h.bottomSeries { for k in 0..<history.span { #expect(history.linked[k * n + i].isNaN && history.values[k * n + i].isNaN || history.linked[k * n + i] == history.values[k * n + i]) } }
    }

    @Test("a cell entering in 2018 is not reported as a series break, and the total, unreconciled, grows at the welders' pace")
    func noFalseBreak() throws {
        // Welders 2010–2020 as above; sheet-metal workers enter in 2018, within the years the
        // break check reads (the last 4 changes): the plain national sum jumps +44 % in 2018.
        let text = Self.ragged(entry: 2018)
        var o = ForecastOptions()
        o.reconciliation = .none
        let f = try PanelForecaster.run(try PanelReader.read(text: text), options: o)
        #expect(!f.warnings.contains { $0.contains("series break") }, "\(f.warnings)")
        // Linked, the national total is 170 in 2020 after +2 a year: 2021 near 172 (the plain
        // sums' jump would carry it past 175).
        let first = f.mean[f.hierarchy.series(0, 0)]
        #expect(first > 171 && first < 174, "\(first)")
    }

    @Test("a panel whose cells all span the same years: linked is values, bit for bit")
    func fullPanel() throws {
        let text = "year,region,isco,employment\n" + (2012...2024).flatMap { y in
            [("MA-01", "7212"), ("MA-01", "7213"), ("MA-06", "5120")].map { "\(y),\($0.0),\($0.1),\(100.0 + Double(y % 5) * 1.37)\n" }
        }.joined()
        let history = PanelHistory(try PanelReader.read(text: text).series("employment"))
        #expect(history.linked.map(\.bitPattern) == history.values.map(\.bitPattern))
    }

    @Test("two stretches with no year in common cannot be linked: the earlier one is left out")
    func brokenChain() throws {
        let text = "year,region,isco,employment\n"
            + (2010...2013).map { "\($0),MA-01,7212,\(100 + $0 - 2010)\n" }.joined()
            + (2016...2020).map { "\($0),MA-01,7213,\(50 + $0 - 2016)\n" }.joined()
        let history = PanelHistory(try PanelReader.read(text: text).series("employment"))
        let n = history.hierarchy.seriesCount, total = history.hierarchy.series(0, 0)
        let linked = (0..<history.span).map { history.linked[$0 * n + total] }
        #expect(linked.prefix(6).allSatisfy { $0.isNaN })
        #expect(Array(linked.suffix(5)) == [50, 51, 52, 53, 54])
    }

    @Test("mizan backtest scores the linked total: naive one year ahead over 2016–2019 misses by 2 a year (1.2 %), not by the 50 of the entry")
    func backtestReadsLinked() throws {
        let text = Self.ragged(entry: 2018)
        var o = BacktestOptions()
        o.horizon = 1
        o.origins = 4
        o.models = [.naive]
        let r = try Backtester.run(PanelReader.read(text: text), options: o)
        #expect(r.cutoffs == [2016, 2017, 2018, 2019])
        let s = r.scores[r.history.hierarchy.series(0, 0)][r.models.firstIndex(of: .naive)!]
        #expect(s.points == 4)
        // Linked, the total grows 2 a year on 164–170 (the welders' growth, scaled): sMAPE 1.2 %.
        #expect(s.smapePercent > 1.0 && s.smapePercent < 1.5, "\(s.smapePercent)")
    }
}
