import Foundation
import LabourData
import OutlookBundle
import Recommender
import TestSupport
import Testing

@Suite("Recommendations for migrant profiles")
struct RecommenderTests {
    static var model: SkillModel { TransitionTests.model }

    /// One module per skill, 10 h each, everywhere: paths are then exactly the missing skills.
    static func perSkillCatalogue(_ skills: [Int]) -> TrainingCatalogue {
        TrainingCatalogue(modules: skills.map { s in
            TrainingModule(id: "M\(s)", titleFrench: "module \(s)", titleEnglish: "module \(s)", provider: "test", regions: nil,
                           hours: 10, cost: 0, minISCED: 0, prerequisites: [], skills: [s])
        })
    }

    static func outlook(only isco: String, region: String = "MA-04") -> ShortageOutlook {
        ShortageOutlook(rows: Set(model.esco.occupations.map(\.isco)).map {
            PublishedShortage(region: region, isco: $0, score: 0, pShortage: $0 == isco ? 1 : 0)
        })
    }

    static func profile(holding skills: [Int], sex: String? = nil, nationality: String? = nil, maxHours: Double? = nil) -> MigrantProfile {
        MigrantProfile(id: "p-1", region: "MA-04", occupations: nil,
                       skills: skills.map { .init(esco: model.esco.skills[$0].uri, evidence: .certified) },
                       educationIsced: 3, languages: ["fr"], sex: sex, nationality: nationality,
                       constraints: maxHours.map { .init(maxTrainingHours: $0, regions: nil) })
    }

    static var welder: Int { model.resolve("welder").first! }
    static var welderEssential: [Int] { model.esco.relations[welder].filter(\.essential).map(\.skill).sorted() }

    @Test("holding every essential skill of an occupation in shortage puts it first, with no training")
    func holdsEverything() throws {
        let x = Self.welder
        let engine = Recommender(model: Self.model, catalogue: Self.perSkillCatalogue([]), outlook: Self.outlook(only: "7212"))
        let (recs, reason) = engine.recommend(Self.profile(holding: Self.welderEssential))
        #expect(reason == nil)
        let first = try #require(recs.first)
        #expect(first.destination == x, "first is \(Self.model.esco.occupations[first.destination].labelEnglish)")
        #expect(first.modules.isEmpty && first.hours == 0)
        #expect(abs(first.coverage - 1) < 1e-12)
    }

    @Test("removing k skills yields a path that teaches exactly those k skills")
    func removedSkills() throws {
        let essential = Self.welderEssential
        let removed = [essential[1], essential[3], essential[5]]
        let engine = Recommender(model: Self.model, catalogue: Self.perSkillCatalogue(essential), outlook: Self.outlook(only: "7212"))
        let (recs, _) = engine.recommend(Self.profile(holding: essential.filter { !removed.contains($0) }))
        let rec = try #require(recs.first { $0.destination == Self.welder })
        let taught = Set(rec.modules.flatMap { engine.catalogue.modules[$0].skills })
        #expect(taught == Set(removed))
        #expect(rec.hours == 30 && rec.exact)
        #expect(abs(rec.coverageAfter - 1) < 1e-12)
    }

    @Test("sex and nationality never change a recommendation")
    func fairness() {
        let engine = Recommender(model: Self.model, catalogue: Self.perSkillCatalogue(Self.welderEssential), outlook: Self.outlook(only: "7212"))
        let base = Array(Self.welderEssential.prefix(8))
        let a = engine.recommend(Self.profile(holding: base, sex: "female", nationality: "CI")).recommendations
        let b = engine.recommend(Self.profile(holding: base, sex: "male", nationality: "MA")).recommendations
        let c = engine.recommend(Self.profile(holding: base)).recommendations
        #expect(a.map(\.destination) == b.map(\.destination) && b.map(\.destination) == c.map(\.destination))
        #expect(a.map(\.score) == b.map(\.score) && a.map(\.modules) == c.map(\.modules))
    }

    @Test("infeasible constraints and untaught skills come with a reason")
    func infeasible() {
        let essential = Self.welderEssential
        let engine = Recommender(model: Self.model, catalogue: Self.perSkillCatalogue(essential), outlook: Self.outlook(only: "7212"))
        let (recs, reason) = engine.recommend(Self.profile(holding: Array(essential.prefix(essential.count / 2)), maxHours: 1))
        #expect(recs.isEmpty)
        #expect(reason?.contains("more than the 1 h allowed") == true)
        // With no module for a missing skill, the path says which skills no module teaches.
        let empty = Recommender(model: Self.model, catalogue: Self.perSkillCatalogue([]), outlook: Self.outlook(only: "7212"))
        let (r2, _) = empty.recommend(Self.profile(holding: Array(essential.dropFirst(2))))
        let w = r2.first { $0.destination == Self.welder }
        #expect(w?.untaught.count == 2)
        #expect(empty.recommend(Self.profile(holding: [])).reason?.contains("no skill") == true)
    }

    @Test("profiles are read from JSON and JSON Lines; bad records are located by line")
    func profiles() throws {
        let one = #"{"id": "p-1", "region": "MA-04", "occupations": [{"isco": "7212", "years": 6}], "education_isced": 3}"#
        #expect(try MigrantProfile.read(data: Data(one.utf8), file: "p.json").first?.occupations?.first?.isco == "7212")
        let lines = one + "\n" + #"{"id": "p-2", "region": "MA-06"}"# + "\n"
        #expect(try MigrantProfile.read(data: Data(lines.utf8), file: "p.jsonl").count == 2)
        let bad = one + "\n" + #"{"id": "p-2"}"# + "\n" + #"{"id": "p-3", "region": "MA-01", "education_isced": 11}"# + "\n" + one + "\n"
        do {
            _ = try MigrantProfile.read(data: Data(bad.utf8), file: "p.jsonl")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "p.jsonl:2:1: not a profile: missing 'region'",
                "p.jsonl:3:53: education_isced 11 is not an ISCED level (0–8)",
                "p.jsonl:4:8: profile id 'p-1' appears twice",
            ])
        }
    }

    @Test("the bundled catalogue reads, and a broken one is located by line")
    func catalogue() throws {
        let c = try TrainingCatalogue.read(contentsOf: SharedData.repository("Datasets/training/catalogue.csv"), esco: Self.model.esco)
        #expect(c.modules.count == 100 && c.modules.filter { $0.kind == .training }.count == 80)
        #expect(c.closure(c.index["DIG-03"]!).map { c.modules[$0].id } == ["DIG-01", "DIG-03"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cat-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try """
            module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills
            A,a,a,p,*,10,0,0,B,
            B,b,b,p,*,10,0,0,A,
            C,c,c,p,*,ten,0,0,,
            """.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try TrainingCatalogue.read(contentsOf: url, esco: Self.model.esco)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains(":4:11: hours 'ten' is not a number"))
        }
    }

    @Test("skills gap: demand is openings × the group's need for the skill, supply the people who have it")
    func skillsGap() throws {
        let outlook = ShortageOutlook(rows: [PublishedShortage(region: "MA-04", isco: "7212", score: 1, pShortage: 1, openings: 100)])
        let engine = Recommender(model: Self.model, catalogue: Self.perSkillCatalogue(Self.welderEssential), outlook: outlook)
        let group = Self.model.esco.occupations.indices.filter { Self.model.esco.occupations[$0].isco == "7212" }
        // A skill every 7212 occupation lists as essential is needed with weight 1.
        let common = group.map { Set(Self.model.esco.relations[$0].filter(\.essential).map(\.skill)) }.reduce(nil as Set<Int>?) { $0?.intersection($1) ?? $1 } ?? []
        let rows = SkillsGap.compute(recommender: engine, outlook: outlook, profiles: [])
        #expect(rows.allSatisfy { $0.region == "MA-04" && $0.supply == 0 })
        for s in common {
            let row = try #require(rows.first { $0.skill == s })
            #expect(abs(row.demand - 100) < 1e-9)
        }
        // One registered welder supplies their skills.
        let person = MigrantProfile(id: "w", region: "MA-04", occupations: [.init(esco: Self.model.esco.occupations[Self.welder].uri)])
        let with = SkillsGap.compute(recommender: engine, outlook: outlook, profiles: [person])
        #expect(with.contains { $0.supply > 0 })
        #expect(with.reduce(0) { $0 + $1.gap } < rows.reduce(0) { $0 + $1.gap })
    }
}

@Suite("Profiles validated")
struct ProfileValidationTests {
    @Test("region names become codes; negative years, unknown regions and years beyond a working life are refused at file:line",
          arguments: [
            (#"{"id":"a","region":"MA-99"}"#, "unknown region 'MA-99'"),
            (#"{"id":"a","region":"Casablanka-Setat"}"#, "did you mean MA-06 (Casablanca-Settat)"),
            (#"{"id":"a","region":"MA-06","occupations":[{"isco":"7212","years":-5}]}"#, "occupations[0].years is -5.0: years held cannot be negative"),
            (#"{"id":"a","region":"MA-06","occupations":[{"isco":"7212","years":70}]}"#, "longer than a working life"),
            (#"{"id":"a","region":"MA-06","constraints":{"regions":["Oriantal"]}}"#, "constraints.regions: unknown region 'Oriantal'"),
            (#"{"id":"a","region":"MA-06","skills":[3]}"#, "'skills[0]' should be a skill"),
          ])
    func refused(record: String, message: String) {
        do {
            _ = try MigrantProfile.read(data: Data(("{\"id\":\"ok\",\"region\":\"MA-01\"}\n" + record + "\n").utf8), file: "p.jsonl")
            Issue.record("accepted: \(record)")
        } catch {
            #expect(error.diagnostics[0].line == 2)
            #expect(error.diagnostics[0].message.contains(message), "\(error.diagnostics[0].message)")
        }
    }

    static let prettyProfile = """

        {
          "id": "p1",
          "region": "MA-06",
          "occupations": [
            {"isco": "7212", "years": 8},
            {"label": "soudeur", "years": YEARS}
          ],
          "skills": ["souder à l'arc", SKILL],
          "constraints": {"max_training_hours": 300, "regions": ["MA-01"]}
        }
        """

    /// Foundation's decoder names the field but not the place; in a pretty-printed profile the
    /// place is its own line. Every problem points at the value (or key) it is about.
    @Test("a pretty-printed profile's problem is reported at the line and column of its value, in words",
          arguments: [
            ("YEARS", "-2", "7:35", "occupations[1].years is -2.0: years held cannot be negative"),
            ("SKILL", "3", "9:32", "not a profile: 'skills[1]' should be a skill"),
            ("\"years\": 8", "\"years\": \"eight\"", "6:31", "not a profile: 'occupations[0].years' should be a number"),
            ("\"occupations\"", "\"occupation\"", "5:3", "unknown key 'occupation' (did you mean 'occupations'?): a profile has id, region,"),
            ("\"max_training_hours\"", "\"max_hours\"", "10:19", "unknown key 'max_hours': constraints has max_training_hours, regions"),
            ("{\"label\": \"soudeur\"", "{\"lable\": \"soudeur\"", "7:6", "unknown key 'lable' (did you mean 'label'?): occupations[…] has esco, isco, label, years, abroad"),
            ("\"MA-01\"]", "\"Oriantal\"]", "10:58", "constraints.regions: unknown region 'Oriantal'"),
            ("\"region\": \"MA-06\"", "\"region\": 6", "4:13", "not a profile: 'region' should be text"),
          ])
    func prettyPrinted(replace: String, with: String, at: String, says: String) throws {
        let text = Self.prettyProfile.replacingOccurrences(of: "YEARS", with: "2").replacingOccurrences(of: "SKILL", with: "\"lire des plans\"")
        #expect(try MigrantProfile.read(data: Data(text.utf8), file: "p.json").count == 1)
        let bad = Self.prettyProfile.replacingOccurrences(of: replace, with: with)
            .replacingOccurrences(of: "YEARS", with: "2").replacingOccurrences(of: "SKILL", with: "\"lire des plans\"")
        do {
            _ = try MigrantProfile.read(data: Data(bad.utf8), file: "p.json")
            Issue.record("accepted: \(with)")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].description.hasPrefix("p.json:\(at): \(says)"), "\(error.diagnostics[0].description)")
        }
    }

    @Test("names, French or English, and ISCO cells with titles are normalised")
    func normalised() throws {
        let p = try MigrantProfile.read(data: Data(#"{"id":"a","region":"Grand Casablanca-Settat","occupations":[{"isco":"7212 - Soudeurs","years":6}],"constraints":{"regions":["Région de l'Oriental"]}}"#.utf8), file: "p.json")
        #expect(p[0].region == "MA-06" && p[0].occupations?[0].isco == "7212" && p[0].constraints?.regions == ["MA-02"])
    }
}

@Suite("Catalogue from a workbook")
struct CatalogueWorkbookTests {
    @Test("the training catalogue kept in Excel reads as its CSV")
    func catalogueXLSX() throws {
        let csvURL = SharedData.repository("Datasets/training/catalogue.csv")
        let (header, rows) = XLSXWriter.rows(fromCSV: Array(try Data(contentsOf: csvURL)), textColumns: ["module_id", "title_fr", "title_en", "provider", "regions", "skills", "prerequisites"])
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-catalogue-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: tmp) }
        try XLSXWriter.data(header: header, rows: rows, sheet: "modules").write(to: tmp)
        let a = try TextTable.read(contentsOf: csvURL, required: ["module_id"])
        let b = try TextTable.read(contentsOf: tmp, required: ["module_id"])
        #expect(a.columns == b.columns && a.rows.count == b.rows.count)
        #expect(b.file == tmp.path && b.lines.first == 2)
        // Numbers written as numbers read back as the same numbers.
        for (x, y) in zip(a.rows, b.rows) {
            for (u, v) in zip(x, y) { #expect(u == v || Double(u) == Double(v), "\(u) vs \(v)") }
        }
    }
}

@Suite("Profiles from a table")
struct ProfileTableTests {
    @Test("a register kept as CSV or .xlsx reads as the JSON profiles; problems at the row")
    func table() throws {
        let csv = """
        id,region,isco,years,abroad,education_isced,languages,skills,regions,max_training_hours
        p1,Grand Casablanca-Settat,7212 - Soudeurs,6,1,3,fr|ar,http://data.europa.eu/esco/skill/a|http://data.europa.eu/esco/skill/b,Rabat-Salé-Kénitra,200
        p2,MA-02,,,,,,,,

        """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("register.csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        let people = try MigrantProfile.readAny(contentsOf: url)
        #expect(people.count == 2)
        #expect(people[0].region == "MA-06" && people[0].occupations?[0].isco == "7212" && people[0].occupations?[0].years == 6)
        #expect(people[0].occupations?[0].abroad == true && people[0].educationIsced == 3 && people[0].languages == ["fr", "ar"])
        #expect(people[0].skills?.count == 2 && people[0].constraints?.regions == ["MA-04"] && people[0].constraints?.maxTrainingHours == 200)
        #expect(people[1].occupations == nil && people[1].region == "MA-02")
        let (header, rows) = XLSXWriter.rows(fromCSV: Array(csv.utf8), textColumns: ["id", "region", "isco", "languages", "skills", "regions"])
        let book = dir.appendingPathComponent("register.xlsx")
        try XLSXWriter.data(header: header, rows: rows, sheet: "Inscrits").write(to: book)
        #expect(try MigrantProfile.readAny(contentsOf: book) == people)
        try "id,region,years,isco\np1,MA-06,-3,7212\n".write(to: url, atomically: true, encoding: .utf8)
        do { _ = try MigrantProfile.readAny(contentsOf: url); Issue.record("accepted") } catch {
            #expect(error.diagnostics[0].line == 2 && error.diagnostics[0].message.contains("cannot be negative"))
        }
    }
}
