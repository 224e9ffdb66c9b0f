import LabourData

/// The shortage list as a CSV table (a contract: tools and notebooks read these columns).
public enum ShortageTable {
    public static let columns = ["region", "isco", "title", "score", "rank", "rank_lo", "rank_hi", "rank_national",
                                 "p_shortage", "p_basis", "p_forward", "tension_ratio", "registry_coverage", "employment",
                                 "openings", "replacement", "new_supply", "imbalance", "imbalance_lo", "imbalance_hi", "supply_observed", "reasons"]

    public static func csv(_ rows: [ShortageRow], language: Language, targetYear: Int) -> [UInt8] {
        let isco = ISCO08.standard
        var w = CSVWriter(decimals: 4)
        w.row(columns)
        func opt(_ v: Double?) { w.comma(); if let v, v.isFinite { w.number(v) } }
        for r in rows {
            w.text(r.region); w.comma(); w.text(r.isco); w.comma(); w.text(isco.title(r.isco, language) ?? ""); w.comma()
            w.number(r.score); w.comma(); w.int(r.rank); w.comma(); w.int(r.rankLow); w.comma(); w.int(r.rankHigh); w.comma()
            w.int(r.rankNational)
            opt(r.pShortage); w.comma(); w.text(r.basis.description); opt(r.pForward)
            opt(r.tensionRatio); opt(r.coverage); opt(r.employment); opt(r.openings); opt(r.replacement); opt(r.newSupply)
            opt(r.imbalance); opt(r.imbalanceLow); opt(r.imbalanceHigh)
            w.comma(); w.text(r.supplyObserved.isEmpty ? "none" : r.supplyObserved.joined(separator: "|"))
            w.comma(); w.text(r.reasons(language, targetYear: targetYear).joined(separator: "; ")); w.newline()
        }
        return w.bytes
    }
}
