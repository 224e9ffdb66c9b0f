import LabourData
import Foundation

/// (openings − new supply) / employment over the horizon, from the stock-flow balance
/// (`ForwardBalance`). Not read from one year of the panel: its value comes from the forecast.
enum ForwardImbalance: IndicatorFormula {
    static let defaultWeight = 0.30

    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double? { nil }

    static func signal(_ value: Double) -> Double { value }

    static func reason(_ v: Double, language: Language, targetYear: Int) -> String {
        let french = language == .french
        let n = format(100 * abs(v), digits: 1, language: language)
        if v >= 0 {
            return french ? "ouvertures supérieures à la nouvelle offre de \(n) % de l'emploi d'ici \(targetYear)"
                          : "openings exceed new supply by \(n)% of employment by \(targetYear)"
        }
        return french ? "nouvelle offre supérieure aux ouvertures de \(n) % de l'emploi d'ici \(targetYear)"
                      : "new supply exceeds openings by \(n)% of employment by \(targetYear)"
    }
}
