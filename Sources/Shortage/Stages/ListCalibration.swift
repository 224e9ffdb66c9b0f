import Foundation
import LabourData
import LinearAlgebra
import Statistics

/// Stage 5: the probability model learned from past shortage lists.
///
/// Past lists (`in_shortage` = 1 or 0 for a region × occupation in a year, as a ministry or
/// ANAPEC list gives them) say where demand exceeded supply. A penalised logistic regression
/// (`PenalizedLogit`) of each labelled year's labels on what was known `horizon` years earlier —
/// the present indicators then, and, for a horizon, the balance realised over those years —
/// turns the indicators into a calibrated probability for the target year. Coefficients keep
/// their sign: an indicator that, in these data, points away from shortage is reported as such.
public struct ListCalibration: Sendable {
    /// The indicators entering the model, in the order of `fit.coefficients.dropFirst()`.
    public let features: [Indicator]
    /// Regions with a level of their own (a penalised effect each, after the indicators): how
    /// often a region's cells were listed beyond what its indicators say, learned from its lists.
    public let regions: [String]
    public let fit: PenalizedLogit.Fit
    /// Label years used, and the number of labelled cells (all, and in shortage).
    public let years: ClosedRange<Int>
    public let observations: Int
    public let positives: Int

    /// The learned coefficient of each indicator (on z-scores), with its standard error.
    public var coefficients: [(indicator: Indicator, coefficient: Double, standardError: Double)] {
        let se = fit.standardErrors
        return features.indices.map { (features[$0], fit.coefficients[$0 + 1], se[$0 + 1]) }
    }

    /// The model's inputs for one cell: its indicators' z-scores (0, the median, where missing),
    /// then its region's indicator column (none for national cells and unseen regions).
    func design(_ z: [Indicator: Double], region: String) -> [Double] {
        Self.design(z, region: region, features: features, regions: regions)
    }

    static func design(_ z: [Indicator: Double], region: String, features: [Indicator], regions: [String]) -> [Double] {
        var x = features.map { z[$0] ?? 0 }
        x += regions.map { $0 == region ? 1 : 0 }
        return x
    }

    /// The learned level of each region (log-odds, relative to the national intercept).
    public var regionEffects: [(region: String, effect: Double)] {
        regions.indices.map { (regions[$0], fit.coefficients[1 + features.count + $0]) }
    }

    /// Fewest labelled cells, and of each kind, for a fit.
    static let minimumObservations = 30, minimumPerClass = 5

    /// Fits on the labels of years up to `cutoff`, or says why it cannot.
    static func fit(cells: [CellData], cutoff: Int, horizon: Int, firstYear: Int, lastYear: Int,
                    standardisation: Standardisation, balance: ForwardBalance, features: [Indicator],
                    regionEffects: Bool, penalty: Double) throws -> Result<ListCalibration, Unavailable> {
        let label = PanelSchema.shortageLabel
        var xs: [[Double]] = [], ys: [Double] = [], used: [Int] = []
        let regions = regionEffects ? Array(Set(cells.filter { c in !c.isNational && c.series[label]?.contains(where: \.isFinite) == true }.map(\.region))).sorted() : []
        for year in firstYear...min(cutoff, lastYear) {
            let k = year - firstYear - horizon
            guard k >= 0, cells.contains(where: { $0.at(label, year - firstYear) != nil }) else { continue }
            let coverage = RegistryCoverage.estimate(cells, at: k)
            let signals = Standardisation.signals(Standardisation.presentValues(cells, at: k, coverage: coverage), cells)
            let realised = features.contains(.imbalance)
                ? balance.compute(cells, at: k, horizon: horizon, firstYear: firstYear, lastYear: lastYear, forecast: nil, withDraws: false)
                : []
            var any = false
            for (c, cell) in cells.enumerated() where !cell.isNational {
                guard let y = cell.at(label, year - firstYear) else { continue }
                var z = standardisation.z(signals[c])
                if !realised.isEmpty, let b = realised[c], let v = standardisation.z(.imbalance, b.imbalance) { z[.imbalance] = v }
                xs.append(design(z, region: cell.region, features: features, regions: regions))
                ys.append(y)
                any = true
            }
            if any { used.append(year) }
        }
        let positives = ys.reduce(0, +)
        guard xs.count >= minimumObservations, positives >= Double(minimumPerClass), Double(ys.count) - positives >= Double(minimumPerClass),
              let first = used.first, let last = used.last else {
            return .failure(Unavailable(labelled: xs.count, positives: Int(positives)))
        }
        let fit = try PenalizedLogit.fit(Matrix(xs), ys, lambda: penalty)
        return .success(ListCalibration(features: features, regions: regions, fit: fit, years: first...last, observations: xs.count, positives: Int(positives)))
    }

    /// Why no calibration: too few labelled cells.
    struct Unavailable: Error {
        let labelled: Int
        let positives: Int
    }
}
