import Foundation
import LabourData

extension ShortageRow {
    /// The reasons behind the rank, in French or English, strongest first.
    public func reasons(_ language: Language, targetYear: Int) -> [String] {
        drivers.compactMap { reason($0, language, targetYear: targetYear) }
    }

    func reason(_ ind: Indicator, _ lang: Language, targetYear: Int) -> String? {
        guard let v = raw[ind] else { return nil }
        let fr = lang == .french
        func num(_ x: Double, _ digits: Int = 1) -> String { format(x, digits: digits, french: fr) }
        func pct(_ x: Double) -> String { (x >= 0 ? "+" : "") + num(100 * x) }
        switch ind {
        case .tension:
            return fr ? "\(num(v, 2)) offres par demandeur d'emploi" : "\(num(v, 2)) vacancies per job seeker"
        case .tensionChange:
            let change = exp(v) - 1
            return fr ? "tension \(pct(change)) % par rapport à sa moyenne sur 3 ans" : "tension \(pct(change))% on its 3-year average"
        case .employmentGrowth:
            return fr ? "emploi \(pct(v)) %/an sur 3 ans" : "employment \(pct(v))%/year over 3 years"
        case .wageGrowth:
            return fr ? "salaires \(pct(v)) %/an, plus vite que la plupart des métiers de la région"
                      : "wages \(pct(v))%/year, faster than most occupations in the region"
        case .jobseekerRate:
            return fr ? "seulement \(num(100 * v)) % de demandeurs d'emploi" : "only \(num(100 * v))% of its workforce seeking work"
        case .imbalance:
            return v >= 0
                ? (fr ? "ouvertures supérieures à la nouvelle offre de \(num(100 * v)) % de l'emploi d'ici \(targetYear)"
                      : "openings exceed new supply by \(num(100 * v))% of employment by \(targetYear)")
                : (fr ? "ouvertures proches de la nouvelle offre (\(num(100 * v)) % de l'emploi) d'ici \(targetYear)"
                      : "openings close to new supply (\(num(100 * v))% of employment) by \(targetYear)")
        }
    }
}

/// A number with a fixed number of decimals, with a decimal comma in French.
func format(_ x: Double, digits: Int, french: Bool) -> String {
    guard x.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    let whole = Int(r / scale), frac = Int(r) - whole * Int(scale)
    var s = (x < 0 && r > 0 ? "-" : "") + String(whole)
    if digits > 0 {
        let f = String(frac)
        s += (french ? "," : ".") + String(repeating: "0", count: digits - f.count) + f
    }
    return s
}
