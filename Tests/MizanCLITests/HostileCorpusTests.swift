import Foundation
import LabourData
import TestSupport
import Testing

/// The hostile corpus as the command line meets it (issue 31): every file is written to a fresh
/// folder and given to the real binary; each case asserts exit 65, the message at the file's line
/// and column, and that the output was not written.
@Suite("Hostile corpus through the binary: exit 65 at the place, nothing written")
struct HostileCorpusTests {
    /// Runs `arguments` with `FILE` standing for `text` saved as `name`, `OUT` for an output path.
    static func refused(_ name: String, _ text: Data, arguments: [String], at: String, says: String) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try text.write(to: file)
        let out = dir.appendingPathComponent("out.csv")
        let run = try MizanProcess.run(arguments.map { $0 == "FILE" ? file.path : $0 == "OUT" ? out.path : $0 })
        #expect(run.status == 65, "\(name): \(run.status) \(run.stderr.prefix(300))")
        let first = run.stderr.split(separator: "\n").first { $0.hasPrefix(file.path + ":") }.map(String.init) ?? run.stderr
        #expect(first.hasPrefix("\(file.path):\(at): ") && first.contains(says), "\(name): \(first.prefix(300))")
        #expect(first.count < 600, "\(name): a message of \(first.count) characters")
        #expect(!run.stderr.contains("DecodingError") && !run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "\(name): written")
    }

    @Test("a malformed panel, through mizan forecast", arguments: HostileCorpus.panels)
    func panel(_ c: HostileCorpus.Case) throws {
        try Self.refused("panel.csv", Data(c.text.utf8), arguments: ["forecast", "--panel", "FILE", "--horizon", "2", "--out", "OUT"],
                         at: c.at, says: c.says)
    }

    @Test("--sheet for a CSV panel is refused, not ignored")
    func sheetOfACSV() throws {
        try Self.refused("panel.csv", try Data(contentsOf: SharedData.repository("Tests/ForecastingTests/Fixtures/tiny_panel.csv")),
                         arguments: ["forecast", "--panel", "FILE", "--sheet", "2024", "--horizon", "2", "--out", "OUT"],
                         at: "1:1", says: "--sheet '2024' is for .xlsx workbooks")
    }

    static let w = #"{"id": "p1", "region": "MA-04", "occupations": [{"isco": "7212", "years": 8}]}"#

    /// Profiles a counsellor's office might export: a typo in a key, a number where text goes,
    /// impossible years, files that are not profiles at all.
    static let profiles: [HostileCorpus.Case] = [
        .init(name: "p.jsonl", text: w + "\n" + #"{"id": "p2", "region": "MA-04", "occupation": "soudeur"}"#, at: "2:33", says: "unknown key 'occupation' (did you mean 'occupations'?)"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "7212", "year": 8}]}"#, at: "1:66", says: "unknown key 'year' (did you mean 'years'?): occupations[…] has"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "skills": [{"label": "souder", "evidance": "certified"}]}"#, at: "1:64", says: "unknown key 'evidance' (did you mean 'evidence'?)"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212"], "constraints": {"max_hours": 100}}"#, at: "1:74", says: "unknown key 'max_hours': constraints has max_training_hours, regions"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "7212", "years": "eight"}]}"#, at: "1:75", says: "not a profile: 'occupations[0].years' should be a number"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "7212", "years": -1}]}"#, at: "1:75", says: "occupations[0].years is -1.0: years held cannot be negative"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "7212", "years": 51}]}"#, at: "1:75", says: "occupations[0].years is 51.0: longer than a working life"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "7212", "years": 1e308}]}"#, at: "1:75", says: "occupations[0].years is 1e+308: longer than a working life"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "7212", "years": 1e999}]}"#, at: "1:75", says: "the number 1e999 is beyond what any field can hold"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212"], "education_isced": 9}"#, at: "1:77", says: "education_isced 9 is not an ISCED level (0–8)"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212"], "education_isced": 3.5}"#, at: "1:77", says: "education_isced 3.5 is not an ISCED level (a whole number 0–8)"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212"], "education_isced": 99999999999999999999}"#, at: "1:77", says: "education_isced 99999999999999999999 is not an ISCED level"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "9999"}]}"#, at: "1:58", says: "occupations[0].isco '9999' is not in ISCO-08"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": [{"isco": "72x2"}]}"#, at: "1:58", says: "occupations[0].isco '72x2' is not in ISCO-08"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": {"isco": "7212"}}"#, at: "1:48", says: "not a profile: 'occupations' should be a list of occupations"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "skills": [{"label": "souder", "evidence": "sure"}]}"#, at: "1:76", says: "not a profile: 'skills[0].evidence' should be declared, certified or inferred"),
        .init(name: "p.jsonl", text: #"{"id": "", "region": "MA-04", "occupations": ["7212"]}"#, at: "1:8", says: "id is empty"),
        .init(name: "p.jsonl", text: #"{"region": "MA-04", "occupations": ["7212"]}"#, at: "1:1", says: "not a profile: missing 'id'"),
        .init(name: "p.jsonl", text: #"{"id": 17, "region": "MA-04", "occupations": ["7212"]}"#, at: "1:8", says: "not a profile: 'id' should be text"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "occupations": ["7212"]}"#, at: "1:1", says: "not a profile: missing 'region'"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "Casablanka-Setat", "occupations": ["7212"]}"#, at: "1:24", says: "unknown region 'Casablanka-Setat'; did you mean MA-06"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212"], "constraints": {"regions": ["Oriantal"]}}"#, at: "1:86", says: "constraints.regions: unknown region 'Oriantal'"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212"], "constraints": {"max_training_hours": -5}}"#, at: "1:96", says: "max_training_hours must be a number ≥ 0"),
        .init(name: "p.jsonl", text: w + "\n" + w, at: "2:8", says: "profile id 'p1' appears twice"),
        .init(name: "p.jsonl", text: w + "\n" + #"["p2", "MA-04"]"#, at: "2:1", says: "not a profile: a profile is a JSON object {\"id\": …, \"region\": …}, not an array"),
        .init(name: "p.json", text: "null", at: "1:1", says: "not a profile: a profile is a JSON object {\"id\": …, \"region\": …}, not null"),
        .init(name: "p.json", text: "\"soudeur\"", at: "1:1", says: "not a profile: a profile is a JSON object {\"id\": …, \"region\": …}, not text"),
        .init(name: "p.json", text: "[" + w + ", 3]", at: "1:82", says: "not a profile: element [1] of the array should be a JSON object"),
        .init(name: "p.jsonl", text: "", at: "1:1", says: "no profile in the file"),
        .init(name: "p.jsonl", text: "\n   \n\n", at: "1:1", says: "no profile in the file"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212",]}"#, at: "1:56", says: "a comma before ']': remove the trailing comma"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "region": "MA-06", "occupations": ["7212"]}"#, at: "1:33", says: "key 'region' appears twice in the same object"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "skills": "# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
              at: "1:555", says: "nested deeper than JSON readers allow (512 levels)"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "skills": [""# + String(repeating: "x", count: 1_000_000) + #""]}"#, at: "1:1", says: "skills[0]: 'xxxxxxxx"),
        .init(name: "p.json", text: "{\n  \"id\": \"p2\",\n  \"region\": \"MA-04\",\n  \"occupations\": [\n    {\"isco\": \"7212\", \"years\": true}\n  ]\n}\n", at: "5:31", says: "not a profile: 'occupations[0].years' should be a number"),
        .init(name: "p.jsonl", text: #"{"id": "p2", "region": "MA-04", "occupations": ["xqzvw"]}"#, at: "1:1", says: "occupations[0]: 'xqzvw' is not an ESCO occupation"),
        .init(name: "p.json", text: #"{"id": "p2", "region": "MA-04", "occupations": ["7212"]"#, at: "1:1", says: "not a profile: not valid JSON"),
        // Tables.
        .init(name: "p.csv", text: "id,region,isco,yeras\np1,MA-04,7212,8\n", at: "1:16", says: "unknown column 'yeras' (did you mean 'years'?)"),
        .init(name: "p.csv", text: "id,region,isco,years\np1,MA-04,7212,x\n", at: "2:15", says: "years 'x' is not a number"),
        .init(name: "p.csv", text: "id,region,isco,max_training_hours\np1,MA-04,7212,lots\n", at: "2:15", says: "max_training_hours 'lots' is not a number"),
        .init(name: "p.csv", text: "id,region,isco\np1,MA-04,7212\np1,MA-04,7212\n", at: "3:1", says: "profile id 'p1' appears twice"),
        .init(name: "p.csv", text: "id,region,isco\np1,MA-04,72x2\n", at: "2:10", says: "occupations[0].isco '72x2' is not in ISCO-08"),
        .init(name: "p.csv", text: "id,region,isco,education_isced\np1,MA-04,7212,3.5\n", at: "2:15", says: "education_isced '3.5' is not a whole number"),
        .init(name: "p.csv", text: "id,region,isco,years\np1,Casablanka,7212,3\n", at: "2:4", says: "unknown region 'Casablanka'; did you mean MA-06"),
    ]

    @Test("a profile file a counsellor's office might export, through mizan recommend", arguments: profiles)
    func profile(_ c: HostileCorpus.Case) throws {
        try Self.refused(c.name, Data(c.text.utf8),
                         arguments: ["recommend", "--profiles", "FILE", "--out", "OUT", "--esco", try SharedData.dataset("esco").path,
                                     "--catalogue", SharedData.repository("Datasets/training/catalogue.csv").path],
                         at: c.at, says: c.says)
    }

    @Test("bytes that are not UTF-8 inside a profile string: refused at the string")
    func notUTF8() throws {
        try Self.refused("p.jsonl", Data(#"{"id": "p2", "region": "MA-04", "skills": ["soud"#.utf8) + Data([0xFF]) + Data(#"er"]}"#.utf8),
                         arguments: ["recommend", "--profiles", "FILE", "--out", "OUT", "--esco", try SharedData.dataset("esco").path],
                         at: "1:44", says: "bytes that are not UTF-8 text in this string")
    }

    @Test("a JSON array of profiles (pandas' to_json(orient=\"records\")) reads as the same profiles as JSON Lines")
    func arrayOfProfiles() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let other = #"{"id": "p2", "region": "MA-06", "occupations": ["cuisinier"]}"#
        try (Self.w + "\n" + other + "\n").write(to: dir.appendingPathComponent("p.jsonl"), atomically: true, encoding: .utf8)
        try ("[\n  " + Self.w + ",\n  " + other + "\n]\n").write(to: dir.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        var outputs: [String] = []
        for name in ["p.jsonl", "p.json"] {
            let out = dir.appendingPathComponent(name + ".csv")
            let run = try MizanProcess.run(["recommend", "--profiles", dir.appendingPathComponent(name).path, "--out", out.path,
                                            "--esco", try SharedData.dataset("esco").path])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try String(contentsOf: out, encoding: .utf8))
        }
        #expect(outputs[0] == outputs[1] && outputs[0].contains("p2"))
    }

    static let catalogueHeader = "module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills\n"

    /// Training catalogues a provider might send: every number range-checked, every name known.
    static let catalogues: [HostileCorpus.Case] = [
        .init(name: "hours not a number", text: catalogueHeader + "A,a,a,p,*,ten,0,0,,\n", at: "2:11", says: "hours 'ten' is not a number"),
        .init(name: "hours NaN", text: catalogueHeader + "A,a,a,p,*,nan,0,0,,\n", at: "2:11", says: "hours 'nan' is not a number"),
        .init(name: "negative hours", text: catalogueHeader + "A,a,a,p,*,-10,0,0,,\n", at: "2:11", says: "module 'A': hours must be above 0 and at most 10000, not -10"),
        .init(name: "hours 1e300", text: catalogueHeader + "A,a,a,p,*,1e300,0,0,,\n", at: "2:11", says: "hours must be above 0 and at most 10000, not 1e300"),
        .init(name: "negative cost", text: catalogueHeader + "A,a,a,p,*,10,-5,0,,\n", at: "2:14", says: "module 'A': cost cannot be negative"),
        .init(name: "ISCED 12", text: catalogueHeader + "A,a,a,p,*,10,0,12,,\n", at: "2:16", says: "module 'A': min_isced must be an ISCED level 0–8"),
        .init(name: "ISCED 2.5", text: catalogueHeader + "A,a,a,p,*,10,0,2.5,,\n", at: "2:16", says: "min_isced must be an ISCED level 0–8"),
        .init(name: "unknown region", text: catalogueHeader + "A,a,a,p,MA-99,10,0,0,,\n", at: "2:9", says: "module 'A': unknown region 'MA-99'"),
        .init(name: "prerequisite cycle", text: catalogueHeader + "A,a,a,p,*,10,0,0,B,\nB,b,b,p,*,10,0,0,A,\n", at: "2:1", says: "module 'A' requires itself through its prerequisites"),
        .init(name: "unknown prerequisite", text: catalogueHeader + "A,a,a,p,*,10,0,0,Z,\n", at: "2:18", says: "module 'A': unknown prerequisite 'Z'"),
        .init(name: "module twice", text: catalogueHeader + "A,a,a,p,*,10,0,0,,\nA,a,a,p,*,10,0,0,,\n", at: "3:1", says: "module 'A' appears twice (first at line 2)"),
        .init(name: "empty id", text: catalogueHeader + ",a,a,p,*,10,0,0,,\n", at: "2:1", says: "module_id is empty"),
        .init(name: "unknown skill URI", text: catalogueHeader + "A,a,a,p,*,10,0,0,,http://data.europa.eu/esco/skill/nonexistent\n", at: "2:19", says: "module 'A': unknown ESCO skill"),
        .init(name: "missing columns", text: "module_id,title_fr,hours\nA,a,10\n", at: "1:1", says: "header lacks title_en, provider"),
        .init(name: "unknown column", text: "module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills,hour\nA,a,a,p,*,10,0,0,,,5\n", at: "1:88", says: "unknown column 'hour'"),
        .init(name: "bad type", text: "module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills,type,isco\nA,a,a,p,*,10,0,0,,,exam,7212\n", at: "2:20", says: "type 'exam' is not training, assessment or certification"),
        .init(name: "assessment without trades", text: "module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills,type,isco\nA,a,a,p,*,10,0,0,,,assessment,\n", at: "2:31", says: "an assessment names the trades it covers"),
        .init(name: "isco not in ISCO-08", text: "module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills,type,isco\nA,a,a,p,*,10,0,0,,,training,9999\n", at: "2:29", says: "isco '9999' is not in ISCO-08"),
    ]

    @Test("a training catalogue a provider might send, through mizan recommend", arguments: catalogues)
    func catalogue(_ c: HostileCorpus.Case) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let welder = dir.appendingPathComponent("welder.json")
        try Self.w.write(to: welder, atomically: true, encoding: .utf8)
        try Self.refused("catalogue.csv", Data(c.text.utf8),
                         arguments: ["recommend", "--profiles", welder.path,
                                     "--out", "OUT", "--esco", try SharedData.dataset("esco").path, "--catalogue", "FILE"],
                         at: c.at, says: c.says)
    }

    /// Column maps (`--columns map.toml`): what the map says must be a map.
    static let columnMaps: [HostileCorpus.Case] = [
        .init(name: "unknown measure", text: "[columns]\n\"emploi\" = \"employmnet\"\n", at: "2:12", says: "'employmnet' is not a column Mizan knows; closest: employment"),
        .init(name: "misspelt table", text: "[colums]\n\"x\" = \"employment\"\n", at: "2:7", says: "'colums.x' is not in a [columns] table"),
        .init(name: "a number", text: "[columns]\n\"a\" = 3\n", at: "2:7", says: "'a' must map to a column name in quotes"),
        .init(name: "a name twice", text: "[columns]\n\"a\" = \"employment\"\n\"a\" = \"jobseekers\"\n", at: "3:1", says: "'columns.a' is set twice"),
        .init(name: "unclosed header", text: "[columns\n", at: "1:1", says: "a table header is [name]"),
        .init(name: "empty", text: "\n", at: "1:1", says: "the map names no column"),
        .init(name: "no entries", text: "[columns]\n", at: "1:1", says: "the map names no column"),
    ]

    @Test("a column map, through mizan forecast --columns", arguments: columnMaps)
    func columnMap(_ c: HostileCorpus.Case) throws {
        try Self.refused("map.toml", Data(c.text.utf8),
                         arguments: ["forecast", "--panel", SharedData.repository("Tests/ForecastingTests/Fixtures/tiny_panel.csv").path,
                                     "--columns", "FILE", "--horizon", "2", "--out", "OUT"],
                         at: c.at, says: c.says)
    }
}
