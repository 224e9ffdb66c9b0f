import Foundation
import LinearAlgebra
import Profiling
import Statistics
import Testing

/// A job-seeker registry made by a different hand than `scripts/make_registry.py`, with the true
/// probability of each spell: the risk depends on the occupation sought (by major and sub-major
/// group), rises with age on a U (young and old), falls then rises with education (graduate
/// unemployment), grows linearly in the months unemployed before (capped at 36), not with their
/// log, and with languages and migration as the bundled one. Sex moves the truth and is left out of
/// the score, as Mizan does. `seed` gives another draw of the same world; `world` another world
/// (other group effects and age shape), so forms can be tuned on one and judged on another.
enum SecondRegistry {
    static let codes = ["1120", "1211", "1324", "2142", "2221", "2310", "2411", "2512", "3115", "3221", "3313", "3511",
                               "4110", "4120", "4311", "5120", "5141", "5223", "5244", "5414", "6111", "6121", "6221",
                               "7112", "7115", "7212", "7233", "7411", "7531", "8160", "8182", "8322", "8332", "9112",
                               "9211", "9313", "9321", "9412", "9622"]

    static func make(seed: UInt64, world: UInt64 = 1, spells perYear: Int = 4000,
                            years: ClosedRange<Int> = 2016...2024) -> (registry: Registry, truth: [Double]) {
        var w = SeededGenerator(seed: 7_000 + world)
        // Effects of the world: major group, sub-major deviation, region.
        let majorEffect = (0..<10).map { _ in 1.0 * (w.uniform() - 0.5) * 2 }
        var subMajor: [String: Double] = [:]
        for c in codes { subMajor[String(c.prefix(2)), default: 0] = 0.5 * (w.uniform() - 0.5) * 2 }
        let regions = (1...12).map { String(format: "MA-%02d", $0) }
        let regionEffect = regions.map { _ in 0.4 * (w.uniform() - 0.5) * 2 }
        let ageCentre = 30 + 8 * w.uniform(), ageCurve = 0.0015 + 0.001 * w.uniform()
        var rng = SeededGenerator(seed: seed)
        var r = Registry()
        var truth: [Double] = []
        var etas: [Double] = []
        for year in years {
            for k in 0..<perYear {
                let code = codes[Int(rng.next() % UInt64(codes.count))]
                let region = Int(rng.next() % UInt64(regions.count))
                let age = (16 + 48 * pow(rng.uniform(), 1.3)).rounded()
                let edu = Double(min(8, Int(rng.next() % 9)))
                let months = (-14 * log(1 - rng.uniform() * 0.98)).rounded()
                let prior = Double(Int(-1.2 * log(1 - rng.uniform() * 0.95)))
                let returnee = rng.uniform() < 0.15 ? 1.0 : 0.0
                let abroad = returnee == 1 ? (12 + 100 * rng.uniform()).rounded() : 0
                let langs = Double(1 + Int(rng.next() % 4))
                let female = rng.uniform() < 0.45
                var eta = majorEffect[Int(String(code.prefix(1)))!] + subMajor[String(code.prefix(2))]!
                eta += regionEffect[region] + ageCurve * (age - ageCentre) * (age - ageCentre)
                eta += -0.22 * edu + (edu >= 6 ? 0.7 : 0) + 0.045 * min(months, 36) + 0.25 * min(prior, 3)
                eta += 0.2 * returnee - 0.006 * abroad - 0.12 * (langs - 1) + (female ? 0.25 : 0)
                etas.append(eta)
                r.ids.append("S\(year)-\(k)")
                r.years.append(year)
                r.regions.append(regions[region])
                r.iscoSought.append(code)
                r.ages.append(age)
                r.sexes.append(female ? "F" : "M")
                r.nationalities.append(rng.uniform() < 0.06 ? "SN" : "MA")
                r.educationISCED.append(edu)
                r.returnees.append(returnee)
                r.monthsAbroad.append(abroad)
                r.priorSpells.append(prior)
                r.monthsUnemployedBefore.append(months)
                r.languageCounts.append(langs)
                r.lines.append(r.count + 1)
            }
        }
        // The intercept that makes the base rate about 0.35.
        let sorted = etas.sorted()
        let alpha = -sorted[sorted.count * 65 / 100] * 0.9
        for (i, eta) in etas.enumerated() {
            let p = 1 / (1 + exp(-(alpha + eta)))
            truth.append(p)
            r.ltu12m.append(r.years[i] == years.upperBound ? .nan : (rng.uniform() < p ? 1 : 0))
        }
        return (r, truth)
    }

    /// A plain logistic regression on the same columns, sex left out: each number as it is, the
    /// region and the occupation sought's major group as levels. The baseline an outside
    /// evaluator would fit first.
    static func plainLogit(_ r: Registry, trainUntil: Int) throws -> (later: [Int], p: [Double]) {
        let training = (0..<r.count).filter { r.years[$0] <= trainUntil && r.isLabelled($0) }
        let later = (0..<r.count).filter { r.years[$0] > trainUntil && r.isLabelled($0) }
        let regions = Array(Set(r.regions)).sorted().dropFirst()
        let majors = Array(Set(r.iscoSought.map { String($0.prefix(1)) })).sorted().dropFirst()
        func row(_ i: Int) -> [Double] {
            [r.ages[i], r.educationISCED[i], r.monthsUnemployedBefore[i], r.priorSpells[i], r.returnees[i], r.monthsAbroad[i],
             r.languageCounts[i]] + regions.map { r.regions[i] == $0 ? 1 : 0 } + majors.map { r.iscoSought[i].hasPrefix($0) ? 1 : 0 }
        }
        func design(_ rows: [Int]) -> Matrix {
            let width = row(rows[0]).count
            var m = Matrix(rows: rows.count, columns: width)
            for (k, i) in rows.enumerated() { for (j, v) in row(i).enumerated() { m[k, j] = v } }
            return m
        }
        let x = design(training)
        let means = (0..<x.columns).map { j in (0..<x.rows).reduce(0) { $0 + x[$1, j] } / Double(x.rows) }
        let sds = (0..<x.columns).map { j in max(1e-9, ((0..<x.rows).reduce(0) { $0 + pow(x[$1, j] - means[j], 2) } / Double(x.rows)).squareRoot()) }
        func standardised(_ m: Matrix) -> Matrix {
            var s = m
            for i in 0..<m.rows { for j in 0..<m.columns { s[i, j] = (m[i, j] - means[j]) / sds[j] } }
            return s
        }
        let fit = try PenalizedLogit.fit(standardised(x), training.map { r.ltu12m[$0] }, lambda: 1)
        let xl = standardised(design(later))
        return (later, (0..<xl.rows).map { k in fit.probability((0..<xl.columns).map { xl[k, $0] }) })
    }
}

/// The default profiling model on registries its forms were not written for.
@Suite("Profiling on a registry made by another hand")
struct SecondRegistryTests {
    static func compare(seed: UInt64, world: UInt64) throws -> (mizan: Double, fixed: Double, plain: Double, truth: Double, slope: Double) {
        let (r, truth) = SecondRegistry.make(seed: seed, world: world)
        let result = try RiskProfiler.run(r, spec: ProfilingSpec(), trainUntil: 2021, outlook: nil)
        var fixedSpec = ProfilingSpec()
        fixedSpec.forms = .fixed
        let fixed = try RiskProfiler.run(r, spec: fixedSpec, trainUntil: 2021, outlook: nil)
        let (later, plainP) = try SecondRegistry.plainLogit(r, trainUntil: 2021)
        let y = later.map { r.ltu12m[$0] }
        let plain = BinaryScores.auc(zip(plainP, y).map { ($0, $1) })
        let truthAUC = BinaryScores.auc(zip(later.map { truth[$0] }, y).map { ($0, $1) })
        return (result.evaluation[0].auc, fixed.evaluation[0].auc, plain, truthAUC, result.evaluation[0].calibrationSlope)
    }

    /// Worlds 2 and 3 (seed 12) were not looked at while the forms were designed (world 1 was).
    @Test("on worlds it was not designed in, the default ranks later cohorts better than a plain logistic regression (0.720 against 0.690, 0.729 against 0.707) and within 0.012 of the true probabilities, calibrated; the fixed forms of rounds 1–2 lost to the plain regression (0.676, 0.670)")
    func beatsPlainLogistic() throws {
        for (world, quoted) in [(UInt64(2), (mizan: 0.720, plain: 0.690, fixed: 0.676)), (UInt64(3), (mizan: 0.729, plain: 0.707, fixed: 0.670))] {
            let c = try Self.compare(seed: 12, world: world)
            print(String(format: "world %d: mizan %.4f fixed %.4f plain %.4f truth %.4f slope %.3f", world, c.mizan, c.fixed, c.plain, c.truth, c.slope))
            #expect(c.mizan >= quoted.mizan - 0.005 && c.mizan >= c.plain + 0.015, "world \(world)")
            #expect(c.truth - c.mizan <= 0.012 + 0.003, "world \(world)")
            #expect(abs(c.plain - quoted.plain) <= 0.005 && abs(c.fixed - quoted.fixed) <= 0.005, "world \(world)")
            #expect(c.fixed < c.plain && (0.9...1.1).contains(c.slope), "world \(world)")
        }
    }

    @Test("the forms are chosen on the training cohorts: the occupation sought enters by ISCO group, the age and education as binned effects, and the scored years change nothing")
    func chosenOnTrainingOnly() throws {
        let (r, _) = SecondRegistry.make(seed: 12, world: 2)
        let training = (0..<r.count).filter { r.years[$0] <= 2021 && r.isLabelled($0) }
        let forms = FunctionalForms.choose(r, training: training, spec: ProfilingSpec(), outlook: nil)
        #expect(forms.soughtLevels != nil && forms.soughtFeatures.count >= 10)
        print("chosen bins:", forms.bins.keys.map(\.rawValue).sorted(), "sought levels:", forms.soughtFeatures.count)
        #expect(forms.bins[.age] != nil && forms.bins[.education] != nil)
        // Every bin and level holds at least 100 training spells.
        for (column, edges) in forms.bins {
            var counts = [Int](repeating: 0, count: edges.count + 1)
            for i in training { counts[FunctionalForms.bin(column.value(r, i), edges)] += 1 }
            #expect(counts.allSatisfy { $0 >= FunctionalForms.minimumSpells }, "\(column)")
        }
        // Scrambling the later cohorts' outcomes leaves the forms as they were.
        var scrambled = r
        for i in 0..<r.count where r.years[i] > 2021 && r.isLabelled(i) { scrambled.ltu12m[i] = 1 - r.ltu12m[i] }
        #expect(FunctionalForms.choose(scrambled, training: training, spec: ProfilingSpec(), outlook: nil) == forms)
    }

    @Test("an occupation sought falls in its sub-major group's level, else its pooled major group's; a one-digit code in its major group's where there is one")
    func soughtLevels() {
        var forms = FunctionalForms()
        forms.soughtLevels = ["72": "72", "61": "6", "62": "6"]
        #expect(forms.soughtLevel("7212") == "72" && forms.soughtLevel("6111") == "6" && forms.soughtLevel("6") == "6")
        #expect(forms.soughtLevel("7") == "other" && forms.soughtLevel("9112") == "other" && forms.soughtLevel("") == "other")
        #expect(FunctionalForms.fixed.soughtLevel("7212") == "other")
    }
}
