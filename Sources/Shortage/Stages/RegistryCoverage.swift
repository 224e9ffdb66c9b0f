import Foundation
import LabourData
import MizanSupport

/// Stage 2: how much of its labour market each region's registry (ANAPEC, ANETI) sees, relative
/// to the national level.
///
/// Registries cover regions unevenly, and a region whose agency registers more people shows more
/// job seekers *and* more vacancies for the same market. Tightness moves the two the other way:
/// along a Beveridge curve, vacancies rise as job seekers fall and their product stays about the
/// same. So the geometric mean of the vacancy and job-seeker rates, √(v·j)/E, measures coverage
/// with tightness cancelled. Per cell it is compared with the same occupation's national median
/// (occupational mix cancels), and the region's coverage is the median ratio over its cells.
enum RegistryCoverage {
    /// Coverage by region (national cells: 1), at year index `k`.
    static func estimate(_ cells: [CellData], at k: Int) -> [String: Double] {
        var logLevel = [Double?](repeating: nil, count: cells.count)
        for (c, cell) in cells.enumerated() where !cell.isNational {
            guard let v = cell.at("vacancies", k), let j = cell.at("jobseekers", k), let e = cell.at("employment", k),
                  v > 0, j > 0, e > 0 else { continue }
            logLevel[c] = 0.5 * (log(v) + log(j)) - log(e)
        }
        var byOccupation: [String: [Double]] = [:]
        for (c, cell) in cells.enumerated() { if let l = logLevel[c] { byOccupation[cell.isco, default: []].append(l) } }
        let occupationMedian = byOccupation.mapValues { Quantile.median($0) }
        var byRegion: [String: [Double]] = [:]
        for (c, cell) in cells.enumerated() {
            guard let l = logLevel[c], (byOccupation[cell.isco]?.count ?? 0) > 1 else { continue }
            byRegion[cell.region, default: []].append(l - occupationMedian[cell.isco]!)
        }
        var coverage: [String: Double] = [:]
        for cell in cells where coverage[cell.region] == nil {
            coverage[cell.region] = byRegion[cell.region].map { exp(Quantile.median($0)) } ?? 1
        }
        return coverage
    }
}
