import Foundation
import ZIPFoundation

/// Writes one table as an Excel workbook (.xlsx): a header row in bold, numbers as numeric
/// cells, everything else as text (codes such as ISCO 0110 or MA-06 stay text). Text goes to a
/// shared-string table, as Excel, LibreOffice and openpyxl write it: each distinct text once,
/// the cells pointing to it (a panel repeats its region and ISCO codes on every row). The parts
/// are the minimum SpreadsheetML needs, with fixed dates in the archive, so the same table gives
/// the same bytes.
public enum XLSXWriter {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    /// A CSV that Mizan wrote (comma-separated, RFC 4180 quotes, header first) as typed rows:
    /// a field that parses as a finite number becomes a number unless its column is in
    /// `textColumns`.
    public static func rows(fromCSV bytes: [UInt8], textColumns: Set<String> = ["region", "isco", "isco_code", "code", "flags", "model", "id",
                                                                               "skill_uri", "modules", "occupation_uri"]) -> (header: [String], rows: [[Cell]]) {
        // Split by the project's own CSV scanner; fields keep their exact text (no trimming).
        var records: [[String]] = []
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(bytes: buffer, dialect: .standard)
            var fields: [CSVField] = []
            while (try? scanner.nextRecord(into: &fields)) == true {
                records.append(fields.map { f in
                    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[f.start..<f.end]), as: UTF8.self)
                    return f.hasEscapedQuote ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
                })
            }
        }
        guard let header = records.first else { return ([], []) }
        let text = header.map { textColumns.contains($0) }
        let rows = records.dropFirst().map { r in
            r.enumerated().map { k, v -> Cell in
                if v.isEmpty { return .empty }
                if k < text.count && !text[k], let d = Double(v), d.isFinite { return .number(d) }
                return .text(v)
            }
        }
        return (header, rows)
    }

    public static func data(header: [String], rows: [[Cell]], sheet: String = "Sheet1") throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let stamp = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01: fixed, so bytes repeat
        func add(_ path: String, _ text: String) throws {
            let d = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(d.count), modificationDate: stamp,
                                 compressionMethod: .deflate) { position, size in
                d.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
        """)
        try add("_rels/.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """)
        try add("xl/workbook.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(escape(sheet))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """)
        try add("xl/_rels/workbook.xml.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """)
        try add("xl/styles.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """)
        var sheetXML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>"
        // Distinct texts in order of first appearance (the same table, the same table of strings).
        var stringIndex: [String: Int] = [:], strings: [String] = [], textCells = 0
        func cellXML(_ c: Cell, _ ref: String, bold: Bool) -> String {
            let style = bold ? " s=\"1\"" : ""
            switch c {
            case .empty: return ""
            case .number(let d):
                let v = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
                return "<c r=\"\(ref)\"\(style)><v>\(v)</v></c>"
            case .text(let s):
                textCells += 1
                let k = stringIndex[s] ?? { stringIndex[s] = strings.count; strings.append(s); return strings.count - 1 }()
                return "<c r=\"\(ref)\" t=\"s\"\(style)><v>\(k)</v></c>"
            }
        }
        for (r, cells) in ([header.map { Cell.text($0) }] + rows).enumerated() {
            sheetXML += "<row r=\"\(r + 1)\">"
            for (k, c) in cells.enumerated() { sheetXML += cellXML(c, "\(XLSXReader.columnName(k))\(r + 1)", bold: r == 0) }
            sheetXML += "</row>"
        }
        sheetXML += "</sheetData></worksheet>"
        try add("xl/worksheets/sheet1.xml", sheetXML)
        var table = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(textCells)\" uniqueCount=\"\(strings.count)\">"
        for t in strings { table += "<si><t xml:space=\"preserve\">\(escape(t))</t></si>" }
        table += "</sst>"
        try add("xl/sharedStrings.xml", table)
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // Control characters are not allowed in XML 1.0.
                if u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
