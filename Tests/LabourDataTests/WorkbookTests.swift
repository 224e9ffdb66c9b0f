import Foundation
import LabourData
import Testing
import TestSupport

/// .xlsx panels as planners' tools write them (fixtures made with openpyxl by
/// scripts/make_xlsx_fixtures.py) and as Mizan writes them.
@Suite("Excel workbooks in and out")
struct WorkbookTests {
    static func fixture(_ name: String) -> URL { SharedData.repository("Tests/LabourDataTests/Fixtures/xlsx/\(name)") }

    @Test("a French workbook with shared strings, names and titled ISCO cells reads as its CSV twin")
    func frenchWorkbook() throws {
        let csv = """
        year,region,isco,employment,jobseekers,vacancies
        2022,MA-06,7212,1200,300,45
        2023,MA-06,7212,1250,280,50
        2024,MA-06,7212,1290.5,260,52
        2022,MA-02,2221,800,40,12
        2023,MA-02,2221,820,35,15
        2024,MA-02,2221,845,33,16

        """
        #expect(try PanelReader.read(contentsOf: Self.fixture("panel_fr.xlsx")) == PanelReader.read(text: csv))
    }

    @Test("hostile workbooks: a clear error at the cell, nothing read", arguments: [
        ("merged_header.xlsx", "Panel!E1:F1", "header cells E1:F1 are merged"),
        ("formula.xlsx", "Panel!D3", "formula without a computed value"),
        ("date_years.xlsx", "Panel!A2", "the year is a date (2022-01-01)"),
        ("error_value.xlsx", "Panel!D4", "holds the error #N/A"),
        ("truncated.xlsx", nil, "not a complete zip archive"),
        ("bomb.xlsx", nil, "refused as a zip bomb"),
    ] as [(String, String?, String)])
    func hostile(name: String, cell: String?, message: String) {
        do {
            _ = try PanelReader.read(contentsOf: Self.fixture(name))
            Issue.record("\(name) was read")
        } catch {
            let d = error.diagnostics[0]
            #expect((d.cell ?? "") == (cell ?? ""), "\(d)")
            #expect(d.message.contains(message), "\(d)")
            #expect(d.description.hasPrefix(Self.fixture(name).path + (cell.map { ":\($0): " } ?? ": ")))
        }
    }

    @Test("a sheet by name; a missing one lists the sheets there are")
    func sheets() throws {
        var o = PanelReadOptions()
        o.sheet = "Panel"
        #expect(try PanelReader.read(contentsOf: Self.fixture("panel_fr.xlsx"), options: o).regions == ["MA-02", "MA-06"])
        o.sheet = "Données"
        #expect(throws: InputError.self) { try PanelReader.read(contentsOf: Self.fixture("panel_fr.xlsx"), options: o) }
        do { _ = try PanelReader.read(contentsOf: Self.fixture("panel_fr.xlsx"), options: o) } catch {
            #expect(error.diagnostics[0].message == "no sheet named 'Données'; the workbook has 'Panel', 'Notes'")
        }
    }

    @Test("what Mizan writes it reads back: typed cells, codes kept as text, same panel; same bytes twice")
    func roundTrip() throws {
        let url = SharedData.repository("Datasets/tunisia/panel.csv")
        let csv = try Data(contentsOf: url)
        let (header, rows) = XLSXWriter.rows(fromCSV: Array(csv))
        #expect(rows[0][1] == .text(String(rows[0][1].textValue)))   // region stays text
        let book = try XLSXWriter.data(header: header, rows: rows, sheet: "panel")
        #expect(try XLSXWriter.data(header: header, rows: rows, sheet: "panel") == book)
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-roundtrip-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: tmp) }
        try book.write(to: tmp)
        #expect(try PanelReader.read(contentsOf: tmp) == PanelReader.read(contentsOf: url))
    }

    /// Tunisia's panel as a workbook is a 4 MB sheet: cut into one stretch of rows per core and
    /// read straight into the panel there. What it reads, and what it reports, must be what the
    /// one-stretch CSV path gives.
    @Test("a sheet read in stretches on every core gives the panel of its CSV; a bad cell or a duplicate deep in it is named by its cell")
    func stretches() throws {
        let url = SharedData.repository("Datasets/tunisia/panel.csv")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        func workbook(_ lines: [String]) throws -> URL {
            let (header, rows) = XLSXWriter.rows(fromCSV: Array((lines.joined(separator: "\n") + "\n").utf8))
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-stretches-\(UUID().uuidString).xlsx")
            try XLSXWriter.data(header: header, rows: rows, sheet: "panel").write(to: tmp)
            return tmp
        }
        let whole = try workbook(lines)
        defer { try? FileManager.default.removeItem(at: whole) }
        let reader = try XLSXReader(url: whole)
        let cut = try reader.convertInStretches(sheet: nil) { _ in { piece in piece.count } }
        #expect((cut?.count ?? 0) >= (ProcessInfo.processInfo.activeProcessorCount > 1 ? 1 : 0))
        #expect(try PanelReader.read(contentsOf: whole) == PanelReader.read(contentsOf: url))

        // Sheet row 12,001 (CSV line 12,001): employment negative; then row 14,001 repeats row 14,000.
        var fields = lines[12_000].split(separator: ",").map(String.init)
        fields[3] = "-5"
        lines[12_000] = fields.joined(separator: ",")
        let bad = try workbook(lines)
        defer { try? FileManager.default.removeItem(at: bad) }
        do { _ = try PanelReader.read(contentsOf: bad); Issue.record("a negative count was read") } catch {
            #expect(error.diagnostics.map(\.cell) == ["panel!D12001"], "\(error)")
            #expect(error.diagnostics[0].message == "employment is negative (-5); counts cannot be")
        }
        lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[14_000] = lines[13_999]
        let twice = try workbook(lines)
        defer { try? FileManager.default.removeItem(at: twice) }
        do { _ = try PanelReader.read(contentsOf: twice); Issue.record("a duplicate row was read") } catch {
            #expect(error.diagnostics[0].message.hasPrefix("duplicate row for year"), "\(error)")
            #expect(error.diagnostics[0].cell == "panel!A14001", "\(error)")
        }
    }
}

extension XLSXWriter.Cell {
    var textValue: String {
        switch self {
        case .text(let s): return s
        case .number(let d): return String(d)
        case .empty: return ""
        }
    }
}
