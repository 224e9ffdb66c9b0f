
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
    private var tableCounts: [String: Int] = [:]

    /// - Parameters:
    ///   - arraysOfTables: names that may be written as `[[name]]` (a scenario's `[[shock]]`);
    ///     their keys are numbered from 1: `shock.1.kind`, `shock.2.kind`, … (`count(of:)`).
    ///   - inlineTables: accept `key = { 2027 = 10000, 2028 = -500 }`, numbers only; each entry
    ///     is stored as `key.2027` with its own position.
    public init(text: String, file: String = "<config>", arraysOfTables: Set<String> = [], inlineTables: Bool = false) throws(InputError) {
        self.file = file
        var table = ""
        var problems: [Diagnostic] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { l -> String in
            var line = String(l)
            if line.hasSuffix("\r") { line.removeLast() }
            if let hash = Self.commentStart(line) { line = String(line[..<hash]) }
            return line
        }
        var index = 0
        while index < lines.count {
            let lineNo = index + 1
            var line = lines[index]
            index += 1
            let trimmedLine = line.trimmingCharacters(in: .whitespaces)
            if trimmedLine.isEmpty { continue }
            // An array may run over several lines: join them until its brackets close.
            if !trimmedLine.hasPrefix("["), let eq = trimmedLine.firstIndex(of: "="),
               trimmedLine[trimmedLine.index(after: eq)...].trimmingCharacters(in: .whitespaces).hasPrefix("[") {
                while Self.openBrackets(line) > 0 && index < lines.count {
                    line += " " + lines[index].trimmingCharacters(in: .whitespaces)
                    index += 1
                }
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            if trimmed.hasPrefix("[[") {
                let name = trimmed.hasSuffix("]]") ? String(trimmed.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces) : ""
                guard arraysOfTables.contains(name) else {
                    let allowed = arraysOfTables.isEmpty ? "arrays of tables ([[name]]) are not used in this file"
                        : "[[\(name)]] is not a table this file has; it has " + arraysOfTables.sorted().map { "[[\($0)]]" }.joined(separator: ", ")
                    problems.append(Diagnostic(file: file, line: lineNo, column: indent + 1, message: allowed))
                    table = "\u{0}"   // the keys under it are not read
                    continue
                }
                tableCounts[name, default: 0] += 1
                table = "\(name).\(tableCounts[name]!)"
                positions[table] = (lineNo, indent + 1)
                continue
            }
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
            if table == "\u{0}" { continue }
            let full = table.isEmpty ? key : "\(table).\(key)"
            if inlineTables && valueText.hasPrefix("{") {
                if positions[full] != nil {
                    problems.append(Diagnostic(file: file, line: lineNo, column: indent + 1, message: "'\(full)' is set twice"))
                    continue
                }
                positions[full] = (lineNo, valueColumn)
                problems += inlineTable(valueText, key: full, line: lineNo, column: valueColumn)
                continue
            }
            guard let value = Self.parseValue(valueText) else {
                let what = valueText.hasPrefix("{") ? "inline tables are not used in this file; write a [table]"
                    : "'\(valueText)' is not a number, \"string\", 'string', true/false or [list]"
                problems.append(Diagnostic(file: file, line: lineNo, column: valueColumn, message: what))
                continue
            }
            if positions[full] != nil {
                problems.append(Diagnostic(file: file, line: lineNo, column: indent + 1, message: "'\(full)' is set twice"))
                continue
            }
            values[full] = value
            positions[full] = (lineNo, valueColumn)
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems) }
    }

    /// Where a comment starts: a '#' outside "basic" (with \ escapes) and 'literal' strings.
    static func commentStart(_ line: String) -> String.Index? {
        var quote: Character?
        var escaped = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                return i
            }
            i = line.index(after: i)
        }
        return nil
    }

    /// '[' minus ']' outside strings: above zero, an array goes on to the next line.
    static func openBrackets(_ line: String) -> Int {
        var depth = 0, quote: Character?, escaped = false
        for c in line {
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" { quote = c } else if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
        }
        return depth
    }

    /// A whole string value: "basic" with TOML's escapes, or 'literal' as written. Nil otherwise.
    static func parseString(_ text: String) -> String? {
        guard text.count >= 2, let q = text.first, q == "\"" || q == "'", text.last == q else { return nil }
        let body = Array(text.dropFirst().dropLast())
        if q == "'" { return body.contains("'") ? nil : String(body) }
        var out = "", i = 0
        while i < body.count {
            let c = body[i]
            if c == "\"" { return nil }   // an unescaped quote inside: two strings, not one
            guard c == "\\" else { out.append(c); i += 1; continue }
            guard i + 1 < body.count else { return nil }
            let e = body[i + 1]
            i += 2
            switch e {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "b": out.append("\u{8}")
            case "f": out.append("\u{C}")
            case "u", "U":
                let n = e == "u" ? 4 : 8
                guard i + n <= body.count, let v = UInt32(String(body[i..<(i + n)]), radix: 16), let u = Unicode.Scalar(v) else { return nil }
                out.unicodeScalars.append(u)
                i += n
            default: return nil
            }
        }
        return out
    }

    /// Array items split at commas outside strings.
    static func arrayItems(_ inner: Substring) -> [String] {
        var items: [String] = [], current = "", quote: Character?, escaped = false
        for c in inner {
            if let q = quote {
                current.append(c)
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" { quote = c; current.append(c) } else if c == "," {
                items.append(current.trimmingCharacters(in: .whitespaces)); current = ""
            } else { current.append(c) }
        }
        items.append(current.trimmingCharacters(in: .whitespaces))
        return items.filter { !$0.isEmpty }
    }

    static func parseValue(_ text: String) -> Value? {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text.hasPrefix("\"") || text.hasPrefix("'") { return parseString(text).map { .string($0) } }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { return nil }
            let inner = arrayItems(text.dropFirst().dropLast())
            let strings = inner.map(parseString)
            if strings.allSatisfy({ $0 != nil }) { return .strings(strings.map { $0! }) }
            let nums = inner.map(number)
            return nums.allSatisfy({ $0 != nil }) ? .numbers(nums.map { $0! }) : nil
        }
        return number(text).map { .number($0) }
    }

    /// A TOML integer or float: sign, underscores between digits, exponent, inf and nan.
    static func number(_ text: String) -> Double? {
        var t = text
        var sign = 1.0
        if t.hasPrefix("+") { t.removeFirst() } else if t.hasPrefix("-") { t.removeFirst(); sign = -1 }
        if t == "inf" { return sign * .infinity }
        if t == "nan" { return .nan }
        if t.hasPrefix("0x"), let v = Int(t.dropFirst(2).replacingOccurrences(of: "_", with: ""), radix: 16) { return sign * Double(v) }
        let cleaned = t.replacingOccurrences(of: "_", with: "")
        guard !cleaned.isEmpty, !cleaned.hasPrefix("+"), !cleaned.hasPrefix("-") else { return nil }
        if let v = DecimalParser.parse(cleaned) { return sign * v }
        // Exponents (1e6, 5e+22, 6.626e-34): Swift's parser, on a number-shaped string only.
        if cleaned.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }), let v = Double(cleaned) {
            return sign * v
        }
        return nil
    }

    /// How many `[[name]]` tables the file has.
    public func count(of name: String) -> Int { tableCounts[name] ?? 0 }

    /// `{ k = number, … }`: each entry stored as `key.k` at its own column.
    private mutating func inlineTable(_ text: String, key: String, line: Int, column: Int) -> [Diagnostic] {
        guard text.hasSuffix("}") else {
            return [Diagnostic(file: file, line: line, column: column, message: "an inline table is { key = number, … } on one line")]
        }
        var problems: [Diagnostic] = []
        var offset = column + 1
        for item in text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false) {
            let lead = item.prefix(while: { $0 == " " }).count
            let entry = item.trimmingCharacters(in: .whitespaces)
            defer { offset += item.count + 1 }
            if entry.isEmpty {
                if text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces).isEmpty { break }
                problems.append(Diagnostic(file: file, line: line, column: offset + lead, message: "an empty entry in { … } (two commas, or a trailing one)"))
                continue
            }
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let x = Self.number(parts[1]) else {
                problems.append(Diagnostic(file: file, line: line, column: offset + lead, message: "'\(entry)' is not key = number"))
                continue
            }
            let full = "\(key).\(parts[0])"
            if positions[full] != nil {
                problems.append(Diagnostic(file: file, line: line, column: offset + lead, message: "'\(parts[0])' is given twice in \(key)"))
                continue
            }
            values[full] = .number(x)
            positions[full] = (line, offset + lead)
        }
        return problems
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
