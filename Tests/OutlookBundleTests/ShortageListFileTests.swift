import Foundation
import LabourData
import OutlookBundle
import Testing
import TestSupport

/// The list file is the contract: what is written is read back as it was, a hand-made list with
/// fewer columns is read, and a bad cell fails at its line and column.
@Suite("The published shortage list file")
struct ShortageListFileTests {
    static func temp(_ text: String, _ name: String = "shortages.csv") throws -> URL {
        let url = try temporaryFolder("bundle").appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let welders = PublishedShortage(
        region: "MA-06", isco: "7212", title: "Soudeurs et oxycoupeurs", score: 2.6181, rank: 1, rankLow: 1, rankHigh: 11, rankNational: 3,
        pShortage: 0.965, basis: "forward balance (tau 0.02)", pForward: 0.965, tensionRatio: 0.9754, registryCoverage: 1, employment: 10027,
        openings: 3151.758, replacement: 1049.2353, newSupply: 1131.7667, imbalance: 0.2015, imbalanceLow: -0.0856, imbalanceHigh: 0.3429,
        supplyObserved: ["graduates", "returnees"], reasons: "ouvertures supérieures à la nouvelle offre de 20,1 % de l'emploi d'ici 2029; 0,98 offres par demandeur",
        reasonsByLanguage: [.french: "ouvertures supérieures à la nouvelle offre de 20,1 % de l'emploi d'ici 2029; 0,98 offres par demandeur",
                            .english: "openings exceed new supply by 20.1% of employment by 2029; 0.98 vacancies per job seeker",
                            .arabic: "فرص العمل تفوق العرض الجديد بما يعادل 20,1 % من التشغيل بحلول 2029"])

    @Test("a row written is read back field for field; missing values stay missing, 'none' is no supply observed")
    func roundTrip() throws {
        var sparse = PublishedShortage(region: "TOTAL", isco: "2221", title: "Infirmiers", score: -0.5, rank: 40, rankLow: 31, rankHigh: 52,
                                       rankNational: 40, basis: "none", registryCoverage: 0.8, employment: 512, reasons: "")
        sparse.supplyObserved = []
        let bytes = ShortageListFile.csv([Self.welders, sparse])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(ShortageListFile.columns.joined(separator: ",") + "\n"))
        #expect(text.contains(",none,,,,\n"))  // no supply observed, no reasons in any language
        let back = try ShortageListFile.read(try Self.temp(text))
        #expect(back == [Self.welders, sparse])
    }

    @Test("the file names of the six lists of a bundle")
    func names() {
        #expect(ShortageListFile.name(.target, .all) == "shortages.csv")
        #expect(ShortageListFile.name(.now, .all) == "shortages_now.csv")
        #expect(ShortageListFile.name(.target, .female) == "shortages_female.csv")
        #expect(ShortageListFile.name(.now, .male) == "shortages_now_male.csv")
    }

    @Test("a hand-made list of region, isco and p_shortage is read; other columns are absent, not zero")
    func handMade() throws {
        let rows = try ShortageListFile.read(try Self.temp("Region,ISCO,p_shortage,tension_ratio,notes\nMA-01,1111,0.84,0.6,x\nMA-01,2221,,,y\n"),
                                             required: [.pShortage])
        #expect(rows.count == 2 && rows[0].pShortage == 0.84 && rows[0].tensionRatio == 0.6)
        #expect(rows[0].score == nil && rows[0].rank == nil && rows[1].pShortage == nil)
    }

    @Test("a missing required column, a probability above 1, a rank that is no whole number fail at their line and column")
    func refused() throws {
        #expect(throws: InputError.self) { try ShortageListFile.read(try Self.temp("region,isco,score\nMA-01,1111,1\n"), required: [.pShortage]) }
        do {
            _ = try ShortageListFile.read(try Self.temp("region,isco,p_shortage\nMA-01,1111,0.5\nMA-01,2221,1.4\n"))
            Issue.record("accepted a probability of 1.4")
        } catch let e as InputError {
            #expect(e.description.contains("shortages.csv:3:12: p_shortage '1.4' is not a probability between 0 and 1"), "\(e)")
        }
        do {
            _ = try ShortageListFile.read(try Self.temp("region,isco,rank\nMA-01,1111,2.5\n"))
            Issue.record("accepted rank 2.5")
        } catch let e as InputError {
            #expect(e.description.contains(":2:12: rank '2.5' is not a rank"), "\(e)")
        }
        do {
            _ = try ShortageListFile.read(try Self.temp("region,isco,tension_ratio\nMA-01,1111,-1\n"))
            Issue.record("accepted a negative tension ratio")
        } catch let e as InputError {
            #expect(e.description.contains(":2:12: tension_ratio '-1' is not a number ≥ 0"), "\(e)")
        }
    }
}
