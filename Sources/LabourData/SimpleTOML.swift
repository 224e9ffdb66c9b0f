
/// The TOML that configuration files need: `[table]` headers, `key = value` with numbers,
/// "strings", booleans and arrays of numbers or strings, and `#` comments. Every problem is
/// reported as `file:line:column: message`.
public struct SimpleTOML: Sendable {
    public enum Value: Sendable, Equatable {
        case number(Double), string(String), bool(Bool), numbers([Double]), strings([String])
    }
    /// Values by dotted key (`table.key`), and where each was written.
    public private(set) var values: [String: Value] = [:]
    public private(set) var positions: [String: (line: Int, column: Int)] = [:]
    public let file: String

    public init(text: String, file: String = "<config>") throws(InputError) {
        self.file = file
        var table = ""
        var problems: [Diagnostic] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = index + 1
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            if let hash = Self.commentStart(line) { line = String(line[..<hash]) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]"), trimmed.count > 2 else {
                    problems.append(Diagnostic(file: file, line: lineNo, column: indent + 1, message: "a table header is [name]"))
                    continue
                }
                table = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let eq = trimmed.firstIndex(of: "=") else {
                problems.append(Diagnostic(file: file, line: lineNo, column: indent + 1, message: "expected key = value"))
                continue
            }
            var key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("\"") && key.hasSuffix("\"") && key.count >= 2 { key = String(key.dropFirst().dropLast()) }
            let valueText = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let valueColumn = indent + trimmed.distance(from: trimmed.startIndex, to: eq) + 2
                + (trimmed[trimmed.index(after: eq)...].prefix(while: { $0 == " " }).count)
            guard !key.isEmpty else {
                problems.append(Diagnostic(file: file, line: lineNo, column: indent + 1, message: "missing key before '='"))
                continue
            }
            guard let value = Self.parseValue(valueText) else {
                problems.append(Diagnostic(file: file, line: lineNo, column: valueColumn,
                                           message: "'\(valueText)' is not a number, \"string\", true/false or [list]"))
                continue
            }
            let full = table.isEmpty ? key : "\(table).\(key)"
            if positions[full] != nil {
                problems.append(Diagnostic(file: file, line: lineNo, column: indent + 1, message: "'\(full)' is set twice"))
                continue
            }
            values[full] = value
            positions[full] = (lineNo, valueColumn)
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems) }
    }

    static func commentStart(_ line: String) -> String.Index? {
        var inString = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "\"" { inString.toggle() } else if c == "#" && !inString { return i }
            i = line.index(after: i)
        }
        return nil
    }

    static func parseValue(_ text: String) -> Value? {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text.hasPrefix("\"") {
            guard text.hasSuffix("\""), text.count >= 2 else { return nil }
            return .string(String(text.dropFirst().dropLast()))
        }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { return nil }
            let inner = text.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if inner.allSatisfy({ $0.hasPrefix("\"") && $0.hasSuffix("\"") && $0.count >= 2 }) {
                return .strings(inner.map { String($0.dropFirst().dropLast()) })
            }
            let nums = inner.map { DecimalParser.parse($0.replacingOccurrences(of: "_", with: "")) }
            return nums.allSatisfy({ $0 != nil }) ? .numbers(nums.map { $0! }) : nil
        }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        if cleaned.hasPrefix("-"), let v = DecimalParser.parse(String(cleaned.dropFirst())) { return .number(-v) }
        return DecimalParser.parse(cleaned).map { .number($0) }
    }

    /// Keys under a table (`weights` → their names).
    public func keys(in table: String) -> [String] {
        values.keys.filter { $0.hasPrefix(table + ".") }.map { String($0.dropFirst(table.count + 1)) }.sorted()
    }

    public func diagnostic(_ key: String, _ message: String) -> Diagnostic {
        let p = positions[key] ?? (1, 1)
        return Diagnostic(file: file, line: p.line, column: p.column, message: message)
    }
}

import Foundation
