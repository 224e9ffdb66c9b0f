import Foundation

/// Named columns of a small CSV as text (configuration-like inputs: mappings, catalogues), with
/// the same dialect detection and `file:line:column` diagnostics as panels.
public struct TextTable: Sendable {
    public let columns: [String]
    public let rows: [[String]]
    /// 1-based file line of each row.
    public let lines: [Int]
    public let file: String
    /// Where each header name and each cell starts (1-based): characters in a CSV, the cell's
    /// number in a workbook's sheet. For messages that point at the cell.
    public internal(set) var headerColumns: [Int] = []
    public internal(set) var cellColumns: [[Int]] = []

    init(columns: [String], rows: [[String]], lines: [Int], file: String) {
        self.columns = columns; self.rows = rows; self.lines = lines; self.file = file
    }

    /// - Parameter lowercaseHeader: match column names case-insensitively (names are lowercased).
    public static func read(contentsOf url: URL, required: [String], lowercaseHeader: Bool = true, sheet: String? = nil) throws(InputError) -> TextTable {
        if WorkbookInput.isWorkbook(url) {
            // A catalogue or table kept in Excel: its sheet read as the CSV it holds.
            // Rows are numbered as the sheet numbers them, so later checks point at the right row.
            return try WorkbookInput.read(url, sheet: sheet) { (csv: Data, map: XLSXReader.SheetMap) throws(InputError) -> TextTable in
                let t = try read(data: csv, file: url.path, required: required, lowercaseHeader: lowercaseHeader)
                var table = TextTable(columns: t.columns, rows: t.rows,
                                      lines: t.lines.map { $0 >= 1 && $0 <= map.rows.count ? Int(map.rows[$0 - 1]) : $0 }, file: url.path)
                table.decimalComma = t.decimalComma
                table.headerColumns = t.columns.indices.map { $0 + 1 }
                table.cellColumns = t.rows.map { $0.indices.map { $0 + 1 } }
                return table
            }
        }
        let data = try InputFile.contents(of: url)
        return try read(data: data, file: url.path, required: required, lowercaseHeader: lowercaseHeader)
    }

    /// Reads CSV bytes; problems are reported against `file`.
    public static func read(data: Data, file: String, required: [String], lowercaseHeader: Bool = true) throws(InputError) -> TextTable {
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<TextTable, InputError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = CSVScanner(bytes: bytes, dialect: .detect(bytes))
            var fields: [CSVField] = []
            var diags: [Diagnostic] = []
            var rows: [[String]] = [], lines: [Int] = []
            var header: [String] = []
            var headerColumns: [Int] = [], cellColumns: [[Int]] = []
            do {
                guard try scanner.nextRecord(into: &fields) else {
                    return .failure(InputError(Diagnostic(file: file, line: 1, column: 1, message: "the file is empty")))
                }
                header = fields.map {
                    let name = scanner.string($0)?.trimmingCharacters(in: .whitespaces) ?? ""
                    return lowercaseHeader ? name.lowercased() : name
                }
                headerColumns = fields.map(\.column)
                let missing = required.filter { !header.contains($0) }
                if !missing.isEmpty {
                    return .failure(InputError(Diagnostic(file: file, line: 1, column: 1,
                        message: "header lacks \(missing.joined(separator: ", ")) (found: \(header.joined(separator: ",")))")))
                }
                while try scanner.nextRecord(into: &fields) {
                    guard fields.count == header.count else {
                        diags.append(Diagnostic(file: file, line: fields[0].line, column: fields[min(fields.count, header.count) - 1].column,
                                                message: "expected \(header.count) fields as in the header, found \(fields.count)"))
                        continue
                    }
                    var row: [String] = []
                    for f in fields {
                        guard let s = scanner.string(f) else {
                            diags.append(Diagnostic(file: file, line: f.line, column: f.column, message: "not valid UTF-8"))
                            break
                        }
                        row.append(s)  // unquoted fields come trimmed from the scanner
                    }
                    if row.count == header.count { rows.append(row); lines.append(fields[0].line); cellColumns.append(fields.map(\.column)) }
                }
            } catch {
                if let e = error as? CSVSyntaxError { diags.append(Diagnostic(file: file, line: e.line, column: e.column, message: e.message)) }
            }
            if !diags.isEmpty { return .failure(InputError(diagnostics: Array(diags.prefix(50)), truncated: diags.count > 50)) }
            var table = TextTable(columns: header, rows: rows, lines: lines, file: file)
            table.decimalComma = scanner.dialect.decimalComma
            table.headerColumns = headerColumns
            table.cellColumns = cellColumns
            return .success(table)
        }
        return try result.get()
    }

    public func index(_ column: String) -> Int { columns.firstIndex(of: column)! }

    /// Where the cell of `column` in `row` starts (1 when the table has no such column).
    public func column(_ row: Int, _ column: String) -> Int {
        guard let k = columns.firstIndex(of: column), row < cellColumns.count, k < cellColumns[row].count else { return 1 }
        return cellColumns[row][k]
    }

    /// A problem at the cell of `column` in `row`.
    public func problem(_ row: Int, _ column: String, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: lines[row], column: self.column(row, column), message: message)
    }

    /// The first column not in `allowed`, refused at its header cell with the nearest allowed
    /// name: a column the reader would skip in silence ("yeras") is a typo, not extra data.
    public func unknownColumn(allowed: [String], kind: String) -> Diagnostic? {
        guard let k = columns.firstIndex(where: { !allowed.contains($0) }) else { return nil }
        let name = columns[k]
        let hint = ColumnNames.didYouMean(name, among: allowed)
        let shown = name.count > 40 ? "\(name.prefix(40))… (\(name.count) characters)" : name
        return Diagnostic(file: file, line: 1, column: k < headerColumns.count ? headerColumns[k] : 1,
                          message: "unknown column '\(shown)'\(hint): \(kind) has \(allowed.joined(separator: ", "))")
    }

    /// Decimal comma allowed (the file's separator is not a comma).
    public var decimalComma = false

    /// A numeric cell, or a diagnostic naming it.
    public func number(_ row: Int, _ column: String) throws(InputError) -> Double {
        let text = rows[row][index(column)]
        guard let v = DecimalParser.parse(text, decimalComma: decimalComma), v.isFinite else {
            throw InputError(problem(row, column, "\(column) '\(text)' is not a number"))
        }
        return v
    }
}
