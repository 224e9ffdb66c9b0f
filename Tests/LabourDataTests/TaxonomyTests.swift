import Foundation
import LabourData
import TestSupport
import Testing

@Suite("ISCO-08, regions and ESCO")
struct TaxonomyTests {
    @Test("ISCO-08 has 619 groups at four levels with French titles and prefix parents")
    func isco() {
        let t = ISCO08.standard
        #expect(t.groups.count == 619)
        #expect((1...4).map { t.groups(atLevel: $0).count } == [10, 43, 130, 436])
        #expect(t.title("2221", .english) == "Nursing professionals")
        #expect(t.title("2221", .french)?.isEmpty == false)
        #expect(t.parent(of: "2221") == "222")
        #expect(t.children(of: "222") == ["2221", "2222"])
        #expect(t.ancestors(of: "2221") == ["2", "22", "222"])
        #expect(t.unitGroups(under: "72").count == 13)  // 7211–7215, 7221–7224, 7231–7234
        #expect(t.groups.allSatisfy { !$0.titleFrench.isEmpty })
    }

    @Test("Morocco's 12 regions and Tunisia's 24 governorates")
    func regions() {
        #expect(Regions.morocco.count == 12 && Regions.tunisia.count == 24)
        #expect(Regions.name("MA-04") == "Rabat-Salé-Kénitra")
        #expect(Regions.name("XX-99") == "XX-99")
        #expect(Regions.isWellFormed("MA-P01") && !Regions.isWellFormed("Rabat Salé"))
    }

    @Test("ESCO loads from the shared copy: 3,039 occupations linked to ISCO, 13,939 skills, 129,004 relations")
    func esco() throws {
        let esco = try ESCO.load(directory: SharedData.dataset("esco"))
        #expect(esco.occupations.count == 3039)
        #expect(esco.skills.count == 13939)
        #expect(esco.relations.reduce(0) { $0 + $1.count } == 129_004)
        #expect(esco.occupations.allSatisfy { ISCO08.standard.group($0.isco)?.level == 4 })
        #expect(esco.occupations.filter { !$0.labelFrench.isEmpty }.count == 3039 - 102)
        // The skill hierarchy links skills to broader skills.
        #expect(esco.broader.filter { !$0.isEmpty }.count == 4977)
        let nurses = esco.occupations(inISCO: "2221")
        #expect(!nurses.isEmpty)
        let some = esco.relations[esco.occupationIndex[nurses[0].uri]!]
        #expect(some.contains { $0.essential })
        // The derived table in Datasets agrees with the source.
        let derived = try String(contentsOf: SharedData.repository("Datasets/taxonomy/esco_occupations.csv"), encoding: .utf8)
        #expect(derived.split(separator: "\n").count == 3040)
    }

    @Test("a broken ESCO link is reported with its file and line")
    func escoErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("esco-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "conceptUri,iscoGroup,preferredLabel\nocc:1,2221,nurse\nocc:2,9999,nobody\n"
            .write(to: dir.appendingPathComponent("occupations_en.csv"), atomically: true, encoding: .utf8)
        try "conceptUri,preferredLabel\nskill:1,care\n".write(to: dir.appendingPathComponent("skills_en.csv"), atomically: true, encoding: .utf8)
        try "occupationUri,relationType,skillType,skillUri\nocc:1,essential,skill,skill:1\nocc:1,maybe,skill,skill:1\n"
            .write(to: dir.appendingPathComponent("occupationSkillRelations_en.csv"), atomically: true, encoding: .utf8)
        do {
            _ = try ESCO.load(directory: dir)
            Issue.record("accepted")
        } catch {
            let text = error.description
            #expect(text.contains("occupations_en.csv:3:1: occupation occ:2: iscoGroup '9999' is not an ISCO-08 unit group"))
            #expect(text.contains("occupationSkillRelations_en.csv:3:1: relationType 'maybe'"))
        }
        #expect(throws: InputError.self) { try ESCO.load(directory: dir.appendingPathComponent("missing")) }
    }
}
