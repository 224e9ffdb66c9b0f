import Foundation
import LabourData
import Testing
import TestSupport

/// A planner's own files through the real binary: French headers and names give the same bytes
/// as the English, coded twin; regions typed as names; quick looks without --out.
@Suite("Planners' files through mizan (the real binary)")
struct PlannerFilesCommandTests {
    static func panels(in dir: URL) throws {
        var english = "year,region,isco,employment,jobseekers,vacancies\n"
        var french = "\u{FEFF}Année;Région;CITP;Emploi;Demandeurs d'emploi;Postes vacants\r\n"
        let regions = [("MA-06", "Grand Casablanca-Settat"), ("MA-02", "Région de l'Oriental"), ("MA-04", "Rabat-Salé-Kénitra")]
        for y in 2012...2024 {
            for (r, (code, name)) in regions.enumerated() {
                for (i, isco) in ["7212", "2221", "5120"].enumerated() {
                    let e = 1000 + 37 * (y - 2012) * (i + 1) + 11 * r + (y * 13 + i * 7 + r) % 17
                    let j = 100 + (y * 7 + i + r) % 23, v = 10 + (y + i * 3 + r) % 9
                    english += "\(y),\(code),\(isco),\(e),\(j),\(v)\n"
                    french += "\(y);\(name);\(isco) - métier;\(e);\(j);\(v)\r\n"
                }
            }
        }
        try english.write(to: dir.appendingPathComponent("en.csv"), atomically: true, encoding: .utf8)
        try french.write(to: dir.appendingPathComponent("fr.csv"), atomically: true, encoding: .utf8)
    }

    @Test("French headers and region names give the same forecasts and shortage list, byte for byte")
    func sameBytes() throws {
        let dir = try MizanProcess.scratch()
        try Self.panels(in: dir)
        for (command, extra) in [("forecast", ["--horizon", "3"]), ("shortages", ["--horizon", "3"])] {
            let a = try MizanProcess.run([command, "--panel", "en.csv", "--out", "a.csv"] + extra, in: dir)
            let b = try MizanProcess.run([command, "--panel", "fr.csv", "--out", "b.csv"] + extra, in: dir)
            #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
            let da = try Data(contentsOf: dir.appendingPathComponent("a.csv")), db = try Data(contentsOf: dir.appendingPathComponent("b.csv"))
            #expect(!da.isEmpty && da == db, "\(command)")
        }
    }

    @Test("the same panel saved as .xlsx gives the same forecasts and list, byte for byte; --out X.xlsx writes a workbook")
    func workbookTwin() throws {
        let dir = try MizanProcess.scratch()
        try Self.panels(in: dir)
        let (header, rows) = XLSXWriter.rows(fromCSV: Array(try Data(contentsOf: dir.appendingPathComponent("en.csv"))))
        try XLSXWriter.data(header: header, rows: rows, sheet: "Panel").write(to: dir.appendingPathComponent("en.xlsx"))
        for command in ["forecast", "shortages"] {
            let a = try MizanProcess.run([command, "--panel", "en.csv", "--horizon", "3", "--out", "a.csv"], in: dir)
            let b = try MizanProcess.run([command, "--panel", "en.xlsx", "--sheet", "Panel", "--horizon", "3", "--out", "b.csv"], in: dir)
            #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
            #expect(try Data(contentsOf: dir.appendingPathComponent("a.csv")) == Data(contentsOf: dir.appendingPathComponent("b.csv")), "\(command)")
        }
        let w = try MizanProcess.run(["shortages", "--panel", "en.csv", "--horizon", "3", "--out", "list.xlsx"], in: dir)
        #expect(w.status == 0)
        let back = try TextTable.read(contentsOf: dir.appendingPathComponent("list.xlsx"), required: ["region", "isco"])
        let csv = try TextTable.read(contentsOf: dir.appendingPathComponent("b.csv"), required: ["region", "isco"])
        #expect(back.columns == csv.columns && back.rows.count == csv.rows.count)
        let missing = try MizanProcess.run(["forecast", "--panel", "en.xlsx", "--sheet", "Nope"], in: dir)
        #expect(missing.status == 65 && missing.stderr.contains("no sheet named 'Nope'; the workbook has 'Panel'"))
    }

    @Test("--region takes names; an unknown one is a usage error with did-you-mean; no --out prints a quick look")
    func regionsAndQuickLooks() throws {
        let dir = try MizanProcess.scratch()
        try Self.panels(in: dir)
        let ok = try MizanProcess.run(["shortages", "--panel", "fr.csv", "--region", "Casablanca-Settat", "--horizon", "2"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("MA-06 Casablanca-Settat") && ok.stderr.contains("write them with --out"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("shortages.csv").path))
        let bad = try MizanProcess.run(["shortages", "--panel", "fr.csv", "--region", "Casablanka"], in: dir)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("did you mean MA-06 (Casablanca-Settat)"))
        let look = try MizanProcess.run(["forecast", "--panel", "en.csv", "--horizon", "2"], in: dir)
        #expect(look.status == 0 && look.stdout.contains("TOTAL") && look.stderr.contains("write them all with --out"))
    }

    @Test("--columns maps a planner's own names; a bad map is refused at file:line:column")
    func columnMap() throws {
        let dir = try MizanProcess.scratch()
        try "year,region,isco,Effectif salarié\n2023,MA-06,7212,5\n2024,MA-06,7212,6\n".write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        try "[columns]\n\"Effectif salarié\" = \"employment\"\n".write(to: dir.appendingPathComponent("map.toml"), atomically: true, encoding: .utf8)
        let ok = try MizanProcess.run(["validate", "p.csv", "--columns", "map.toml"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        let refused = try MizanProcess.run(["validate", "p.csv"], in: dir)
        #expect(refused.status == 65 && refused.stderr.contains("p.csv:1:18: unknown column 'Effectif salarié'"))
        try "[columns]\n\"Effectif salarié\" = \"emploiz\"\n".write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let bad = try MizanProcess.run(["validate", "p.csv", "--columns", "bad.toml"], in: dir)
        #expect(bad.status == 65 && bad.stderr.contains("bad.toml:2:") && bad.stderr.contains("not a column Mizan knows"))
    }
}
