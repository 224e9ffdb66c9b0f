import Forecasting
import Foundation
import LabourData
import OutlookBundle
import Outlook
import TestSupport
import Testing
import Vintages

@Suite("Vintages: every outlook kept, compared and scored")
struct VintagesTests {
    static func tempDir() throws -> URL { try temporaryFolder("vintages") }

    /// 2 regions × 3 unit groups, 2014…lastYear, growing at known rates.
    static func panel(_ url: URL, lastYear: Int) throws {
        var rows = ["year,region,isco,employment,jobseekers,vacancies,median_wage,graduates"]
        for (ri, region) in ["MA-04", "MA-06"].enumerated() {
            for (ci, code) in ["2221", "5120", "8332"].enumerated() {
                for year in 2014...lastYear {
                    let e = (1000 + 300 * Double(ci) + 100 * Double(ri)) * pow(1 + 0.01 * Double(ci + 3 * ri), Double(year - 2014))
                    rows.append("\(year),\(region),\(code),\(e.rounded()),\((e * 0.05 * Double(ci + 1)).rounded()),\((e * 0.02).rounded()),3000,\((e * 0.01).rounded())")
                }
            }
        }
        try rows.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("outlooks are recorded once each, listed in order, and scored against a later panel")
    func recordListScore() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try VintageStore(path: dir.appendingPathComponent("v.sqlite"))
        for last in [2020, 2023] {
            try Self.panel(dir.appendingPathComponent("p\(last).csv"), lastYear: last)
            let cfg = dir.appendingPathComponent("o\(last).toml")
            try "[inputs]\npanel = \"p\(last).csv\"\n[forecast]\nhorizon = 3\npaths = 40\nmodel = \"drift\"\n".write(to: cfg, atomically: true, encoding: .utf8)
            let out = dir.appendingPathComponent("b\(last)")
            let run = try OutlookRunner(config: try OutlookConfig.load(cfg)).run(into: out)
            // Recorded from the runner's typed publication, as `mizan outlook` records it; the
            // same bundle read back from its files is the same run (one run key) and the same data.
            #expect(try store.record(run.publication) == ("\(last)-1", true))
            #expect(try store.record(bundle: out) == ("\(last)-1", false))
            let readBack = try BundlePublication.read(bundle: out)
            #expect(readBack.manifest == run.publication.manifest && readBack.manifest.runKey != nil)
            #expect(readBack.forecasts == run.publication.forecasts && readBack.forecasts.count > 0)
            #expect(readBack.lists[.target]?.map(\.key) == run.publication.lists[.target]?.map(\.key))
        }
        let list = try store.list()
        #expect(list.map(\.id) == ["2020-1", "2023-1"])
        // The vintage holds what the bundle published, value for value: every forecast row
        // (region, ISCO, year, mean) and the list at the horizon (region, ISCO, rank, p).
        let bundle = dir.appendingPathComponent("b2023")
        let published = try TextTable.read(contentsOf: bundle.appendingPathComponent("forecasts.csv"), required: ["region", "isco", "year", "mean"])
        let stored = try store.forecasts("2023-1")
        #expect(stored.baseYear == 2023 && list[1].forecastRows == published.rows.count && stored.points.count == published.rows.count)
        let storedMeans = Dictionary(uniqueKeysWithValues: stored.points.map { ("\($0.region)/\($0.isco)/\($0.year)", $0.mean) })
        for i in published.rows.indices {
            let key = "\(published.rows[i][published.index("region")])/\(published.rows[i][published.index("isco")])/\(published.rows[i][published.index("year")])"
            #expect(storedMeans[key].map { abs($0 - (try? published.number(i, "mean"))!) < 1e-9 } == true, "\(key)")
        }
        let list2023 = try TextTable.read(contentsOf: bundle.appendingPathComponent("shortages.csv"), required: ["region", "isco", "rank", "p_shortage"])
        let storedList = try store.shortages("2023-1")
        let nowRows = try TextTable.read(contentsOf: bundle.appendingPathComponent("shortages_now.csv"), required: ["isco"]).rows.count
        // Both lists are kept: the one now and the one at the horizon.
        #expect(list[1].shortageRows == list2023.rows.count + nowRows && storedList.count == list2023.rows.count)
        #expect(try store.shortages("2023-1", list: "now").count == nowRows)
        let fromFile = list2023.rows.map { "\($0[list2023.index("region")])/\($0[list2023.index("isco")])/\($0[list2023.index("rank")])/\($0[list2023.index("p_shortage")])" }
        let fromStore = storedList.map { "\($0.region)/\($0.isco)/\($0.rank ?? 0)/\($0.pShortage.map { String($0) } ?? "")" }
        #expect(Set(fromStore.map { $0.split(separator: "/").prefix(3).joined(separator: "/") }) == Set(fromFile.map { $0.split(separator: "/").prefix(3).joined(separator: "/") }))
        for (a, b) in zip(fromFile.sorted(), fromStore.sorted()) where a.split(separator: "/").prefix(3) == b.split(separator: "/").prefix(3) {
            let pa = Double(a.split(separator: "/").last ?? ""), pb = Double(b.split(separator: "/").last ?? "")
            #expect(pa == nil && pb == nil || abs((pa ?? -1) - (pb ?? -2)) < 1e-9, "\(a) vs \(b)")
        }

        // Drift extrapolates the constant growth of these series almost exactly: low MAPE, every
        // direction right, and growth ranks preserved.
        try Self.panel(dir.appendingPathComponent("actual.csv"), lastYear: 2023)
        let actual = try PanelReader.read(contentsOf: dir.appendingPathComponent("actual.csv"))
        let score = try VintageScore(vintage: try store.forecasts("2020-1"), actuals: actual)
        #expect(score.rows.map(\.year).sorted().first == 2021)
        let units = score.rows.filter { $0.level == "regional · ISCO 4-digit" && $0.year == 2023 }
        #expect(units.count == 1)
        #expect(units[0].series == 6 && units[0].mape < 1.5)
        #expect(units[0].directionCorrect == 100)
        #expect((units[0].rankCorrelation ?? 0) > 0.95)
        #expect(throws: VintageError.self) { try store.forecasts("1999-1") }
    }

    @Test("diff names what entered and left the top of each list, with the later reasons")
    func diff() {
        typealias O = PublishedShortage
        let before = [O(region: "MA-04", isco: "2221", title: "Nurses", rank: 1, pShortage: 0.9, reasons: "old"),
                      O(region: "MA-04", isco: "8332", title: "Truck drivers", rank: 2, pShortage: 0.8, reasons: "old"),
                      O(region: "MA-04", isco: "5120", title: "Cooks", rank: 3, pShortage: 0.2, reasons: "old")]
        let after = [O(region: "MA-04", isco: "8332", title: "Truck drivers", rank: 1, pShortage: 0.95, reasons: "tension 1.2"),
                     O(region: "MA-04", isco: "5120", title: "Cooks", rank: 2, pShortage: 0.7, reasons: "openings exceed supply"),
                     O(region: "MA-04", isco: "2221", title: "Nurses", rank: 3, pShortage: 0.4, reasons: "graduates up")]
        let rows = VintageDiff(before: before, after: after, top: 2).rows
        #expect(rows.map(\.change) == [.entered, .left])
        #expect(rows[0].isco == "5120" && rows[0].rankBefore == 3 && rows[0].rankAfter == 2 && rows[0].reasons == "openings exceed supply")
        #expect(rows[1].isco == "2221" && rows[1].rankBefore == 1 && rows[1].rankAfter == 3 && rows[1].reasons == "graduates up")
        #expect(VintageDiff(before: before, after: before, top: 2).rows.isEmpty)
    }

    @Test("Spearman's rho with ties matches the textbook value")
    func spearman() {
        // x ranks 1,2,3,4,5; y ranks 2,1,4,3,5 → ρ = 1 − 6·4/(5·24) = 0.8
        #expect(abs(RankCorrelation.spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])! - 0.8) < 1e-12)
        // Ties take the average rank: y = (1, 1, 2) ranks (1.5, 1.5, 3); Pearson of ranks = √3/2.
        #expect(abs(RankCorrelation.spearman([1, 2, 3], [1, 1, 2])! - 3.0.squareRoot() / 2) < 1e-12)
        #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == nil)
    }
}
