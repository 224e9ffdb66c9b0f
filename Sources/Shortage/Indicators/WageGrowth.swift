import LabourData
import Foundation

/// Annualised median-wage growth over three years, read against the region's median occupation
/// (regional price levels and wage drift cancel): employers bidding for scarce workers.
enum WageGrowth: IndicatorFormula {
    static let defaultWeight = 0.10
    static var relativeToRegion: Bool { true }

    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double? {
        EmploymentGrowth.annualGrowth(cell.series["median_wage"] ?? [], at: k, years: 3)
    }

    static func signal(_ value: Double) -> Double { value }

    static func reason(_ v: Double, language: Language, targetYear: Int) -> String {
        let g = signedPercent(v, language: language)
        return say(language, fr: "salaires \(g) %/an, plus vite que la plupart des métiers de la région",
                   en: "wages \(g)%/year, faster than most occupations in the region",
                   ar: "الأجور \(g) % سنويًا، أسرع من معظم المهن في الجهة")
    }
}
