import Foundation

/// Region cells as planners write them: codes (`MA-06`, `ma-06`) or names in French or English,
/// current or in common older forms (`Casablanca-Settat`, `Grand Casablanca-Settat`,
/// `Région de l'Oriental`, `Béni Mellal-Khénifra`, `Gouvernorat de Sfax`), folded as
/// `ColumnNames.fold` folds (case, accents, punctuation). Unknown Moroccan or Tunisian codes and
/// names that are near a known one are refused with the closest matches.
public enum RegionNames {
    public enum Resolution: Equatable, Sendable {
        /// A code to use (known, or a well-formed code of some other subdivision).
        case code(String)
        /// Not a region Mizan can place; the closest known ones (code and name).
        case unknown(suggestions: [String])
    }

    /// Other names of Morocco's 2015 regions and Tunisia's governorates (the official French
    /// names in `Regions` are always accepted too).
    static let otherNames: [String: [String]] = [
        "MA-01": ["Tanger-Tetouan-Al Hoceima", "Tangier-Tetouan-Al Hoceima", "Tanger Tetouan Al Hoceima", "Tanger-Tétouan", "TTA"],
        "MA-02": ["Oriental", "L'Oriental", "Région de l'Oriental", "Eastern", "Oriental Region", "Orientale"],
        "MA-03": ["Fes-Meknes", "Fez-Meknes", "Fès-Meknès", "Fes Meknes"],
        "MA-04": ["Rabat-Sale-Kenitra", "Rabat-Salé-Kénitra", "Rabat Sale Kenitra", "RSK"],
        "MA-05": ["Beni Mellal-Khenifra", "Béni Mellal-Khénifra", "Beni-Mellal-Khenifra", "Tadla-Azilal"],
        "MA-06": ["Casablanca-Settat", "Grand Casablanca-Settat", "Grand Casablanca", "Casablanca Settat", "Casa-Settat", "Chaouia-Ouardigha"],
        "MA-07": ["Marrakech-Safi", "Marrakesh-Safi", "Marrakech Safi", "Marrakech-Tensift-Al Haouz"],
        "MA-08": ["Draa-Tafilalet", "Drâa-Tafilalet", "Draa Tafilalet"],
        "MA-09": ["Souss-Massa", "Souss Massa", "Souss-Massa-Draa", "Souss-Massa-Drâa"],
        "MA-10": ["Guelmim-Oued Noun", "Guelmim-Oued Noun", "Guelmim Oued Noun", "Guelmim-Es Semara"],
        "MA-11": ["Laayoune-Sakia El Hamra", "Laâyoune-Sakia El Hamra", "Laayoune-Sakia al-Hamra", "Laayoune-Boujdour-Sakia El Hamra"],
        "MA-12": ["Dakhla-Oued Ed-Dahab", "Dakhla-Oued Ed Dahab", "Dakhla-Oued Eddahab", "Oued Ed-Dahab-Lagouira"],
        "TN-11": ["Tunis"], "TN-12": ["Ariana", "L'Ariana", "Aryanah"], "TN-13": ["Ben Arous", "Ben-Arous"],
        "TN-14": ["Manouba", "La Manouba", "Mannouba"], "TN-21": ["Nabeul", "Nabul"], "TN-22": ["Zaghouan", "Zaghwan"],
        "TN-23": ["Bizerte", "Banzart"], "TN-31": ["Beja", "Béja", "Bajah"], "TN-32": ["Jendouba", "Jundubah"],
        "TN-33": ["Le Kef", "El Kef", "Kef", "Al Kaf"], "TN-34": ["Siliana", "Silyanah"], "TN-41": ["Kairouan", "Al Qayrawan"],
        "TN-42": ["Kasserine", "Al Qasrayn"], "TN-43": ["Sidi Bouzid", "Sidi Bou Zid"], "TN-51": ["Sousse", "Susah"],
        "TN-52": ["Monastir", "Al Munastir"], "TN-53": ["Mahdia", "Al Mahdiyah"], "TN-61": ["Sfax", "Safaqis"],
        "TN-71": ["Gafsa", "Qafsah"], "TN-72": ["Tozeur", "Tawzar"], "TN-73": ["Kebili", "Kébili", "Qibili"],
        "TN-81": ["Gabes", "Gabès", "Qabis"], "TN-82": ["Medenine", "Médenine", "Madanin"], "TN-83": ["Tataouine", "Tatawin"],
    ]

    /// The other names accepted for a region (older names, English, transliterations).
    public static func alternatives(_ code: String) -> [String] { otherNames[code] ?? [] }

    /// Arabic names, as the Moroccan and Tunisian administrations write them.
    public static let arabicNames: [String: String] = [
        "MA-01": "طنجة تطوان الحسيمة", "MA-02": "الشرق", "MA-03": "فاس مكناس", "MA-04": "الرباط سلا القنيطرة",
        "MA-05": "بني ملال خنيفرة", "MA-06": "الدار البيضاء سطات", "MA-07": "مراكش آسفي", "MA-08": "درعة تافيلالت",
        "MA-09": "سوس ماسة", "MA-10": "كلميم واد نون", "MA-11": "العيون الساقية الحمراء", "MA-12": "الداخلة وادي الذهب",
        "TN-11": "تونس", "TN-12": "أريانة", "TN-13": "بن عروس", "TN-14": "منوبة", "TN-21": "نابل", "TN-22": "زغوان",
        "TN-23": "بنزرت", "TN-31": "باجة", "TN-32": "جندوبة", "TN-33": "الكاف", "TN-34": "سليانة", "TN-41": "القيروان",
        "TN-42": "القصرين", "TN-43": "سيدي بوزيد", "TN-51": "سوسة", "TN-52": "المنستير", "TN-53": "المهدية", "TN-61": "صفاقس",
        "TN-71": "قفصة", "TN-72": "توزر", "TN-73": "قبلي", "TN-81": "قابس", "TN-82": "مدنين", "TN-83": "تطاوين",
    ]

    /// Folded name → code, prefixes such as "région de" and "gouvernorat de" dropped; Arabic
    /// names too.
    static let byName: [String: String] = {
        var d: [String: String] = [:]
        for r in Regions.morocco + Regions.tunisia {
            for n in [r.name] + (otherNames[r.code] ?? []) + [arabicNames[r.code]].compactMap({ $0 }) { d[key(n)] = r.code }
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

    static let knownCodes: Set<String> = Set((Regions.morocco + Regions.tunisia).map(\.code))

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
        // A Moroccan or Tunisian numeric code must be a known one (MA-99 is a typo, not a region);
        // other well-formed codes — other countries' subdivisions, the peer kit's provinces
        // MA-P01… — are taken as they are.
        let isCountryNumeric = (upper.hasPrefix("MA-") || upper.hasPrefix("TN-")) && upper.dropFirst(3).allSatisfy(\.isNumber)
        if Regions.isWellFormed(cell) && !isCountryNumeric && (Self.looksLikeISOCode(cell) || cell.contains(where: \.isNumber)) {
            return .code(cell)
        }
        // Any other well-formed code is someone's subdivision, unless it is a near miss of a
        // Moroccan or Tunisian name ("Casablanka"), which is a typo to point out.
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
