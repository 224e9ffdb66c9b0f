import Foundation
import Testing
import Forecasting
import LabourData
import OutlookBundle
@testable import Scenarios
import Shortage

/// A small market with every side of the balance observed: three regions × five occupations,
/// 2012–2024, and a staffing table with manufacturing (C) and construction (F).
enum Market {
    static let regions = ["MA-01", "MA-04", "MA-06"]
    static let occupations = ["2221", "7212", "7231", "8211", "9313"]

    static let panel: Panel = {
        var lines = ["year,region,isco,employment,jobseekers,vacancies,graduates,returnees,immigrants"]
        for (r, region) in regions.enumerated() {
            for (o, isco) in occupations.enumerated() {
                for year in 2012...2024 {
                    let t = Double(year - 2012)
                    let base = 2000.0 * Double(r + 1) + 700 * Double(o)
                    let wiggle = 40 * sin(Double(r * 7 + o * 3) + t * 1.3)
                    let e = (base * (1 + 0.01 * Double(o + 1) * t) + wiggle).rounded()
                    lines.append("\(year),\(region),\(isco),\(Int(e)),\(Int(e * 0.05 + 10)),\(Int(e * 0.02 + 5)),\(Int(e * 0.01)),\(Int(e * 0.004)),\(Int(e * 0.002))")
                }
            }
        }
        return try! PanelReader.read(text: lines.joined(separator: "\n") + "\n", fileName: "market.csv")
    }()

    static let staffing: StaffingMatrix = {
        let rows = """
        year,region,sector,isco,employment
        2024,MA-01,C,7212,1000
        2024,MA-01,C,8211,1000
        2024,MA-01,F,9313,2000
        2024,MA-04,C,7212,4000
        2024,MA-04,C,7231,3000
        2024,MA-04,C,8211,3000
        2024,MA-04,F,7212,1000
        2024,MA-04,F,9313,4000
        2024,MA-06,C,7231,2000
        2024,MA-06,F,9313,6000
        """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-staffing-\(getpid()).csv")
        try! Data((rows + "\n").utf8).write(to: url)
        return try! StaffingMatrix.read(contentsOf: url)
    }()

    static let baseline: PanelForecast = {
        var o = ForecastOptions()
        o.horizon = 4
        o.paths = 100
        o.nonnegative = true
        // The competition tables: calibrated on its own errors, this market's deterministic
        // wiggle would give bands so narrow that p_shortage is 0 or 1 in every cell, and the
        // drivers test needs shocks that interact through it.
        o.ownCalibration = false
        return try! PanelForecaster.run(panel, options: o)
    }()

    static let model = ShortageModel(config: { var c = ShortageConfig(); c.draws = 100; return c }())

    static func compare(_ toml: String) throws -> ScenarioComparison {
        let context = ScenarioSpec.Context(years: baseline.years, regions: regions, occupations: occupations, staffing: staffing)
        let spec = try ScenarioSpec.parse(text: toml, file: "s.toml", context: context)
        return try ScenarioComparison.run(panel: panel, baseline: baseline, model: model, listYear: 2024, horizon: 4, spec: spec, staffing: staffing)
    }

    /// The point forecast of (region, isco) in `year` (TOTAL for aggregates).
    static func employment(_ f: PanelForecast, _ region: String, _ isco: String, _ year: Int) -> Double {
        let h = f.hierarchy
        let ga = h.a.nodes.firstIndex { $0.code == region }!, gb = h.b.nodes.firstIndex { $0.code == isco }!
        return f.mean[f.years.firstIndex(of: year)! * f.seriesCount + h.series(ga, gb)]
    }

    static func row(_ l: ShortageList, _ region: String, _ isco: String) -> ShortageRow {
        l.rows.first { $0.region == region && $0.isco == isco }!
    }
}

@Suite("Scenarios through the chain: employment, supply, lists, drivers")
struct ScenarioComparisonTests {
    @Test("+10,000 manufacturing jobs in MA-04 from 2026: 10,000 in that region at every later year, 0 elsewhere, 10,000 nationally, spread 4:3:3 as C's staffing")
    func sectorJobs() throws {
        let c = try Market.compare("""
            [[shock]]
            kind = "sector_jobs"
            sector = "C"
            region = "MA-04"
            jobs = { 2026 = 10000 }
            """)
        for year in Market.baseline.years {
            let expected = year >= 2026 ? 10_000.0 : 0
            func diff(_ r: String, _ o: String) -> Double { Market.employment(c.scenario, r, o, year) - Market.employment(c.baseline, r, o, year) }
            #expect(abs(diff("MA-04", "TOTAL") - expected) < 1e-6, "\(year)")
            #expect(abs(diff("TOTAL", "TOTAL") - expected) < 1e-6, "\(year)")
            #expect(abs(diff("MA-01", "TOTAL")) < 1e-9 && abs(diff("MA-06", "TOTAL")) < 1e-9, "\(year)")
            #expect(abs(diff("MA-04", "7212") - 0.4 * expected) < 1e-6, "\(year)")
            #expect(abs(diff("MA-04", "7231") - 0.3 * expected) < 1e-6 && abs(diff("MA-04", "8211") - 0.3 * expected) < 1e-6, "\(year)")
            #expect(abs(diff("MA-04", "9313")) < 1e-9 && abs(diff("MA-04", "2221")) < 1e-9, "\(year)")
            // The aggregates move with their bottoms: the hierarchy stays coherent.
            #expect(abs(diff("TOTAL", "7") - 0.7 * expected) < 1e-6, "\(year)")
        }
        // Openings rise by the jobs (the target year is past 2026), so p_shortage does not fall.
        let before = Market.row(c.baselineList, "MA-04", "7212"), after = Market.row(c.scenarioList, "MA-04", "7212")
        #expect(abs(after.openings! - before.openings! - 4000) < 1e-6)
        #expect(after.pShortage! >= before.pShortage!)
        // A cell the scenario does not touch keeps its probability exactly.
        #expect(Market.row(c.scenarioList, "MA-06", "2221").pShortage == Market.row(c.baselineList, "MA-06", "2221").pShortage)
        // ISCO groups sum their cells' openings: 72 (7212 + 7231) gains 7,000 in MA-04, the region's TOTAL 10,000, nationally the same.
        let table = String(decoding: c.comparisonCSV(), as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func difference(_ region: String, _ isco: String, _ measure: String) -> Double? {
            table.first { $0.count > 6 && $0[0] == region && $0[1] == isco && $0[2] == "2028" && $0[3] == measure }.flatMap { Double($0[6]) }
        }
        #expect(difference("MA-04", "72", "openings") == 7000 && difference("MA-04", "TOTAL", "openings") == 10000)
        #expect(difference("TOTAL", "TOTAL", "openings") == 10000 && difference("MA-01", "TOTAL", "openings") == 0)
        #expect(difference("MA-04", "72", "imbalance")! > 0 && difference("MA-04", "72", "p_shortage") == nil)
    }

    @Test("a loss larger than a cell's employment is cut at it and said so; the differences still add up")
    func lossCutAtEmployment() throws {
        let c = try Market.compare("""
            [[shock]]
            kind = "occupation_jobs"
            isco = "2221"
            region = "MA-01"
            jobs = { 2025 = -1000000 }
            """)
        #expect(c.notes.count == 4, "\(c.notes)")
        for year in Market.baseline.years {
            #expect(abs(Market.employment(c.scenario, "MA-01", "2221", year)) < 1e-9)
            let national = Market.employment(c.scenario, "TOTAL", "TOTAL", year) - Market.employment(c.baseline, "TOTAL", "TOTAL", year)
            #expect(abs(national + Market.employment(c.baseline, "MA-01", "2221", year)) < 1e-6)
        }
    }

    @Test("20,000 returnees to MA-01 (7212 and 9313, half each): new supply up by 20,000 × 0.6 × 0.7 / 2 = 4,200 in each, p_shortage never up")
    func returnees() throws {
        let c = try Market.compare("""
            [[shock]]
            kind = "returnees"
            region = "MA-01"
            isco = ["7212", "9313"]
            shares = [0.5, 0.5]
            arrivals = { 2025 = 12000, 2027 = 8000 }
            """)
        for isco in ["7212", "9313"] {
            let b = Market.row(c.baselineList, "MA-01", isco), s = Market.row(c.scenarioList, "MA-01", isco)
            #expect(abs(s.newSupply! - b.newSupply! - 4200) < 1e-6)
            #expect(s.imbalance! < b.imbalance!)
            #expect(s.pShortage! <= b.pShortage!)
            // Nationally the same arrivals.
            let nb = Market.row(c.baselineList, "TOTAL", isco), ns = Market.row(c.scenarioList, "TOTAL", isco)
            #expect(abs(ns.newSupply! - nb.newSupply! - 4200) < 1e-6)
        }
        // Employment does not move, nor does any other region's supply.
        #expect(c.scenario.mean == c.baseline.mean)
        #expect(Market.row(c.scenarioList, "MA-04", "7212").newSupply == Market.row(c.baselineList, "MA-04", "7212").newSupply)
    }

    @Test("a scenario without shocks is the baseline: the same forecast and list, byte for byte")
    func emptyScenario() throws {
        let c = try Market.compare("name = \"nothing\"\n")
        let plain = try Market.model.list(panel: Market.panel, year: 2024, horizon: 4, forecast: Market.baseline)
        #expect(ShortageListFile.csv(c.scenarioList.rows, language: .english, targetYear: 2028)
                == ShortageListFile.csv(plain.rows, language: .english, targetYear: 2028))
        #expect(try c.scenario.csv() == c.baseline.csv())
        #expect(c.driversCSV() == Array("region,isco,year,measure,shock,difference\n".utf8))
    }

    @Test("drivers: each shock alone plus the interaction sum to the scenario's difference, for every value it moves")
    func driversAddUp() throws {
        let c = try Market.compare("""
            [[shock]]
            name = "plant"
            kind = "sector_jobs"
            sector = "C"
            region = "MA-04"
            jobs = { 2025 = 3000 }
            [[shock]]
            name = "welders"
            kind = "occupation_jobs"
            isco = "7212"
            region = "MA-04"
            jobs = { 2026 = 500 }
            [[shock]]
            name = "exits"
            kind = "demography"
            retirement = 1.5
            emigration = 2
            [[shock]]
            name = "growth"
            kind = "sector_growth"
            sector = "F"
            percent = 3
            """)
        func parse(_ bytes: [UInt8]) -> [[String]] { String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } }
        var difference: [String: Double] = [:]
        for r in parse(c.comparisonCSV()) where !r[6].isEmpty { difference[r[0...3].joined(separator: ",")] = Double(r[6])! }
        var explained: [String: Double] = [:]
        var labels = Set<String>()
        for r in parse(c.driversCSV()) {
            explained[r[0...3].joined(separator: ","), default: 0] += Double(r[5])!
            labels.insert(r[4])
        }
        #expect(labels.isSuperset(of: ["plant", "welders", "exits", "growth", "interaction"]), "\(labels)")
        var moved = 0
        for (key, d) in difference where abs(d) > 1e-3 {
            moved += 1
            #expect(abs((explained[key] ?? 0) - d) < 2e-3 * max(1, abs(d)), "\(key): \(explained[key] ?? 0) vs \(d)")
        }
        #expect(moved > 50)
        // The demography shock alone raises replacement demand everywhere: openings up in every cell.
        let exits = c.alone.first { $0.label == "exits" }!.list
        for row in exits.rows where row.openings != nil {
            #expect(row.openings! >= Market.row(c.baselineList, row.region, row.isco).openings!)
        }
    }

    @Test("the imbalance's difference band is measured draw by draw: it contains the difference")
    func band() throws {
        let c = try Market.compare("""
            [[shock]]
            kind = "immigrants"
            region = "MA-06"
            arrivals = { 2025 = 5000 }
            """)
        let text = String(decoding: c.comparisonCSV(), as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("MA-06,9313,2028,imbalance,") }!.split(separator: ",").map(String.init)
        let (d, lo, hi) = (Double(line[6])!, Double(line[7])!, Double(line[8])!)
        #expect(lo <= d && d <= hi && lo < hi && hi < 0, "\(line)")
    }
}
