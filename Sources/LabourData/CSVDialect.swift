/// How a delimited text file is written: its separator and its decimal mark.
///
/// French Excel writes `;` between fields and `,` as the decimal mark, often with a UTF-8 byte
/// order mark; everything else writes `,` and `.`. Both are normal input.
public struct CSVDialect: Sendable, Equatable, CustomStringConvertible {
    /// Field separator: `,`, `;` or tab.
    public var separator: UInt8
    /// Whether `,` is the decimal mark (only possible when the separator is not `,`).
    public var decimalComma: Bool
    /// Whether the file starts with a UTF-8 byte order mark (skipped).
    public var hasByteOrderMark: Bool

    public init(separator: UInt8 = UInt8(ascii: ","), decimalComma: Bool = false, hasByteOrderMark: Bool = false) {
        self.separator = separator
        self.decimalComma = decimalComma
        self.hasByteOrderMark = hasByteOrderMark
    }

    public static let standard = CSVDialect()

    /// Detects the dialect from the first line: the separator is whichever of `,` `;` tab occurs
    /// most outside quotes (ties go to `,`). A `;` or tab separator implies a decimal comma is
    /// accepted (a decimal point still parses), as in French and German spreadsheet exports.
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVDialect {
        var start = 0
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if bom { start = 3 }
        var commas = 0, semicolons = 0, tabs = 0
        var inQuotes = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes {
                if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
                if b == UInt8(ascii: ",") { commas += 1 }
                else if b == UInt8(ascii: ";") { semicolons += 1 }
                else if b == UInt8(ascii: "\t") { tabs += 1 }
            }
            i += 1
        }
        var separator = UInt8(ascii: ",")
        if semicolons > commas && semicolons >= tabs { separator = UInt8(ascii: ";") }
        else if tabs > commas && tabs > semicolons { separator = UInt8(ascii: "\t") }
        return CSVDialect(separator: separator, decimalComma: separator != UInt8(ascii: ","), hasByteOrderMark: bom)
    }

    public var description: String {
        let sep = separator == UInt8(ascii: "\t") ? "tab" : "'\(Character(UnicodeScalar(separator)))'"
        return "separator \(sep), decimal \(decimalComma ? "comma" : "point")\(hasByteOrderMark ? ", UTF-8 BOM" : "")"
    }
}
