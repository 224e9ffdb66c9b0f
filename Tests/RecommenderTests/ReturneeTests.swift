import Foundation
import LabourData
import OutlookBundle
import Recommender
import Testing
import TestSupport

/// A counsellor's first case: a returnee welder in Casablanca-Settat.
@Suite("A returnee's own trade first")
struct ReturneeTests {
    static let esco = TransitionTests.model.esco
    static let catalogue = try! TrainingCatalogue.read(contentsOf: SharedData.repository("Datasets/training/catalogue.csv"), esco: esco)

    /// Every unit group at p in Casablanca-Settat, welders (7212) at `welders`.
    static func outlook(_ p: Double, welders: Double) -> ShortageOutlook {
        ShortageOutlook(rows: ISCO08.standard.groups(atLevel: 4).map(\.code).map {
            PublishedShortage(region: "MA-06", isco: $0, score: 0, pShortage: $0 == "7212" ? welders : p)
        })
    }

    static let profile = """
    {"id":"r1","region":"Casablanca-Settat","occupations":[{"isco":"7212","years":6,"abroad":true}],"skills":["souder à l'arc",{"label":"operate welding equipment","evidence":"certified"}],"education_isced":2}
    """

    static func recommend(_ outlook: ShortageOutlook) throws -> [Recommendation] {
        let people = try ProfileLabels(esco: esco).resolve(try MigrantProfile.read(data: Data(profile.utf8), file: "r1.json"), file: "r1.json")
        return Recommender(model: SkillModel(esco: esco), catalogue: catalogue, outlook: outlook).recommend(people[0]).recommendations
    }

    @Test("welders in shortage: welding first, recognised through assessment and certification; then metal trades (ISCO 72xx)")
    func welderFirst() throws {
        let recs = try Self.recommend(Self.outlook(0.6, welders: 0.8))
        let first = try #require(recs.first)
        #expect(first.kind == .ownTrade)
        #expect(Self.esco.occupations[first.destination].labelEnglish == "welder")
        #expect(first.route.map { Self.catalogue.modules[$0].id } == ["MET-VAE", "MET-CQP"])
        #expect(first.evidence.certified == 1 && first.evidence.declared == 1 && first.evidence.evidenced > 10)
        #expect(first.pShortage == 0.8 && first.cost >= 2000)
        let fr = RecommendationTable.reasons(first, .french, esco: Self.esco, catalogue: Self.catalogue)
        #expect(fr[0].hasPrefix("votre métier : ") && fr[1] == "pénurie probable à Casablanca-Settat (p = 0.80)")
        #expect(fr[2] == "reconnaissance : MET-VAE (validation des acquis, 16 h) puis MET-CQP (certification, 8 h)")
        let next = recs.dropFirst().prefix(4).map { Self.esco.occupations[$0.destination].isco }
        #expect(next.count == 4 && next.allSatisfy { $0.hasPrefix("72") }, "\(next)")
        #expect(recs.dropFirst().allSatisfy { $0.kind == .move && $0.destination != first.destination })
    }

    @Test("welders not in shortage: no own-trade line, and the words follow p")
    func wordsFollowP() throws {
        let recs = try Self.recommend(Self.outlook(0.3, welders: 0.3))
        #expect(!recs.isEmpty && recs.allSatisfy { $0.kind == .move })
        for r in recs {
            let line = RecommendationTable.reasons(r, .french, esco: Self.esco, catalogue: Self.catalogue)[1]
            #expect(line == "pénurie peu probable à Casablanca-Settat (p = 0.30)", "\(line)")
        }
    }

    static func recommend(_ text: String, _ outlook: ShortageOutlook, warnings: inout [Diagnostic]) throws -> [Recommendation] {
        var found: [Diagnostic] = []
        let people = try ProfileLabels(esco: esco).resolve(try MigrantProfile.read(data: Data(text.utf8), file: "p.json"), file: "p.json") { found.append($0) }
        warnings = found
        return Recommender(model: SkillModel(esco: esco), catalogue: catalogue, outlook: outlook).recommend(people[0]).recommendations
    }

    /// Issue 26 (7): a returnee welder with 8 years, arc welding and standard blueprints typed.
    static let welder8 = #"{"id":"w","region":"MA-06","occupations":[{"isco":"7212","years":8,"abroad":true}],"skills":["souder à l'arc","lire des plans standard"]}"#

    @Test("one body of evidence: each move covers at least the share of its essential skills the welder's own trade attests, and trains none of them")
    func movesCreditTheTrade() throws {
        var warnings: [Diagnostic] = []
        let recs = try Self.recommend(Self.welder8, Self.outlook(0.6, welders: 0.8), warnings: &warnings)
        let own = try #require(recs.first { $0.kind == .ownTrade })
        let model = SkillModel(esco: Self.esco)
        let relations = Self.esco.relations
        let attested = Set(relations[own.destination].filter(\.essential).map(\.skill))
        #expect(own.evidence.missing == 0, "the welder's own trade: \(own.evidence)")
        let moves = recs.filter { $0.kind == .move }
        #expect(moves.count >= 3)
        for m in moves {
            let essentials = model.profiles[m.destination].filter { s in relations[m.destination].contains { $0.skill == s.skill && $0.essential } }
            let mass = essentials.reduce(0) { $0 + $1.weight }
            let shared = essentials.filter { attested.contains($0.skill) }.reduce(0) { $0 + $1.weight }
            #expect(m.coverage >= shared / mass - 1e-9, "\(Self.esco.occupations[m.destination].labelEnglish): \(m.coverage) < \(shared / mass)")
            // Paths buy only what nothing evidences.
            #expect(m.untaught.allSatisfy { !attested.contains($0) })
        }
    }

    @Test("ISCO 7212 means the welder, as 'soudeur' does: the same answer by code and by word")
    func codeMeansTheTrade() throws {
        var warnings: [Diagnostic] = []
        let byCode = try Self.recommend(#"{"id":"w","region":"MA-06","occupations":[{"isco":"7212","years":8}]}"#, Self.outlook(0.6, welders: 0.8), warnings: &warnings)
        let byWord = try Self.recommend(#"{"id":"w","region":"MA-06","occupations":[{"label":"soudeur","years":8}]}"#, Self.outlook(0.6, welders: 0.8), warnings: &warnings)
        #expect(Self.esco.occupations[byCode[0].destination].labelEnglish == "welder")
        #expect(byCode.map(\.destination) == byWord.map(\.destination) && byCode.map(\.hours) == byWord.map(\.hours))
        #expect(byCode[0].evidence == byWord[0].evidence && byCode[0].evidence.missing == 0, "\(byCode[0].evidence)")
        #expect(Self.esco.representative(ofUnitGroup: "7411").map { Self.esco.occupations[$0].labelEnglish } == "building electrician")  // 7411 Building and related electricians
    }

    @Test("a phrase that could be several skills is kept as weaker evidence with a warning naming them; one that matches nothing is still an error")
    func ambiguousSkillKept() throws {
        var warnings: [Diagnostic] = []
        let text = #"{"id":"w","region":"MA-06","occupations":[{"isco":"7212","years":8}],"skills":["souder à l'arc","lire des plans"]}"#
        let recs = try Self.recommend(text, Self.outlook(0.6, welders: 0.8), warnings: &warnings)
        #expect(!recs.isEmpty)
        #expect(warnings.count == 1 && warnings[0].message.contains("skills[1]: 'lire des plans' could be 'lire des plans standard' (read standard blueprints)"), "\(warnings)")
        let people = try ProfileLabels(esco: Self.esco).resolve(try MigrantProfile.read(data: Data(text.utf8), file: "p.json"), file: "p.json")
        let kept = (people[0].skills ?? []).filter(\.ambiguous)
        #expect(kept.count >= 2 && kept.contains { $0.esco == Self.esco.skills.first { $0.labelEnglish == "read standard blueprints" }?.uri })
        #expect(throws: InputError.self) {
            _ = try ProfileLabels(esco: Self.esco).resolve(try MigrantProfile.read(data: Data(#"{"id":"w","region":"MA-06","skills":["xqzvwk plmb"]}"#.utf8), file: "p.json"), file: "p.json")
        }
        // "electrician" is ESCO's electrician by its own name, not ambiguous with those listing it as an alternative.
        let e = try ProfileLabels(esco: Self.esco).resolve(try MigrantProfile.read(data: Data(#"{"id":"e","region":"MA-06","occupations":["electrician"]}"#.utf8), file: "p.json"), file: "p.json")
        #expect(e[0].occupations?[0].esco.flatMap { Self.esco.occupationIndex[$0] }.map { Self.esco.occupations[$0].labelEnglish } == "electrician")
    }
}
