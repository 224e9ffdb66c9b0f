/// What Foundation's JSON parser lets through or reports without a place: bytes that are not
/// UTF-8 (decoded as U+FFFD in silence), the same key twice in one object (the last one wins in
/// silence: a profile with `region` first `MA-06` then `MA-01`), and a trailing comma (`[1, 2,]`,
/// accepted). Each is found with its line and column (in characters) inside the text, so a
/// reader can point at it.
public enum JSONStrictness {
    public struct Problem: Equatable, Sendable {
        /// 1-based, within the text checked.
        public var line: Int
        public var column: Int
        public var message: String
        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// The first problem in `bytes`, or nil. Syntax errors are left to the parser; the scan only
    /// needs to be right on text that parses.
    public static func firstProblem<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Problem? {
        var line = 1, column = 0
        // One frame per open container: its keys so far (objects only).
        var frames: [(isObject: Bool, keys: Set<[UInt8]>)] = []
        var lastSignificant: UInt8 = 0
        var pendingKey: (key: [UInt8], line: Int, column: Int)?
        var i = bytes.startIndex
        var continuation = 0  // UTF-8 continuation bytes still expected
        func problem(_ message: String) -> Problem { Problem(line: line, column: max(1, column), message: message) }
        while i != bytes.endIndex {
            let b = bytes[i]
            // UTF-8 validity (overlong forms and surrogates aside, which the parser refuses).
            if continuation > 0 {
                guard b & 0xC0 == 0x80 else { return problem("bytes that are not UTF-8 text (save the file as UTF-8)") }
                continuation -= 1
            } else {
                column += 1
                switch b {
                case 0x00..<0x80: break
                case 0xC2..<0xE0: continuation = 1
                case 0xE0..<0xF0: continuation = 2
                case 0xF0..<0xF5: continuation = 3
                default: return problem("bytes that are not UTF-8 text (save the file as UTF-8)")
                }
            }
            if b == UInt8(ascii: "\n") { line += 1; column = 0 }
            if continuation > 0 || b >= 0x80 { i = bytes.index(after: i); continue }
            switch b {
            case UInt8(ascii: "\""):
                // A string: its bytes up to the closing quote (escapes kept as written).
                let startLine = line, startColumn = column
                var text: [UInt8] = []
                i = bytes.index(after: i)
                var escaped = false
                while i != bytes.endIndex {
                    let c = bytes[i]
                    if c & 0xC0 != 0x80 { column += 1 }
                    if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { break }
                    text.append(c)
                    i = bytes.index(after: i)
                }
                if String(validating: text, as: UTF8.self) == nil {  // checked here, not byte by byte above
                    return Problem(line: startLine, column: startColumn, message: "bytes that are not UTF-8 text in this string (save the file as UTF-8)")
                }
                if let top = frames.last, top.isObject, lastSignificant == UInt8(ascii: "{") || lastSignificant == UInt8(ascii: ",") {
                    pendingKey = (text, startLine, startColumn)
                }
                lastSignificant = UInt8(ascii: "\"")
            case UInt8(ascii: ":"):
                if let key = pendingKey, !frames.isEmpty {
                    if !frames[frames.count - 1].keys.insert(key.key).inserted {
                        let name = String(decoding: key.key.prefix(60), as: UTF8.self)
                        return Problem(line: key.line, column: key.column,
                                       message: "key '\(name)' appears twice in the same object (which one is meant?)")
                    }
                }
                pendingKey = nil
                lastSignificant = b
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                frames.append((b == UInt8(ascii: "{"), []))
                lastSignificant = b
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if lastSignificant == UInt8(ascii: ",") { return problem("a comma before '\(Character(Unicode.Scalar(b)))': remove the trailing comma") }
                if !frames.isEmpty { frames.removeLast() }
                lastSignificant = b
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                break
            default:
                lastSignificant = b
            }
            i = bytes.index(after: i)
        }
        if continuation > 0 { return problem("bytes that are not UTF-8 text (save the file as UTF-8)") }
        return nil
    }
}
