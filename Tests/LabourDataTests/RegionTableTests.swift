import Foundation
import LabourData
import Testing
import TestSupport

/// Countries are data (`Datasets/countries/`): the built-in table must say exactly what the
/// Moroccan and Tunisian files say, every name in them must resolve to its code, and a country
/// file with mistakes is refused at its line and column.
@Suite("Region table")
struct RegionTableTests {
    @Test("the built-in countries are their files, MA.csv and TN.csv; every name in them, French, Arabic or other, resolves to its code")
    func matches() throws {
        for country in CountryTable.builtin.countries {
            let file = try CountryTable.read(contentsOf: SharedData.repository("Datasets/countries/\(country.code).csv"))
            #expect(file.subdivisions == country.subdivisions, "\(country.code): run scripts/make_countries.py")
        }
        #expect(CountryTable.builtin.countries.map(\.code) == ["MA", "TN"])
        #expect(Regions.morocco.count == 12 && Regions.tunisia.count == 24)
        for r in CountryTable.builtin.subdivisions {
            for name in [r.nameFR, r.nameAR] + r.otherNames {
                #expect(RegionNames.resolve(name) == .code(r.code), "\(name)")
            }
        }
        // Arabic as people type it: with or without the governorate word, hamza or not.
        #expect(RegionNames.resolve("ولاية القصرين") == .code("TN-42"))
        #expect(RegionNames.resolve("اريانة") == .code("TN-12"))
        #expect(RegionNames.resolve("جهة الدار البيضاء سطات") == .code("MA-06"))
        // A numeric code of a known country must be one of its subdivisions.
        #expect(RegionNames.resolve("MA-13") != .code("MA-13"))
    }

    @Test("a third country's file reads as the built-in ones; mistakes are refused at their line and column")
    func countryFiles() throws {
        let senegal = try CountryTable.read(contentsOf: SharedData.repository("Datasets/countries/examples/SN.csv"))
        #expect(senegal.code == "SN" && senegal.subdivisions.count == 14)
        #expect(senegal.subdivisions.first { $0.code == "SN-SL" }?.otherNames == ["Saint Louis", "St-Louis", "Ndar"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("countries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("EG.csv")
        try "code,name_fr,name_ar,other_names\nEG-C,Le Caire,القاهرة,Cairo\nMA-01,Tanger,,\nEG-C,Le Caire,,\nEG-ALX,,,\n".write(to: bad, atomically: true, encoding: .utf8)
        do {
            _ = try CountryTable.read(contentsOf: bad)
            Issue.record("accepted")
        } catch {
            let text = error.description
            #expect(text.contains("EG.csv:3:1: code 'MA-01' is not a subdivision of EG"))
            #expect(text.contains("EG.csv:4:1: EG-C is listed twice"))
            #expect(text.contains("EG.csv:5:8: EG-ALX has no name"))
        }
        let misnamed = dir.appendingPathComponent("egypt.csv")
        try "code,name_fr,name_ar,other_names\nEG-C,Le Caire,,\n".write(to: misnamed, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try CountryTable.read(contentsOf: misnamed) }
    }
}
