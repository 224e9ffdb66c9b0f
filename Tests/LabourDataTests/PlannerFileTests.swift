import Foundation
import LabourData
import Testing
import TestSupport

/// Files as ANAPEC and HCP analysts keep them: French headers, region names, ISCO cells with
/// their titles. They read exactly as their English-header, coded twins.
@Suite("Planners' files: French headers, region names")
struct PlannerFileTests {
    static let english = """
    year,region,isco,employment,jobseekers,vacancies,median_wage
    2023,MA-06,7212,1200,300,45,3100.5
    2024,MA-06,7212,1250,280,50,3150
    2023,MA-02,2221,800,40,12,5200
    2024,MA-02,2221,820,35,15,5300

    """
    // The same table from French Excel: ';', decimal comma, BOM, CRLF, French headers, names.
    static let french = "\u{FEFF}Année;Région;Code ISCO;Emploi;Demandeurs d'emploi;Offres;Salaire médian\r\n"
        + "2023;Grand Casablanca-Settat;7212 - Soudeurs et oxycoupeurs;1200;300;45;3100,5\r\n"
        + "2024;Casablanca-Settat;7212 - Soudeurs et oxycoupeurs;1250;280;50;3150\r\n"
        + "2023;Région de l'Oriental;2221;800;40;12;5200\r\n"
        + "2024;L'Oriental;2221;820;35;15;5300\r\n"

    @Test("a French Excel export with names reads exactly as its English, coded twin")
    func frenchTwin() throws {
        let a = try PanelReader.read(text: Self.english)
        #expect(a.regions == ["MA-02", "MA-06"])
        #expect(try PanelReader.read(text: Self.french) == a)
    }

    @Test("column aliases, folded", arguments: [
        ("année", "year"), ("ANNEE", "year"), ("Région", "region"), ("citp", "isco"), ("code_isco", "isco"),
        ("emploi", "employment"), ("demandeurs_emploi", "jobseekers"), ("Demandeurs d'emploi", "jobseekers"),
        ("postes vacants", "vacancies"), ("salaire_médian", "median_wage"), ("lauréats", "graduates"),
        ("diplômés", "graduates"), ("retournés", "returnees"), ("migrants de retour", "returnees"), ("immigrés", "immigrants"),
        ("emploi_femmes", "employment_female"), ("demandeurs_hommes", "jobseekers_male"), ("emploi_15_24", "employment_15_24"),
        ("emploi 65 ans et plus", "employment_65_plus"), ("emploi_55_64_femmes", "employment_55_64_female"),
        ("employment_female", "employment_female"),
    ])
    func aliases(given: String, expected: String) {
        #expect(ColumnNames.canonical(given) == expected)
    }

    @Test("an unknown column is refused at file:line:column with the closest known names")
    func unknownColumn() {
        do {
            _ = try PanelReader.read(text: "année;région;isco;emploii\n2024;MA-06;7212;5\n", fileName: "p.csv")
            Issue.record("accepted")
        } catch {
            let d = error.diagnostics[0]
            #expect(d.line == 1 && d.column == 19, "column \(d.column)")
            #expect(d.message.contains("unknown column 'emploii'") && d.message.contains("closest known: emploi"))
        }
    }

    @Test("the user's own names through a column map")
    func columnMap() throws {
        var o = PanelReadOptions()
        o.columnNames = [ColumnNames.fold("Effectif salarié"): "employment"]
        let p = try PanelReader.read(text: "year,region,isco,Effectif salarié\n2024,MA-06,7212,5\n", options: o)
        #expect(p.measures == ["employment"])
    }

    @Test("region names, codes, older names and governorates resolve", arguments: [
        ("Casablanca-Settat", "MA-06"), ("Grand Casablanca-Settat", "MA-06"), ("Région de l'Oriental", "MA-02"),
        ("Béni Mellal-Khénifra", "MA-05"), ("beni mellal khenifra", "MA-05"), ("ma-04", "MA-04"), ("Tanger-Tetouan-Al Hoceima", "MA-01"),
        ("Gouvernorat de Sfax", "TN-61"), ("Le Kef", "TN-33"), ("Médenine", "TN-82"), ("MA-P07", "MA-P07"), ("FR-75", "FR-75"), ("north", "north"), ("IDF", "IDF"), ("S0042", "S0042"),
    ])
    func regionNames(given: String, code: String) {
        #expect(RegionNames.resolve(given) == .code(code))
    }

    @Test("unknown regions are refused with did-you-mean, in a panel at file:line:column")
    func unknownRegions() {
        guard case .unknown(let s) = RegionNames.resolve("Casablanka-Setat") else { Issue.record("accepted"); return }
        #expect(s.first == "MA-06 (Casablanca-Settat)")
        guard case .unknown = RegionNames.resolve("MA-99") else { Issue.record("MA-99 accepted"); return }
        do {
            _ = try PanelReader.read(text: "year,region,isco,employment\n2024,MA-06,7212,5\n2024,Casablanka,7212,5\n", fileName: "p.csv")
            Issue.record("accepted")
        } catch {
            let d = error.diagnostics[0]
            #expect(d.line == 3 && d.column == 6)
            #expect(d.message.contains("unknown region 'Casablanka'") && d.message.contains("did you mean MA-06 (Casablanca-Settat)"))
        }
    }
}

@Suite("docs/columns.md")
struct ColumnDocsTests {
    @Test("lists every alias the reader accepts")
    func everyAlias() throws {
        let text = try String(contentsOf: SharedData.repository("docs/columns.md"), encoding: .utf8)
        for (name, list) in ColumnNames.aliases {
            let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| \(name) |") }, "\(name)")
            for alias in list where alias != name { #expect(row.contains(alias), "\(name): \(alias)") }
        }
    }
}
