import LabourData
import Foundation

/// log(tension now / mean tension of the previous three years): a tightening market. Immune to
/// level differences in registry coverage.
enum TensionChange: IndicatorFormula {
    static let defaultWeight = 0.15

    /// log(x / mean of past values), when all are positive.
    static func logChange(_ x: Double, _ past: [Double]) -> Double? {
        guard !past.isEmpty, x > 0 else { return nil }
        let m = past.reduce(0, +) / Double(past.count)
        return m > 0 ? log(x / m) : nil
    }

    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double? {
        guard let now = Tension.value(cell, at: k, coverage: coverage) else { return nil }
        let past = (1...3).compactMap { Tension.value(cell, at: k - $0, coverage: coverage) }
        return logChange(now, past)
    }

    static func signal(_ value: Double) -> Double { value }

    static func reason(_ v: Double, language: Language, targetYear: Int) -> String {
        let change = signedPercent(exp(v) - 1, language: language)
        return say(language, fr: "tension \(change) % par rapport à sa moyenne sur 3 ans", en: "tension \(change)% on its 3-year average",
                   ar: "التوتر \(change) % مقارنة بمتوسطه على 3 سنوات")
    }
}
