import Foundation
import LabourData

/// Occupation titles as the pages show them: ISCO-08's English or French titles; on the Arabic
/// pages, ESCO's Arabic ISCO group labels when the ESCO folder the user points to holds them
/// (`ISCOGroups_ar.csv`, as an ESCO download in Arabic has), else the French title beside its
/// code (ILO's ISCO-08 file has no Arabic).
public struct OccupationTitles: Sendable {
    /// Arabic labels by ISCO code (empty without an Arabic ESCO download).
    public let arabic: [String: String]

    public init(arabic: [String: String] = [:]) { self.arabic = arabic }

    /// Reads `ISCOGroups_ar.csv` of the ESCO folder, when there is one (columns `code` and
    /// `preferredLabel`, as ESCO publishes them); a malformed file is refused at its line.
    public static func read(esco: URL?) throws(InputError) -> OccupationTitles {
        guard let esco else { return OccupationTitles() }
        let url = esco.appendingPathComponent("ISCOGroups_ar.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return OccupationTitles() }
        let t = try TextTable.read(contentsOf: url, required: ["code", "preferredlabel"])
        var arabic: [String: String] = [:]
        for row in t.rows {
            let code = row[t.index("code")].trimmingCharacters(in: .whitespaces), label = row[t.index("preferredlabel")]
            if !code.isEmpty && !label.isEmpty { arabic[code] = label }
        }
        return OccupationTitles(arabic: arabic)
    }

    /// The title of `isco` on a page in `lang`, and the language it is written in (for the
    /// element's `lang`); `fallback` (the bundle's own) where no table has the code.
    public func title(_ isco: String, fallback: String, _ lang: WorkspaceLanguage) -> (text: String, language: String) {
        if lang == .ar, let a = arabic[isco] { return (a, "ar") }
        let data = lang.dataLanguage
        return (ISCO08.standard.title(isco, data) ?? fallback, data == .english ? "en" : "fr")
    }
}
