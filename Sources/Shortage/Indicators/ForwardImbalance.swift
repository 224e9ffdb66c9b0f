import LabourData
import Foundation

/// (openings − new supply) / employment over the horizon, from the stock-flow balance
/// (`ForwardBalance`). Not read from one year of the panel: its value comes from the forecast.
enum ForwardImbalance: IndicatorFormula {
    static let defaultWeight = 0.30

    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double? { nil }

    static func signal(_ value: Double) -> Double { value }

    static func reason(_ v: Double, language: Language, targetYear: Int) -> String {
        let n = format(100 * abs(v), digits: 1, language: language)
        if v >= 0 {
            return say(language, fr: "ouvertures supérieures à la nouvelle offre de \(n) % de l'emploi d'ici \(targetYear)",
                       en: "openings exceed new supply by \(n)% of employment by \(targetYear)",
                       ar: "فرص العمل تفوق العرض الجديد بما يعادل \(n) % من التشغيل بحلول \(targetYear)")
        }
        return say(language, fr: "nouvelle offre supérieure aux ouvertures de \(n) % de l'emploi d'ici \(targetYear)",
                   en: "new supply exceeds openings by \(n)% of employment by \(targetYear)",
                   ar: "العرض الجديد يفوق فرص العمل بما يعادل \(n) % من التشغيل بحلول \(targetYear)")
    }
}
