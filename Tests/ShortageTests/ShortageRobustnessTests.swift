import Foundation
import LabourData
import Shortage
import Testing
import TestSupport

/// A default that is right only in the world it was designed in is not robust. Four
/// structurally different synthetic markets (`SyntheticMarket.Structure`): mixed; one where
/// vacancies per job seeker is the best single indicator; one where registry coverage varies
/// strongly by region, occupation and year; one with noisy vacancies. The unlabelled default
/// (weights learned from the panel) and the labelled model are judged by their worst case.
/// The weighting was chosen on seeds 1–3; the figures below are on seeds 101–106, drawn after.
@Suite("Shortage lists across market structures")
struct ShortageRobustnessTests {
    struct Figures { var learned = (rho: 0.0, precision: 0.0), fixed = (rho: 0.0, precision: 0.0), tension = (rho: 0.0, precision: 0.0) }

    static let seeds: [UInt64] = Array(101...106)

    /// Pooled ρ and precision@10 % of the unlabelled list (learned and the old fixed weights)
    /// and of the tension ratio alone, averaged over the seeds, for one structure; `labelled`
    /// scores the list fitted on 2015–2023 lists instead.
    static func figures(_ st: SyntheticMarket.Structure, labelled: Bool) throws -> Figures {
        var f = Figures()
        let n = Double(seeds.count)
        for seed in seeds {
            let m = SyntheticMarket(seed: seed, labelsFrom: labelled ? 2015 : 2100, structure: st)
            var config = ShortageConfig()
            config.draws = 50
            let rows = try ShortageModel(config: config).list(panel: m.panel, year: 2024, horizon: 0, forecast: nil, labelsThrough: 2023).rows
            config.weighting = .fixed
            let fixedRows = labelled ? rows : try ShortageModel(config: config).list(panel: m.panel, year: 2024, horizon: 0, forecast: nil).rows
            let q = SyntheticMarketTests.quality(rows, m.truth) { $0.score }
            let qf = SyntheticMarketTests.quality(fixedRows, m.truth) { $0.score }
            let qt = SyntheticMarketTests.quality(rows, m.truth) { $0.tensionRatio }
            f.learned.rho += q.rho / n; f.learned.precision += q.precision / n
            f.fixed.rho += qf.rho / n; f.fixed.precision += qf.precision / n
            f.tension.rho += qt.rho / n; f.tension.precision += qt.precision / n
        }
        return f
    }

    @Test("without labels, learned weights have the best worst case: ρ and precision@10 % above the fixed mix's and the tension ratio's worst, per structure as quoted")
    func unlabelled() throws {
        // Quoted in Sources/Shortage/README.md (margin 0.02): learned ρ, precision; fixed; tension.
        let quoted: [String: [Double]] = [
            "mixed": [0.877, 0.639, 0.830, 0.608, 0.835, 0.590],
            "tension-led": [0.976, 0.840, 0.853, 0.628, 0.977, 0.858],
            "coverage varies": [0.826, 0.615, 0.783, 0.542, 0.816, 0.608],
            "noisy vacancies": [0.826, 0.573, 0.757, 0.549, 0.611, 0.385],
        ]
        var worst = Figures()
        worst.learned = (1, 1); worst.fixed = (1, 1); worst.tension = (1, 1)
        for st in SyntheticMarket.Structure.all {
            let f = try Self.figures(st, labelled: false)
            print("unlabelled, \(st): learned ρ \(f.learned.rho) p@10 \(f.learned.precision); fixed \(f.fixed.rho) \(f.fixed.precision); tension \(f.tension.rho) \(f.tension.precision)")
            let q = try #require(quoted[st.name])
            #expect(f.learned.rho > q[0] - 0.02 && f.learned.precision > q[1] - 0.02, "\(st)")
            #expect(f.fixed.rho < q[2] + 0.02 && f.fixed.precision < q[3] + 0.02, "\(st)")
            #expect(f.tension.rho < q[4] + 0.02 && f.tension.precision < q[5] + 0.02, "\(st)")
            worst.learned = (min(worst.learned.rho, f.learned.rho), min(worst.learned.precision, f.learned.precision))
            worst.fixed = (min(worst.fixed.rho, f.fixed.rho), min(worst.fixed.precision, f.fixed.precision))
            worst.tension = (min(worst.tension.rho, f.tension.rho), min(worst.tension.precision, f.tension.precision))
        }
        #expect(worst.learned.rho > worst.fixed.rho + 0.05 && worst.learned.rho > worst.tension.rho + 0.1)
        #expect(worst.learned.precision > worst.fixed.precision && worst.learned.precision > worst.tension.precision + 0.1)
    }

    @Test("with labelled lists, the calibrated model's worst case beats the tension ratio's, per structure as quoted")
    func labelled() throws {
        // Quoted in Sources/Shortage/README.md (margin 0.02): model ρ, precision; tension ρ, precision.
        let quoted: [String: [Double]] = [
            "mixed": [0.898, 0.691, 0.835, 0.590],
            "tension-led": [0.978, 0.844, 0.977, 0.858],
            "coverage varies": [0.859, 0.632, 0.816, 0.608],
            "noisy vacancies": [0.884, 0.684, 0.611, 0.385],
        ]
        var worstModel = 1.0, worstTension = 1.0
        for st in SyntheticMarket.Structure.all {
            let f = try Self.figures(st, labelled: true)
            print("labelled, \(st): model ρ \(f.learned.rho) p@10 \(f.learned.precision); tension \(f.tension.rho) \(f.tension.precision)")
            let q = try #require(quoted[st.name])
            #expect(f.learned.rho > q[0] - 0.02 && f.learned.precision > q[1] - 0.02, "\(st)")
            worstModel = min(worstModel, f.learned.precision)
            worstTension = min(worstTension, f.tension.precision)
        }
        #expect(worstModel > worstTension + 0.2)
    }

    @Test("the learned weights follow the data: vacancies per job seeker dominates where it is clean, the job-seeker side where vacancies are noisy")
    func weightsFollowData() throws {
        func list(_ st: SyntheticMarket.Structure) throws -> ShortageList {
            var config = ShortageConfig()
            config.draws = 20
            return try ShortageModel(config: config).list(panel: SyntheticMarket(seed: 101, labelsFrom: 2100, structure: st).panel, year: 2024,
                                                          horizon: 0, forecast: nil)
        }
        let clean = try #require(try list(.tensionLed).compositeWeights)
        #expect(clean[.tension]! > 0.8, "\(clean)")
        let noisy = try #require(try list(.noisyVacancies).compositeWeights)
        #expect(noisy[.tension]! < 0.5 && noisy[.jobseekerRate]! > 0.2, "\(noisy)")
        #expect(abs(noisy.values.reduce(0, +) - 1) < 1e-9)
    }
}
