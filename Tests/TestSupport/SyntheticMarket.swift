import Foundation
import LabourData
import LinearAlgebra

/// A synthetic labour market built to be hard for a shortage list, where the true excess demand
/// of every cell is known:
/// - regions differ in tightness (so a national list must not standardise it away) and in how
///   much of the market their registry sees (vacancies and job seekers alike);
/// - occupations differ in registry coverage and in vacancy turnover unrelated to shortage;
/// - each indicator reads excess demand through its own, very different noise;
/// - excess demand moves over time (persistent cell effect + AR(1)), and past years carry
///   labelled lists (`in_shortage`: excess demand plus judgement noise above a cut-off).
public struct SyntheticMarket: Sendable {
    /// How the market is built: how much of it the registry sees and how cleanly each indicator
    /// reads excess demand. Three structures unlike each other, beside the mixed one, so that a
    /// default is chosen by its worst case, not in the one world it was designed in.
    public struct Structure: Sendable, CustomStringConvertible {
        public var name: String
        /// Spread (log sd) of registry coverage across occupations; regions' coverage is
        /// 0.3 + 1.2 U, or log-normal with `regionCoverageSD` when that is set.
        public var occupationCoverageSD = 0.4, regionCoverageSD: Double? = nil
        /// Yearly log-noise of coverage per cell, shared by its vacancies and job seekers.
        public var cellCoverageNoise = 0.0
        /// Vacancy turnover unrelated to shortage (log sd by occupation) and vacancy noise.
        public var turnoverSD = 0.6, vacancyNoise = 0.35
        public var seekerNoise = 0.2
        /// How employment and wages respond to excess demand, and their noise.
        public var employmentLoading = 0.01, employmentNoise = 0.03
        public var wageLoading = 0.006, wageNoise = 0.02
        public var description: String { name }

        /// The market the defaults were first checked on: every indicator informative, none clean.
        public static let mixed = Structure(name: "mixed")
        /// Vacancies per job seeker is the best single indicator: clean counts, little turnover,
        /// employment and wages that barely respond.
        public static let tensionLed = Structure(name: "tension-led", turnoverSD: 0.15, vacancyNoise: 0.15, seekerNoise: 0.1,
                                                 employmentLoading: 0.003, employmentNoise: 0.03, wageLoading: 0.002, wageNoise: 0.02)
        /// Registry coverage varies strongly, by region, occupation and year.
        public static let coverageVaries = Structure(name: "coverage varies", occupationCoverageSD: 1.0, regionCoverageSD: 1.0, cellCoverageNoise: 0.3)
        /// Vacancies are noisy (much turnover, few of them registered): the job-seeker side and
        /// wages carry the signal.
        public static let noisyVacancies = Structure(name: "noisy vacancies", turnoverSD: 1.0, vacancyNoise: 1.0, seekerNoise: 0.15,
                                                     wageLoading: 0.012)
        public static let all: [Structure] = [.mixed, .tensionLed, .coverageVaries, .noisyVacancies]
    }

    public let panel: Panel
    /// The panel as CSV text.
    public let text: String
    /// True excess demand in the last year, by "region/isco".
    public let truth: [String: Double]
    public let lastYear = 2024

    public init(seed: UInt64, regions: Int = 8, occupations: Int = 60, labelsFrom: Int = 2015, labelLastYear: Bool = true,
                structure st: Structure = .mixed) {
        var rng = SeededGenerator(seed: seed)
        let codes = Array(ISCO08.standard.groups(atLevel: 4).map(\.code).filter { !$0.hasPrefix("0") }.prefix(occupations))
        let occupationCoverage = codes.map { _ in exp(st.occupationCoverageSD * rng.normal()) }
        let turnover = codes.map { _ in st.turnoverSD * rng.normal() }
        let occupationDemand = codes.map { _ in 0.5 * rng.normal() }
        var rows = ["year,region,isco,employment,jobseekers,vacancies,median_wage,in_shortage"]
        var truth: [String: Double] = [:]
        for r in 0..<regions {
            let region = String(format: "MA-%02d", r + 1)
            let tightness = 0.6 * rng.normal()
            let coverage = st.regionCoverageSD.map { exp($0 * rng.normal()) } ?? 0.3 + 1.2 * rng.uniform()
            for (o, code) in codes.enumerated() {
                let persistent = tightness + occupationDemand[o] + 0.6 * rng.normal()
                var cycle = 0.5 * rng.normal()
                var employment = 1000 * exp(0.6 * rng.normal())
                var wage = 4000 * exp(0.3 * rng.normal())
                for year in 2010...lastYear {
                    cycle = 0.7 * cycle + 0.45 * rng.normal()
                    let ed = persistent + cycle
                    employment *= 1 + 0.01 + st.employmentLoading * ed + st.employmentNoise * rng.normal()
                    wage *= 1 + 0.03 + st.wageLoading * ed + st.wageNoise * rng.normal()
                    let seen = coverage * occupationCoverage[o] * (st.cellCoverageNoise > 0 ? exp(st.cellCoverageNoise * rng.normal()) : 1)
                    let vacancies = 0.03 * employment * seen * exp(turnover[o] + 0.5 * ed + st.vacancyNoise * rng.normal())
                    let seekers = 0.08 * employment * seen * exp(-0.5 * ed + st.seekerNoise * rng.normal())
                    let judged = ed + 0.4 * rng.normal()
                    let labelled = year >= labelsFrom && (labelLastYear || year < lastYear)
                    let label = labelled ? (judged > 1.0 ? "1" : "0") : ""
                    rows.append("\(year),\(region),\(code),\(employment.rounded()),\(seekers.rounded()),\(vacancies.rounded()),\(wage.rounded()),\(label)")
                    if year == lastYear { truth["\(region)/\(code)"] = ed }
                }
            }
        }
        text = rows.joined(separator: "\n") + "\n"
        panel = try! PanelReader.read(text: text)
        self.truth = truth
    }
}
