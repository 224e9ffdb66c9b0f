import XCTest
@testable import Scenarios
import LabourData

final class ScenarioSpecTests: XCTestCase {
    let context = ScenarioSpec.Context(years: [2025, 2026, 2027, 2028, 2029], regions: ["MA-01", "MA-04"],
                                       occupations: ["7212", "7411", "9313"], staffing: nil)

    func testReadsOccupationJobsWithTheirYears() throws {
        let spec = try ScenarioSpec.parse(text: """
            name = "welders"
            [[shock]]
            kind = "occupation_jobs"
            isco = ["7212", "74"]
            shares = [0.25, 0.75]
            region = "MA-04"
            jobs = { 2027 = 1000, 2028 = -200 }
            """, file: "s.toml", context: context)
        XCTAssertEqual(spec.name, "welders")
        XCTAssertEqual(spec.shocks.count, 1)
        XCTAssertEqual(spec.shocks[0].amounts, [2027: 1000, 2028: -200])
        XCTAssertEqual(spec.shocks[0].shares, [0.25, 0.75])
    }
}

final class ScenarioSpecRefusalTests: XCTestCase {
    let context = ScenarioSpec.Context(years: [2025, 2026, 2027, 2028, 2029], regions: ["MA-01", "MA-04"],
                                       occupations: ["7212", "7411", "9313"], staffing: nil)

    /// Every problem of a file, at its line and column, in one refusal.
    func problems(_ text: String) -> [String] {
        do {
            _ = try ScenarioSpec.parse(text: text, file: "s.toml", context: context)
            return []
        } catch { return error.diagnostics.map(\.description) }
    }

    func testBadScenariosAreRefusedWhereTheyAre() {
        let found = problems("""
            [[shock]]
            kind = "occupation_jobs"
            isco = ["7212", "8888"]
            shares = [0.5, 0.4]
            region = "Atlantis"
            jobs = { 2031 = 10, 2026 = 5 }
            [[shock]]
            kind = "returnees"
            region = "MA-01"
            arrivals = { 2026 = -300 }
            [[shock]]
            kind = "sector_jobs"
            sector = "C"
            jobs = { 2027 = 1 }
            [[shock]]
            kind = "earthquake"
            """)
        XCTAssertEqual(found, [
            "s.toml:3:8: ISCO code '8888' is not in the outlook (not a unit group of the panel nor a group above them)",
            "s.toml:4:10: shares must sum to 1 (they sum to 0.9)",
            "s.toml:5:10: unknown region 'Atlantis'; the outlook's regions are MA-01, MA-04",
            "s.toml:6:10: year 2031 is outside the outlook's horizon 2025–2029",
            "s.toml:10:14: arrivals cannot be negative (-300.0): arrivals and graduates are counts",
            "s.toml:13:10: a sector needs a staffing table: set inputs.staffing in the outlook's configuration, or give the panel a sector column",
            "s.toml:16:8: unknown kind 'earthquake'; kinds are sector_jobs, occupation_jobs, sector_growth, returnees, immigrants, training_places, demography",
        ])
    }

    func testUnknownSettingsAndMissingParts() {
        XCTAssertEqual(problems("""
            title = "x"
            [[shock]]
            kind = "demography"
            [[shock]]
            kind = "occupation_jobs"
            region = "MA-01"
            jobs = { 2026 = 1 }
            retirement = 2
            """), [
            "s.toml:1:9: unknown setting 'title'; a scenario has name, description and [[shock]] tables (two brackets: one table per shock)",
            "s.toml:2:1: demography needs at least one multiplier: retirement, mortality, emigration, mobility",
            "s.toml:4:1: occupation_jobs needs isco = \"code\" or a list",
            "s.toml:8:14: 'retirement' is not a setting of occupation_jobs; it takes isco, shares, region, jobs",
        ])
        // A file that is not TOML as Mizan reads it is refused before its settings are read.
        XCTAssertEqual(problems("[[scenario]]\nkind = 1\n"), ["s.toml:1:1: [[scenario]] is not a table this file has; it has [[shock]]"])
    }

    func testInlineTablesAreParsedStrictly() {
        XCTAssertEqual(problems("""
            [[shock]]
            kind = "training_places"
            isco = "7212"
            graduates = { 2026 = 1, 2026 = 2, , 2027 = many }
            """), [
            "s.toml:4:25: '2026' is given twice in shock.1.graduates",
            "s.toml:4:35: an empty entry in { … } (two commas, or a trailing one)",
            "s.toml:4:37: '2027 = many' is not key = number",
        ])
    }
}
