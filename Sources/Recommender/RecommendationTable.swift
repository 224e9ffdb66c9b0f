import Foundation
import LabourData

/// Recommendations as CSV rows and explained reasons (French or English).
public enum RecommendationTable {
    /// CSV rows for a block of profiles (with the header for the first block).
    public static func rows(_ people: [MigrantProfile], _ results: [(recommendations: [Recommendation], reason: String?)], esco data: ESCO,
                            catalogue cat: TrainingCatalogue, language: Language, header: Bool) -> Data {
        var w = CSVWriter(decimals: 4)
        // The documented columns first, in order; extras after them.
        if header {
            w.row(["profile_id", "rank", "esco_uri", "isco", "title", "score", "coverage", "p_shortage", "modules", "hours",
                   "missing_skills", "reasons", "coverage_after", "region", "kind", "cost"])
        }
        for (p, r) in zip(people, results) {
            if r.recommendations.isEmpty {
                w.row([p.id, "", "", "", "", "", "", "", "", "", "", r.reason ?? "", "", "", "", ""])
                continue
            }
            for (k, rec) in r.recommendations.enumerated() {
                let o = data.occupations[rec.destination]
                w.text(p.id); w.comma(); w.int(k + 1); w.comma(); w.text(o.uri); w.comma(); w.text(o.isco); w.comma()
                w.text(o.label(language)); w.comma(); w.number(rec.score); w.comma(); w.number(rec.coverage); w.comma()
                if let ps = rec.pShortage { w.number(ps) }; w.comma()
                w.text(rec.modules.map { cat.modules[$0].id }.joined(separator: "|")); w.comma(); w.number(rec.hours); w.comma()
                w.text(rec.untaught.map { data.skills[$0].label(language) }.joined(separator: "; ")); w.comma()
                w.text(reasons(rec, language, esco: data, catalogue: cat).joined(separator: "; ")); w.comma()
                w.number(rec.coverageAfter); w.comma(); w.text(rec.region); w.comma(); w.text(rec.kind.rawValue); w.comma()
                w.number(rec.cost); w.newline()
            }
        }
        return Data(w.bytes)
    }

    public static func reasons(_ r: Recommendation, _ lang: Language, esco data: ESCO, catalogue: TrainingCatalogue? = nil) -> [String] {
        let fr = lang.usesFrench
        var out: [String] = []
        if r.kind == .ownTrade {
            let e = r.evidence
            out.append(fr ? "votre métier : \(e.evidenced) des \(e.total) compétences essentielles attestées (\(e.certified) certifiées, \(e.declared) déclarées, \(e.inferred) par l'expérience)"
                          : "your own trade: \(e.evidenced) of its \(e.total) essential skills evidenced (\(e.certified) certified, \(e.declared) declared, \(e.inferred) from experience)")
            if let line = outlookLine(r, fr) { out.append(line) }
            if r.route.isEmpty {
                out.append(fr ? "aucune certification de ce métier au catalogue là où vous pouvez aller" : "no certification of this trade in the catalogue where you can go")
            } else if let cat = catalogue {
                let steps = r.route.map { "\(cat.modules[$0].id) (\(cat.modules[$0].kind == .assessment ? (fr ? "validation des acquis" : "assessment") : "certification"), \(Int(cat.modules[$0].hours)) h)" }
                out.append((fr ? "reconnaissance : " : "recognition: ") + steps.joined(separator: fr ? " puis " : " then "))
            }
            let training = r.modules.count - r.route.count
            out.append(training == 0 ? (fr ? "aucune formation nécessaire en plus" : "no further training needed")
                       : (fr ? "\(training) module(s) pour les \(e.missing) compétences sans preuve" : "\(training) module(s) for the \(e.missing) skills without evidence"))
            out.append(fr ? "\(Int(r.hours)) h en tout, \(Int(r.cost)) MAD" : "\(Int(r.hours)) h in all, \(Int(r.cost)) MAD")
            return out
        }
        let now = Int((100 * r.coverage).rounded()), after = Int((100 * r.coverageAfter).rounded())
        out.append(fr ? "couvre déjà \(now) % des compétences essentielles (\(after) % après formation)"
                      : "already covers \(now)% of the essential skills (\(after)% after training)")
        if let line = outlookLine(r, fr) { out.append(line) }
        out.append(r.modules.isEmpty ? (fr ? "aucune formation nécessaire" : "no training needed")
                   : (fr ? "\(Int(r.hours)) h de formation" : "\(Int(r.hours)) h of training")
                     + (r.exact ? "" : (fr ? " (au plus \(Int(r.gapBound)) h de plus que l'optimum)" : " (at most \(Int(r.gapBound)) h above the optimum)")))
        if !r.untaught.isEmpty {
            let names = r.untaught.prefix(3).map { data.skills[$0].label(lang) }.joined(separator: ", ") + (r.untaught.count > 3 ? "…" : "")
            out.append(fr ? "aucun module n'enseigne : \(names)" : "no module teaches: \(names)")
        }
        return out
    }

    /// The outlook in words that follow the number: "in shortage" only where shortage is more
    /// likely than not.
    static func outlookLine(_ r: Recommendation, _ fr: Bool) -> String? {
        guard let p = r.pShortage else { return nil }
        let n = String(format: "%.2f", p), place = Regions.name(r.region)
        return p >= 0.5
            ? (fr ? "pénurie probable à \(place) (p = \(n))" : "shortage likely in \(place) (p = \(n))")
            : (fr ? "pénurie peu probable à \(place) (p = \(n))" : "shortage unlikely in \(place) (p = \(n))")
    }
}
