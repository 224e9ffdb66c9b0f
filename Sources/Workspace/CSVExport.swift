import LabourData
import OutlookBundle

/// The rows of the list page as CSV, exactly as shown. A cell that starts with `=`, `+`, `-`,
/// `@` (or a tab or carriage return) gets a leading apostrophe, so a spreadsheet shows it as text
/// instead of running it as a formula (OWASP's CSV-injection advice). Numbers are written
/// unsigned-safe: negative imbalances stay numbers because they are written as numbers.
public enum CSVExport {
    public static func neutralise(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + s : s
    }

    public static func shortages(_ rows: [PublishedShortage], lang: WorkspaceLanguage, titles: OccupationTitles = OccupationTitles()) -> [UInt8] {
        var w = CSVWriter(decimals: 4)
        w.row(["region", "isco", "title", "rank", "p_shortage", "imbalance", "imbalance_lo", "imbalance_hi", "employment", "reasons"])
        for r in rows {
            w.text(neutralise(r.region)); w.comma(); w.text(neutralise(r.isco)); w.comma()
            w.text(neutralise(ShortageListPage.title(r, lang, titles).text)); w.comma(); if let rank = r.rank { w.int(rank) }; w.comma()
            for v in [r.pShortage, r.imbalance, r.imbalanceLow, r.imbalanceHigh, r.employment] {
                if let v { w.number(v) }
                w.comma()
            }
            w.text(neutralise(r.reasons(in: lang.reasonLanguage))); w.newline()
        }
        return w.bytes
    }
}
