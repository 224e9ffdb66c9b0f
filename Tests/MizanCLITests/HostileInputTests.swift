import Foundation
import LabourData
import TestSupport
import Testing

/// Inputs a hostile or careless user brings (issue 31): numbers no field can hold, an output path
/// that already belongs to the user. Each case asserts the exit code, where the message points and
/// that nothing was written or destroyed.
@Suite("Hostile inputs: no trap, no user file destroyed")
struct HostileInputTests {
    static let oversized: [(setting: String, line: String)] = [
        ("horizon", "[forecast]\nhorizon = 99999999999999999999"),
        ("paths", "[forecast]\npaths = 1e19"),
        ("seed", "[forecast]\nseed = -inf"),
        ("seed", "[forecast]\nseed = inf"),
        ("seed", "[forecast]\nseed = nan"),
        ("horizon", "[forecast]\nhorizon = -9223372036854775809"),
        ("top", "[report]\ntop = 1e300"),
        ("top", "[report]\ntop = -1e300"),
        ("paths", "[forecast]\npaths = 9223372036854775807"),
    ]

    static let smallPanel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path

    /// Writes `toml` as outlook.toml in a fresh folder and runs the outlook into `bundle` there
    /// (or `out`); the caller removes the folder.
    static func outlook(_ toml: String, out: String = "bundle") throws -> (run: MizanRun, dir: URL, config: URL) {
        let dir = try MizanProcess.scratch()
        let config = dir.appendingPathComponent("outlook.toml")
        try toml.write(to: config, atomically: true, encoding: .utf8)
        let target = out.hasPrefix("/") ? out : dir.appendingPathComponent(out).path
        return (try MizanProcess.run(["outlook", "--config", config.path, "--out", target, "--no-record"]), dir, config)
    }

    @Test("a number no setting can hold is refused at its line and column, exit 65, nothing written", arguments: oversized)
    func oversizedNumbers(setting: String, line: String) throws {
        let (run, dir, toml) = try Self.outlook("[inputs]\npanel = \"\(Self.smallPanel)\"\n\(line)\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.status == 65, "\(line): \(run.stderr)")
        #expect(run.stderr.contains("\(toml.path):4:"), "\(run.stderr)")
        #expect(run.stderr.contains(setting))
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Double value"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["outlook.toml"])
    }

    @Test("--out naming a user's file or a folder that is not an outlook: exit 73, left exactly as it was")
    func outputThatBelongsToTheUser() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let panel = Self.smallPanel
        let toml = dir.appendingPathComponent("outlook.toml")
        try "[inputs]\npanel = \"\(panel)\"\n[forecast]\nhorizon = 2\npaths = 20\n".write(to: toml, atomically: true, encoding: .utf8)

        let file = dir.appendingPathComponent("notes.txt")
        try "my notes".write(to: file, atomically: true, encoding: .utf8)
        let onFile = try MizanProcess.run(["outlook", "--config", toml.path, "--out", file.path, "--no-record"])
        #expect(onFile.status == 73, "\(onFile.stderr)")
        #expect(onFile.stderr.contains("\(file.path): is a file"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "my notes")

        let folder = dir.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "chapter 1".write(to: folder.appendingPathComponent("ch1.md"), atomically: true, encoding: .utf8)
        let onFolder = try MizanProcess.run(["outlook", "--config", toml.path, "--out", folder.path, "--no-record"])
        #expect(onFolder.status == 73, "\(onFolder.stderr)")
        #expect(onFolder.stderr.contains("no manifest.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["ch1.md"])
        // Nothing beside them either: no partial bundle left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["notes.txt", "outlook.toml", "thesis"])
    }

    static let unusableInputs: [(name: String, inputs: String, expected: String)] = [
        ("profiles a folder", "profiles = \"/tmp\"", "inputs.profiles: /tmp is a folder, not a file"),
        ("panel /dev/zero", "panel = \"/dev/zero\"", "inputs.panel: /dev/zero is not a regular file"),
        ("catalogue missing", "catalogue = \"/nonexistent/catalogue.csv\"", "inputs.catalogue: /nonexistent/catalogue.csv does not exist"),
        ("esco a file", "esco = \"/etc/hostname\"", "inputs.esco: /etc/hostname is a file"),
    ]

    @Test("an input that cannot be used is refused before any stage runs, at its setting, and leaves no partial bundle", arguments: unusableInputs)
    func unusableInput(name: String, inputs: String, expected: String) throws {
        let (run, dir, toml) = try Self.outlook(inputs.hasPrefix("panel") ? "[inputs]\n\(inputs)\n" : "[inputs]\npanel = \"\(Self.smallPanel)\"\n\(inputs)\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.status == 65, "\(name): \(run.stderr)")
        #expect(run.stderr.contains("\(toml.path):\(inputs.hasPrefix("panel") ? 2 : 3):"), "\(run.stderr)")
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["outlook.toml"])
    }

    @Test("a report region the panel does not have fails the run and leaves neither a bundle nor a partial one")
    func regionNotInPanel() throws {
        let (run, dir, _) = try Self.outlook("[inputs]\npanel = \"\(Self.smallPanel)\"\n[report]\nregions = [\"TN-11\"]\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("TN-11 not in the panel"))
        #expect(!run.stderr.contains("--resume"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["outlook.toml"])
    }

    /// Runs `mizan recommend` on `profiles` (JSON Lines) against the workspace fixture's list
    /// (regions MA-04, MA-06 and the national rows).
    static func recommend(_ profiles: [String], extra: [String] = []) throws -> (MizanRun, URL, URL) {
        let dir = try MizanProcess.scratch()
        let file = dir.appendingPathComponent("people.jsonl")
        try profiles.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("r.csv")
        let run = try MizanProcess.run(["recommend", "--profiles", file.path,
                                        "--shortages", SharedData.repository("Tests/MizanCLITests/Fixtures/shortages.csv").path,
                                        "--esco", try SharedData.dataset("esco").path,
                                        "--catalogue", SharedData.repository("Datasets/training/catalogue.csv").path,
                                        "--out", out.path] + extra)
        return (run, dir, out)
    }

    static let welder = #"{"id": "p1", "region": "MA-04", "occupations": [{"isco": "7212", "years": 8}]}"#

    @Test("a profile in a region of no country, or of another country, is refused at its line; a region the list leaves out is a warning",
          arguments: [("Atlantis", 65), ("TN-11", 65), ("Tunis", 65), ("MA-01", 0)])
    func profileRegions(region: String, status: Int32) throws {
        let other = #"{"id": "p2", "region": "\#(region)", "occupations": [{"isco": "7212", "years": 8}]}"#
        let (run, dir, out) = try Self.recommend([Self.welder, other])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.status == status, "\(region): \(run.stderr)")
        #expect(run.stderr.contains("people.jsonl:2:1: "), "\(run.stderr)")
        if status == 65 {
            #expect(run.stderr.contains("is not a region of the shortage list's country (it covers MA-04, MA-06)"))
            #expect(!FileManager.default.fileExists(atPath: out.path))
        } else {
            #expect(run.stderr.contains("warning: profile 'p2': region 'MA-01' is not on the shortage list"))
        }
    }

    @Test("constraints.regions naming another country's region is refused too")
    func foreignConstraint() throws {
        let moving = #"{"id": "p3", "region": "MA-04", "occupations": [{"isco": "7212", "years": 8}], "constraints": {"regions": ["TN-11"]}}"#
        let (run, dir, out) = try Self.recommend([moving])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.status == 65)
        #expect(run.stderr.contains("people.jsonl:1:1: profile 'p3': constraints.regions 'TN-11'"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("--top outside 1…50 is a usage error that says so, nothing written", arguments: ["0", "-1", "51", "99999999999999999999"])
    func topOutOfRange(top: String) throws {
        let (run, dir, out) = try Self.recommend([Self.welder], extra: ["--top", top])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run.status == 64, "\(top): \(run.stderr)")
        #expect(run.stderr.contains("--top"), "\(run.stderr)")
        #expect(!run.stderr.contains("Missing value"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    static let header = "id,year,region,isco_sought,age,sex,nationality,education_isced,returnee,months_abroad,prior_spells,months_unemployed_before,languages,ltu_12m,months_registered"

    @Test("a registry that no real office could hold is refused at the spell's line, exit 65, nothing written",
          arguments: [
            ("a2,2099,MA-06,7111,30,F,MA,3,0,0,0,2,ar,0,12", "'year' 2099 is after this year"),
            ("a1,2019,MA-06,7111,30,F,MA,3,0,0,0,2,ar,0,12", "id 'a1' appears twice (also on line 2)"),
            ("a2,2019,MA-06,7111,30,F,MA,3,0,0,0,2,ar,0,9999", "'months_registered' 9999 is not a number of months on the register"),
            ("a2,2019,MA-06,7111,30,F,MA,3,0,0,0,2,ar,1,2", "'ltu_12m' = 1 (still registered after 12 months) contradicts months_registered = 2"),
          ])
    func impossibleRegistry(row: String, expected: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("registry.csv")
        // One sound spell, then the one under test on line 3.
        try [Self.header, "a1,2018,MA-04,7212,40,M,MA,2,1,24,1,6,ar;fr,1,12", row].joined(separator: "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("scores.csv")
        let run = try MizanProcess.run(["profile-risk", "--registry", file.path, "--train-until", "2020", "--out", out.path])
        #expect(run.status == 65, "\(row): \(run.stderr)")
        #expect(run.stderr.contains("registry.csv:3:1: \(expected)"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a profile file the JSON parser would take in silence is refused at the place: a key twice, a trailing comma, bytes that are not UTF-8",
          arguments: [
            (#"{"id": "p2", "region": "MA-06", "region": "MA-04", "occupations": [{"isco": "7212", "years": 8}]}"#, "people.jsonl:2:33: key 'region' appears twice"),
            (#"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "7212", "years": 8},]}"#, "people.jsonl:2:78: a comma before ']'"),
            ("{\"id\": \"p2\", \"region\": \"MA-04\", \"skills\": [\"souder \u{FFFD}\"]}", "people.jsonl:2:"),
          ])
    func strictJSON(record: String, expected: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("people.jsonl")
        var bytes = Array((Self.welder + "\n" + record).utf8)
        // The third case: the replacement character stands for a byte that is not UTF-8.
        if let r = bytes.firstRange(of: Array("\u{FFFD}".utf8)) { bytes.replaceSubrange(r, with: [0xE9]) }
        try Data(bytes).write(to: file)
        let out = dir.appendingPathComponent("r.csv")
        let run = try MizanProcess.run(["recommend", "--profiles", file.path,
                                        "--esco", try SharedData.dataset("esco").path,
                                        "--catalogue", SharedData.repository("Datasets/training/catalogue.csv").path, "--out", out.path])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a folder or a device given as an input file is refused in words, exit 66, no Foundation error codes",
          arguments: [
            (["validate", "FOLDER"], "FOLDER: is a folder, not a file"),
            (["validate", "/dev/zero"], "/dev/zero: is not a regular file"),
            (["forecast", "--panel", "FOLDER", "--out", "OUT"], "FOLDER: is a folder, not a file"),
            (["profile-risk", "--registry", "FOLDER", "--train-until", "2020", "--out", "OUT"], "FOLDER: is a folder, not a file"),
            (["profile-risk", "--registry", "/dev/zero", "--train-until", "2020", "--out", "OUT"], "/dev/zero: is not a regular file"),
            (["recommend", "--profiles", "FOLDER", "--out", "OUT"], "FOLDER: is a folder, not a file"),
            (["regress", "FOLDER", "--y", "a", "--x", "b"], "FOLDER: is a folder, not a file"),
          ])
    func unreadableInputFile(arguments: [String], expected: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("out.csv").path
        let args = arguments.map { $0 == "FOLDER" ? folder.path : $0 == "OUT" ? out : $0 }
        let run = try MizanProcess.run(args + (args[0] == "recommend" ? ["--esco", try SharedData.dataset("esco").path] : []))
        #expect(run.status == 66, "\(args): \(run.stderr)")
        #expect(run.stderr.contains(expected.replacingOccurrences(of: "FOLDER", with: folder.path)), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("permission"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("--out that is a folder, or under a file, is refused in words with exit 73 and nothing written",
          arguments: ["forecast", "shortages", "recommend"])
    func unwritableOutput(command: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("a-file")
        try "mine".write(to: file, atomically: true, encoding: .utf8)
        let inputs: [String]
        switch command {
        case "recommend":
            let people = dir.appendingPathComponent("people.jsonl")
            try Self.welder.write(to: people, atomically: true, encoding: .utf8)
            inputs = ["recommend", "--profiles", people.path, "--esco", try SharedData.dataset("esco").path,
                      "--catalogue", SharedData.repository("Datasets/training/catalogue.csv").path]
        default:
            inputs = [command, "--panel", Self.smallPanel, "--horizon", "2", "--paths", "20"]
        }
        for (out, expected) in [(folder.path, "\(folder.path): cannot write (is a folder, not a file)"),
                                (file.path + "/x.csv", "its folder cannot be made: \(file.path) is a file, not a folder")] {
            let run = try MizanProcess.run(inputs + ["--out", out])
            #expect(run.status == 73, "\(command) --out \(out): \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(run.stderr)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("error 5"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
    }

    @Test("a workbook whose sheet XML is cut off inside its last row: exit 65 naming the sheet, not 'ok' with a row fewer")
    func truncatedSheet() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("panel.xlsx").path, cut = dir.appendingPathComponent("cut.xlsx").path
        let (header, rows) = XLSXWriter.rows(fromCSV: Array(try Data(contentsOf: URL(fileURLWithPath: Self.smallPanel))))
        try XLSXWriter.data(header: header, rows: rows, sheet: "Panel").write(to: URL(fileURLWithPath: whole))
        // The sheet's XML cut in the middle of its last row, the archive otherwise valid (CRCs right).
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", """
            import sys, zipfile
            src, dst = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
                for item in z.infolist():
                    data = z.read(item.filename)
                    if item.filename.startswith("xl/worksheets/"):
                        data = data[:data.rindex(b"<row") + 40]
                    out.writestr(item, data)
            """, whole, cut]
        try python.run(); python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(try MizanProcess.run(["validate", whole]).status == 0)
        let run = try MizanProcess.run(["validate", cut])
        #expect(run.status == 65, "\(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains("cut.xlsx") && run.stderr.contains("the sheet's XML is cut off after row"), "\(run.stderr)")
    }

    static let sectorPanels: [(text: String, at: String, says: String)] = [
        ("year,region,sector,isco,employment\n2022,MA-04,C,7212,-x\n", "p.csv:2:19", "is not a number"),
        ("year,region,sector,isco,employment\n2022,MA-04,,7212,3\n", "p.csv:2:12", "sector is empty"),
        ("year,region,sector,isco,employment\n2022,MA-04,C,7212,3\n2022,MA-04,C,7212,4\n", "p.csv:3:1", "duplicate row"),
        ("year,region,sector,isco,employment\n2022,MA-04,C,99999,3\n", "p.csv:2:14", "is not an ISCO-08 code"),
        ("year,region,sector,isco,employment\n2022,MA-04,C,7212,inf\n", "p.csv:2:19", "is not a number"),
        ("year,region,sector,isco,employment\n2022,MA-04,C,7212\n", "p.csv:2:", "fields"),
        ("year,region,secteur,isco,emploi\nabc,MA-04,C,7212,3\n", "p.csv:2:", "year"),
        ("region,sector,isco,employment\nMA-04,C,7212,3\n", "p.csv:1:1", "still needs year, region and isco"),
        ("year,region,sector,isco,employment\n2022,MA-04,C,7212,1e400\n", "p.csv:2:19", "is not a number"),
    ]

    @Test("a panel with a sector key and a bad cell: exit 65 at the line and column of the file as written", arguments: sectorPanels)
    func badSectorPanel(text: String, at: String, says: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("p.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try MizanProcess.run(["validate", file.path])
        #expect(run.status == 65, "\(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains(dir.appendingPathComponent(at).path) && run.stderr.contains(says), "\(run.stderr)")
    }

    @Test("match: --top 0 is a usage error (exit 64); a level or weight beyond ±1e9 is refused at its line and column (exit 65), nothing written")
    func matchBounds() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "occupation,skill,weight\no1,s1,1\n".write(to: dir.appendingPathComponent("occ.csv"), atomically: true, encoding: .utf8)
        try "occupation,skill,weight\no1,s1,1\no2,s1,2e300\n".write(to: dir.appendingPathComponent("heavy.csv"), atomically: true, encoding: .utf8)
        try "profile_id,skill,level\np0,s1,1\np1,s1,1e39\n".write(to: dir.appendingPathComponent("prof.csv"), atomically: true, encoding: .utf8)
        let zero = try MizanProcess.run(["match", "--occupations", "occ.csv", "--profiles", "prof.csv", "--top", "0", "--out", "t.csv"], in: dir)
        #expect(zero.status == 64 && zero.stderr.contains("--top must be at least 1"), "\(zero.stderr)")
        let huge = try MizanProcess.run(["match", "--occupations", "occ.csv", "--profiles", "prof.csv", "--out", "t.csv"], in: dir)
        #expect(huge.status == 65 && huge.stderr.contains("prof.csv:3:7: level '1e39' is outside ±1e9"), "\(huge.status) \(huge.stderr)")
        let heavy = try MizanProcess.run(["match", "--occupations", "heavy.csv", "--profiles", "prof.csv", "--out", "t.csv"], in: dir)
        #expect(heavy.status == 65 && heavy.stderr.contains("heavy.csv:3:7: weight '2e300' is outside ±1e9"), "\(heavy.status) \(heavy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("t.csv").path))
    }
}

