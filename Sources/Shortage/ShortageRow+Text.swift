import Foundation
import LabourData

extension ShortageRow {
    /// The reasons behind the line, in French, English or Arabic, strongest first.
    public func reasons(_ language: Language, targetYear: Int) -> [String] {
        var out = drivers.compactMap { ind -> String? in
            guard let v = raw[ind] else { return nil }
            let text = ind.formula.reason(v, language: language, targetYear: targetYear)
            return ind == .imbalance ? text + supplyCaveat(language) : text
        }
        // Without any supply measure there is no balance: say what is known, and what is not.
        if supplyObserved.isEmpty, let o = openings, employment > 0 {
            let share = format(100 * o / employment, digits: 1, language: language)
            out.append(say(language, fr: "ouvertures de \(share) % de l'emploi d'ici \(targetYear) (offre non observée)",
                           en: "openings of \(share)% of employment by \(targetYear) (supply not observed)",
                           ar: "فرص عمل تعادل \(share) % من التشغيل بحلول \(targetYear) (العرض غير مرصود)"))
        }
        return out
    }

    /// " (new supply: job seekers only)" when only part of supply is observed.
    public func supplyCaveat(_ language: Language) -> String {
        guard !supplyObserved.isEmpty, supplyObserved.count < SupplyMeasure.all.count else { return "" }
        let seen = SupplyMeasure.names(supplyObserved, language: language)
        return say(language, fr: " (offre observée : \(seen) seulement)", en: " (supply observed: \(seen) only)", ar: " (العرض المرصود: \(seen) فقط)")
    }
}

/// The text of a reason in `language`.
func say(_ language: Language, fr: String, en: String, ar: String) -> String {
    switch language {
    case .french: return fr
    case .english: return en
    case .arabic: return ar
    }
}

/// A number with a fixed number of decimals, with a decimal comma in French and Arabic (as
/// written in Morocco and Tunisia).
func format(_ x: Double, digits: Int, language: Language) -> String {
    let french = language != .english
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
