import Foundation
import LabourData
import LinearAlgebra

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

    /// One bin of the reliability table: predictions in [low, high).
    public struct ReliabilityBin: Sendable {
        public let low: Double, high: Double
        public let count: Int
        public let meanPredicted: Double
        public let observed: Double
    }

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
                                  reliability: Self.reliabilityTable(ours), calibration: cal)
    }

    static func score(_ name: String, _ pairs: [(p: Double, y: Double)]) -> Scores {
        let n = Double(pairs.count)
        let brier = pairs.reduce(0) { $0 + ($1.p - $1.y) * ($1.p - $1.y) } / n
        let logLoss = -pairs.reduce(0) { acc, e in
            let p = min(max(e.p, 1e-15), 1 - 1e-15)
            return acc + (e.y == 1 ? log(p) : log(1 - p))
        } / n
        return Scores(name: name, brier: brier, logLoss: logLoss, auc: auc(pairs), precisionAt10: precision(pairs, top: 0.1))
    }

    /// Area under the ROC curve (Mann–Whitney, ties counted half).
    public static func auc(_ pairs: [(p: Double, y: Double)]) -> Double {
        let sorted = pairs.sorted { $0.p < $1.p }
        var rankSum = 0.0, i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1].p == sorted[i].p { j += 1 }
            let midRank = Double(i + j) / 2 + 1
            for k in i...j where sorted[k].y == 1 { rankSum += midRank }
            i = j + 1
        }
        let pos = Double(pairs.filter { $0.y == 1 }.count), neg = Double(pairs.count) - pos
        guard pos > 0, neg > 0 else { return .nan }
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg)
    }

    /// Share labelled 1 among the top `top` share of cells by p (ties broken by order).
    public static func precision(_ pairs: [(p: Double, y: Double)], top: Double) -> Double {
        let k = max(1, Int((top * Double(pairs.count)).rounded()))
        let best = pairs.enumerated().sorted { $0.element.p > $1.element.p || ($0.element.p == $1.element.p && $0.offset < $1.offset) }.prefix(k)
        return best.reduce(0) { $0 + $1.element.y } / Double(k)
    }

    /// Ten bins of width 0.1.
    public static func reliabilityTable(_ pairs: [(p: Double, y: Double)]) -> [ReliabilityBin] {
        (0..<10).map { b in
            let lo = Double(b) / 10, hi = Double(b + 1) / 10
            let inBin = pairs.filter { $0.p >= lo && ($0.p < hi || (b == 9 && $0.p <= 1)) }
            let n = Double(inBin.count)
            return ReliabilityBin(low: lo, high: hi, count: inBin.count,
                                  meanPredicted: n > 0 ? inBin.reduce(0) { $0 + $1.p } / n : .nan,
                                  observed: n > 0 ? inBin.reduce(0) { $0 + $1.y } / n : .nan)
        }
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
