import Forecasting
import Foundation
import LabourData
import LinearAlgebra
import Shortage
import TestSupport
import Testing

@Suite("Shortage indicators and replacement demand, by hand")
struct IndicatorTests {
    @Test("tension ratio, its change, annualised growth")
    func indicators() {
        #expect(Indicators.tension(vacancies: 12, jobseekers: 40) == 0.3)
        #expect(Indicators.tension(vacancies: 5, jobseekers: 0) == 10)  // half a job seeker
        #expect(Indicators.tension(vacancies: 0, jobseekers: 0) == nil)
        #expect(Indicators.tension(vacancies: nil, jobseekers: 4) == nil)
        #expect(abs(Indicators.logChange(0.3, [0.2, 0.25, 0.3])! - log(0.3 / 0.25)) < 1e-15)
        #expect(abs(Indicators.annualGrowth([100, 110, 121, 133.1], at: 3, years: 3)! - 0.1) < 1e-12)
        // Falls back to the earliest available year inside the span.
        #expect(abs(Indicators.annualGrowth([.nan, 100, 110, 121], at: 3, years: 3)! - 0.1) < 1e-12)
    }

    @Test("replacement demand: 24.5 exits a year from the age bands, 25 without them")
    func replacement() {
        let c = ShortageConfig()
        let bands = ["15_24": 100.0, "25_54": 700, "55_64": 150, "65_plus": 50]
        // 100·0.01 + 700·0.01 + 150·0.06 + 50·0.15 = 1 + 7 + 9 + 7.5.
        #expect(abs(ReplacementDemand.annualExits(bands: bands, employment: 1000, config: c) - 24.5) < 1e-12)
        #expect(abs(ReplacementDemand.annualExits(bands: [:], employment: 1000, config: c) - 25) < 1e-12)
    }

    @Test("bad configurations give file:line:column errors")
    func badConfigs() {
        let cases: [(String, String)] = [
            ("[weights]\ntension = 0.5\nvacancy_rate = 0.2\n", "cfg.toml:3:16: unknown indicator 'vacancy_rate'"),
            ("[weights]\ntension = high\n", "cfg.toml:2:11: 'high' is not a number"),
            ("[exit_rates]\n55_64 = -0.06\n", "cfg.toml:2:9: exit_rates.55_64 = -0.06 is outside 0.0…1.0"),
            ("[exit_rates]\n70_plus = 0.2\n", "cfg.toml:2:11: unknown age band '70_plus'"),
            ("[weights]\ntension = 0\nimbalance = 0\n", "the weights sum to zero"),
            ("[ranking]\ntop_share = 2\n", "ranking.top_share = 2.0 is outside"),
            ("[colours]\nred = 1\n", "unknown setting 'colours.red'"),
            ("weights\n", "cfg.toml:1:1: expected key = value"),
        ]
        for (text, message) in cases {
            do {
                _ = try ShortageConfig.parse(text, file: "cfg.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
        let ok = try? ShortageConfig.parse("# defaults, with one change\n[weights]\ntension = 0.4 # more\nimbalance = 0.4\n[exit_rates]\ndefault = 0.03\n")
        #expect(ok?.weights[.tension] == 0.4 && ok?.weights.count == 2 && ok?.defaultExitRate == 0.03)
    }
}

@Suite("Penalised logistic regression")
struct LogitTests {
    static func fixture(_ name: String) throws -> [[Double]] {
        let text = try String(contentsOf: SharedData.repository("Tests/ShortageTests/Fixtures/\(name)"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    }

    @Test("IRLS matches scikit-learn's LogisticRegression(C = 1/λ) to 1e-6", arguments: [0, 1, 2])
    func matchesSklearn(row: Int) throws {
        let data = try Self.fixture("logit_data.csv")
        let x = Matrix(data.map { Array($0[0..<4]) })
        let y = data.map { $0[4] }
        let ref = try Self.fixture("logit_sklearn.csv")[row]
        let fit = try PenalizedLogit.fit(x, y, lambda: ref[0])
        #expect(fit.converged)
        for k in 0..<5 { #expect(abs(fit.coefficients[k] - ref[k + 1]) < 1e-6, "λ=\(ref[0]) coefficient \(k): \(fit.coefficients[k]) vs \(ref[k + 1])") }
    }
}

@Suite("Shortage ranking")
struct RankingTests {
    /// A synthetic market where the true excess demand of every cell is known. Each indicator
    /// sees it through its own noise; the tension level is confounded by occupation-specific
    /// turnover and each region's registry covers a different share of the market.
    static func market(seed: UInt64, regions: Int = 6, occupations: Int = 60) -> (Panel, [String: Double]) {
        var rng = SeededGenerator(seed: seed)
        let codes = ISCO08.standard.groups(atLevel: 4).map(\.code).filter { !$0.hasPrefix("0") }.prefix(occupations)
        var rows = ["year,region,isco,employment,jobseekers,vacancies,median_wage"]
        var truth: [String: Double] = [:]
        let turnover = codes.map { _ in 0.8 * rng.normal() }
        for r in 0..<regions {
            let region = String(format: "MA-%02d", r + 1)
            let coverage = 0.3 + 1.2 * rng.uniform()
            for (k, code) in codes.enumerated() {
                let ed = rng.normal()
                truth["\(region)/\(code)"] = ed
                var employment = 1000 * exp(0.5 * rng.normal())
                var wage = 4000 * exp(0.3 * rng.normal())
                for year in 2012...2024 {
                    let recent = year >= 2021 ? Double(year - 2020) / 4 : 0  // the shortage builds up
                    employment *= 1 + 0.02 + 0.02 * ed * recent + 0.015 * rng.normal()
                    wage *= 1 + 0.03 + 0.02 * ed * recent + 0.015 * rng.normal()
                    let base = 0.05 * employment * coverage
                    let vacancies = base * exp(turnover[k] + 0.6 * ed * recent + 0.25 * rng.normal())
                    let seekers = base * exp(-0.6 * ed * recent + 0.25 * rng.normal())
                    rows.append("\(year),\(region),\(code),\(employment.rounded()),\(seekers.rounded()),\(vacancies.rounded()),\(wage.rounded())")
                }
            }
        }
        return (try! PanelReader.read(text: rows.joined(separator: "\n")), truth)
    }

    /// Mean within-region Spearman correlation and precision in the top 10 %.
    static func quality(_ rows: [ShortageRow], truth: [String: Double], score: (ShortageRow) -> Double?) -> (Double, Double) {
        var rhos: [Double] = [], precisions: [Double] = []
        for region in Set(rows.map(\.region)) where region != Regions.total {
            let members = rows.filter { $0.region == region && score($0) != nil }
            let s = members.map { score($0)! }, t = members.map { truth["\(region)/\($0.isco)"]! }
            rhos.append(TestSupport.spearman(s, t))
            let k = max(1, members.count / 10)
            let topScore = Set(members.indices.sorted { s[$0] > s[$1] }.prefix(k))
            let topTruth = Set(members.indices.sorted { t[$0] > t[$1] }.prefix(k))
            precisions.append(Double(topScore.intersection(topTruth).count) / Double(k))
        }
        return (rhos.reduce(0, +) / Double(rhos.count), precisions.reduce(0, +) / Double(precisions.count))
    }

    @Test("the composite ranks true excess demand better than any single indicator, over five markets")
    func compositeBeatsSingles() throws {
        let singles = [Indicator.tension, .tensionChange, .employmentGrowth, .wageGrowth, .jobseekerRate]
        var composite = (rho: 0.0, precision: 0.0)
        var single = [Indicator: (rho: Double, precision: Double)]()
        for seed in 1...5 as ClosedRange<UInt64> {
            let (panel, truth) = Self.market(seed: seed, regions: 6, occupations: 100)
            var config = ShortageConfig()
            config.draws = 20
            let rows = try ShortageModel(config: config).rank(panel: panel, year: 2024, horizon: 0, forecast: nil)
            let (rho, precision) = Self.quality(rows, truth: truth) { $0.score }
            composite.rho += rho / 5; composite.precision += precision / 5
            for ind in singles {
                let (r1, p1) = Self.quality(rows, truth: truth) { $0.z[ind] }
                // Spearman: better in every market.
                #expect(rho > r1, "seed \(seed): composite ρ \(rho) vs \(ind.rawValue) \(r1)")
                single[ind, default: (0, 0)].rho += r1 / 5
                single[ind, default: (0, 0)].precision += p1 / 5
            }
        }
        // Precision in the top 10 % (10 cells a region): better on average over the markets.
        for ind in singles {
            #expect(composite.precision > single[ind]!.precision, "composite precision \(composite.precision) vs \(ind.rawValue) \(single[ind]!.precision)")
        }
        print("synthetic markets: composite ρ \(composite.rho), precision@10% \(composite.precision); best single ρ \(single.values.map(\.rho).max()!), precision \(single.values.map(\.precision).max()!)")
        #expect(composite.rho > 0.6)
    }

    @Test("rows carry ranks, intervals, probabilities and reasons in both languages; national lists exist")
    func rowsAreComplete() throws {
        let (panel, _) = Self.market(seed: 9, regions: 3, occupations: 20)
        var o = ForecastOptions()
        o.horizon = 3
        o.paths = 50
        let forecast = try PanelForecaster.run(panel, options: o)
        var config = ShortageConfig()
        config.draws = 50
        let rows = try ShortageModel(config: config).rank(panel: panel, year: 2024, horizon: 3, forecast: forecast)
        #expect(rows.count == 3 * 20 + 20)
        for region in ["TOTAL", "MA-01", "MA-02", "MA-03"] {
            let list = rows.filter { $0.region == region }
            #expect(list.map(\.rank).sorted() == Array(1...20))
        }
        for r in rows {
            #expect(r.pShortage >= 0 && r.pShortage <= 1)
            #expect(r.rankLow <= r.rankHigh)
            #expect(r.imbalance != nil && r.imbalanceLow! <= r.imbalanceHigh!)
            #expect(r.openings! >= 0 && r.newSupply! >= 0)
        }
        // The top of each list is in shortage in most draws, the bottom in few.
        let ma01 = rows.filter { $0.region == "MA-01" }.sorted { $0.rank < $1.rank }
        #expect(ma01.first!.pShortage > ma01.last!.pShortage)
        let fr = ma01.first!.reasons(.french, targetYear: 2027), en = ma01.first!.reasons(.english, targetYear: 2027)
        #expect(!fr.isEmpty && fr.count == en.count && fr != en)
    }
}

@Suite("Shortage: sex split, programme mapping, learned weights")
struct ShortageOptionsTests {
    @Test("with --sex female the female measures are used where they exist")
    func sexSplit() throws {
        var rows = ["year,region,isco,employment,employment_female,jobseekers,jobseekers_female,vacancies"]
        for year in 2020...2024 {
            rows.append("\(year),MA-01,2221,1000,800,100,10,50")   // few women seeking work: high female tension
            rows.append("\(year),MA-01,7212,1000,50,100,90,50")    // many women seeking work
            rows.append("\(year),MA-01,8332,1000,20,100,40,50")
        }
        let panel = try PanelReader.read(text: rows.joined(separator: "\n"))
        var c = ShortageConfig()
        c.draws = 5
        let all = try ShortageModel(config: c).rank(panel: panel, year: 2024, horizon: 0, forecast: nil)
        let women = try ShortageModel(config: c).rank(panel: panel, year: 2024, horizon: 0, forecast: nil, sex: "female")
        let t = { (rows: [ShortageRow], code: String) in rows.first { $0.region == "MA-01" && $0.isco == code }!.tensionRatio! }
        #expect(t(all, "2221") == 0.5)
        #expect(t(women, "2221") == 5)          // 50 vacancies / 10 women seeking work
        #expect(abs(t(women, "7212") - 50.0 / 90) < 1e-12)
        #expect(women.first { $0.region == "MA-01" && $0.isco == "2221" }!.employment == 800)
    }

    @Test("graduates by programme are spread over ISCO codes by the mapping shares")
    func programmeMapping() throws {
        let g = try GraduateMapping.apply(
            graduates: [(2024, "MA-04", "TSDI", 300), (2024, "MA-04", "Soudage", 100)],
            mapping: [("TSDI", "2512", 0.6), ("TSDI", "2513", 0.4), ("Soudage", "7212", 1)])
        #expect(g["MA-04/2512"]?[2024] == 180)
        #expect(g["MA-04/2513"]?[2024] == 120)
        #expect(g["MA-04/7212"]?[2024] == 100)
        #expect(throws: ShortageModelError.self) {
            try GraduateMapping.apply(graduates: [], mapping: [("TSDI", "2512", 0.6)])
        }
    }

    @Test("weights learned from labelled lists favour the informative indicators")
    func learnedWeights() throws {
        // Label the synthetic market: a cell is on the list when its true excess demand is high.
        let (panel, truth) = RankingTests.market(seed: 3, regions: 4, occupations: 60)
        var text = "year,region,isco,employment,jobseekers,vacancies,median_wage,in_shortage\n"
        let cols = ["employment", "jobseekers", "vacancies", "median_wage"].map { panel.column($0)! }
        for row in 0..<panel.rowCount {
            let region = panel.regions[Int(panel.regionIndex[row])], isco = panel.occupations[Int(panel.occupationIndex[row])]
            let year = Int(panel.years[row])
            let label = year >= 2023 ? ((truth["\(region)/\(isco)"]! > 0.8) ? "1" : "0") : ""
            text += "\(year),\(region),\(isco)," + cols.map { "\($0[row])" }.joined(separator: ",") + ",\(label)\n"
        }
        let labelled = try PanelReader.read(text: text)
        let (config, fit, n) = try ShortageModel().estimatedWeights(panel: labelled, lambda: 1)
        #expect(n == 2 * 4 * 60)
        #expect(fit.converged)
        // Tension change carries the signal in this market; it must get a positive weight.
        #expect((config.weights[.tensionChange] ?? 0) > 0.05)
        let total = config.weights.values.reduce(0, +)
        #expect(abs(total - 1) < 1e-9)
    }
}
