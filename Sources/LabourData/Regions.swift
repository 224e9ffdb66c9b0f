/// A region code and its name. Regions are plain string codes (ISO 3166-2 where one exists), so
/// any country's subdivisions work; the names of those in `CountryTable.active` (Morocco and
/// Tunisia built in, others from country files) are known.
public struct Region: Sendable, Hashable {
    public let code: String
    public let name: String
}

public enum Regions {
    /// The code that marks a sum over all regions in tables Mizan writes.
    public static let total = "TOTAL"

    /// Morocco's 12 regions (2015 division), ISO 3166-2:MA (the built-in country file).
    public static var morocco: [Region] { country("MA") }

    /// Tunisia's 24 governorates, ISO 3166-2:TN (the built-in country file).
    public static var tunisia: [Region] { country("TN") }

    /// The subdivisions of a country of the active table (`CountryTable`), empty if unknown.
    public static func country(_ code: String) -> [Region] {
        CountryTable.active.countries.first { $0.code == code }?.subdivisions.map { Region(code: $0.code, name: $0.nameFR) } ?? []
    }

    static let names: [String: String] = {
        var d: [String: String] = [total: "Total"]
        for r in CountryTable.active.subdivisions { d[r.code] = r.nameFR }
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
