import Forecasting
import Foundation
import LabourData
import Shortage

/// What shocks do, in the two places they enter the chain: a level change of the bottom
/// series of the reconciled forecast (employment: sector and occupation jobs, sector growth)
/// and adjustments of the forward balance (arrivals into new supply, exit-rate multipliers).
public struct ScenarioEffects: Sendable {
    /// Added to bottom b in forecast year k at `[k · bottomCount + b]`.
    public var employment: [Double]
    public var adjustments: ForwardAdjustments
    /// What could not be applied as asked (a loss larger than a cell's employment).
    public var notes: [String] = []

    /// The effects of `shocks` (all of a scenario, or one alone for the drivers table) on the
    /// baseline forecast. Arrivals and graduates count when they arrive by the list's target
    /// year (the forecast's last year).
    public init(_ shocks: [ScenarioShock], baseline f: PanelForecast, staffing: StaffingMatrix?) {
        let h = f.hierarchy, m = h.bottomCount, H = f.years.count, n = f.seriesCount
        employment = [Double](repeating: 0, count: m * H)
        adjustments = ForwardAdjustments(baseline: f)
        let regionIndex = Dictionary(uniqueKeysWithValues: h.a.leaves.enumerated().map { ($1, $0) })
        let occupationIndex = Dictionary(uniqueKeysWithValues: h.b.leaves.enumerated().map { ($1, $0) })
        func baseline(_ la: Int, _ lb: Int, _ k: Int) -> Double { max(0, f.mean[k * n + h.seriesOfBottom(la, lb)]) }
        let regions = { (r: String?) in r.map { [$0] } ?? h.a.leaves }

        /// How an amount in `region` (nil: every region) divides over bottom cells in year index k.
        func spread(_ shock: ScenarioShock, region: String?, k: Int) -> [(la: Int, lb: Int, share: Double)] {
            let year = f.years[k]
            if let sector = shock.sector, let staffing {
                // By the staffing matrix: over regions by the sector's employment, then over unit groups.
                let byRegion = region.map { [($0, 1.0)] } ?? staffing.regionalSplit(sector: sector)
                return byRegion.flatMap { r, rs -> [(la: Int, lb: Int, share: Double)] in
                    guard let la = regionIndex[r], let column = staffing.staffing(region: r, sector: sector, year: year) else { return [] }
                    return column.compactMap { c in occupationIndex[c.isco].map { (la, $0, rs * c.share) } }
                }
            }
            // By ISCO codes (shares given or by employment), or over every unit group by employment.
            let codes = shock.isco.isEmpty ? [""] : shock.isco
            let codeShares = shock.shares ?? []
            var employmentOfCode: [Double] = []
            var members: [[(la: Int, lb: Int, e: Double)]] = []
            for code in codes {
                var list: [(la: Int, lb: Int, e: Double)] = []
                for r in regions(region) {
                    guard let la = regionIndex[r] else { continue }
                    for (lb, isco) in h.b.leaves.enumerated() where isco.hasPrefix(code) { list.append((la, lb, baseline(la, lb, k))) }
                }
                members.append(list)
                employmentOfCode.append(list.reduce(0) { $0 + $1.e })
            }
            let all = employmentOfCode.reduce(0, +)
            var out: [(la: Int, lb: Int, share: Double)] = []
            for (c, list) in members.enumerated() {
                let codeShare = codeShares.isEmpty ? (all > 0 ? employmentOfCode[c] / all : 1 / Double(codes.count)) : codeShares[c]
                let within = employmentOfCode[c]
                for x in list { out.append((x.la, x.lb, codeShare * (within > 0 ? x.e / within : 1 / Double(list.count)))) }
            }
            return out
        }

        for shock in shocks {
            switch shock.kind {
            case .sectorJobs, .occupationJobs:
                // A level change from each year on: the year's cells take it, and every later year keeps it.
                for (year, jobs) in shock.amounts.sorted(by: { $0.key < $1.key }) {
                    guard let k0 = f.years.firstIndex(of: year) else { continue }
                    let cells = spread(shock, region: shock.region, k: k0)
                    for k in k0..<H { for c in cells { employment[k * m + h.bottom(c.la, c.lb)] += jobs * c.share } }
                }
            case .sectorGrowth:
                guard let sector = shock.sector, let staffing else { continue }
                let from = shock.from ?? f.years[0]
                for (k, year) in f.years.enumerated() where year >= from {
                    let factor = pow(1 + shock.percent / 100, Double(year - from + 1)) - 1
                    for r in regions(shock.region) {
                        guard let la = regionIndex[r] else { continue }
                        for (lb, isco) in h.b.leaves.enumerated() {
                            let w = staffing.sectorShare(region: r, isco: isco, sector: sector)
                            if w > 0 { employment[k * m + h.bottom(la, lb)] += baseline(la, lb, k) * w * factor }
                        }
                    }
                }
            case .returnees, .immigrants, .trainingPlaces:
                let total = shock.amounts.values.reduce(0, +)
                guard total > 0 else { continue }
                // Who arrives is spread as the first year of arrivals' employment (or staffing) is.
                let k0 = f.years.firstIndex(of: shock.amounts.keys.min()!) ?? 0
                let path: WritableKeyPath<ForwardAdjustments, [String: Double]> =
                    shock.kind == .returnees ? \.returnees : shock.kind == .immigrants ? \.immigrants : \.graduates
                for c in spread(shock, region: shock.region, k: k0) where c.share > 0 {
                    adjustments[keyPath: path]["\(h.a.leaves[c.la])/\(h.b.leaves[c.lb])", default: 0] += total * c.share
                }
            case .demography:
                for (cause, x) in shock.exitMultiplier { adjustments.exitMultiplier[cause] = (adjustments.exitMultiplier[cause] ?? 1) * x }
            }
        }
    }
}
