import Foundation

/// One field of a record: a byte range in the input and where it starts in the file.
public struct CSVField: Sendable {
    /// Byte range of the content (inside the quotes for a quoted field).
    public var start: Int
    public var end: Int
    /// The field was quoted; `""` inside it stands for one `"`.
    public var quoted: Bool
    public var hasEscapedQuote: Bool
    /// 1-based line and column (in bytes) of the field's first character.
    public var line: Int
    public var column: Int
    public var isEmpty: Bool { start == end }
}

/// A malformed record: an unterminated quote or a stray quote.
public struct CSVSyntaxError: Error, Sendable {
    public var line: Int
    public var column: Int
    public var message: String
}

/// A streaming scanner over the bytes of an RFC 4180 file (plus `;`/tab separators, CRLF or LF,
/// quoted fields holding separators, quotes and newlines).
///
/// Why bytes: splitting Swift `String`s works on grapheme clusters and runs at ~15 MB/s; a loop
/// over `UInt8` runs at several hundred. Fields are reported as byte ranges into a reused buffer,
/// so scanning allocates nothing per record.
public struct CSVScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let dialect: CSVDialect
    /// Byte offset of the next record.
    public private(set) var position: Int
    private var lineStart: Int
    /// 1-based line number where the next record starts.
    public private(set) var line: Int

    /// Scans `bytes` from its start (after a byte order mark, if the dialect has one).
    public init(bytes: UnsafeBufferPointer<UInt8>, dialect: CSVDialect) {
        self.bytes = bytes
        self.dialect = dialect
        position = dialect.hasByteOrderMark ? 3 : 0
        lineStart = position
        line = 1
    }

    /// Scans a chunk that starts at the beginning of line `line` of a larger file.
    public init(bytes: UnsafeBufferPointer<UInt8>, dialect: CSVDialect, line: Int) {
        self.bytes = bytes
        self.dialect = dialect
        position = 0
        lineStart = 0
        self.line = line
    }

    /// Reads the next record into `fields` (cleared first). Returns false at the end of input.
    /// Blank lines are skipped.
    public mutating func nextRecord(into fields: inout [CSVField]) throws(CSVSyntaxError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        let sep = dialect.separator
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        // Skip blank lines.
        while position < n {
            let b = bytes[position]
            if b == lf { position += 1; line += 1; lineStart = position }
            else if b == cr {
                position += 1
                if position < n && bytes[position] == lf { position += 1 }
                line += 1; lineStart = position
            } else { break }
        }
        if position >= n { return false }
        while true {
            let fieldLine = line
            let column = position - lineStart + 1
            if position < n && bytes[position] == quote {
                var i = position + 1
                var escaped = false
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n && bytes[i + 1] == quote { escaped = true; i += 2; continue }
                        closed = true
                        break
                    }
                    if b == lf { line += 1; lineStart = i + 1 }
                    else if b == cr && !(i + 1 < n && bytes[i + 1] == lf) { line += 1; lineStart = i + 1 }
                    i += 1
                }
                guard closed else {
                    throw CSVSyntaxError(line: fieldLine, column: column, message: "quoted field is never closed")
                }
                fields.append(CSVField(start: position + 1, end: i, quoted: true, hasEscapedQuote: escaped,
                                       line: fieldLine, column: column))
                position = i + 1
                if position < n {
                    let b = bytes[position]
                    if b != sep && b != lf && b != cr {
                        throw CSVSyntaxError(line: line, column: position - lineStart + 1,
                                             message: "unexpected character after a closing quote")
                    }
                }
            } else {
                var i = position
                while i < n {
                    let b = bytes[i]
                    if b == sep || b == lf || b == cr { break }
                    if b == quote {
                        throw CSVSyntaxError(line: line, column: i - lineStart + 1,
                                             message: "quote inside an unquoted field (quote the whole field and double the quote)")
                    }
                    i += 1
                }
                fields.append(CSVField(start: position, end: i, quoted: false, hasEscapedQuote: false,
                                       line: fieldLine, column: column))
                position = i
            }
            if position >= n { return true }
            let b = bytes[position]
            if b == sep { position += 1; continue }
            // End of record.
            position += 1
            if b == cr && position < n && bytes[position] == lf { position += 1 }
            line += 1
            lineStart = position
            return true
        }
    }

    // MARK: Field values

    /// The field as text: quotes unescaped, ASCII blanks trimmed from unquoted fields.
    /// Returns nil when the bytes are not valid UTF-8.
    public func string(_ f: CSVField) -> String? {
        var s = f.start, e = f.end
        if !f.quoted { trim(&s, &e) }
        let slice = UnsafeBufferPointer(rebasing: bytes[s..<e])
        guard let text = String(validating: slice, as: UTF8.self) else { return nil }
        return f.hasEscapedQuote ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Trimmed byte range of a field's content.
    @inline(__always)
    public func trimmed(_ f: CSVField) -> (start: Int, end: Int) {
        var s = f.start, e = f.end
        trim(&s, &e)
        return (s, e)
    }

    @inline(__always)
    func trim(_ s: inout Int, _ e: inout Int) {
        while s < e && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
        while e > s && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
    }

    /// True when the trimmed field is empty (a missing value).
    @inline(__always)
    public func isBlank(_ f: CSVField) -> Bool {
        let (s, e) = trimmed(f)
        return s == e
    }

    /// The field as a number in this dialect, or nil when it is not one. Empty is not a number.
    @inline(__always)
    public func double(_ f: CSVField) -> Double? {
        let (s, e) = trimmed(f)
        return DecimalParser.parse(bytes, s, e, decimalComma: dialect.decimalComma)
    }

    /// The field as a whole number (optional sign, digits only), or nil.
    @inline(__always)
    public func integer(_ f: CSVField) -> Int? {
        let (s, e) = trimmed(f)
        if s == e || e - s > 18 { return nil }
        var i = s, negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if bytes[i] == UInt8(ascii: "+") { i += 1 }
        if i == e { return nil }
        var v = 0
        while i < e {
            let d = bytes[i] &- 48
            if d > 9 { return nil }
            v = v * 10 + Int(d)
            i += 1
        }
        return negative ? -v : v
    }

    /// Raw text of a byte range, for messages (lossy UTF-8 decoding, truncated).
    /// The field's column in characters, as an editor shows it (`column` counts bytes, and an
    /// accented header such as "Année;Région" would otherwise point past the field).
    public func characterColumn(_ f: CSVField) -> Int {
        let first = f.start - (f.quoted ? 1 : 0)
        let lineStart = first - (f.column - 1)
        guard lineStart >= 0, first <= bytes.count else { return f.column }
        var n = 1
        for k in lineStart..<first where bytes[k] & 0xC0 != 0x80 { n += 1 }
        // A byte-order mark is not a character anyone sees.
        if lineStart == 0 && first >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { n -= 1 }
        return n
    }

    public func excerpt(_ f: CSVField, limit: Int = 40) -> String {
        let (s, e) = f.quoted ? (f.start, f.end) : trimmed(f)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<min(e, s + limit)]), as: UTF8.self)
        return e - s > limit ? text + "…" : text
    }
}

