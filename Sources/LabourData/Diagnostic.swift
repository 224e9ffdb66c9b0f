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
        self.message = message
        self.cell = cell
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
