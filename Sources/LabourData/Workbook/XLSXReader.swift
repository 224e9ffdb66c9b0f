import Foundation
import ZIPFoundation

/// Reads the first (or a named) worksheet of an Excel workbook (.xlsx) as CSV bytes: the sheet's
/// XML inflated in one piece by libdeflate and parsed on every core (`SheetInflater`,
/// `SheetParser.parseInParallel`), or, for archives that path does not take (ZIP64, stored
/// parts), inflated in chunks by zlib and parsed row by row. Every problem is located as a spreadsheet
/// names it, `file:Sheet!C12: message`.
///
/// Refused, with the reason: a file that is not a zip archive or is cut short; a part that would
/// inflate beyond `maximumInflatedBytes` (a zip bomb, refused by its declared size before
/// inflating and by the bytes actually produced); a missing sheet; header cells merged across
/// columns; formulas without a computed value; dates in the year column; error values (#N/A).
public struct XLSXReader {
    public static let maximumInflatedBytes: Int64 = 4 << 30
    /// A part that claims to inflate more than this many times its compressed size is a bomb.
    public static let maximumRatio: Int64 = 1000

    public let url: URL
    let archive: Archive
    /// Sheet names in workbook order, with their part paths.
    public let sheets: [(name: String, path: String)]

    public init(url: URL) throws(InputError) {
        self.url = url
        let file = url.path
        func fail(_ m: String) -> InputError {
            InputError(Diagnostic(file: file, line: 0, column: 0, message: m, cell: m.hasPrefix("cannot read") ? nil : ""))
        }
        guard FileManager.default.fileExists(atPath: file) else { throw fail("cannot read the file (no such file)") }
        let opened: Archive
        do { opened = try Archive(url: url, accessMode: .read) } catch {
            throw fail("not an Excel workbook: the file is not a complete zip archive (truncated or another format)")
        }
        archive = opened
        guard let workbook = try? Self.small(opened, "xl/workbook.xml", file: file),
              let rels = try? Self.small(opened, "xl/_rels/workbook.xml.rels", file: file) else {
            throw fail("not an Excel workbook: xl/workbook.xml is missing")
        }
        var targets: [String: String] = [:]
        var stream = XMLStream()
        try? stream.feed(rels) { e in
            if case .start(let name, let a, _) = e, name == "Relationship", let id = a["Id"], let t = a["Target"] {
                targets[id] = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t
            }
        }
        var found: [(String, String)] = []
        stream = XMLStream()
        try? stream.feed(workbook) { e in
            if case .start(let name, let a, _) = e, name == "sheet", let n = a["name"] {
                let rid = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
                if let t = targets[rid] { found.append((n, t)) }
            }
        }
        guard !found.isEmpty else { throw fail("the workbook has no worksheet") }
        sheets = found
    }

    /// A whole small part (workbook, relationships, shared strings, styles), bomb-checked.
    static func small(_ archive: Archive, _ path: String, file: String) throws(InputError) -> Data {
        guard let entry = archive[path] else {
            throw InputError(Diagnostic(file: file, line: 0, column: 0, message: "\(path) is missing", cell: ""))
        }
        var data = Data()
        try stream(archive, entry, file: file) { data.append($0) }
        return data
    }

    static func stream(_ archive: Archive, _ entry: Entry, file: String, _ consume: (Data) throws -> Void) throws(InputError) {
        let declared = Int64(entry.uncompressedSize), packed = max(1, Int64(entry.compressedSize))
        if declared > maximumInflatedBytes || (declared > 64 << 20 && declared / packed > maximumRatio) {
            throw InputError(Diagnostic(file: file, line: 0, column: 0,
                                        message: "\(entry.path) would inflate to \(declared) bytes from \(packed): refused as a zip bomb", cell: ""))
        }
        var produced: Int64 = 0
        // The checksum is checked here, on a second core while the chunks are parsed.
        let crc = ConcurrentCRC32()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                produced += Int64(chunk.count)
                if produced > declared || produced > maximumInflatedBytes { throw ZipBomb() }
                crc.update(chunk)
                try consume(chunk)
            }
            if crc.finish() != entry.checksum { throw Damaged() }
        } catch let e as InputError {
            throw e
        } catch is ZipBomb {
            throw InputError(Diagnostic(file: file, line: 0, column: 0, message: "\(entry.path) inflates beyond its declared size: refused as a zip bomb", cell: ""))
        } catch {
            throw InputError(Diagnostic(file: file, line: 0, column: 0, message: "\(entry.path) cannot be read: the workbook is damaged or truncated", cell: ""))
        }
    }
    struct ZipBomb: Error {}
    struct Damaged: Error {}

    /// Where each CSV line came from, to put diagnostics back on cells.
    public struct SheetMap: Sendable {
        public let sheet: String
        /// Sheet row number of CSV line k + 1.
        public var rows: [Int32] = []

        /// `Sheet!C12` for a CSV line and field index.
        public func cell(line: Int, field: Int) -> String {
            let row = line >= 1 && line <= rows.count ? Int(rows[line - 1]) : line
            return "\(Self.quoted(sheet))!\(XLSXReader.columnName(field))\(row)"
        }
        static func quoted(_ s: String) -> String {
            s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? s : "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }

    /// 0 → A, 25 → Z, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    /// "C12" → (2, 12).
    static func cellPosition(_ ref: Substring) -> (column: Int, row: Int)? {
        var col = 0, row = 0, i = ref.startIndex
        while i < ref.endIndex, let a = ref[i].asciiValue, a >= 65 && a <= 90 { col = col * 26 + Int(a - 64); i = ref.index(after: i) }
        while i < ref.endIndex, let d = ref[i].wholeNumberValue { row = row * 10 + d; i = ref.index(after: i) }
        return col > 0 && row > 0 ? (col - 1, row) : nil
    }

    /// Converts a sheet to CSV bytes (comma-separated, RFC 4180 quoting, one line per non-empty
    /// row). `dateColumns(header)` says which header cells name a column that must not hold dates.
    public func convert(sheet wanted: String?, dateColumns: @escaping @Sendable (String) -> Bool = XLSXReader.isYear)
        throws(InputError) -> (csv: [UInt8], map: SheetMap) {
        var sheet = try open(sheet: wanted, dateColumns: dateColumns)
        var buffer: [UInt8] = []
        let parsed: SheetParser.Outcome
        let complete: Bool
        if let whole = sheet.whole {
            // The fast path: libdeflate in one piece, rows parsed on every core.
            buffer.reserveCapacity(whole.count / 6)
            parsed = SheetParser.parseInParallel(whole.bytes, sheet.parser, into: &buffer)
            complete = SheetParser.isComplete(whole.bytes)
        } else {
            buffer.reserveCapacity(2 << 20)
            try Self.stream(archive, sheet.entry, file: url.path) { chunk in sheet.parser.feed(chunk, into: &buffer) }
            parsed = sheet.parser.outcome
            complete = sheet.parser.tail.withUnsafeBufferPointer(SheetParser.isComplete)
        }
        var map = SheetMap(sheet: sheet.name)
        map.rows = parsed.rowNumbers
        try check(parsed, sheet: sheet.name)
        try checkComplete(complete, parsed, sheet: sheet.name)
        return (buffer, map)
    }

    /// As `convert`, for a sheet inflated whole and cut into one stretch of rows per core: the
    /// header row's CSV goes to `start`, and every stretch's CSV to what `start` returned, on
    /// the core that parsed it — never joined into one buffer, never copied (a panel's rows
    /// become columns where they were parsed). nil when this path does not apply (a sheet
    /// streamed or too small to cut, rows without numbers, `start` returned nil): then `convert`.
    public func convertInStretches<Piece: Sendable>(sheet wanted: String?, start: ([UInt8]) -> (@Sendable (UnsafeBufferPointer<UInt8>) -> Piece)?)
        throws(InputError) -> [Piece]? {
        let sheet = try open(sheet: wanted, dateColumns: Self.isYear)
        guard let whole = sheet.whole, let s = SheetParser.parseInStretches(whole.bytes, sheet.parser, start: start) else { return nil }
        try check(s.outcome, sheet: sheet.name)
        try checkComplete(SheetParser.isComplete(whole.bytes), s.outcome, sheet: sheet.name)
        return s.pieces
    }

    /// The column of a panel that must not hold dates: the year, under any of its names.
    public static let isYear: @Sendable (String) -> Bool = { ColumnNames.canonical($0) == "year" }

    /// The chosen sheet, ready to parse: its parser and, when libdeflate can take the part in
    /// one piece, its inflated bytes.
    struct OpenedSheet {
        let name: String
        let entry: Entry
        var parser: SheetParser
        let whole: SheetInflater.Buffer?
    }

    func open(sheet wanted: String?, dateColumns: @escaping @Sendable (String) -> Bool) throws(InputError) -> OpenedSheet {
        let file = url.path
        let target: (name: String, path: String)
        if let wanted {
            guard let s = sheets.first(where: { $0.name == wanted }) ?? sheets.first(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                throw InputError(Diagnostic(file: file, line: 0, column: 0,
                                            message: "no sheet named '\(wanted)'; the workbook has \(sheets.map { "'\($0.name)'" }.joined(separator: ", "))", cell: ""))
            }
            target = s
        } else {
            target = sheets[0]
        }
        guard let entry = archive[target.path] else {
            throw InputError(Diagnostic(file: file, line: 0, column: 0, message: "sheet '\(target.name)' points to \(target.path), which is missing", cell: ""))
        }
        let parser = SheetParser(strings: try sharedStrings(), dateStyles: try dateStyleIndices(), isDateColumn: dateColumns)
        do {
            let whole = try SheetInflater.inflate(file: url, entry: entry.path, maximum: Self.maximumInflatedBytes, maximumRatio: Self.maximumRatio)
            return OpenedSheet(name: target.name, entry: entry, parser: parser, whole: whole)
        } catch {
            throw InputError(Diagnostic(file: file, line: 0, column: 0, message: error == .bomb
                ? "\(entry.path) would inflate beyond its declared size: refused as a zip bomb"
                : "\(entry.path) cannot be read: the workbook is damaged or truncated", cell: ""))
        }
    }

    /// Throws every problem the parse met, on its cell: values, header cells merged across
    /// columns, an empty sheet.
    /// A sheet whose XML stops before `</worksheet>` lost what came after its last whole row:
    /// refused, not read as a shorter sheet.
    func checkComplete(_ complete: Bool, _ parsed: SheetParser.Outcome, sheet: String) throws(InputError) {
        guard !complete else { return }
        let last = parsed.rowNumbers.last.map { "row \($0)" } ?? "its header"
        throw InputError(Diagnostic(file: url.path, line: 0, column: 0,
                                    message: "the sheet's XML is cut off after \(last): the workbook is damaged (save it again from Excel or LibreOffice)",
                                    cell: SheetMap.quoted(sheet)))
    }

    func check(_ parsed: SheetParser.Outcome, sheet: String) throws(InputError) {
        let file = url.path
        var problems: [Diagnostic] = []
        for p in parsed.problems {
            problems.append(Diagnostic(file: file, line: 0, column: 0, message: p.message,
                                       cell: "\(SheetMap.quoted(sheet))!\(XLSXReader.columnName(p.column))\(p.row)"))
        }
        for m in parsed.merged {
            // A merged header makes two columns share one name.
            if let (a, b) = Self.mergeRange(m), a.row <= parsed.firstRowNumber && b.row >= parsed.firstRowNumber && a.column != b.column {
                problems.append(Diagnostic(file: file, line: 0, column: 0, message: "header cells \(m) are merged; give each column its own header cell",
                                           cell: "\(SheetMap.quoted(sheet))!\(m)"))
            }
        }
        if parsed.rowNumbers.isEmpty { problems.append(Diagnostic(file: file, line: 0, column: 0, message: "sheet '\(sheet)' is empty", cell: "")) }
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: problems.count >= 50) }
    }

    static func mergeRange(_ ref: String) -> ((column: Int, row: Int), (column: Int, row: Int))? {
        let parts = ref.split(separator: ":")
        guard parts.count == 2, let a = cellPosition(parts[0]), let b = cellPosition(parts[1]) else { return nil }
        return (a, b)
    }

    /// An Excel date serial (days since 1899-12-30) as yyyy-mm-dd; other text unchanged.
    static func dateText(_ s: String) -> String {
        guard let serial = Double(s) else { return s }
        let date = Date(timeIntervalSince1970: (serial - 25_569) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// A text cell as a CSV field, quoted as CSVWriter quotes what Mizan writes.
    static func csvField(_ s: String) -> [UInt8] {
        var w = CSVWriter(reserve: s.utf8.count + 2)
        w.text(s)
        return w.bytes
    }

    func sharedStrings() throws(InputError) -> [String] {
        guard archive["xl/sharedStrings.xml"] != nil else { return [] }
        var out: [String] = []
        var current: String?
        var inText = false
        var stream = XMLStream()
        try Self.stream(archive, archive["xl/sharedStrings.xml"]!, file: url.path) { chunk in
            try? stream.feed(chunk) { e in
                switch e {
                case .start(let n, _, _) where n == "si": current = ""
                case .start(let n, _, _) where n == "t": inText = true
                case .end(let n) where n == "t": inText = false
                case .end(let n) where n == "si": out.append(current ?? ""); current = nil
                case .text(let t) where inText: current? += t
                default: break
                }
            }
        }
        return out
    }

    /// Indices into cellXfs whose number format is a date or time.
    func dateStyleIndices() throws(InputError) -> Set<Int> {
        guard let entry = archive["xl/styles.xml"] else { return [] }
        var custom: [Int: String] = [:]
        var xfFormats: [Int] = []
        var inCellXfs = false
        var stream = XMLStream()
        try Self.stream(archive, entry, file: url.path) { chunk in
            try? stream.feed(chunk) { e in
                switch e {
                case .start(let n, let a, _) where n == "numFmt":
                    if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { custom[id] = code }
                case .start(let n, _, _) where n == "cellXfs": inCellXfs = true
                case .end(let n) where n == "cellXfs": inCellXfs = false
                case .start(let n, let a, _) where n == "xf" && inCellXfs: xfFormats.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
                default: break
                }
            }
        }
        func isDate(_ id: Int) -> Bool {
            if (14...22).contains(id) || (45...47).contains(id) { return true }
            guard let code = custom[id]?.lowercased() else { return false }
            // Strip quoted text and [colour] blocks before looking for date letters.
            var plain = "", inQuote = false, inBracket = false
            for ch in code {
                if ch == "\"" { inQuote.toggle(); continue }
                if ch == "[" { inBracket = true; continue }
                if ch == "]" { inBracket = false; continue }
                if !inQuote && !inBracket { plain.append(ch) }
            }
            return plain.contains("y") || plain.contains("d") || (plain.contains("m") && !plain.contains("0"))
        }
        return Set(xfFormats.enumerated().filter { isDate($0.element) }.map(\.offset))
    }
}
