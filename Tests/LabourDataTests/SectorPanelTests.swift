import Foundation
import Testing
@testable import LabourData

@Suite("Panels with a sector key: occupations summed over sectors, the detail kept")
struct SectorPanelTests {
    static let bySector = """
        year,region,sector,isco,employment,jobseekers,median_wage,in_shortage
        2022,MA-04,C,7212,400,20,5000,0
        2022,MA-04,F,7212,100,5,4000,1
        2022,MA-04,C,8211,300,10,4500,0
        2023,MA-04,C,7212,420,18,5100,0
        2023,MA-04,F,7212,110,6,4100,0
        2023,MA-04,C,8211,310,,4600,1
        """

    @Test("the same panel as the sums written by hand: employment and job seekers added, wages weighted by employment, the label the largest")
    func sums() throws {
        let panel = try PanelReader.read(text: Self.bySector + "\n", fileName: "s.csv")
        // Rows sorted by region, ISCO, year: 7212 2022, 7212 2023, 8211 2022, 8211 2023.
        #expect(panel.column("employment") == [500, 530, 300, 310])
        #expect(panel.column("jobseekers")!.prefix(3) == [25, 24, 10] && panel.column("jobseekers")![3].isNaN)
        #expect(panel.column("in_shortage") == [1, 0, 0, 1])
        let wages = panel.column("median_wage")!
        #expect(wages[0] == 4800 && abs(wages[1] - (420 * 5100 + 110 * 4100) / 530.0) < 1e-9 && wages[2] == 4500)
        #expect(panel.sectorEmployment.count == 6)
        #expect(panel.sectorEmployment.first { $0.year == 2023 && $0.sector == "F" }?.employment == 110)
        #expect(try PanelReader.read(text: "year,region,isco,employment\n2022,MA-04,7212,1\n", fileName: "p.csv").sectorEmployment.isEmpty)
        #expect(PanelSummary(panel).text.contains("sectors      2 (C, F)"))
    }

    @Test("French headers and a semicolon file: secteur, emploi, decimal commas")
    func french() throws {
        let panel = try PanelReader.read(text: "année;région;secteur;code_isco;emploi\n2023;MA-06;Industrie;7212;10,5\n2023;MA-06;Services;7212;4,5\n", fileName: "f.csv")
        #expect(panel.column("employment") == [15])
        #expect(Set(panel.sectorEmployment.map(\.sector)) == ["Industrie", "Services"])
    }

    @Test("problems at the line and column of the file as written, also those found after the sum")
    func problemsWhereTheyAre() {
        func problems(_ text: String) -> [String] {
            do { _ = try PanelReader.read(text: text, fileName: "s.csv"); return [] } catch { return error.diagnostics.map(\.description) }
        }
        #expect(problems("year,region,sector,isco,employment\n2022,MA-04,C,7212,x\n2022,MA-04,,7212,3\n2022,MA-04,F,7212,1\n2022,MA-04,F,7212,2\n") == [
            "s.csv:2:19: employment 'x' is not a number",
            "s.csv:3:12: sector is empty",
            "s.csv:5:1: duplicate row for year 2022, region MA-04, sector F, isco 7212",
        ])
        // ISCO 99999 is refused by the panel reader after the sum: put back on its row and column.
        #expect(problems("year,region,sector,isco,employment\n2022,MA-04,C,7212,3\n2022,MA-04,C,99999,1\n") == [
            "s.csv:3:14: isco '99999' is not an ISCO-08 code (1 to 4 digits)",
        ])
    }
}
