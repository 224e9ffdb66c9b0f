import Foundation
import Testing
import LabourData
@testable import Scenarios

@Suite("Shift-share of the baseline: sector effect plus mix effect")
struct ShiftShareTests {
    let rows = ShiftShare.compute(panel: Market.panel, forecast: Market.baseline, staffing: Market.staffing)

    @Test("within each region the sector effects add up to the change of the occupations covered and the mix effects to zero")
    func addsUp() {
        for region in Market.regions + ["TOTAL"] {
            let covered = rows.filter { $0.region == region && $0.sectorEffect != nil }
            #expect(!covered.isEmpty)
            let change = covered.reduce(0) { $0 + $1.change }, sector = covered.reduce(0) { $0 + $1.sectorEffect! }
            #expect(abs(change - sector) < 1e-6 * max(1, abs(change)), "\(region)")
            #expect(abs(covered.reduce(0) { $0 + $1.mixEffect! }) < 1e-6 * max(1, abs(change)), "\(region)")
        }
    }

    @Test("an occupation alone in its only sector grows exactly as that sector: all sector effect, no mix (MA-06: 7231 in C, 9313 in F)")
    func aloneInItsSector() throws {
        for isco in ["7231", "9313"] {
            let r = try #require(rows.first { $0.region == "MA-06" && $0.isco == isco })
            #expect(abs(r.mixEffect!) < 1e-6 && abs(r.sectorEffect! - r.change) < 1e-6)
            #expect(r.now == Market.panel.series("employment").first { $0.region == "MA-06" && $0.isco == isco }!.values.last!)
        }
        // An occupation the staffing matrix does not cover gets no split.
        #expect(rows.first { $0.region == "MA-06" && $0.isco == "2221" }?.sectorEffect == nil)
    }

    @Test("two occupations sharing a sector: the faster one shows a positive mix effect, the slower a negative one")
    func sharedSector() throws {
        // MA-01: 7212 and 8211 are each half of C (1,000 + 1,000); 8211 grows 4 %/yr in the market, 7212 2 %.
        let welders = try #require(rows.first { $0.region == "MA-01" && $0.isco == "7212" })
        let operators = try #require(rows.first { $0.region == "MA-01" && $0.isco == "8211" })
        #expect(operators.mixEffect! > 0 && welders.mixEffect! < 0)
        #expect(abs(operators.mixEffect! + welders.mixEffect!) < 1e-6)
    }
}

@Suite("The staffing matrix of a panel with a sector key")
struct StaffingFromPanelTests {
    /// Welders are 40 % of manufacturing in 2020 and 50 % in 2024: a log-share trend.
    static let panel = try! PanelReader.read(text: """
        year,region,sector,isco,employment
        2020,MA-04,C,7212,400
        2020,MA-04,C,8211,600
        2022,MA-04,C,7212,450
        2022,MA-04,C,8211,550
        2024,MA-04,C,7212,500
        2024,MA-04,C,8211,500
        2024,MA-04,F,7212,250

        """, fileName: "sectors.csv")

    @Test("shares of the last year, each moving with its own log-share trend")
    func trend() throws {
        let m = try #require(StaffingMatrix(panel: Self.panel, file: "sectors.csv"))
        #expect(m.sectors == ["C", "F"] && m.baseYear == 2024 && m.years == [2020, 2022, 2024])
        let now = try #require(m.staffing(region: "MA-04", sector: "C", year: 2024))
        #expect(now.map(\.isco) == ["7212", "8211"] && abs(now[0].share - 0.5) < 1e-12)
        let later = try #require(m.staffing(region: "MA-04", sector: "C", year: 2028))
        #expect(later[0].share > 0.55 && abs(later[0].share + later[1].share - 1) < 1e-12)
        // Two thirds of the welders' 2024 employment works in manufacturing.
        #expect(abs(m.sectorShare(region: "MA-04", isco: "7212", sector: "C") - 500.0 / 750) < 1e-12)
        #expect(StaffingMatrix(panel: Market.panel, file: "market.csv") == nil)
    }
}
