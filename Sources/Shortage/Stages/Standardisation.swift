import Foundation
import LabourData
import MizanSupport

/// Stage 4: indicator values → signals → z-scores on one scale for every cell.
///
/// The scale is pooled over all regional cells (median and 1.4826 × MAD of the list year), not
/// set region by region: a tight region keeps its higher tension, so it shows more shortage cells
/// than a slack one, and the score sorts nationally as well as within a region. Nothing is
/// clamped: the signals are on log or growth scales, where the tails are already tame, and a
/// clamp would tie the top of the list, where a shortage list matters. Registry coverage is
/// handled where it enters (`RegistryCoverage`, `JobseekerRate`).
struct Standardisation {
    var center: [Indicator: Double] = [:]
    var scale: [Indicator: Double] = [:]

    /// Present indicator values of every cell in year index `k`.
    static func presentValues(_ cells: [CellData], at k: Int, coverage: [String: Double]) -> [[Indicator: Double]] {
        cells.map { cell in
            var v: [Indicator: Double] = [:]
            for ind in Indicator.present {
                if let x = ind.formula.value(cell, at: k, coverage: coverage[cell.region] ?? 1), x.isFinite { v[ind] = x }
            }
            return v
        }
    }

    /// Signals (higher = more shortage); indicators read against the region's median occupation
    /// have that median (of the same year) taken off.
    static func signals(_ values: [[Indicator: Double]], _ cells: [CellData]) -> [[Indicator: Double]] {
        var out = values.map { $0.reduce(into: [Indicator: Double]()) { $0[$1.key] = $1.key.formula.signal($1.value) } }
        for ind in Indicator.allCases where ind.formula.relativeToRegion {
            var byRegion: [String: [Double]] = [:]
            for (c, cell) in cells.enumerated() { if let s = out[c][ind] { byRegion[cell.region, default: []].append(s) } }
            let medians = byRegion.mapValues(Quantile.median)
            for (c, cell) in cells.enumerated() { if let s = out[c][ind] { out[c][ind] = s - medians[cell.region]! } }
        }
        return out
    }

    /// The pooled scale of the regional cells' signals.
    init(signals: [[Indicator: Double]], cells: [CellData]) {
        for ind in Indicator.allCases {
            let xs = cells.indices.compactMap { cells[$0].isNational ? nil : signals[$0][ind] }
            guard xs.count >= 2 else { continue }
            let m = Quantile.median(xs)
            var s = 1.4826 * Quantile.median(xs.map { abs($0 - m) })
            if !(s > 0) {
                // More than half the values equal: the standard deviation instead.
                let mean = xs.reduce(0, +) / Double(xs.count)
                s = (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count - 1)).squareRoot()
            }
            if s > 0 { center[ind] = m; scale[ind] = s }
        }
    }

    func z(_ ind: Indicator, _ signal: Double) -> Double? {
        guard let c = center[ind], let s = scale[ind] else { return nil }
        return (signal - c) / s
    }

    func z(_ signals: [Indicator: Double]) -> [Indicator: Double] {
        signals.reduce(into: [Indicator: Double]()) { out, kv in if let v = z(kv.key, kv.value) { out[kv.key] = v } }
    }
}
