/// One problem found in an input file, located as `file:line:column: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file (it cannot be read).
    public var line: Int
    public var column: Int
    public var message: String
    /// In a workbook, the cell as a spreadsheet names it (`Panel!C12`); shown instead of
    /// line and column. Empty for a problem with the workbook as a whole (still a data error).
    public var cell: String?

    public init(file: String, line: Int, column: Int, message: String, cell: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = Self.shortened(message)
        self.cell = cell
    }

    /// A message quoting a value of a megabyte (a pasted cell, a skill string) would flood the
    /// terminal: a quoted value over 120 characters keeps its first 80 and says how long it was.
    /// Messages under 300 characters are left exactly as written.
    static func shortened(_ message: String) -> String {
        guard message.utf8.count > 300 else { return message }
        var parts = message.split(separator: "'", omittingEmptySubsequences: false).map(String.init)
        for k in stride(from: 1, to: parts.count - 1, by: 2) where parts[k].count > 120 {
            parts[k] = "\(parts[k].prefix(80))… (\(parts[k].count) characters)"
        }
        var text = parts.joined(separator: "'")
        if text.count > 2000 { text = "\(text.prefix(2000))… (\(text.count) characters)" }
        return text
    }

    public var description: String {
        if let cell, !cell.isEmpty { return "\(file):\(cell): \(message)" }
        return line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// An input was rejected. Every problem found in one pass is listed (up to a cap).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// More problems were found than listed.
    public var truncated: Bool

    public init(diagnostics: [Diagnostic], truncated: Bool = false) {
        self.diagnostics = diagnostics
        self.truncated = truncated
    }

    public init(_ diagnostic: Diagnostic) { self.init(diagnostics: [diagnostic]) }

    /// The input could not be read at all (exit 66), rather than read and found wrong (65).
    public var isUnreadable: Bool {
        guard let d = diagnostics.first else { return false }
        return d.line == 0 && d.cell == nil
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
            + (truncated ? "\n… more problems not shown (fix these first)" : "")
    }
}
