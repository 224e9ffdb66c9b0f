import Foundation
import MizanSupport

/// The worksheet part of an .xlsx, turned into CSV bytes as it inflates: a row is written as
/// soon as its `</row>` has arrived. A byte-level scanner, not a general XML parser: a sheet
/// holds millions of `<c>` elements, only a handful of element kinds matter, and making a
/// `String` per tag would cost more than inflating the archive.
struct SheetParser: Sendable {
    /// A problem at a cell (0-based column, sheet row number).
    struct Problem { let column: Int; let row: Int; let message: String }

    /// Shared strings, already in CSV form (quoted where needed), as UTF-8 bytes, one after
    /// another: string k is `stringBytes[stringStarts[k]..<stringStarts[k + 1]]`. One flat
    /// buffer, because a panel points to a shared string in every row and an array per string
    /// costs a retain and a release at each.
    let stringBytes: [UInt8]
    let stringStarts: [Int]
    /// Their plain text, for the header row.
    let plainStrings: [String]
    let dateStyles: Set<Int>
    /// Whether a header cell names a column that must not hold dates (the year).
    let isDateColumn: @Sendable (String) -> Bool

    private var pending: [UInt8] = []
    private(set) var firstRowNumber = -1
    private(set) var merged: [String] = []
    private(set) var header: [String] = []
    private(set) var rowNumbers: [Int32] = []
    private(set) var problems: [Problem] = []
    /// Per column: must not hold dates (the year).
    private var dateColumns: [Bool] = []
    @inline(__always) private func isYearColumn(_ column: Int) -> Bool { column < dateColumns.count && dateColumns[column] }
    private var lastRowNumber = 0
    /// A later stretch parsed on its own, and whether it met a row without its number (which
    /// only the rows before it could give: then the sheet is parsed in one stretch).
    private var isContinuation = false
    private(set) var unnumberedRows = false

    init(strings: [String], dateStyles: Set<Int>, isDateColumn: @escaping @Sendable (String) -> Bool) {
        plainStrings = strings
        var bytes: [UInt8] = [], starts = [0]
        for t in strings { bytes += XLSXReader.csvField(t); starts.append(bytes.count) }
        stringBytes = bytes
        stringStarts = starts
        self.dateStyles = dateStyles
        self.isDateColumn = isDateColumn
    }

    /// The last bytes fed (streamed sheets): whether the sheet's XML was whole (`isComplete`).
    private(set) var tail: [UInt8] = []

    /// Whether a sheet's XML ends as a worksheet ends (`</worksheet>`, any namespace prefix):
    /// a sheet cut off inside a row would otherwise lose that row without a word.
    static func isComplete(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = b.count
        while end > 0 && isBlank(b[end - 1]) { end -= 1 }
        let closing = Array("worksheet>".utf8)
        guard end >= closing.count + 2 else { return false }
        guard Array(b[(end - closing.count)..<end]) == closing else { return false }
        var k = end - closing.count - 1
        while k > 0 && b[k] != Self.lt && b[k] != Self.slash { k -= 1 }   // past a namespace prefix
        return b[k] == Self.slash || (k > 0 && b[k - 1] == Self.slash)
    }

    /// Feeds inflated bytes; complete rows are appended to `out` as CSV lines.
    mutating func feed(_ chunk: Data, into out: inout [UInt8]) {
        tail = Array((tail + chunk).suffix(64))
        pending.append(contentsOf: chunk)
        let rows = GrowableBuffer<UInt8>(capacity: pending.count / 4)
        let consumed = parse(into: rows)
        out.append(contentsOf: rows.buffer)
        pending.removeFirst(consumed)
    }

    // Byte constants.
    static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":")
    static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), equals = UInt8(ascii: "="), comma = UInt8(ascii: ",")
    static let amp = UInt8(ascii: "&")

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    private enum Capture { case none, value, text }
    private enum CellType { case number, shared, inline, string, bool, error, date }

    /// Parses every complete row of `pending`; returns how many bytes are done with.
    private mutating func parse(into out: GrowableBuffer<UInt8>) -> Int {
        let bytes = pending   // a read-only view: parsing mutates other properties of self
        return bytes.withUnsafeBufferPointer { parse($0, into: out) }
    }

    /// A parser for a later stretch of the same sheet, which knows the header the first
    /// stretch read (rows, not the header, are what it will see).
    init(continuing first: SheetParser) {
        self = first
        pending = []
        rowNumbers = []
        problems = []
        merged = []
        lastRowNumber = 0
        isContinuation = true
    }

    /// Parses a whole part held in memory (the rows complete, as `SheetInflater` gives them).
    mutating func parseWhole(_ b: UnsafeBufferPointer<UInt8>, into out: GrowableBuffer<UInt8>) {
        _ = parse(b, into: out)
    }

    mutating func parseWhole(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let rows = GrowableBuffer<UInt8>(capacity: b.count / 6)
        _ = parse(b, into: rows)
        out.append(contentsOf: rows.buffer)
    }

    /// Parses every complete row of `b`; returns how many bytes are done with. The hot loop of a
    /// large workbook (one pass over the sheet's bytes, its state in locals, no `String` per
    /// cell): kept as one function on purpose, as `PanelReader.parseRows` is.
    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>, into out: GrowableBuffer<UInt8>) -> Int {
        var consumed = 0
        var inRow = false
        var rowNumber = 0
        var rowStart = out.count          // where this row's CSV begins in `out`
        var nextColumn = 0                // CSV fields written so far in this row
        var headerCells: [(Int, String)] = []
        // The current cell.
        var inCell = false, cellColumn = 0, cellType = CellType.number, cellStyle = -1, hasFormula = false
        var valueStart = -1, valueEnd = -1, textBytes: [UInt8] = [], capture = Capture.none, hasValue = false
        let n = b.count
        do {
            var i = 0
            while i < n {
                if b[i] != Self.lt {
                    var j = i
                    while j < n && b[j] != Self.lt { j += 1 }
                    if j == n { break }
                    if capture == .value {
                        valueStart = i; valueEnd = j; hasValue = true
                    } else if capture == .text {
                        textBytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                    }
                    i = j
                    continue
                }
                // The fastest path: a whole `<c r=".." s=".." t="s|n"><v>..</v></c>` in one pass,
                // as Excel, LibreOffice and Mizan write nearly every cell of a panel.
                if inRow && rowNumber != firstRowNumber, let c = Self.plainCell(b, i, n) {
                    finishValue(b, out, &nextColumn, rowNumber, c.column, c.shared ? .shared : .number, c.style,
                                c.valueStart..<c.valueEnd, &headerCells)
                    i = c.next
                    continue
                }
                var close = i + 1
                while close < n && b[close] != Self.gt { close += 1 }
                if close == n { break }
                let tagStart = i + 1, tagEnd = close   // tag bytes, without < and >
                i = close + 1
                let first = b[tagStart]
                if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { if !inRow { consumed = i }; continue }
                let isEnd = first == Self.slash
                let selfClosing = b[tagEnd - 1] == Self.slash
                // The local name: after any namespace prefix, up to a blank, '/' or the end.
                var nameStart = isEnd ? tagStart + 1 : tagStart, nameEnd = nameStart
                while nameEnd < tagEnd && !Self.isBlank(b[nameEnd]) && b[nameEnd] != Self.slash {
                    if b[nameEnd] == Self.colon { nameStart = nameEnd + 1 }
                    nameEnd += 1
                }
                let len = nameEnd - nameStart
                let c0 = len > 0 ? b[nameStart] : 0
                if isEnd {
                    if len == 1 && (c0 == UInt8(ascii: "v") || c0 == UInt8(ascii: "t")) {
                        capture = .none
                    } else if len == 1 && c0 == UInt8(ascii: "c") {
                        if inCell {
                            finishCell(b, out, &nextColumn, rowNumber, cellColumn, cellType, cellStyle, hasFormula,
                                       hasValue ? valueStart..<valueEnd : nil, textBytes, &headerCells, rowNumber == firstRowNumber)
                        }
                        inCell = false
                    } else if len == 3 && c0 == UInt8(ascii: "r") && b[nameStart + 1] == UInt8(ascii: "o") {
                        if inRow {
                            if nextColumn > 0 || rowNumber == firstRowNumber {
                                // Trailing empty cells are not stored in the sheet: pad to the header.
                                if rowNumber != firstRowNumber {
                                    while nextColumn < header.count { if nextColumn > 0 { out.append(Self.comma) }; nextColumn += 1 }
                                }
                                out.append(10)
                                rowNumbers.append(Int32(rowNumber))
                                if rowNumber == firstRowNumber { setHeader(headerCells) }
                            } else {
                                out.truncate(to: rowStart)   // an empty row: no line
                            }
                        }
                        inRow = false
                        consumed = i
                    } else if !inRow {
                        consumed = i
                    }
                    continue
                }
                if len == 1 && c0 == UInt8(ascii: "c") {
                    cellColumn = nextColumn; cellType = .number; cellStyle = -1; hasFormula = false
                    hasValue = false; if !textBytes.isEmpty { textBytes.removeAll(keepingCapacity: true) }; capture = .none
                    Self.attributes(b, nameEnd, tagEnd) { key, vs, ve in
                        switch (ve - vs, key) {
                        case (_, UInt8(ascii: "r")):
                            var col = 0, k = vs
                            while k < ve, b[k] >= 65, b[k] <= 90 { col = col * 26 + Int(b[k] - 64); k += 1 }
                            if col > 0 { cellColumn = col - 1 }
                        case (_, UInt8(ascii: "t")):
                            let t0 = ve > vs ? b[vs] : 0
                            switch t0 {
                            case UInt8(ascii: "s"): cellType = ve - vs == 1 ? .shared : .string   // "s" or "str"
                            case UInt8(ascii: "i"): cellType = .inline
                            case UInt8(ascii: "b"): cellType = .bool
                            case UInt8(ascii: "e"): cellType = .error
                            case UInt8(ascii: "d"): cellType = .date
                            default: cellType = .number
                            }
                        case (_, UInt8(ascii: "s")):
                            var v = 0
                            for k in vs..<ve { v = v * 10 + Int(b[k] &- 48) }
                            cellStyle = v
                        default: break
                        }
                    }
                    inCell = !selfClosing
                    // Fast paths for the two shapes nearly every cell has, `<v>123</v></c>` and
                    // `<is><t …>text</t></is></c>`: the whole cell in one pass.
                    if inCell && !(rowNumber == firstRowNumber) {
                        if let end = Self.simpleValue(b, i, n) {
                            finishValue(b, out, &nextColumn, rowNumber, cellColumn, cellType, cellStyle, (i + 3)..<end, &headerCells)
                            inCell = false
                            i = end + 8
                        } else if cellType == .inline, let (ts, te) = Self.simpleInlineText(b, i, n) {
                            let text = UnsafeBufferPointer(rebasing: b[ts..<te])
                            if !text.contains(where: { $0 == Self.comma || $0 == Self.quote || $0 == 10 || $0 == 13 || $0 == Self.amp }) {
                                // Plain text (codes, names): its bytes are already a CSV field.
                                Self.emit(text, cellColumn, out, &nextColumn)
                            } else {
                                textBytes.append(contentsOf: text)
                                finishCell(b, out, &nextColumn, rowNumber, cellColumn, cellType, cellStyle, false,
                                           nil, textBytes, &headerCells, false)
                            }
                            inCell = false
                            i = te + 13
                        }
                    }
                } else if len == 1 && c0 == UInt8(ascii: "v") {
                    capture = selfClosing ? .none : .value
                } else if len == 1 && c0 == UInt8(ascii: "t") {
                    capture = selfClosing ? .none : .text
                } else if len == 1 && c0 == UInt8(ascii: "f") {
                    hasFormula = true
                } else if len == 3 && c0 == UInt8(ascii: "r") && b[nameStart + 1] == UInt8(ascii: "o") {
                    var number = lastRowNumber + 1, numbered = false
                    Self.attributes(b, nameEnd, tagEnd) { key, vs, ve in
                        if key == UInt8(ascii: "r") { var v = 0; for k in vs..<ve { v = v * 10 + Int(b[k] &- 48) }; number = v; numbered = true }
                    }
                    if !numbered && isContinuation { unnumberedRows = true }
                    lastRowNumber = number
                    if firstRowNumber < 0 { firstRowNumber = number }
                    rowNumber = number
                    rowStart = out.count
                    nextColumn = 0
                    headerCells.removeAll()
                    inRow = !selfClosing
                    if selfClosing { consumed = i }
                } else if len == 9 && c0 == UInt8(ascii: "m") {   // mergeCell
                    Self.attributes(b, nameEnd, tagEnd, wantLong: true) { _, vs, ve in
                        merged.append(String(decoding: UnsafeBufferPointer(rebasing: b[vs..<ve]), as: UTF8.self))
                    }
                    if !inRow { consumed = i }
                } else if !inRow {
                    consumed = i
                }
            }
        }
        // A row cut by the chunk boundary is parsed again from its start with the next chunk.
        if inRow { out.truncate(to: rowStart) }
        return consumed
    }

    private mutating func setHeader(_ cells: [(Int, String)]) {
        let width = (cells.map(\.0).max() ?? -1) + 1
        header = [String](repeating: "", count: width)
        for (k, t) in cells { header[k] = t }
        dateColumns = header.map { isDateColumn($0) }
    }

    /// A body row's cell whose value is `<v>…</v>` (no formula): a plain number straight to the
    /// output — the hot path, inlined where the fast paths meet it — anything else through
    /// `finishCell`.
    @inline(__always)
    private mutating func finishValue(_ b: UnsafeBufferPointer<UInt8>, _ out: GrowableBuffer<UInt8>, _ nextColumn: inout Int, _ row: Int,
                                      _ column: Int, _ type: CellType, _ style: Int, _ value: Range<Int>,
                                      _ headerCells: inout [(Int, String)]) {
        let bytes = UnsafeBufferPointer(rebasing: b[value])
        // A year is checked for a date style; a plain one is written as it stands, like any number.
        if type == .number && !bytes.contains(where: { $0 | 0x20 == UInt8(ascii: "e") })
            && (style < 0 || !isYearColumn(column) || !dateStyles.contains(style)) {
            Self.emit(bytes, column, out, &nextColumn)
            return
        }
        if type == .shared && !bytes.isEmpty && bytes.count <= 9 {
            // A region or code from the shared strings: its bytes are already a CSV field.
            var k = 0, digits = true
            for d in bytes { let x = d &- 48; if x > 9 { digits = false; break }; k = k * 10 + Int(x) }
            if digits && k < stringStarts.count - 1 {
                emitSharedString(k, column, out, &nextColumn)
                return
            }
        }
        finishCell(b, out, &nextColumn, row, column, type, style, false, value, [], &headerCells, false)
    }

    /// Appends one cell's CSV field (and the commas before it).
    private mutating func finishCell(_ b: UnsafeBufferPointer<UInt8>, _ out: GrowableBuffer<UInt8>, _ nextColumn: inout Int, _ row: Int,
                                     _ column: Int, _ type: CellType, _ style: Int, _ formula: Bool, _ value: Range<Int>?,
                                     _ text: [UInt8], _ headerCells: inout [(Int, String)], _ isHeader: Bool) {
        func problem(_ m: String) { if problems.count < 50 { problems.append(Problem(column: column, row: row, message: m)) } }
        var field: [UInt8] = []
        var plain: String?
        switch type {
        case .shared:
            if let v = value {
                var k = 0
                for p in v { k = k * 10 + Int(b[p] &- 48) }
                let count = stringStarts.count - 1
                if k >= 0 && k < count && !isHeader {
                    emitSharedString(k, column, out, &nextColumn)
                    return
                }
                if k >= 0 && k < count { field = Array(stringBytes[stringStarts[k]..<stringStarts[k + 1]]); if isHeader { plain = plainStrings[k] } }
                else { problem("shared string \(k) does not exist: the workbook is damaged") }
            } else if formula { problem(Self.formulaMessage) }
        case .inline, .string:
            if type == .inline && !isHeader && !text.contains(where: { $0 == Self.comma || $0 == Self.quote || $0 == 10 || $0 == 13 || $0 == Self.amp }) {
                // Plain text (codes, names): its bytes are already a CSV field.
                text.withUnsafeBufferPointer { Self.emit($0, column, out, &nextColumn) }
                return
            }
            let raw = type == .inline ? text : value.map { Array(UnsafeBufferPointer(rebasing: b[$0])) } ?? []
            if type == .string && value == nil && formula { problem(Self.formulaMessage) }
            let s = String(decoding: raw, as: UTF8.self)
            let unescaped = raw.contains(Self.amp) ? XMLStream.unescape(s) : s
            plain = unescaped
            field = XLSXReader.csvField(unescaped)
        case .bool:
            if let v = value { field = [v.count > 0 && b[v.lowerBound] == UInt8(ascii: "1") ? 49 : 48] }
        case .error:
            problem("the cell holds the error \(value.map { String(decoding: UnsafeBufferPointer(rebasing: b[$0]), as: UTF8.self) } ?? "#VALUE!")")
        case .date:
            if let v = value { field = Array(UnsafeBufferPointer(rebasing: b[v])) }
            if isYearColumn(column) && !isHeader { problem("the year is a date (\(String(decoding: field, as: UTF8.self))); format the year column as a number") }
        case .number:
            if let v = value {
                let bytes = UnsafeBufferPointer(rebasing: b[v])
                if !isHeader && !isYearColumn(column) && !bytes.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
                    // The hot path: a plain number goes straight to the output.
                    Self.emit(bytes, column, out, &nextColumn)
                    return
                }
                if bytes.contains(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }), let d = Double(String(decoding: bytes, as: UTF8.self)) {
                    field = Array((d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)).utf8)
                } else {
                    field = Array(bytes)
                }
                if !isHeader && isYearColumn(column) && dateStyles.contains(style) {
                    problem("the year is a date (\(XLSXReader.dateText(String(decoding: field, as: UTF8.self)))); format the year column as a number")
                }
                if isHeader { plain = String(decoding: field, as: UTF8.self) }
            } else if formula {
                problem(Self.formulaMessage)
            }
        }
        if isHeader { headerCells.append((column, plain ?? "")) }
        field.withUnsafeBufferPointer { Self.emit($0, column, out, &nextColumn) }
    }

    /// Writes shared string `k` (already a CSV field) at `column`.
    @inline(__always)
    private func emitSharedString(_ k: Int, _ column: Int, _ out: GrowableBuffer<UInt8>, _ nextColumn: inout Int) {
        let (from, to) = (stringStarts[k], stringStarts[k + 1])
        stringBytes.withUnsafeBufferPointer { Self.emit(UnsafeBufferPointer(rebasing: $0[from..<to]), column, out, &nextColumn) }
    }

    /// Writes a field at `column`: the commas of any empty fields before it, then its bytes. A
    /// cell out of order (a column already written) is ignored.
    @inline(__always)
    static func emit(_ field: UnsafeBufferPointer<UInt8>, _ column: Int, _ out: GrowableBuffer<UInt8>, _ nextColumn: inout Int) {
        guard column >= nextColumn else { return }
        while nextColumn < column { if nextColumn > 0 { out.append(comma) }; nextColumn += 1 }
        if nextColumn > 0 { out.append(comma) }
        out.append(contentsOf: field)
        nextColumn += 1
    }

    /// At `i`, a cell `<c r="B7" s="3" t="s"><v>…</v></c>` whose attributes are only `r` (with a
    /// column), `s` and `t` = `s` or `n`, in any order: its column, whether it points to a shared
    /// string, its style, its value's range and where the next tag starts; else nil (then the
    /// general path reads it).
    @inline(__always)
    static func plainCell(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int)
        -> (column: Int, shared: Bool, style: Int, valueStart: Int, valueEnd: Int, next: Int)? {
        guard i + 3 < n, b[i + 1] == UInt8(ascii: "c"), b[i + 2] == 32 else { return nil }
        var k = i + 3, column = -1, shared = false, style = -1
        while k < n && b[k] != gt {
            let a = b[k]
            if a == 32 { k += 1; continue }
            guard k + 3 < n, b[k + 1] == equals, b[k + 2] == quote else { return nil }
            var j = k + 3
            switch a {
            case UInt8(ascii: "r"):
                var col = 0
                while j < n, b[j] >= 65, b[j] <= 90 { col = col * 26 + Int(b[j] - 64); j += 1 }
                while j < n, b[j] >= 48, b[j] <= 57 { j += 1 }
                column = col - 1
            case UInt8(ascii: "t"):
                guard j < n, b[j] == UInt8(ascii: "s") || b[j] == UInt8(ascii: "n") else { return nil }
                shared = b[j] == UInt8(ascii: "s")
                j += 1
            case UInt8(ascii: "s"):
                var v = 0
                while j < n, b[j] >= 48, b[j] <= 57 { v = v * 10 + Int(b[j] - 48); j += 1 }
                style = v
            default:
                return nil
            }
            guard j < n, b[j] == quote else { return nil }
            k = j + 1
        }
        guard column >= 0, k < n, let end = simpleValue(b, k + 1, n) else { return nil }
        return (column, shared, style, k + 4, end, end + 8)
    }

    /// At `i`, `<v>digits…</v></c>`: the end of the value (where `</v></c>` starts), else nil.
    @inline(__always)
    static func simpleValue(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        guard i + 3 <= n, b[i] == lt, b[i + 1] == UInt8(ascii: "v"), b[i + 2] == gt else { return nil }
        var j = i + 3
        while j < n && b[j] != lt { j += 1 }
        guard j + 8 <= n, b[j + 1] == slash, b[j + 2] == UInt8(ascii: "v"), b[j + 3] == gt, b[j + 4] == lt, b[j + 5] == slash,
              b[j + 6] == UInt8(ascii: "c"), b[j + 7] == gt else { return nil }
        return j
    }

    /// At `i`, `<is><t …>text</t></is></c>`: the text's range, else nil.
    @inline(__always)
    static func simpleInlineText(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Int, Int)? {
        guard i + 6 <= n, b[i] == lt, b[i + 1] == UInt8(ascii: "i"), b[i + 2] == UInt8(ascii: "s"), b[i + 3] == gt,
              b[i + 4] == lt, b[i + 5] == UInt8(ascii: "t"), i + 6 < n, b[i + 6] == gt || isBlank(b[i + 6]) else { return nil }
        var k = i + 6
        while k < n && b[k] != gt { k += 1 }
        guard k < n, b[k - 1] != slash else { return nil }
        let ts = k + 1
        var te = ts
        while te < n && b[te] != lt { te += 1 }
        let tail: [UInt8] = Array("</t></is></c>".utf8)
        guard te + tail.count <= n else { return nil }
        for (o, ch) in tail.enumerated() where b[te + o] != ch { return nil }
        return (ts, te)
    }

    static let formulaMessage = "the cell holds a formula without a computed value; open and save the workbook in Excel or LibreOffice, or paste the values"

    /// Calls `body(first byte of the name, value start, value end)` for each attribute of a
    /// start tag (names of one letter only, unless `wantLong`: then every attribute).
    @inline(__always)
    static func attributes(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, wantLong: Bool = false,
                           _ body: (UInt8, Int, Int) -> Void) {
        var k = from
        while k < to {
            while k < to && (isBlank(b[k]) || b[k] == slash) { k += 1 }
            let nameStart = k
            while k < to && b[k] != equals && !isBlank(b[k]) { k += 1 }
            let nameEnd = k
            while k < to && b[k] != quote && b[k] != apostrophe { k += 1 }
            guard k < to else { return }
            let q = b[k]
            let vs = k + 1
            var ve = vs
            while ve < to && b[ve] != q { ve += 1 }
            if nameEnd - nameStart == 1 || wantLong { body(b[nameStart], vs, ve) }
            k = ve + 1
        }
    }
}

extension SheetParser {
    /// What a parsed sheet leaves besides its CSV bytes.
    struct Outcome {
        var firstRowNumber: Int
        var rowNumbers: [Int32]
        var problems: [Problem]
        var merged: [String]
    }

    var outcome: Outcome { Outcome(firstRowNumber: firstRowNumber, rowNumbers: rowNumbers, problems: problems, merged: merged) }

    /// Parses a whole inflated sheet on every core (see `parseInStretches`) into one CSV, or in
    /// one stretch when it cannot be cut.
    static func parseInParallel(_ b: UnsafeBufferPointer<UInt8>, _ parser: SheetParser, into out: inout [UInt8]) -> Outcome {
        if let s = parseInStretches(b, parser, start: { _ in { piece in Array(piece) } }) {
            out.append(contentsOf: s.header)
            for piece in s.pieces { out.append(contentsOf: piece) }
            return s.outcome
        }
        var whole = parser
        whole.parseWhole(b, into: &out)
        return whole.outcome
    }

    /// Parses a whole inflated sheet on every core: the first stretch (the header row) on its
    /// own, its CSV handed to `start`, then the rest cut at `<row` tags into one stretch per
    /// core, each parsed by a parser that knows the header; each stretch's CSV goes to what
    /// `start` returned, on the core that made it, and the results come back in sheet order.
    /// nil when the sheet is too small to cut, when `start` returns nil, or when a row has no
    /// number (only the rows before it could give it): then parse it in one stretch.
    static func parseInStretches<Piece: Sendable>(_ b: UnsafeBufferPointer<UInt8>, _ parser: SheetParser,
                                                  start: ([UInt8]) -> (@Sendable (UnsafeBufferPointer<UInt8>) -> Piece)?)
        -> (header: [UInt8], outcome: Outcome, pieces: [Piece])? {
        let cuts = cutPoints(b, parts: availableCores)
        guard cuts.count > 2 else { return nil }
        var first = parser
        var header: [UInt8] = []
        first.parseWhole(UnsafeBufferPointer(rebasing: b[cuts[0]..<cuts[1]]), into: &header)
        guard let consume = start(header) else { return nil }
        let seed = SheetParser(continuing: first)
        let base = UInt(bitPattern: b.baseAddress), count = b.count
        let pieces = parallelMap(cuts.count - 2) { k -> (Piece?, SheetParser) in
            let whole = UnsafeBufferPointer(start: UnsafePointer<UInt8>(bitPattern: base), count: count)
            var p = seed
            // A panel's CSV is about a seventh of its sheet's XML: one allocation, no regrowth.
            let piece = GrowableBuffer<UInt8>(capacity: (cuts[k + 2] - cuts[k + 1]) / 6)
            p.parseWhole(UnsafeBufferPointer(rebasing: whole[cuts[k + 1]..<cuts[k + 2]]), into: piece)
            // A stretch with an unnumbered row is not handed on: the sheet is parsed again whole.
            return (p.unnumberedRows ? nil : consume(piece.buffer), p)
        }
        if pieces.contains(where: { $0.1.unnumberedRows }) { return nil }
        var result = first.outcome
        for (_, p) in pieces {
            result.rowNumbers += p.rowNumbers
            result.problems += p.problems
            result.merged += p.merged
        }
        if result.problems.count > 50 { result.problems.removeLast(result.problems.count - 50) }
        return (header, result, pieces.map { $0.0! })
    }

    /// Offsets that cut the sheet before `<row` tags: [0, end of the first row, …, count].
    static func cutPoints(_ b: UnsafeBufferPointer<UInt8>, parts: Int) -> [Int] {
        let n = b.count
        guard parts > 1, n > 1 << 20 else { return [0, n] }
        func rowTag(at i: Int) -> Bool {
            i + 5 <= n && b[i] == lt && b[i + 1] == UInt8(ascii: "r") && b[i + 2] == UInt8(ascii: "o") && b[i + 3] == UInt8(ascii: "w")
                && (isBlank(b[i + 4]) || b[i + 4] == gt || b[i + 4] == slash)
        }
        // The first stretch ends at the second row tag (after the header row).
        var i = 0, seen = 0
        while i < n { if rowTag(at: i) { seen += 1; if seen == 2 { break } }; i += 1 }
        guard i < n else { return [0, n] }
        var cuts = [0, i]
        for k in 1..<parts {
            var j = max(cuts.last! + 1, k * n / parts)
            while j < n && !rowTag(at: j) { j += 1 }
            if j < n { cuts.append(j) }
        }
        cuts.append(n)
        return cuts
    }
}
