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
    public let panel: Panel
    /// The panel as CSV text.
    public let text: String
    /// True excess demand in the last year, by "region/isco".
    public let truth: [String: Double]
    public let lastYear = 2024

    public init(seed: UInt64, regions: Int = 8, occupations: Int = 60, labelsFrom: Int = 2015, labelLastYear: Bool = true) {
        var rng = SeededGenerator(seed: seed)
        let codes = Array(ISCO08.standard.groups(atLevel: 4).map(\.code).filter { !$0.hasPrefix("0") }.prefix(occupations))
        let occupationCoverage = codes.map { _ in exp(0.4 * rng.normal()) }
        let turnover = codes.map { _ in 0.6 * rng.normal() }
        let occupationDemand = codes.map { _ in 0.5 * rng.normal() }
        var rows = ["year,region,isco,employment,jobseekers,vacancies,median_wage,in_shortage"]
        var truth: [String: Double] = [:]
        for r in 0..<regions {
            let region = String(format: "MA-%02d", r + 1)
            let tightness = 0.6 * rng.normal()
            let coverage = 0.3 + 1.2 * rng.uniform()
            for (o, code) in codes.enumerated() {
                let persistent = tightness + occupationDemand[o] + 0.6 * rng.normal()
                var cycle = 0.5 * rng.normal()
                var employment = 1000 * exp(0.6 * rng.normal())
                var wage = 4000 * exp(0.3 * rng.normal())
                for year in 2010...lastYear {
                    cycle = 0.7 * cycle + 0.45 * rng.normal()
                    let ed = persistent + cycle
                    employment *= 1 + 0.01 + 0.01 * ed + 0.03 * rng.normal()
                    wage *= 1 + 0.03 + 0.006 * ed + 0.02 * rng.normal()
                    let seen = coverage * occupationCoverage[o]
                    let vacancies = 0.03 * employment * seen * exp(turnover[o] + 0.5 * ed + 0.35 * rng.normal())
                    let seekers = 0.08 * employment * seen * exp(-0.5 * ed + 0.2 * rng.normal())
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
