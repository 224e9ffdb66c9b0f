import Foundation

/// The least uncertainty a short history can justify.
///
/// Three points on a straight line give a drift (or an ETS) with zero residuals, σ_h = 0 and a
/// zero-width interval: certainty no three years can support. Calibration multiplies σ_h and
/// cannot repair a σ_h of 0, and with few residuals σ_h is itself a poor estimate. So below
/// `ShortHistoryFloor.lengths` points σ_h is at least `relative[n − 1][h − 1] · scale`, the scale
/// being the series' last absolute value (its level; the mean absolute value when the last is 0).
///
/// The floors come from what happened after short prefixes of real yearly series: the n years
/// before each series' last `horizon`, forecast as the pipeline forecasts them, scored on the
/// years that followed. Per history length and step, the floor is the smallest value with which
/// the calibrated interval at `level` — mean ± multiplier · max(σ_h, floor · scale) — holds that
/// level of the outcomes (split-conformal: the ⌈(m + 1)p⌉-th of m). Floors never shrink as the
/// history shortens, and never fall below `minimumShare` of the floor one point shorter would
/// have needed on its own. The table is fitted on the M3 yearly sums and shipped
/// (`ShortHistoryFloor+Table.swift`); the coverage it gives is measured on one half after
/// fitting on the other (`ShortHistoryFloorTests`).
public struct ShortHistoryFloor: Sendable, Hashable {
    /// `relative[n − 1][h − 1]`: the σ floor at step h of an n-point history, per unit of level.
    public let relative: [[Double]]

    public init(relative: [[Double]]) {
        precondition(!relative.isEmpty && relative.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0 && $0.isFinite } })
        self.relative = relative
    }

    /// The floors fitted on the M3 yearly sums (`ShortHistoryFloor+Table.swift`).
    public static let shipped = ShortHistoryFloor(relative: shippedShortHistoryFloor)

    /// Histories of this many points or more have no floor: their own residuals speak.
    public var lengths: Int { relative.count + 1 }

    /// The series' level: its last absolute value, or its mean absolute value when the last is 0.
    static func scale(_ history: [Double]) -> Double {
        guard let last = history.last else { return 0 }
        if last != 0 { return abs(last) }
        return history.reduce(0) { $0 + abs($1) } / Double(history.count)
    }

    /// The σ floor at steps 1…steps of a series whose fitted history (gaps filled) is `history`,
    /// in the series' units; nil when the history is long enough, or all zero. Steps beyond the
    /// table use its last column.
    public func sd(history: [Double], steps: Int) -> [Double]? {
        guard !history.isEmpty, history.count < lengths, steps > 0 else { return nil }
        let s = Self.scale(history)
        guard s > 0, s.isFinite else { return nil }
        let row = relative[history.count - 1]
        return (0..<steps).map { row[min($0, row.count - 1)] * s }
    }

    /// The model's variance with the floor applied: max(σ_h², floor_h²) per step.
    public static func floored(_ variance: [Double], by floor: [Double]?) -> [Double] {
        guard let floor else { return variance }
        return variance.indices.map { k in
            let f = k < floor.count ? floor[k] : floor.last ?? 0
            return variance[k].isFinite ? max(variance[k], f * f) : variance[k]
        }
    }

    /// Each floor is at least this share of the floor one point shorter: the floor keeps growing
    /// as the history shortens even where a length's own residuals happened to cover.
    public static let minimumShare = 0.5

    /// Fits the floors on real series: for each history length n < `lengths` and step h ≤
    /// `horizon`, the n values before each series' last `horizon` are forecast with `model`
    /// (through `SeriesForecaster`, as the panel does) and judged on the values that follow.
    public static func fit(_ series: [[Double]], lengths: Int, horizon H: Int, model choice: ModelChoice = .auto,
                           level: Double = 80) -> ShortHistoryFloor {
        let p = level / 100
        // windows[n − 1]: per series, per step, (needed floor, covered without a floor).
        let perSeries: [[[(need: Double, covered: Bool)]]] = PanelForecaster.parallelChunks(series.count) { i in
            let y = series[i]
            let cut = y.count - H
            return (1..<lengths).map { n -> [(need: Double, covered: Bool)] in
                guard cut - n >= 0 else { return [] }
                let history = Array(y[(cut - n)..<cut])
                let (model, flags) = SeriesForecaster.fit(history, model: choice)
                let table = IntervalCalibration.shipped(for: choice, fitted: model, flags: flags)
                let mean = model.mean(H), sd = model.approximateVariance(H).map { $0.squareRoot() }
                let s = scale(history)
                guard s > 0, s.isFinite else { return [] }
                return (0..<H).map { k in
                    let m = table?.multiplier(level: level, step: k + 1) ?? NormalDistribution.z(level: level)
                    let e = abs(y[cut + k] - mean[k])
                    return (e / (m * s), sd[k].isFinite && e <= m * sd[k])
                }
            }
        }
        var relative = [[Double]](repeating: [Double](repeating: 0, count: H), count: lengths - 1)
        for n in 1..<lengths {
            for k in 0..<H {
                let cases = perSeries.compactMap { $0[n - 1].isEmpty ? nil : $0[n - 1][k] }
                guard !cases.isEmpty else { continue }
                let m = cases.count
                let wanted = min(m, Int((Double(m + 1) * p).rounded(.up)))
                let alreadyCovered = cases.filter(\.covered).count
                let needs = cases.filter { !$0.covered }.map(\.need).sorted()
                let more = wanted - alreadyCovered
                relative[n - 1][k] = more <= 0 ? 0 : needs[min(needs.count, more) - 1]
            }
        }
        // Never shrinking as the history shortens, and never vanishing before `lengths`.
        for n in stride(from: lengths - 2, through: 1, by: -1) {
            for k in 0..<H { relative[n - 1][k] = max(relative[n - 1][k], relative[n][k]) }
        }
        for n in 2..<lengths {
            for k in 0..<H { relative[n - 1][k] = max(relative[n - 1][k], minimumShare * relative[n - 2][k]) }
        }
        return ShortHistoryFloor(relative: relative)
    }
}
