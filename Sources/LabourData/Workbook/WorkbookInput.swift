import Foundation

/// Reading a table from a workbook: the sheet becomes CSV bytes in memory that the ordinary,
/// validating readers read, and their `file:line:column` problems are put back on the cells
/// (`file.xlsx:Panel!C12: …`).
public enum WorkbookInput {
    public static func isWorkbook(_ url: URL) -> Bool { url.pathExtension.lowercased() == "xlsx" }

    /// Converts `sheet` (nil: the first) of the workbook, runs `read` on the CSV bytes, and maps
    /// problems back onto cells.
    public static func read<T>(_ url: URL, sheet: String?, _ read: (Data) throws(InputError) -> T) throws(InputError) -> T {
        try self.read(url, sheet: sheet) { (csv: Data, _: XLSXReader.SheetMap) throws(InputError) -> T in try read(csv) }
    }

    /// As `read`, with the sheet map handed to `read` (to number rows as the sheet does).
    public static func read<T>(_ url: URL, sheet: String?, _ read: (Data, XLSXReader.SheetMap) throws(InputError) -> T) throws(InputError) -> T {
        let reader = try XLSXReader(url: url)
        let (bytes, map) = try reader.convert(sheet: sheet)
        let csv = Data(bytes)
        do {
            return try read(csv, map)
        } catch {
            var lines: [Substring] = []
            if error.diagnostics.contains(where: { $0.line > 0 }) {
                lines = String(decoding: csv, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
            let mapped = error.diagnostics.map { d -> Diagnostic in
                guard d.line > 0, d.line <= lines.count else {
                    return Diagnostic(file: url.path, line: 0, column: 0, message: d.message, cell: d.line > 0 ? "'\(map.sheet)'" : "")
                }
                return Diagnostic(file: url.path, line: 0, column: 0, message: d.message,
                                  cell: map.cell(line: d.line, field: fieldIndex(lines[d.line - 1], characterColumn: d.column)))
            }
            throw InputError(diagnostics: mapped, truncated: error.truncated)
        }
    }

    /// Which field of a CSV line a 1-based character column falls in.
    static func fieldIndex(_ line: Substring, characterColumn: Int) -> Int {
        var field = 0, inQuotes = false
        for (k, ch) in line.enumerated() {
            if k >= characterColumn - 1 { break }
            if ch == "\"" { inQuotes.toggle() } else if ch == "," && !inQuotes { field += 1 }
        }
        return field
    }
}
