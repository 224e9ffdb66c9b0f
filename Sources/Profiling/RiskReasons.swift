import Foundation
import LabourData

/// The few things that move one person's risk most, in plain French or English, for the
/// counsellor: each feature group's push on the log-odds against an average registrant, the
/// largest three (at least 0.05 in size), "+" where it raises the risk and "−" where it lowers it.
/// The tool suggests; the counsellor decides (`mizan profile-risk override`).
public enum RiskReasons {

    public static func reasons(row i: Int, registry r: Registry, design x: Matrix, row k: Int, encoder: FeatureEncoder,
                               model: any RiskModel, language: Language, count: Int = 3) -> String {
        // One slot per group (an array, not a dictionary: this runs for every scored spell).
        var push = [Double](repeating: 0, count: RiskFeature.Group.allCases.count)
        let n = x.rows
        for (j, g) in encoder.groupOrdinals.enumerated() {
            push[g] += model.riskContribution(feature: j, value: x.storage[j * n + k])
        }
        let groups = RiskFeature.Group.allCases
        let top = push.indices.filter { abs(push[$0]) >= 0.05 }
            .sorted { abs(push[$0]) > abs(push[$1]) || (abs(push[$0]) == abs(push[$1]) && groups[$0].rawValue < groups[$1].rawValue) }
            .prefix(count)
        return top.map { g in (push[g] > 0 ? "+ " : "− ") + describe(groups[g], i, r, encoder, language) }.joined(separator: "; ")
    }

    static func describe(_ g: RiskFeature.Group, _ i: Int, _ r: Registry, _ e: FeatureEncoder, _ lang: Language) -> String {
        let fr = lang.usesFrench
        func n(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
        switch g {
        case .age: return fr ? "\(n(r.ages[i])) ans" : "aged \(n(r.ages[i]))"
        case .education:
            let l = Int(r.educationISCED[i])
            let band = l >= 5 ? (fr ? "diplôme du supérieur" : "higher education") : l >= 2 ? (fr ? "niveau secondaire ou professionnel" : "secondary or vocational level")
                : (fr ? "sans diplôme au-delà du primaire" : "no diploma beyond primary")
            return "\(band) (\(fr ? "CITE" : "ISCED") \(l))"
        case .monthsBefore:
            let m = r.monthsUnemployedBefore[i]
            return fr ? "\(n(m)) mois de chômage avant l'inscription" : "\(n(m)) months unemployed before registering"
        case .priorSpells:
            let p = Int(r.priorSpells[i])
            return fr ? (p == 0 ? "première inscription" : "\(p) inscription\(p > 1 ? "s" : "") antérieure\(p > 1 ? "s" : "")")
                : (p == 0 ? "first registration" : "\(p) earlier spell\(p > 1 ? "s" : "")")
        case .migration:
            if r.returnees[i] == 1 {
                return fr ? "migrant de retour (\(n(r.monthsAbroad[i])) mois à l'étranger)" : "returning migrant (\(n(r.monthsAbroad[i])) months abroad)"
            }
            return fr ? "pas de parcours migratoire déclaré" : "no migration declared"
        case .languages:
            let c = Int(r.languageCounts[i])
            return fr ? "\(c) langue\(c > 1 ? "s" : "") déclarée\(c > 1 ? "s" : "")" : "\(c) language\(c > 1 ? "s" : "")"
        case .region: return (fr ? "région " : "region ") + Regions.name(r.regions[i])
        case .occupation:
            func shown(_ v: Double) -> String { fr ? String(format: "%.2f", v).replacingOccurrences(of: ".", with: ",") : String(format: "%.2f", v) }
            var s = fr ? "métier recherché \(r.iscoSought[i])" : "occupation sought \(r.iscoSought[i])"
            if let o = e.outlook {
                let p = o.probability(region: r.regions[i], isco: r.iscoSought[i])
                s += fr ? " : probabilité de pénurie \(shown(p))" : ": shortage probability \(shown(p))"
            }
            if let o = e.outlook, o.hasTension {
                let t = o.tension(region: r.regions[i], isco: r.iscoSought[i])
                s += fr ? ", \(shown(t)) offre par demandeur d'emploi" : ", \(shown(t)) vacancies per job seeker"
            }
            return s
        case .extra: return fr ? "autres informations déclarées" : "other declared information"
        case .sex: return fr ? "sexe (inclus sur demande explicite)" : "sex (included on explicit request)"
        case .nationality: return fr ? "nationalité (incluse sur demande explicite)" : "nationality (included on explicit request)"
        }
    }
}

import LinearAlgebra
