import Foundation
import LabourData

extension ShortageRow {
    /// The reasons behind the line, in French or English, strongest first.
    public func reasons(_ language: Language, targetYear: Int) -> [String] {
        let fr = language == .french
        var out = drivers.compactMap { ind -> String? in
            guard let v = raw[ind] else { return nil }
            let text = ind.formula.reason(v, language: language, targetYear: targetYear)
            return ind == .imbalance ? text + supplyCaveat(language) : text
        }
        // Without any supply measure there is no balance: say what is known, and what is not.
        if supplyObserved.isEmpty, let o = openings, employment > 0 {
            let share = format(100 * o / employment, digits: 1, language: language)
            out.append(fr ? "ouvertures de \(share) % de l'emploi d'ici \(targetYear) (offre non observée)"
                          : "openings of \(share)% of employment by \(targetYear) (supply not observed)")
        }
        return out
    }

    /// " (new supply: job seekers only)" when only part of supply is observed.
    func supplyCaveat(_ language: Language) -> String {
        guard !supplyObserved.isEmpty, supplyObserved.count < SupplyMeasure.all.count else { return "" }
        let fr = language == .french
        let seen = SupplyMeasure.names(supplyObserved, language: language)
        return fr ? " (offre observée : \(seen) seulement)" : " (supply observed: \(seen) only)"
    }
}

/// A number with a fixed number of decimals, with a decimal comma in French.
func format(_ x: Double, digits: Int, language: Language) -> String {
    let french = language == .french
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

/// A share as a signed percentage with one decimal ("+3,2").
func signedPercent(_ x: Double, language: Language) -> String {
    (x >= 0 ? "+" : "") + format(100 * x, digits: 1, language: language)
}
