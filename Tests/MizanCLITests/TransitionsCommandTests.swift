import Foundation
import LabourData
import Testing
import TestSupport

/// `mizan transitions` with the destination's outlook and wage beside each move, as a counsellor
/// reads it.
@Suite("mizan transitions with outlook and wage (the real binary)")
struct TransitionsCommandTests {
    @Test("each destination shows its shortage probability in the region and its latest median wage")
    func outlookAndWage() throws {
        let shortages = SharedData.repository("Tests/MizanCLITests/Fixtures/shortages.csv").path
        let panel = SharedData.repository("Datasets/morocco/panel.csv").path
        let esco = try SharedData.dataset("esco").path
        let table = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--shortages", shortages,
                                          "--panel", panel, "--region", "Casablanca-Settat", "--top", "3"])
        #expect(table.status == 0, "\(table.stderr)")
        // The solderer (ISCO 7212): p 0.68 in Casablanca-Settat in the list, wage 5,335 MAD in 2024 in the panel.
        #expect(table.stdout.contains("shortage p = 0.68 (Casablanca-Settat) · median wage 5335 (2024)"), "\(table.stdout)")
        let csv = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--shortages", shortages,
                                        "--panel", panel, "--region", "MA-06", "--top", "3", "--format", "csv"])
        let t = try TextTable.read(data: Data(csv.stdout.utf8), file: "stdout", required: ["p_shortage", "outlook_region", "median_wage"])
        #expect(t.rows.first.map { [$0[t.index("p_shortage")], $0[t.index("outlook_region")], $0[t.index("median_wage")]] } == ["0.68", "MA-06", "5335"], "\(csv.stdout)")
        let bad = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--region", "MA-99"])
        #expect(bad.status == 64 && bad.stderr.contains("unknown region 'MA-99'"), "\(bad.stderr)")
    }

    @Test("the default list: ten distinct occupations, not the welder's own under another name; a move up a level comes with its training path")
    func defaultListWithPaths() throws {
        let esco = try SharedData.dataset("esco").path
        let catalogue = SharedData.repository("Datasets/training/catalogue.csv").path
        let csv = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--catalogue", catalogue,
                                        "--region", "MA-06", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let table = try TextTable.read(data: Data(csv.stdout.utf8), file: "stdout", required: [])
        #expect(table.columns.suffix(4) == ["level_up", "training_modules", "training_hours", "untaught_skills"])
        #expect(table.rows.count == 10)
        let title = table.index("title"), up = table.index("level_up"), hours = table.index("training_hours"), isco = table.index("isco")
        // The brazier is, in O*NET's crosswalk, the welder's own occupation: not a move.
        #expect(!table.rows.contains { $0[title] == "brazier" })
        #expect(Set(table.rows.map { $0[title] }).count == 10)
        // Welders are skill level 2; a level-3 destination (ISCO 3xxx) is marked and has hours.
        let ups = table.rows.filter { $0[up] == "1" }
        #expect(!ups.isEmpty && ups.allSatisfy { $0[isco].hasPrefix("3") })
        // …with the modules and hours of its path, or the skills no module teaches, named.
        let untaught = table.index("untaught_skills")
        #expect(ups.allSatisfy { (Double($0[hours]) ?? 0) > 0 || !$0[untaught].isEmpty })
        #expect(ups.contains { (Double($0[hours]) ?? 0) > 0 })
        #expect(table.rows.prefix(5).allSatisfy { $0[isco].hasPrefix("72") })
        // Run from elsewhere with the ESCO folder named: O*NET and the crosswalk are found beside it.
        let elsewhere = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--format", "csv"], in: MizanProcess.scratch())
        let here = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--format", "csv"])
        #expect(elsewhere.status == 0 && elsewhere.stdout == here.stdout && !elsewhere.stderr.contains("ESCO skills alone"), "\(elsewhere.stderr)")
        // ESCO skills alone, on request.
        let plain = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--skills-only", "--top", "3"])
        #expect(plain.status == 0 && plain.stdout.contains("brazier"), "\(plain.stdout)")
    }
}
