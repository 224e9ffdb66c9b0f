import Foundation
import LabourData
import MizanSupport

/// Reads a registry CSV (any dialect Mizan reads: `,` or `;`, BOM, CRLF) into a `Registry`,
/// checking every cell. Every problem is `file:line:column: what is wrong`, up to 20 at once;
/// nothing is returned unless the whole file is sound.
public enum RegistryReader {
    public static func read(_ url: URL, spec: ProfilingSpec) throws(InputError) -> Registry {
        let data = try InputFile.contents(of: url)
        return try read(data: data, fileName: url.path, spec: spec)
    }

    public static func read(text: String, fileName: String = "<registry>", spec: ProfilingSpec = .init()) throws(InputError) -> Registry {
        try read(data: Data(text.utf8), fileName: fileName, spec: spec)
    }

    public static func read(data: Data, fileName: String, spec: ProfilingSpec) throws(InputError) -> Registry {
        let result: Result<Registry, InputError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = CSVScanner(bytes: bytes, dialect: CSVDialect.detect(bytes))
            return parse(&scanner, fileName: fileName, spec: spec)
        }
        return try result.get()
    }

    private enum Role: Sendable { case standard(Int), numeric(String), categorical(String), ignore }

    private static func parse(_ scanner: inout CSVScanner, fileName: String, spec: ProfilingSpec) -> Result<Registry, InputError> {
        var problems: [Diagnostic] = []
        var truncated = false
        func report(_ line: Int, _ column: Int, _ message: String) {
            if problems.count < 20 { problems.append(Diagnostic(file: fileName, line: line, column: column, message: message)) } else { truncated = true }
        }
        var fields: [CSVField] = []
        let hasHeader: Bool
        do { hasHeader = try scanner.nextRecord(into: &fields) } catch {
            return .failure(InputError(Diagnostic(file: fileName, line: error.line, column: error.column, message: error.message)))
        }
        guard hasHeader, !(fields.count == 1 && scanner.isBlank(fields[0])) else {
            return .failure(InputError(Diagnostic(file: fileName, line: 1, column: 1,
                message: "the registry is empty: expected a header with \(Registry.requiredColumns.joined(separator: ","))")))
        }
        // The header: every standard column once, extra columns only when the spec declares them.
        var roles: [Role] = []
        var seen: [String: Int] = [:]
        let declared = Dictionary(uniqueKeysWithValues: spec.extras.map { ($0.name, $0) })
        for f in fields {
            let name = (scanner.string(f) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            let column = scanner.characterColumn(f)
            if seen[name] != nil { report(f.line, column, "column '\(name)' appears twice") }
            seen[name] = column
            if let k = Registry.requiredColumns.firstIndex(of: name) {
                roles.append(.standard(k))
            } else if let e = declared[name] {
                roles.append(e.kind == .numeric ? .numeric(name) : e.kind == .categorical ? .categorical(name) : .ignore)
            } else if name == spec.durationColumn {
                roles.append(.numeric(name))  // months on the register: the hazard model's clock
            } else {
                let near = (Registry.requiredColumns + declared.keys.sorted() + [spec.durationColumn])
                    .map { ($0, ColumnNames.editDistance(name, $0)) }.filter { $0.1 <= max(2, name.count / 3) }
                    .sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
                report(f.line, column, "unknown column '\(name)'" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?")
                       + " (declare extra columns in the model spec: [extra.\(name)] kind = \"numeric\")")
                roles.append(.ignore)
            }
        }
        let missing = Registry.requiredColumns.filter { seen[$0] == nil }
        if !missing.isEmpty { report(1, 1, "the header lacks \(missing.joined(separator: ", "))") }
        for e in spec.extras where seen[e.name] == nil { report(1, 1, "the model spec declares column '\(e.name)', which the registry does not have") }
        if !problems.isEmpty { return .failure(InputError(diagnostics: problems, truncated: truncated)) }

        // The body in one block per core when no field is quoted (so every newline ends a row);
        // blocks are read in parallel and joined in file order (same result as one pass).
        let bytes = scanner.bytes, bodyStart = scanner.position, headerLines = scanner.line - 1
        let quoted = bytes[bodyStart...].contains(UInt8(ascii: "\""))
        let blockCount = quoted || bytes.count - bodyStart < 1 << 20 ? 1 : availableCores
        var cuts = [bodyStart]
        for b in 1..<max(blockCount, 1) {
            var k = bodyStart + (bytes.count - bodyStart) * b / blockCount
            while k < bytes.count && bytes[k] != UInt8(ascii: "\n") { k += 1 }
            cuts.append(min(bytes.count, k + 1))
        }
        cuts.append(bytes.count)
        // The line each block starts on.
        var startLines = [headerLines + 1]
        for b in 1..<(cuts.count - 1) {
            var newlines = 0
            for k in cuts[b - 1]..<cuts[b] where bytes[k] == UInt8(ascii: "\n") { newlines += 1 }
            startLines.append(startLines[b - 1] + newlines)
        }
        let dialect = scanner.dialect, base = UnsafeSendablePointer(bytes.baseAddress!)
        let blockCuts = cuts, blockLines = startLines, columnRoles = roles
        let blocks = parallelMap(blockCuts.count - 1) { b -> (Registry, [Diagnostic]) in
            let slice = UnsafeBufferPointer(start: base.pointer + blockCuts[b], count: blockCuts[b + 1] - blockCuts[b])
            var sc = CSVScanner(bytes: slice, dialect: dialect, line: blockLines[b])
            return readRows(&sc, roles: columnRoles, fileName: fileName)
        }
        var r = Registry()
        for (block, diagnostics) in blocks {
            for d in diagnostics { report(d.line, d.column, d.message) }
            r.append(block)
        }
        if r.count == 0 && problems.isEmpty { report(2, 1, "the registry has a header but no spells") }
        if problems.isEmpty {
            for d in contradictions(r, durationColumn: spec.durationColumn, fileName: fileName) { report(d.line, d.column, d.message) }
        }
        if !problems.isEmpty { return .failure(InputError(diagnostics: problems, truncated: truncated)) }
        return .success(r)
    }

    /// A working life in months: no one is on the register longer.
    static let longestSpellMonths = 600.0

    /// What no real registry can hold, though every cell is valid alone: the same spell id twice,
    /// a spell that starts after this year, a 12-month outcome known before 12 months have passed,
    /// more months on the register than a working life, long-term unemployment after fewer than 12
    /// months on the register. Each at the spell's line.
    static func contradictions(_ r: Registry, durationColumn: String, fileName: String,
                               thisYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func add(_ i: Int, _ message: String) { out.append(Diagnostic(file: fileName, line: r.lines[i], column: 1, message: message)) }
        var firstLine: [String: Int] = [:]
        let months = r.extraNumbers[durationColumn]
        for i in 0..<r.count {
            if let earlier = firstLine[r.ids[i]] {
                add(i, "id '\(r.ids[i])' appears twice (also on line \(earlier)): every spell needs its own pseudonymous id")
            } else {
                firstLine[r.ids[i]] = r.lines[i]
            }
            let known = !r.ltu12m[i].isNaN
            if r.years[i] > thisYear {
                add(i, "'year' \(r.years[i]) is after this year (\(thisYear)): a spell cannot start in the future")
            } else if known && r.years[i] == thisYear {
                add(i, "'ltu_12m' is filled for a spell starting in \(thisYear): its 12-month outcome cannot be known yet (leave it empty)")
            }
            if let m = months?[i], !m.isNaN {
                if m < 0 || m > longestSpellMonths {
                    add(i, "'\(durationColumn)' \(String(format: "%g", m)) is not a number of months on the register (0 to \(Int(longestSpellMonths)), a working life)")
                } else if known && r.ltu12m[i] == 1 && m < 12 {
                    add(i, "'ltu_12m' = 1 (still registered after 12 months) contradicts \(durationColumn) = \(String(format: "%g", m))")
                }
            }
            if out.count > 20 { break }
        }
        return out
    }

    /// The cell's text (the scanner trims unquoted cells); bytes that are not UTF-8 show as �.
    private static func readRows(_ scanner: inout CSVScanner, roles: [Role], fileName: String) -> (Registry, [Diagnostic]) {
        var problems: [Diagnostic] = []
        func report(_ line: Int, _ column: Int, _ message: String) {
            if problems.count <= 20 { problems.append(Diagnostic(file: fileName, line: line, column: column, message: message)) }
        }
        var fields: [CSVField] = []
        var r = Registry()
        for role in roles {
            switch role {
            case .numeric(let n): r.extraNumbers[n] = []
            case .categorical(let n): r.extraCategories[n] = []
            default: break
            }
        }
        var regionCache: [String: RegionNames.Resolution] = [:]
        let columnCount = roles.count
        while true {
            let more: Bool
            do { more = try scanner.nextRecord(into: &fields) } catch {
                report(error.line, error.column, error.message)
                break
            }
            if !more { break }
            if fields.count == 1 && scanner.isBlank(fields[0]) { continue }  // a blank line
            let line = fields[0].line
            guard fields.count == columnCount else {
                report(line, scanner.characterColumn(fields[min(fields.count - 1, columnCount)]),
                       "\(fields.count) fields where the header has \(columnCount)")
                continue
            }
            r.lines.append(line)
            for (k, f) in fields.enumerated() {
                switch roles[k] {
                case .ignore: continue
                case .numeric(let name):
                    if scanner.isBlank(f) { r.extraNumbers[name]!.append(.nan) }
                    else if let v = scanner.double(f), v.isFinite { r.extraNumbers[name]!.append(v) }
                    else { report(line, scanner.characterColumn(f), "'\(name)' must be a number or empty, not '\(text(scanner, f))'"); r.extraNumbers[name]!.append(.nan) }
                case .categorical(let name):
                    r.extraCategories[name]!.append(text(scanner, f))
                case .standard(let s):
                    readStandard(s, f, scanner, line: line, into: &r, regions: &regionCache, report: report)
                }
            }
        }
        return (r, problems)
    }

    private static func text(_ s: CSVScanner, _ f: CSVField) -> String {
        if let t = s.string(f) { return t }
        let (a, b) = s.trimmed(f)
        return String(decoding: UnsafeBufferPointer(rebasing: s.bytes[a..<b]), as: UTF8.self)
    }

    private static func readStandard(_ s: Int, _ f: CSVField, _ sc: CSVScanner, line: Int, into r: inout Registry,
                                     regions cache: inout [String: RegionNames.Resolution],
                                     report located: (Int, Int, String) -> Void) {
        // The column in characters is worked out only for a message.
        func report(_ line: Int, _ unused: Int, _ message: String) { located(line, sc.characterColumn(f), message) }
        let column = 0
        func number(_ name: String, _ range: ClosedRange<Double>, integer: Bool = false, what: String) -> Double {
            guard let v = sc.double(f), v.isFinite else {
                report(line, column, "'\(name)' must be \(what), not '\(text(sc, f))'")
                return .nan
            }
            if !range.contains(v) || (integer && v != v.rounded()) {
                report(line, column, "'\(name)' must be \(what), not '\(text(sc, f))'")
            }
            return v
        }
        switch Registry.requiredColumns[s] {
        case "id":
            let t = text(sc, f)
            if t.isEmpty { report(line, column, "'id' is empty: every spell needs its pseudonymous id") }
            r.ids.append(t)
        case "year":
            r.years.append(number("year", 1950...2100, integer: true, what: "a year between 1950 and 2100").clamped)
        case "region":
            let t = text(sc, f)
            let resolution = cache[t] ?? RegionNames.resolve(t)
            cache[t] = resolution
            switch resolution {
            case .code(let c): r.regions.append(c)
            case .unknown(let near): report(line, column, RegionNames.unknownMessage(t, suggestions: near)); r.regions.append(t)
            }
        case "isco_sought":
            // "7212" or "7212 - Soudeurs et oxycoupeurs": the leading code counts.
            let t = text(sc, f)
            let code = String(t.prefix(while: \.isNumber))
            if code.isEmpty || code.count > 4 { report(line, column, "'isco_sought' must be an ISCO-08 code of 1 to 4 digits, not '\(t)'") }
            r.iscoSought.append(code)
        case "age":
            r.ages.append(number("age", 15...80, what: "an age between 15 and 80"))
        case "sex":
            let t = text(sc, f).uppercased()
            let v: String
            switch t {
            case "F", "FEMALE", "FEMME", "W": v = "F"
            case "M", "MALE", "HOMME", "H": v = "M"
            case "": v = ""
            default: report(line, column, "'sex' must be F, M or empty, not '\(t)'"); v = t
            }
            r.sexes.append(v)
        case "nationality":
            let t = text(sc, f).uppercased()
            if !t.isEmpty && !((t.count == 2 || t.count == 3) && t.allSatisfy { $0.isASCII && $0.isLetter }) {
                report(line, column, "'nationality' must be an ISO 3166 country code (MA or MAR, SN or SEN, …) or empty, not '\(t)'")
            }
            r.nationalities.append(t)
        case "education_isced":
            r.educationISCED.append(number("education_isced", 0...8, integer: true, what: "an ISCED 2011 level from 0 to 8"))
        case "returnee":
            switch text(sc, f).lowercased() {
            case "yes", "oui", "true": r.returnees.append(1)
            case "no", "non", "false", "": r.returnees.append(0)
            default: r.returnees.append(number("returnee", 0...1, integer: true, what: "0 or 1"))
            }
        case "months_abroad":
            r.monthsAbroad.append(sc.isBlank(f) ? 0 : number("months_abroad", 0...720, what: "a number of months from 0 to 720"))
        case "prior_spells":
            r.priorSpells.append(sc.isBlank(f) ? 0 : number("prior_spells", 0...200, integer: true, what: "a count of earlier spells (0 or more)"))
        case "months_unemployed_before":
            r.monthsUnemployedBefore.append(sc.isBlank(f) ? 0 : number("months_unemployed_before", 0...720, what: "a number of months from 0 to 720"))
        case "languages":
            // Codes separated by ';', '|', '/' or spaces: count the runs of other bytes.
            let (a, b) = sc.trimmed(f)
            var count = 0, inCode = false
            for k in a..<b {
                let c = sc.bytes[k]
                let separator = c == UInt8(ascii: ";") || c == UInt8(ascii: "|") || c == UInt8(ascii: "/") || c == UInt8(ascii: " ") || c == UInt8(ascii: "\"")
                if !separator && !inCode { count += 1 }
                inCode = !separator
            }
            r.languageCounts.append(Double(count))
        case "ltu_12m":
            if sc.isBlank(f) { r.ltu12m.append(.nan) }
            else if let v = sc.integer(f), v == 0 || v == 1 { r.ltu12m.append(Double(v)) }
            else { report(line, column, "'ltu_12m' must be 0, 1 or empty (outcome not yet known), not '\(text(sc, f))'"); r.ltu12m.append(.nan) }
        default: break
        }
    }
}

private extension Double {
    var clamped: Int { isFinite ? Int(Swift.max(-1e9, Swift.min(1e9, self))) : 0 }
}
