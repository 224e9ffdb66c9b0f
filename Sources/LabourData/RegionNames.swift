import Foundation

/// Region cells as planners write them: codes (`MA-06`, `ma-06`) or names in French or English,
/// current or in common older forms (`Casablanca-Settat`, `Grand Casablanca-Settat`,
/// `Région de l'Oriental`, `Béni Mellal-Khénifra`, `Gouvernorat de Sfax`), folded as
/// `ColumnNames.fold` folds (case, accents, punctuation). Unknown codes of a known country and
/// names that are near a known one are refused with the closest matches.
public enum RegionNames {
    public enum Resolution: Equatable, Sendable {
        /// A code to use (known, or a well-formed code of some other subdivision).
        case code(String)
        /// Not a region Mizan can place; the closest known ones (code and name).
        case unknown(suggestions: [String])
    }

    /// Other names of each known subdivision (older names, English, transliterations), from the
    /// country files (the official French names are always accepted too).
    static let otherNames: [String: [String]] = {
        var d: [String: [String]] = [:]
        for r in CountryTable.active.subdivisions { d[r.code] = r.otherNames }
        return d
    }()

    /// The other names accepted for a region (older names, English, transliterations).
    public static func alternatives(_ code: String) -> [String] { otherNames[code] ?? [] }

    /// Arabic names, as the countries' administrations write them.
    public static let arabicNames: [String: String] = {
        var d: [String: String] = [:]
        for r in CountryTable.active.subdivisions where !r.nameAR.isEmpty { d[r.code] = r.nameAR }
        return d
    }()

    /// Folded name → code, prefixes such as "région de" and "gouvernorat de" dropped; Arabic
    /// names too.
    static let byName: [String: String] = {
        var d: [String: String] = [:]
        for r in CountryTable.active.subdivisions {
            for n in [r.nameFR] + r.otherNames + [r.nameAR].filter({ !$0.isEmpty }) { d[key(n)] = r.code }
        }
        return d
    }()

    /// Arabic text folded: short vowels and tatweel dropped, alef forms, taa marbuta and alef
    /// maqsura unified, spaces and punctuation dropped, a leading "ولاية" (governorate) or "جهة"
    /// (region) taken off.
    static func arabicKey(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x064B...0x065F, 0x0670, 0x0640: continue
            case 0x0622, 0x0623, 0x0625: out.append("\u{0627}")
            case 0x0629: out.append("\u{0647}")
            case 0x0649: out.append("\u{064A}")
            case 0x0600...0x06FF: out.append(u)
            default: continue
            }
        }
        var key = String(out)
        for prefix in ["ولايه", "جهه"] where key.hasPrefix(prefix) { key = String(key.dropFirst(prefix.count)) }
        return "ar:" + key
    }

    static let knownCodes: Set<String> = Set(CountryTable.active.subdivisions.map(\.code))
    /// "MA-", "TN-", …: a numeric code under a known country's prefix must be a known one.
    static let countryPrefixes: [String] = CountryTable.active.countries.map { $0.code + "-" }

    static func key(_ s: String) -> String {
        if s.unicodeScalars.contains(where: { (0x0600...0x06FF).contains($0.value) }) { return arabicKey(s) }
        var f = ColumnNames.fold(s)
        for prefix in ["region_de_l_", "region_de_", "region_du_", "region_des_", "region_d_", "region_", "gouvernorat_de_",
                       "gouvernorat_d_", "gouvernorat_", "governorate_of_", "wilaya_de_", "la_region_de_", "the_"] where f.hasPrefix(prefix) {
            f = String(f.dropFirst(prefix.count))
            break
        }
        for suffix in ["_region", "_governorate", "_gouvernorat"] where f.hasSuffix(suffix) { f = String(f.dropLast(suffix.count)) }
        return f.replacingOccurrences(of: "_", with: "")
    }

    /// Resolves a region cell, name or code.
    public static func resolve(_ raw: String) -> Resolution {
        let cell = raw.trimmingCharacters(in: .whitespaces)
        if cell == Regions.total { return .code(cell) }
        let upper = cell.uppercased()
        if knownCodes.contains(upper) { return .code(upper) }
        if let code = byName[key(cell)] { return .code(code) }
        // A numeric code of a known country must be a known one (MA-99 is a typo, not a region);
        // other well-formed codes — other countries' subdivisions, the peer kit's provinces
        // MA-P01… — are taken as they are.
        let isCountryNumeric = countryPrefixes.contains { upper.hasPrefix($0) } && upper.dropFirst(3).allSatisfy(\.isNumber)
        if Regions.isWellFormed(cell) && !isCountryNumeric && (Self.looksLikeISOCode(cell) || cell.contains(where: \.isNumber)) {
            return .code(cell)
        }
        // Any other well-formed code is someone's subdivision, unless it is a near miss of a
        // known country's subdivision name ("Casablanka"), which is a typo to point out.
        let near = suggestions(cell)
        if Regions.isWellFormed(cell) && !isCountryNumeric && near.isEmpty { return .code(cell) }
        return .unknown(suggestions: near)
    }

    /// ISO 3166-2's shape: two capital letters, '-', one to three letters or digits.
    static func looksLikeISOCode(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 4 && u.count <= 6, u[2] == UInt8(ascii: "-") else { return false }
        return u[0..<2].allSatisfy { $0 >= 65 && $0 <= 90 } && u[3...].allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
    }

    /// Up to three "CODE (Name)" closest to a cell.
    public static func suggestions(_ raw: String) -> [String] {
        let k = key(raw), upper = raw.uppercased()
        var best: [String: Int] = [:]
        for (name, code) in byName {
            // A name cut short ("Rabat Salé") is as near as a one-letter slip.
            let d = k.count >= 4 && name.hasPrefix(k) ? 1
                : min(ColumnNames.editDistance(k, name), k.count >= 4 ? ColumnNames.editDistance(k, String(name.prefix(k.count))) + 1 : .max)
            best[code] = min(best[code] ?? .max, d)
        }
        for code in knownCodes { best[code] = min(best[code] ?? .max, ColumnNames.editDistance(upper, code)) }
        return best.filter { $0.value <= max(1, k.count / 4) }.sorted { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(3).map { "\($0.key) (\(Regions.name($0.key)))" }
    }

    /// "unknown region 'X'; did you mean …?" — the message every reader gives.
    public static func unknownMessage(_ raw: String, suggestions: [String]) -> String {
        "unknown region '\(raw)'" + (suggestions.isEmpty ? "; use a code such as MA-06 or a name such as Casablanca-Settat"
                                                           : "; did you mean \(suggestions.joined(separator: ", "))?")
    }
}
