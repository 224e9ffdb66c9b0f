import Forecasting
import Foundation
import LabourData

/// Shift-share of the baseline: each occupation's employment change from the panel's last year
/// to the target year split into the **sector effect** (its jobs in each sector growing as that
/// sector grows) and the **mix effect** (the rest: the occupation gaining or losing ground within
/// its sectors) — the decomposition Cedefop and BLS publish beside their projections.
///
///     sector effect(o) = Σ_s E_o(0) · w_os · (E_s(T) / E_s(0) − 1)
///     mix effect(o)    = E_o(T) − E_o(0) − sector effect(o)
///     E_s(t)           = Σ_o E_o(t) · w_os
///
/// with w_os the staffing matrix's share of occupation o's employment in sector s (held at its
/// base year). Within a region the sector effects add up to the region's change and the mix
/// effects to zero. Occupations the staffing matrix does not cover get no split.
public enum ShiftShare {
    public struct Row: Sendable {
        public let region: String, isco: String
        public let now: Double, target: Double
        public let sectorEffect: Double?, mixEffect: Double?
        public var change: Double { target - now }
    }

    /// Rows for every region and the country (`TOTAL`), unit groups of the forecast.
    public static func compute(panel: Panel, forecast f: PanelForecast, staffing: StaffingMatrix) -> [Row] {
        guard let last = panel.lastYear, let k = f.years.indices.last else { return [] }
        let h = f.hierarchy, n = f.seriesCount
        var now: [String: Double] = [:]
        for s in panel.series(f.measure) { if let v = s.values.last, s.lastYear == last, v.isFinite { now["\(s.region)/\(s.isco)"] = v } }
        var rows: [Row] = []
        let regions = h.a.leaves + [Regions.total]
        for region in regions {
            let members = region == Regions.total ? h.a.leaves : [region]
            // Occupations' employment now and at the target, and their sector shares.
            var e0: [Double] = [], eT: [Double] = [], w: [[Double]] = []
            for (lb, isco) in h.b.leaves.enumerated() {
                var a = 0.0, b = 0.0
                var bySector = [Double](repeating: 0, count: staffing.sectors.count)
                for r in members {
                    guard let la = h.a.leaves.firstIndex(of: r) else { continue }
                    let x0 = now["\(r)/\(isco)"] ?? 0
                    a += x0
                    b += max(0, f.mean[k * n + h.seriesOfBottom(la, lb)])
                    for (j, s) in staffing.sectors.enumerated() { bySector[j] += x0 * staffing.sectorShare(region: r, isco: isco, sector: s) }
                }
                e0.append(a); eT.append(b)
                w.append(a > 0 ? bySector.map { $0 / a } : bySector)
            }
            // Sectors are made of the occupations the matrix covers wholly (nationally, an occupation
            // covered in some regions only is left out of both sides, so the effects still add up).
            let covered = w.map { $0.reduce(0, +) > 0.999 }
            var s0 = [Double](repeating: 0, count: staffing.sectors.count), sT = s0
            for o in e0.indices where covered[o] { for j in s0.indices { s0[j] += e0[o] * w[o][j]; sT[j] += eT[o] * w[o][j] } }
            for (o, isco) in h.b.leaves.enumerated() {
                let covered = covered[o]
                var sector = 0.0
                for j in s0.indices where s0[j] > 0 { sector += e0[o] * w[o][j] * (sT[j] / s0[j] - 1) }
                rows.append(Row(region: region, isco: isco, now: e0[o], target: eT[o],
                                sectorEffect: covered ? sector : nil, mixEffect: covered ? eT[o] - e0[o] - sector : nil))
            }
        }
        return rows
    }

    /// `region,isco,employment_now,employment_target,change,sector_effect,mix_effect`.
    public static func csv(_ rows: [Row]) -> [UInt8] {
        var w = CSVWriter(decimals: 1, reserve: 1 << 18)
        w.row(["region", "isco", "employment_now", "employment_target", "change", "sector_effect", "mix_effect"])
        for r in rows {
            w.text(r.region); w.comma(); w.text(r.isco); w.comma(); w.number(r.now); w.comma(); w.number(r.target); w.comma()
            w.number(r.change); w.comma()
            if let s = r.sectorEffect { w.number(s) }
            w.comma()
            if let m = r.mixEffect { w.number(m) }
            w.newline()
        }
        return w.bytes
    }
}
