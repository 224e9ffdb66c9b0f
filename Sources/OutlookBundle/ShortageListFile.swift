import Foundation
import LabourData

/// The shortage list file (`shortages.csv` and its siblings): its columns, its writer and its one
/// reader. Tools and notebooks read these columns; every Swift reader goes through `read`.
public enum ShortageListFile {
    /// The columns, in the order they are written.
    public enum Column: String, CaseIterable, Sendable {
        case region, isco, title, score, rank
        case rankLow = "rank_lo", rankHigh = "rank_hi", rankNational = "rank_national"
        case pShortage = "p_shortage", basis = "p_basis", pForward = "p_forward", tensionRatio = "tension_ratio"
        case registryCoverage = "registry_coverage", employment, openings, replacement
        case newSupply = "new_supply", imbalance
        case imbalanceLow = "imbalance_lo", imbalanceHigh = "imbalance_hi"
        case supplyObserved = "supply_observed", reasons
        case reasonsFrench = "reasons_fr", reasonsEnglish = "reasons_en", reasonsArabic = "reasons_ar"

        /// The language of a reasons column (nil for every other column): the one mapping the
        /// writer and the reader both follow, in column order.
        public var reasonLanguage: Language? {
            switch self {
            case .reasonsFrench: return .french
            case .reasonsEnglish: return .english
            case .reasonsArabic: return .arabic
            default: return nil
            }
        }

        /// The reasons columns with their languages, in column order.
        static let reasonColumns: [(column: Column, language: Language)] = allCases.compactMap { c in c.reasonLanguage.map { (c, $0) } }
    }

    public static var columns: [String] { Column.allCases.map(\.rawValue) }

    /// Which list of a bundle: at the target year or for the last observed year.
    public enum Horizon: String, Sendable, CaseIterable { case target, now }
    /// For everyone, or for women or men (where the panel splits employment by sex).
    public enum Sex: String, Sendable, CaseIterable { case all, female, male }

    /// The file name of a list in a bundle: `shortages.csv`, `shortages_now.csv`,
    /// `shortages_female.csv`, `shortages_now_male.csv`, …
    public static func name(_ horizon: Horizon, _ sex: Sex) -> String {
        "shortages" + (horizon == .now ? "_now" : "") + (sex == .all ? "" : "_\(sex.rawValue)") + ".csv"
    }

    /// The list as CSV bytes (4 decimals; a missing or non-finite number is an empty field).
    public static func csv(_ rows: [PublishedShortage]) -> [UInt8] {
        var w = CSVWriter(decimals: 4, reserve: 256 + rows.count * 600)
        w.row(columns)
        func num(_ v: Double?) { if let v, v.isFinite { w.number(v) } }
        func int(_ v: Int?) { if let v { w.int(v) } }
        for r in rows {
            w.text(r.region); w.comma(); w.text(r.isco); w.comma(); w.text(r.title); w.comma()
            num(r.score); w.comma(); int(r.rank); w.comma(); int(r.rankLow); w.comma(); int(r.rankHigh); w.comma()
            int(r.rankNational); w.comma(); num(r.pShortage); w.comma(); w.text(r.basis ?? ""); w.comma(); num(r.pForward); w.comma()
            num(r.tensionRatio); w.comma(); num(r.registryCoverage); w.comma(); num(r.employment); w.comma(); num(r.openings); w.comma()
            num(r.replacement); w.comma(); num(r.newSupply); w.comma(); num(r.imbalance); w.comma(); num(r.imbalanceLow); w.comma()
            num(r.imbalanceHigh); w.comma()
            w.text(r.supplyObserved.isEmpty ? "none" : r.supplyObserved.joined(separator: "|")); w.comma()
            w.text(r.reasons)
            for (_, l) in Column.reasonColumns { w.comma(); w.text(r.reasonsByLanguage[l] ?? "") }
            w.newline()
        }
        return w.bytes
    }

    /// Reads a list (CSV, or a workbook's sheet). The header must have `required` (and always
    /// region and isco); other known columns are read where present, unknown ones ignored (a later
    /// version may add some). A blank cell is a missing value; anything else must be what the
    /// column holds, or the read fails at its line and column: a probability in [0, 1], a ratio
    /// ≥ 0, a whole rank ≥ 1, a finite number.
    public static func read(_ url: URL, required: [Column] = []) throws(InputError) -> [PublishedShortage] {
        let t = try TextTable.read(contentsOf: url, required: ([.region, .isco] + required).map(\.rawValue))
        return try rows(of: t)
    }

    /// The rows of a table already read (`TextTable`), checked as `read` checks them.
    public static func rows(of t: TextTable) throws(InputError) -> [PublishedShortage] {
        let at = Dictionary(uniqueKeysWithValues: Column.allCases.compactMap { c in t.columns.firstIndex(of: c.rawValue).map { (c, $0) } })
        var problems: [Diagnostic] = []
        var out: [PublishedShortage] = []
        out.reserveCapacity(t.rows.count)
        for i in t.rows.indices {
            let row = t.rows[i]
            func text(_ c: Column) -> String? { at[c].map { row[$0].trimmingCharacters(in: .whitespaces) } }
            func number(_ c: Column, _ range: ClosedRange<Double>? = nil, _ what: String = "a number") -> Double? {
                guard let s = text(c), !s.isEmpty else { return nil }
                guard let v = DecimalParser.parse(s, decimalComma: t.decimalComma), v.isFinite, range.map({ $0.contains(v) }) ?? true else {
                    problems.append(t.problem(i, c.rawValue, "\(c.rawValue) '\(s)' is not \(what)"))
                    return nil
                }
                return v
            }
            func rank(_ c: Column) -> Int? {
                guard let s = text(c), !s.isEmpty else { return nil }
                guard let v = Int(s), v >= 1 else { problems.append(t.problem(i, c.rawValue, "\(c.rawValue) '\(s)' is not a rank (a whole number ≥ 1)")); return nil }
                return v
            }
            let supply = text(.supplyObserved) ?? ""
            out.append(PublishedShortage(
                region: text(.region) ?? "", isco: text(.isco) ?? "", title: text(.title) ?? "",
                score: number(.score), rank: rank(.rank), rankLow: rank(.rankLow), rankHigh: rank(.rankHigh),
                rankNational: rank(.rankNational), pShortage: number(.pShortage, 0...1, "a probability between 0 and 1"),
                basis: text(.basis).flatMap { $0.isEmpty ? nil : $0 },
                pForward: number(.pForward, 0...1, "a probability between 0 and 1"),
                tensionRatio: number(.tensionRatio, 0...Double.infinity, "a number ≥ 0"),
                registryCoverage: number(.registryCoverage), employment: number(.employment), openings: number(.openings),
                replacement: number(.replacement), newSupply: number(.newSupply), imbalance: number(.imbalance),
                imbalanceLow: number(.imbalanceLow), imbalanceHigh: number(.imbalanceHigh),
                supplyObserved: supply.isEmpty || supply == "none" ? [] : supply.split(separator: "|").map(String.init),
                reasons: text(.reasons) ?? "",
                reasonsByLanguage: Dictionary(uniqueKeysWithValues: Column.reasonColumns.compactMap { c, l in
                    text(c).flatMap { $0.isEmpty ? nil : (l, $0) } })))
            if problems.count >= 50 { break }
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: problems.count >= 50) }
        return out
    }
}
