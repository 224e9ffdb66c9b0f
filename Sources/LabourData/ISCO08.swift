/// One group of the International Standard Classification of Occupations (ISCO-08).
public struct ISCOGroup: Sendable, Hashable {
    /// 1 to 4 digits; the number of digits is the level (major, sub-major, minor, unit group).
    public let code: String
    public let titleEnglish: String
    public let titleFrench: String
    public var level: Int { code.count }

    public func title(_ language: Language) -> String { language.usesFrench ? titleFrench : titleEnglish }
}

/// Languages Mizan explains itself in. Arabic: the shortage reasons are written in Arabic; every
/// other text (titles, tables, reports) falls back to French, as ILO's ISCO-08 file and the
/// bundled ESCO have no Arabic (`usesFrench`).
public enum Language: String, Sendable, CaseIterable {
    case english = "en", french = "fr", arabic = "ar"

    /// Whether texts with a French and an English version take the French one (Arabic does).
    public var usesFrench: Bool { self != .english }
}

/// The ISCO-08 taxonomy: 619 groups at levels 1–4, English and French titles, parent/child links.
///
/// Codes are prefixes of their descendants (`2` ⊃ `22` ⊃ `222` ⊃ `2221`), so the parent of a code
/// is the code minus its last digit. The table is embedded (derived from ILO's structure file by
/// `scripts/derive_taxonomy.py`), so validation needs no file at hand.
public struct ISCO08: Sendable {
    public let groups: [ISCOGroup]
    private let index: [String: Int]
    private let childrenIndex: [String: [String]]

    /// The embedded ILO table.
    public static let standard: ISCO08 = {
        var groups: [ISCOGroup] = []
        var first = true
        for line in embeddedTable.split(separator: "\n") {
            if first { first = false; continue }
            let f = splitCSVLine(String(line))
            groups.append(ISCOGroup(code: f[0], titleEnglish: f[2], titleFrench: f[3]))
        }
        return ISCO08(groups: groups)
    }()

    public init(groups: [ISCOGroup]) {
        self.groups = groups.sorted { $0.code < $1.code }
        var idx: [String: Int] = [:]
        var kids: [String: [String]] = [:]
        for (i, g) in self.groups.enumerated() {
            idx[g.code] = i
            if g.level > 1 { kids[String(g.code.dropLast()), default: []].append(g.code) }
        }
        index = idx
        childrenIndex = kids
    }

    public func group(_ code: String) -> ISCOGroup? { index[code].map { groups[$0] } }
    public func contains(_ code: String) -> Bool { index[code] != nil }
    public func title(_ code: String, _ language: Language = .english) -> String? { group(code)?.title(language) }
    public func parent(of code: String) -> String? { code.count > 1 ? String(code.dropLast()) : nil }
    public func children(of code: String) -> [String] { childrenIndex[code] ?? [] }
    public func groups(atLevel level: Int) -> [ISCOGroup] { groups.filter { $0.level == level } }

    /// All ancestors from the major group down to the parent.
    public func ancestors(of code: String) -> [String] {
        (1..<max(1, code.count)).map { String(code.prefix($0)) }
    }

    /// Unit groups (level 4) under `code` (the code itself if it is one).
    public func unitGroups(under code: String) -> [String] {
        groups.lazy.filter { $0.level == 4 && $0.code.hasPrefix(code) }.map(\.code)
    }

    /// Whether `code` has the shape of an ISCO-08 code: 1–4 ASCII digits.
    public static func isWellFormed(_ code: String) -> Bool {
        (1...4).contains(code.utf8.count) && code.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

/// Splits one RFC 4180 line (no embedded newlines). Used for small embedded tables only.
func splitCSVLine(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var inQuotes = false
    var chars = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
        pending = nil
        if inQuotes {
            if c == "\"" {
                if let next = chars.next() {
                    if next == "\"" { current.append("\"") } else { inQuotes = false; pending = next }
                } else { inQuotes = false }
            } else { current.append(c) }
        } else if c == "\"" { inQuotes = true }
        else if c == "," { fields.append(current); current = "" }
        else { current.append(c) }
    }
    fields.append(current)
    return fields
}
