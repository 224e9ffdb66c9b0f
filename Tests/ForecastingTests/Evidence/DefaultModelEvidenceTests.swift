import Forecasting
import Foundation
import Testing
import TestSupport

/// The evidence behind `--model auto` and calibrated intervals, on real yearly series no one here
/// made: the 756 M3 quarterly series summed over calendar years. The default was chosen on the
/// odd-numbered series and the tourism series; these tests report on the even-numbered ones.
/// Figures quoted in Sources/Forecasting/README.md are asserted here.
@Suite("Default model and interval evidence (M3 yearly sums)", .serialized)
struct DefaultModelEvidenceTests {
    static let horizon = 6
    static let m3: [[Double]] = (try? YearlySeries.m3().map(\.values)) ?? []
    static var odd: [[Double]] { m3.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
    static var even: [[Double]] { m3.enumerated().filter { $0.offset % 2 == 1 }.map(\.element) }

    static func scores(_ data: [[Double]], _ models: [ModelChoice], horizon: Int) -> [ModelChoice: HoldoutScore] {
        let splits = HoldoutEvaluation.splits(data, horizon: horizon, minimumTraining: 5)
        let fits = HoldoutEvaluation.fits(splits.map(\.train)) { SeriesForecaster.fit($0, models: models).map(\.model) }
        var out: [ModelChoice: HoldoutScore] = [:]
        for (j, m) in models.enumerated() {
            out[m] = HoldoutEvaluation.score(method: m.rawValue, splits: splits, levels: [80, 95],
                                             models: fits.map { $0[j] }, calibration: IntervalCalibration.shipped(for: m))
        }
        return out
    }

    @Test("the default is more accurate than AutoETS, Theta and ARIMA and within 2 % sMAPE / 6 % MASE of the best single model")
    func defaultAccuracy() throws {
        #expect(Self.m3.count == 756)
        let singles: [ModelChoice] = [.naive, .drift, .loglinear, .ses, .holt, .damped, .ets, .theta, .arima]
        for h in [5, 6] {
            let s = Self.scores(Self.even, [.auto, .combo] + singles, horizon: h)
            let d = s[.auto]!
            for m in singles + [.combo] {
                print(String(format: "M3-even h=%d %-9@ sMAPE %.2f MASE %.3f", h, m.rawValue, s[m]!.smape, s[m]!.mase))
            }
            print(String(format: "M3-even h=%d default   sMAPE %.2f MASE %.3f", h, d.smape, d.mase))
            let bestSMAPE = singles.map { s[$0]!.smape }.min()!, bestMASE = singles.map { s[$0]!.mase }.min()!
            #expect(d.smape <= bestSMAPE * 1.02)
            #expect(d.mase <= bestMASE * 1.06)
            // Clearly better than the models that were, or could be taken for, the default.
            for m in [ModelChoice.ets, .theta, .arima, .naive, .ses] {
                #expect(d.smape < s[m]!.smape && d.mase < s[m]!.mase, "\(m.rawValue)")
            }
            #expect(d.smape <= s[.ets]!.smape * 0.85)
        }
    }

    @Test("calibrated 80 % and 95 % intervals cover within ±3 points of nominal at every horizon (two-fold cross-fitted)")
    func calibratedCoverage() throws {
        let folds = [Self.odd, Self.even]
        let H = Self.horizon
        var covered = [[Int]](repeating: [Int](repeating: 0, count: H), count: 2)
        var modelCovered = covered
        var n = 0
        for f in 0..<2 {
            // Fitted on one half, judged on the other.
            let table = IntervalCalibration.fit(scores: HoldoutEvaluation.standardizedErrors(
                folds[f], horizon: H, origins: 1, minimumTraining: 5, model: .auto))
            let splits = HoldoutEvaluation.splits(folds[1 - f], horizon: H, minimumTraining: 5)
            let fits = HoldoutEvaluation.fits(splits.map(\.train)) { SeriesForecaster.fit($0, model: .auto).model }
            for (split, model) in zip(splits, fits) {
                n += 1
                let cal = HoldoutEvaluation.forecast(model, steps: H, levels: [80, 95], calibration: table)
                let raw = HoldoutEvaluation.forecast(model, steps: H, levels: [80, 95], calibration: nil)
                for l in 0..<2 {
                    for k in 0..<H {
                        let y = split.test[k]
                        if y >= cal.lower[l][k] && y <= cal.upper[l][k] { covered[l][k] += 1 }
                        if y >= raw.lower[l][k] && y <= raw.upper[l][k] { modelCovered[l][k] += 1 }
                    }
                }
            }
        }
        #expect(n >= 620)
        for (l, nominal) in [0.80, 0.95].enumerated() {
            let c = covered[l].map { Double($0) / Double(n) }
            let m = modelCovered[l].map { Double($0) / Double(n) }
            print("coverage \(Int(nominal * 100)) % calibrated:", c.map { String(format: "%.3f", $0) }.joined(separator: " "),
                  "model-based:", m.map { String(format: "%.3f", $0) }.joined(separator: " "))
            for k in 0..<H { #expect(abs(c[k] - nominal) <= 0.03, "step \(k + 1): \(c[k])") }
            // What calibration repairs: the model's own intervals under-cover by 10+ points.
            #expect(m.reduce(0, +) / Double(H) < nominal - 0.10)
        }
    }

    /// The shipped tables are the fit on every M3 series: regenerated here and compared, so a
    /// model change that would need new tables fails instead of shipping stale ones. With
    /// MIZAN_WRITE_CALIBRATION=1 it rewrites Sources/Forecasting/Calibration/IntervalCalibration+Table.swift.
    @Test("the shipped calibration tables are the fit on all M3 series")
    func shippedTables() throws {
        let write = ProcessInfo.processInfo.environment["MIZAN_WRITE_CALIBRATION"] == "1"
        let models: [ModelChoice] = write ? ModelChoice.allCases : [.auto, .drift, .theta]
        var tables: [(ModelChoice, IntervalCalibration)] = []
        for m in models {
            let t = IntervalCalibration.fit(scores: HoldoutEvaluation.standardizedErrors(
                Self.m3, horizon: Self.horizon, origins: 1, minimumTraining: 5, model: m))
            tables.append((m, t))
            if !write {
                let shipped = try #require(IntervalCalibration.shipped(for: m))
                for (a, b) in zip(shipped.quantiles.joined(), t.quantiles.joined()) { #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(m.rawValue)") }
            }
        }
        guard write else { return }
        var text = """
        // Generated by Tests/ForecastingTests/Evidence/DefaultModelEvidenceTests.swift with
        // MIZAN_WRITE_CALIBRATION=1 (see Sources/Forecasting/README.md). Do not edit by hand.
        // Quantiles of |y − ŷ| / σ_h at IntervalCalibration.probabilities, one row per step 1…\(Self.horizon),
        // from the last \(Self.horizon) years of the 756 M3 quarterly series summed over calendar years.
        let shippedTables: [String: [[Double]]] = [

        """
        for (m, t) in tables {
            text += "    \"\(m.rawValue)\": [\n"
            for row in t.quantiles { text += "        [" + row.map { String(format: "%.17g", $0) }.joined(separator: ", ") + "],\n" }
            text += "    ],\n"
        }
        text += "]\n"
        try text.write(to: SharedData.repository("Sources/Forecasting/Calibration/IntervalCalibration+Table.swift"), atomically: true, encoding: .utf8)
    }
}
