/// A region code and its name. Regions are plain string codes (ISO 3166-2 where one exists), so
/// any country's subdivisions work; Morocco's and Tunisia's are built in.
public struct Region: Sendable, Hashable {
    public let code: String
    public let name: String
}

public enum Regions {
    /// The code that marks a sum over all regions in tables Mizan writes.
    public static let total = "TOTAL"

    /// Morocco's 12 regions (2015 division), ISO 3166-2:MA.
    public static let morocco: [Region] = [
        ("MA-01", "Tanger-Tétouan-Al Hoceïma"), ("MA-02", "L'Oriental"), ("MA-03", "Fès-Meknès"),
        ("MA-04", "Rabat-Salé-Kénitra"), ("MA-05", "Béni Mellal-Khénifra"), ("MA-06", "Casablanca-Settat"),
        ("MA-07", "Marrakech-Safi"), ("MA-08", "Drâa-Tafilalet"), ("MA-09", "Souss-Massa"),
        ("MA-10", "Guelmim-Oued Noun"), ("MA-11", "Laâyoune-Sakia El Hamra"), ("MA-12", "Dakhla-Oued Ed-Dahab"),
    ].map { Region(code: $0.0, name: $0.1) }

    /// Tunisia's 24 governorates, ISO 3166-2:TN.
    public static let tunisia: [Region] = [
        ("TN-11", "Tunis"), ("TN-12", "L'Ariana"), ("TN-13", "Ben Arous"), ("TN-14", "La Manouba"),
        ("TN-21", "Nabeul"), ("TN-22", "Zaghouan"), ("TN-23", "Bizerte"), ("TN-31", "Béja"),
        ("TN-32", "Jendouba"), ("TN-33", "Le Kef"), ("TN-34", "Siliana"), ("TN-41", "Kairouan"),
        ("TN-42", "Kasserine"), ("TN-43", "Sidi Bouzid"), ("TN-51", "Sousse"), ("TN-52", "Monastir"),
        ("TN-53", "Mahdia"), ("TN-61", "Sfax"), ("TN-71", "Gafsa"), ("TN-72", "Tozeur"),
        ("TN-73", "Kébili"), ("TN-81", "Gabès"), ("TN-82", "Médenine"), ("TN-83", "Tataouine"),
    ].map { Region(code: $0.0, name: $0.1) }

    static let names: [String: String] = {
        var d: [String: String] = [total: "Total"]
        for r in morocco + tunisia { d[r.code] = r.name }
        return d
    }()

    /// The French name of a known region code, else the code itself.
    public static func name(_ code: String) -> String { names[code] ?? code }

    /// Region codes are letters, digits, `-`, `_` and `.` (no blanks), at most 32 bytes.
    public static func isWellFormed(_ code: String) -> Bool {
        let u = code.utf8
        return !u.isEmpty && u.count <= 32 && u.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }
}
