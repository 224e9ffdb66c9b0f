import LabourData
import Foundation

/// Annualised employment growth over three years: a market that hires. Lags, and grows for
/// reasons other than shortage, hence a small default weight.
enum EmploymentGrowth: IndicatorFormula {
    static let defaultWeight = 0.10

    /// Annualised growth from `years` earlier (or the earliest available within that span).
    static func annualGrowth(_ s: [Double], at k: Int, years: Int) -> Double? {
        guard k >= 0, k < s.count, s[k].isFinite, s[k] > 0 else { return nil }
        for back in stride(from: years, through: 1, by: -1) where k - back >= 0 {
            let b = s[k - back]
            if b.isFinite && b > 0 { return pow(s[k] / b, 1 / Double(back)) - 1 }
        }
        return nil
    }

    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double? {
        annualGrowth(cell.series["employment"] ?? [], at: k, years: 3)
    }

    static func signal(_ value: Double) -> Double { value }

    static func reason(_ v: Double, language: Language, targetYear: Int) -> String {
        let g = signedPercent(v, language: language)
        return say(language, fr: "emploi \(g) %/an sur 3 ans", en: "employment \(g)%/year over 3 years", ar: "التشغيل \(g) % سنويًا على مدى 3 سنوات")
    }
}
