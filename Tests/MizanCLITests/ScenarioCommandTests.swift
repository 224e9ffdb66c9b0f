import Foundation
import TestSupport
import Testing

/// `mizan scenario` as a planner runs it: the bundle it writes, the baseline it reproduces, and
/// the scenarios it refuses (exit 65 at the scenario's line and column, nothing written).
@Suite("mizan scenario: the bundle, the empty scenario, bad scenarios")
struct ScenarioCommandTests {
    static let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path

    /// An outlook configuration on the small panel and a scenario beside it, run into `scenario`.
    static func run(_ scenario: String, staffing: String? = nil) throws -> (run: MizanRun, dir: URL) {
        let dir = try MizanProcess.scratch()
        var toml = "[inputs]\npanel = \"\(panel)\"\n"
        if let staffing {
            try staffing.write(to: dir.appendingPathComponent("staffing.csv"), atomically: true, encoding: .utf8)
            toml += "staffing = \"staffing.csv\"\n"
        }
        toml += "[forecast]\nhorizon = 3\npaths = 40\n"
        try toml.write(to: dir.appendingPathComponent("outlook.toml"), atomically: true, encoding: .utf8)
        try scenario.write(to: dir.appendingPathComponent("s.toml"), atomically: true, encoding: .utf8)
        let r = try MizanProcess.run(["scenario", "--config", dir.appendingPathComponent("outlook.toml").path,
                                      "--scenario", dir.appendingPathComponent("s.toml").path, "--out", dir.appendingPathComponent("scenario").path])
        return (r, dir)
    }

    static let staffing = "year,region,sector,isco,employment\n2024,MA-02,C,1120,300\n2024,MA-02,C,1221,700\n2024,MA-03,F,1120,50\n"

    @Test("an empty scenario reproduces the outlook's forecasts.csv and shortages.csv byte for byte")
    func emptyScenarioIsTheOutlook() throws {
        let (r, dir) = try Self.run("name = \"baseline\"\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 0, "\(r.stderr)")
        let outlook = try MizanProcess.run(["outlook", "--config", dir.appendingPathComponent("outlook.toml").path,
                                            "--out", dir.appendingPathComponent("outlook").path, "--no-record"])
        #expect(outlook.status == 0, "\(outlook.stderr)")
        for table in ["forecasts.csv", "shortages.csv"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("scenario/\(table)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("outlook/\(table)"))
            #expect(a == b, "\(table)")
        }
        // Both recorded in one store: the scenario is its own vintage, named, and diffs against the baseline.
        let store = dir.appendingPathComponent("vintages.sqlite").path
        let outlookRecord = try MizanProcess.run(["outlook", "--config", dir.appendingPathComponent("outlook.toml").path,
                                                  "--out", dir.appendingPathComponent("outlook").path, "--vintages", store])
        #expect(outlookRecord.status == 0 && outlookRecord.stderr.contains("recorded as vintage 2024-"), "\(outlookRecord.stderr)")
        let list = try MizanProcess.run(["vintages", "list", "--store", store])
        #expect(list.stdout.contains("baseline") && list.stdout.contains("2024-1") && list.stdout.contains("2024-2"), "\(list.stdout)")
        let diff = try MizanProcess.run(["vintages", "diff", "2024-1", "2024-2", "--store", store])
        #expect(diff.status == 0, "\(diff.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("scenario").path).sorted()
        #expect(files == ["drivers.csv", "forecasts.csv", "manifest.json", "report.html", "scenario.toml", "scenario_vs_baseline.csv",
                          "shortage_list_changes.csv", "shortages.csv"])
    }

    @Test("+1,000 sector jobs in MA-02 from the second year: the comparison says +1,000 for MA-02 and the country, 300:700 over its unit groups")
    func sectorJobsInTheBundle() throws {
        let (r, dir) = try Self.run("[[shock]]\nkind = \"sector_jobs\"\nsector = \"C\"\nregion = \"MA-02\"\njobs = { 2026 = 1000 }\n", staffing: Self.staffing)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("scenario/scenario_vs_baseline.csv"), encoding: .utf8)
        #expect(text.hasPrefix("region,isco,year,measure,baseline,scenario,difference,difference_lo80,difference_hi80\n"))
        func difference(_ prefix: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[6]) }
        }
        #expect(difference("TOTAL,TOTAL,2025,employment,") == 0)
        #expect(difference("TOTAL,TOTAL,2027,employment,") == 1000)
        #expect(difference("MA-02,TOTAL,2026,employment,") == 1000)
        #expect(difference("MA-02,1120,2026,employment,") == 300)
        #expect(difference("MA-02,1221,2027,employment,") == 700)
        #expect(difference("MA-01,TOTAL,2027,employment,") == 0)
        let report = try String(contentsOf: dir.appendingPathComponent("scenario/report.html"), encoding: .utf8)
        #expect(report.contains("sector_jobs") && report.contains("MA-02"))
        // Baseline and scenario fan charts side by side for the occupations that move (1221 and 1120).
        #expect(report.components(separatedBy: "<svg").count == 5, "\(report)")
    }

    @Test("--baseline reuses the outlook's forecast and paths: the same bytes as forecasting afresh; another configuration's outlook is refused (65)")
    func reusedBaseline() throws {
        let scenario = "[[shock]]\nkind = \"immigrants\"\nregion = \"MA-03\"\narrivals = { 2026 = 800 }\n"
        let (fresh, dir) = try Self.run(scenario)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let config = dir.appendingPathComponent("outlook.toml").path, outlook = dir.appendingPathComponent("outlook").path
        #expect(try MizanProcess.run(["outlook", "--config", config, "--out", outlook, "--no-record"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: outlook + "/forecast_paths.bin"))
        let reused = try MizanProcess.run(["scenario", "--config", config, "--baseline", outlook, "--scenario", dir.appendingPathComponent("s.toml").path,
                                           "--out", dir.appendingPathComponent("reused").path, "--no-record"])
        #expect(reused.status == 0 && reused.stderr.contains("baseline forecast reused from"), "\(reused.stderr)")
        for table in ["forecasts.csv", "shortages.csv", "scenario_vs_baseline.csv", "drivers.csv"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent("scenario/\(table)")) == Data(contentsOf: dir.appendingPathComponent("reused/\(table)")), "\(table)")
        }
        // Another number of paths: another forecast, so the outlook cannot serve as the baseline.
        let other = dir.appendingPathComponent("other.toml")
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "paths = 40", with: "paths = 41").write(to: other, atomically: true, encoding: .utf8)
        let refused = try MizanProcess.run(["scenario", "--config", other.path, "--baseline", outlook, "--scenario", dir.appendingPathComponent("s.toml").path,
                                            "--out", dir.appendingPathComponent("refused").path, "--no-record"])
        #expect(refused.status == 65 && refused.stderr.contains("\(outlook): was made from another panel or other forecast settings"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("refused").path))
    }

    @Test("a panel with a sector key is its own staffing matrix: +600 manufacturing jobs spread as its sector detail says")
    func sectorPanel() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rows = ["year,region,sector,isco,employment,jobseekers"]
        for year in 2012...2024 {
            let t = Double(year - 2012)
            for (region, scale) in [("MA-01", 1.0), ("MA-04", 2.0)] {
                rows.append("\(year),\(region),C,7212,\(Int(scale * (300 + 9 * t))),\(Int(scale * 20))")
                rows.append("\(year),\(region),C,8211,\(Int(scale * (600 + 5 * t))),\(Int(scale * 30))")
                rows.append("\(year),\(region),F,7212,\(Int(scale * (200 + 3 * t))),\(Int(scale * 10))")
            }
        }
        try (rows.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("panel.csv"), atomically: true, encoding: .utf8)
        try "[inputs]\npanel = \"panel.csv\"\n[forecast]\nhorizon = 2\npaths = 20\n".write(to: dir.appendingPathComponent("outlook.toml"), atomically: true, encoding: .utf8)
        try "[[shock]]\nkind = \"sector_jobs\"\nsector = \"C\"\nregion = \"MA-04\"\njobs = { 2025 = 600 }\n".write(to: dir.appendingPathComponent("s.toml"), atomically: true, encoding: .utf8)
        let r = try MizanProcess.run(["scenario", "--config", dir.appendingPathComponent("outlook.toml").path, "--scenario", dir.appendingPathComponent("s.toml").path,
                                      "--out", dir.appendingPathComponent("scenario").path, "--no-record"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("scenario/scenario_vs_baseline.csv"), encoding: .utf8)
        func difference(_ prefix: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[6]) }
        }
        #expect(difference("MA-04,TOTAL,2025,employment,") == 600)
        #expect(difference("MA-01,TOTAL,2026,employment,") == 0)
        // 2024 in MA-04's manufacturing: welders 2 × (300 + 108) = 816, operators 2 × (600 + 60) = 1,320 (trend of the shares on top).
        let welders = try #require(difference("MA-04,7212,2025,employment,"))
        #expect(abs(welders - 600 * 816 / 2136) < 8, "\(welders)")
        // The outlook on the same panel splits its change into sector and mix effects.
        let outlook = try MizanProcess.run(["outlook", "--config", dir.appendingPathComponent("outlook.toml").path, "--out", dir.appendingPathComponent("outlook").path, "--no-record"])
        #expect(outlook.status == 0 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("outlook/shift_share.csv").path), "\(outlook.stderr)")
    }

    static let refused: [(scenario: String, at: String, says: String)] = [
        ("[[shock]]\nkind = \"sector_jobs\"\nsector = \"Z\"\nregion = \"MA-02\"\njobs = { 2026 = 1 }\n", "s.toml:3:10", "unknown sector 'Z'"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\nregion = \"XX-99\"\njobs = { 2026 = 1 }\n", "s.toml:4:10", "unknown region 'XX-99'"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"9999\"\njobs = { 2026 = 1 }\n", "s.toml:3:8", "ISCO code '9999'"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\njobs = { 2024 = 1 }\n", "s.toml:4:10", "outside the outlook's horizon 2025–2027"),
        ("[[shock]]\nkind = \"immigrants\"\narrivals = { 2026 = -5 }\n", "s.toml:3:14", "cannot be negative"),
        ("[[shock]]\nkind = \"returnees\"\nisco = [\"1120\", \"1221\"]\nshares = [0.7, 0.7]\narrivals = { 2026 = 5 }\n", "s.toml:4:10", "must sum to 1"),
        ("[[shock]]\nkind = \"sector_growth\"\nsector = \"C\"\npercent = 1e300\n", "s.toml:4:11", "percent"),
        ("[[shock]]\nkind = \"demography\"\nretirement = -1\n", "s.toml:3:14", "multiplier"),
        ("[[shock]]\nkind = \"training_places\"\nisco = \"1120\"\ngraduates = { 2026 = 1e20 }\n", "s.toml:4:15", "at most 1e9"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\njobs = { 2026 = nan }\n", "s.toml:4:10", "jobs in 2026"),
        ("[shock]\nkind = \"demography\"\n", "s.toml:2:8", "unknown setting 'shock.kind'"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\njobs = [2026, 1]\n", "s.toml:4:8", "needs jobs = { year = number"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\njobs = { 2026 = 1, }\n", "s.toml:4:", "an empty entry"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\njobs = { 2026 = 1, 2026 = 2 }\n", "s.toml:4:", "given twice"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\njobs = { 2026 = 1\n", "s.toml:4:8", "inline table"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = \"1120\"\njobs = { twenty = 1 }\n", "s.toml:4:", "outside the outlook's horizon"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = [\"1120\", \"1120\"]\njobs = { 2026 = 1 }\n", "s.toml:3:8", "listed twice"),
        ("[[shock]]\nkind = \"occupation_jobs\"\nisco = 1120\njobs = { 2026 = 1 }\n", "s.toml:3:8", "isco must be"),
        ("[[shock]]\nkind = \"returnees\"\nsector = \"C\"\nisco = \"1120\"\narrivals = { 2026 = 5 }\n", "s.toml:4:8", "give sector or isco, not both"),
        ("[[shock]]\nkind = \"returnees\"\nisco = [\"1120\"]\nshares = [1, 0]\narrivals = { 2026 = 5 }\n", "s.toml:4:10", "one per ISCO code"),
        ("[[shock]]\nkind = \"sector_growth\"\nsector = \"C\"\npercent = 2\nfrom = 2040\n", "s.toml:5:8", "from must be a year"),
        ("[[shock]]\nkind = \"sector_growth\"\nsector = \"C\"\n", "s.toml:1:1", "needs percent"),
        ("[[shock]]\nkind = \"sector_jobs\"\nregion = \"MA-02\"\njobs = { 2026 = 1 }\n", "s.toml:1:1", "needs sector"),
        ("[[shock]]\nkind = \"sector_jobs\"\nsector = \"F\"\nregion = \"MA-02\"\njobs = { 2026 = 1 }\n", "s.toml:3:10", "no employment in MA-02"),
        ("[[shock]]\nkind = \"demography\"\nretirement = 11\n", "s.toml:3:14", "multiplier"),
        ("[[shock]]\nkind = \"demography\"\nretirement = \"high\"\n", "s.toml:3:14", "multiplier"),
        ("[[shock]]\nname = 3\nkind = \"demography\"\nretirement = 1.1\n", "s.toml:2:8", "must be a \"string\""),
        ("[[shock]]\nkind = 7\n", "s.toml:2:8", "must be a \"string\""),
        ("[[shock]]\n", "s.toml:1:1", "has no kind"),
        ("name = \"x\"\nname = \"y\"\n", "s.toml:2:1", "set twice"),
        ("description = [1, 2]\n", "s.toml:1:15", "must be a \"string\""),
    ]

    @Test("a bad scenario: exit 65 at its line and column, nothing written", arguments: refused)
    func badScenario(scenario: String, at: String, says: String) throws {
        let (r, dir) = try Self.run(scenario, staffing: Self.staffing)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains(dir.appendingPathComponent(at).path), "\(r.stderr)")
        #expect(r.stderr.contains(says), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("scenario").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".scenario.partial").path))
    }

    @Test("a staffing table with a negative cell or a repeated row: exit 65 at its line, nothing written")
    func badStaffing() throws {
        let (r, dir) = try Self.run("name = \"x\"\n", staffing: "year,region,sector,isco,employment\n2024,MA-02,C,1120,-3\n2024,MA-02,C,1221,1\n2024,MA-02,C,1221,2\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(r.status == 65)
        #expect(r.stderr.contains("staffing.csv:2:19: employment '-3' is not a number of persons"), "\(r.stderr)")
        #expect(r.stderr.contains("staffing.csv:4:1: 2024 MA-02 C 1221 is given twice"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("scenario").path))
    }
}
