@testable import Forecasting
import Foundation
import LabourData
import Testing
import TestSupport

@Suite("Interval calibration")
struct IntervalCalibrationTests {
    @Test("conformal quantile: the ⌈(m + 1)p⌉-th smallest score, monotone in p, interpolated between levels")
    func fitByHand() {
        // Scores 1…19: (19 + 1)·0.5 = 10 → 10; 0.8 → 16; 0.95 → 19; 0.99 → ⌈19.8⌉ = 20 → capped at 19.
        let t = IntervalCalibration.fit(scores: [(1...19).map(Double.init)])
        #expect(t.multiplier(level: 50, step: 1) == 10)
        #expect(t.multiplier(level: 80, step: 1) == 16)
        #expect(t.multiplier(level: 95, step: 1) == 19)
        #expect(t.multiplier(level: 99, step: 1) == 19)
        // Halfway between 80 (16) and 85 (⌈17⌉ = 17).
        #expect(abs(t.multiplier(level: 82.5, step: 1) - 16.5) < 1e-12)
        // Beyond the table: the last step's row.
        #expect(t.multiplier(level: 80, step: 9) == 16)
        // The signed quantile is symmetric and hits ±multiplier at the interval's ends.
        #expect(t.standardQuantile(0.9, step: 1) == 16 && t.standardQuantile(0.1, step: 1) == -16)
    }

    @Test("CRPS by hand: a point forecast scores its absolute error; two equal points likewise")
    func crpsByHand() {
        var rng = SeededGenerator(seed: 1)
        // A constant model has no spread: its CRPS is |y − 5|.
        let d = ForecastDistribution(ConstantModel(value: 5), steps: 1, levels: [80], method: .model, calibration: nil, paths: 10, rng: &rng)
        #expect(abs(d.crps(8, step: 0) - 3) < 1e-12)
        // Gaussian with σ = 1 at y = μ: CRPS = σ(√2 − 1)/√π ≈ 0.2337 (up to the 100-point grid).
        let g = ForecastDistribution(NaiveModel(last: 0, sigma2: 1, residuals: [.nan, 1]), steps: 1, levels: [80], method: .model,
                                     calibration: nil, paths: 10, rng: &rng)
        #expect(abs(g.crps(0, step: 0) - (2.0.squareRoot() - 1) / Double.pi.squareRoot()) < 0.005)
    }

    @Test("calibrated intervals are wider than the model's and are the quantiles of the paths later stages read")
    func pathsMatchIntervals() throws {
        var text = "year,region,isco,employment\n"
        for y in 2010...2024 {
            for (i, c) in ["7212", "2221"].enumerated() {
                let v = 1000.0 + 30 * Double(y - 2010) * Double(i + 1) + Double((y * 37 + i * 11) % 23) * 4
                text += "\(y),MA-01,\(c),\(v)\n"
            }
        }
        let panel = try PanelReader.read(text: text)
        var o = ForecastOptions()
        o.reconciliation = .none
        o.paths = 2000
        // The shipped tables (this smooth panel's own errors would narrow them: PanelCalibrationTests).
        o.ownCalibration = false
        let cal = try PanelForecaster.run(panel, options: o)
        o.intervals = .model
        let raw = try PanelForecaster.run(panel, options: o)
        let n = cal.seriesCount, H = cal.years.count, P = cal.pathCount
        for i in 0..<n {
            for k in 0..<H {
                let j = k * n + i
                #expect(cal.upper[0][j] - cal.lower[0][j] > raw.upper[0][j] - raw.lower[0][j])
                // Share of paths inside the 80 % interval: 80 % up to the grid of 2,000 positions.
                var inside = 0
                for p in 0..<P {
                    let v = Double(cal.paths[(i * H + k) * P + p])
                    if v >= cal.lower[0][j] - 1e-6 * abs(v) && v <= cal.upper[0][j] + 1e-6 * abs(v) { inside += 1 }
                }
                #expect(abs(Double(inside) / Double(P) - 0.80) < 0.002, "series \(i) step \(k + 1)")
            }
        }
    }

    @Test("three points on a line get the short-history floor, not certainty: ±8.96 at 80 % one year ahead for a level of 120, in the intervals and in the paths")
    func threePointsAreNotCertain() throws {
        let text = "year,region,isco,employment\n2021,MA-01,7212,100\n2022,MA-01,7212,110\n2023,MA-01,7212,120\n"
            + "2021,MA-01,7213,50\n2022,MA-01,7213,55\n2023,MA-01,7213,60\n"
        let panel = try PanelReader.read(text: text)
        var o = ForecastOptions()
        o.horizon = 3
        o.reconciliation = .none
        let unreconciled = try PanelForecaster.run(panel, options: o)
        o.reconciliation = ForecastOptions().reconciliation
        let reconciled = try PanelForecaster.run(panel, options: o)
        let i = try #require((0..<unreconciled.seriesCount).first { unreconciled.key($0) == ("MA-01", "7212") })
        let n = unreconciled.seriesCount
        // σ floor 0.0498 × 120 (the shipped 3-point row), times the drift table's 80 % multiplier 1.499.
        let floorSD = ShortHistoryFloor.shipped.relative[2][0] * 120
        #expect(abs(floorSD - 5.98) < 0.01)
        #expect(abs((unreconciled.upper[0][i] - unreconciled.mean[i]) - 8.96) < 0.01)
        for f in [unreconciled, reconciled] {
            for k in 0..<3 {
                let j = k * n + i
                #expect(f.lower[1][j] < f.lower[0][j] && f.lower[0][j] < f.mean[j] - 5 && f.upper[0][j] > f.mean[j] + 5 && f.upper[1][j] > f.upper[0][j])
                // The paths spread as the interval says: about 80 % inside it.
                let P = f.pathCount
                let inside = (0..<P).filter { p in
                    let v = Double(f.paths[(i * 3 + k) * P + p])
                    return v >= f.lower[0][j] - 1e-4 && v <= f.upper[0][j] + 1e-4
                }.count
                #expect(abs(Double(inside) / Double(P) - 0.80) < 0.05, "step \(k + 1): \(inside) of \(P)")
            }
            // Wider each year further out.
            #expect(f.upper[0][2 * n + i] - f.lower[0][2 * n + i] > f.upper[0][i] - f.lower[0][i])
        }
        // Eight points: the history's own residuals speak, no floor.
        #expect(ShortHistoryFloor.shipped.sd(history: [1, 2, 3, 4, 5, 6, 7, 8], steps: 1) == nil)
    }

    @Test("reconciled bands and paths are centred on the published point: the point splits every 80 % band 40–60, and is the median of its paths within 2 % of the band")
    func centredOnThePoint() throws {
        var text = "year,region,isco,employment\n"
        for y in 2008...2024 {
            for (r, region) in ["MA-01", "MA-06", "MA-09"].enumerated() {
                for (i, c) in ["7212", "7213", "2221", "5120"].enumerated() {
                    // Trends, curvature and noise of different sizes: the four models of the median disagree.
                    let t = Double(y - 2008), level: Double = 400 + 90 * Double(i + r)
                    let slope = 12 - 3 * Double(i), curve = 0.9 * Double(r)
                    let trend = slope * t + curve * t * t
                    let wiggle = (y * 37 + i * 11 + r * 5) % 23
                    let noise = Double(wiggle) * Double(2 + i)
                    let v = level + trend + noise
                    text += "\(y),\(region),\(c),\(v)\n"
                }
            }
        }
        let panel = try PanelReader.read(text: text)
        let f = try PanelForecaster.run(panel, options: ForecastOptions())
        let n = f.seriesCount, H = f.years.count, P = f.pathCount
        var worst = 0.5
        for i in 0..<n {
            for k in 0..<H {
                let j = k * n + i, m = f.mean[j], lo = f.lower[0][j], hi = f.upper[0][j]
                #expect(hi > lo)
                let share = (m - lo) / (hi - lo)
                worst = abs(share - 0.5) > abs(worst - 0.5) ? share : worst
                #expect((0.4...0.6).contains(share), "series \(f.key(i)) step \(k + 1): \(share)")
                let sample = (0..<P).map { Double(f.paths[(i * H + k) * P + $0]) }.sorted()
                let median = (sample[P / 2 - 1] + sample[P / 2]) / 2
                #expect(abs(median - m) <= 0.02 * (hi - lo), "series \(f.key(i)) step \(k + 1): median \(median), point \(m)")
            }
        }
        print("most off-centre 80 % band: the point at \(worst) of its width")
    }
}
