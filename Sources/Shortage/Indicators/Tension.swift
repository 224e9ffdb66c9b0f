import LabourData
import Foundation

/// Vacancies per registered job seeker. With vacancies but nobody registered, the ratio is taken
/// at half a job seeker (finite, and still among the highest). The score reads its logarithm:
/// ratios run from 0.01 to 10 and a doubling means the same anywhere on that range. Registry
/// coverage cancels when it is the same for vacancies and job seekers.
enum Tension: IndicatorFormula {
    static let defaultWeight = 0.20

    static func ratio(vacancies: Double?, jobseekers: Double?) -> Double? {
        guard let v = vacancies, let j = jobseekers else { return nil }
        if j > 0 { return v / j }
        return v > 0 ? v / 0.5 : nil
    }

    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double? {
        ratio(vacancies: cell.at("vacancies", k), jobseekers: cell.at("jobseekers", k))
    }

    static func signal(_ value: Double) -> Double { log(value + 0.01) }

    static func reason(_ v: Double, language: Language, targetYear: Int) -> String {
        let n = format(v, digits: 2, language: language)
        return say(language, fr: "\(n) offres par demandeur d'emploi", en: "\(n) vacancies per job seeker", ar: "\(n) عرض عمل لكل باحث عن عمل")
    }
}
