import Foundation
import LabourData
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
        var o = ShortageOutlook()
        for code in ISCO08.standard.groups(atLevel: 4).map(\.code) { o.entries["MA-06/\(code)"] = (0, code == "7212" ? welders : p) }
        return o
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
}
