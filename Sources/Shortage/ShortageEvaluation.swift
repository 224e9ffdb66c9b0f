import Foundation
import LabourData
import LinearAlgebra
import Statistics

/// How well a list made before year Y foresaw Y's labelled shortages: fitted on labels before Y
/// only (for a horizon H, on what was known in Y − H), scored on Y's labels, beside a logistic
/// regression on the raw tension ratio fitted to the same labels and the base rate.
public struct ShortageEvaluation: Sendable {
    public struct Scores: Sendable {
        public let name: String
        public let brier: Double
        public let logLoss: Double
        public let auc: Double
        /// Share in shortage among the top 10 % of cells by probability.
        public let precisionAt10: Double
    }

    public typealias ReliabilityBin = BinaryScores.ReliabilityBin

    public let year: Int
    public let horizon: Int
    public let cells: Int
    public let baseRate: Double
    /// Mizan's list, the tension-only logistic, the base rate.
    public let scores: [Scores]
    public let reliability: [ReliabilityBin]
    public let calibration: ListCalibration

    /// - Parameter paths: sample paths of the employment forecast (horizon > 0).
    public static func evaluate(model: ShortageModel, panel: Panel, year: Int, horizon: Int, paths: Int = 200) throws -> ShortageEvaluation {
        guard let first = panel.firstYear, let last = panel.lastYear, year > first, year <= last else {
            throw ShortageModelError.badYear("year \(year) must be after the panel's first year and within it (\(panel.firstYear ?? 0)–\(panel.lastYear ?? 0))")
        }
        let listYear = year - horizon
        guard listYear >= first else { throw ShortageModelError.badYear("a \(horizon)-year list for \(year) would be made in \(listYear), before the panel starts") }
        let known = horizon > 0 ? panel.through(year: listYear) : panel
        let cutoff = horizon > 0 ? listYear : year - 1
        let f = try EmploymentOutlook.forecast(known, listYear: listYear, horizon: horizon, paths: paths, seed: model.config.seed)
        let full = try model.list(panel: known, year: listYear, horizon: horizon, forecast: f, labelsThrough: cutoff)
        guard let cal = full.calibration else {
            throw ShortageModelError.badInput("cannot evaluate: \(full.calibrationNote ?? "no calibration") before \(year)")
        }
        let tensionOnly = try model.list(panel: known, year: listYear, horizon: horizon, forecast: f, labelsThrough: cutoff, features: [.tension])

        // Y's labels.
        guard let m = panel.measures.firstIndex(of: PanelSchema.shortageLabel) else {
            throw ShortageModelError.badInput("the panel has no \(PanelSchema.shortageLabel) column")
        }
        var labels: [String: Double] = [:]
        for row in 0..<panel.rowCount where Int(panel.years[row]) == year && panel.values[m][row].isFinite {
            labels["\(panel.regions[Int(panel.regionIndex[row])])/\(panel.occupations[Int(panel.occupationIndex[row])])"] = panel.values[m][row]
        }
        func pairs(_ rows: [ShortageRow]) -> [(p: Double, y: Double)] {
            rows.compactMap { r in
                guard r.region != Regions.total, let y = labels["\(r.region)/\(r.isco)"], let p = r.pShortage else { return nil }
                return (p, y)
            }
        }
        let ours = pairs(full.rows), tension = pairs(tensionOnly.rows)
        guard !ours.isEmpty, Set(ours.map(\.y)).count == 2 else {
            throw ShortageModelError.badInput("\(year) has no labelled cells of both kinds to score")
        }
        let base = Double(cal.positives) / Double(cal.observations)
        let scores = [Self.score("mizan", ours), Self.score("tension logit", tension), Self.score("base rate", ours.map { (base, $0.y) })]
        return ShortageEvaluation(year: year, horizon: horizon, cells: ours.count, baseRate: base, scores: scores,
                                  reliability: BinaryScores.reliability(ours), calibration: cal)
    }

    static func score(_ name: String, _ pairs: [(p: Double, y: Double)]) -> Scores {
        Scores(name: name, brier: BinaryScores.brier(pairs), logLoss: BinaryScores.logLoss(pairs),
               auc: BinaryScores.auc(pairs), precisionAt10: BinaryScores.precision(pairs, top: 0.1))
    }

    /// The evaluation as a plain-text report.
    public var text: String {
        var s = "Shortage list for \(year) (made in \(year - horizon), horizon \(horizon)): \(cells) labelled cells, base rate \(String(format: "%.3f", baseRate))\n"
        s += "fitted on lists \(calibration.years.lowerBound)-\(calibration.years.upperBound) (\(calibration.observations) cells, \(calibration.positives) in shortage)\n\n"
        s += "model            Brier   log loss  AUC    precision@10%\n"
        for r in scores {
            s += r.name.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: " %.4f  %.4f    %.3f  %.3f\n", r.brier, r.logLoss, r.auc, r.precisionAt10)
        }
        s += "\nreliability (Mizan's p)\nbin        cells  mean p  observed\n"
        for b in reliability where b.count > 0 {
            s += String(format: "%.1f–%.1f  %6d  %.3f   %.3f\n", b.low, b.high, b.count, b.meanPredicted, b.observed)
        }
        s += "\ncoefficients (on z-scores; negative = points away from shortage)\n"
        s += String(format: "  intercept         %+.3f\n", calibration.fit.coefficients[0])
        for c in calibration.coefficients {
            s += "  " + c.indicator.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0) + String(format: "%+.3f (se %.3f)\n", c.coefficient, c.standardError)
        }
        if !calibration.regions.isEmpty {
            s += "\nregion levels (log-odds against the national intercept)\n"
            for r in calibration.regionEffects { s += "  " + r.region.padding(toLength: 18, withPad: " ", startingAt: 0) + String(format: "%+.3f\n", r.effect) }
        }
        return s
    }
}
