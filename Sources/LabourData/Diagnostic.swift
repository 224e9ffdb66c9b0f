/// One problem found in an input file, located as `file:line:column: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file (it cannot be read).
    public var line: Int
    public var column: Int
    public var message: String
    /// In a workbook, the cell as a spreadsheet names it (`Panel!C12`); shown instead of
    /// line and column.
    public var cell: String?

    public init(file: String, line: Int, column: Int, message: String, cell: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.cell = cell
    }

    public var description: String {
        if let cell { return "\(file):\(cell): \(message)" }
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

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
            + (truncated ? "\n… more problems not shown (fix these first)" : "")
    }
}
