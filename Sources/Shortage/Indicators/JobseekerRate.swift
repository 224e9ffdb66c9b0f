import LabourData
import Foundation

/// Registered job seekers / (employment + job seekers), with the region's registry coverage taken
/// out (job seekers ÷ coverage): few people looking for work in the occupation. Enters the score
/// negatively, on a log scale.
enum JobseekerRate: IndicatorFormula {
    static let defaultWeight = 0.15

    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double? {
        guard let j = cell.at("jobseekers", k), let e = cell.at("employment", k), coverage > 0 else { return nil }
        let seekers = j / coverage
        return e + seekers > 0 ? seekers / (e + seekers) : nil
    }

    static func signal(_ value: Double) -> Double { -log(value + 0.001) }

    static func reason(_ v: Double, language: Language, targetYear: Int) -> String {
        let n = format(100 * v, digits: 1, language: language)
        return say(language, fr: "seulement \(n) % de demandeurs d'emploi", en: "only \(n)% of its workforce seeking work",
                   ar: "\(n) % فقط من قوتها العاملة تبحث عن عمل")
    }
}
