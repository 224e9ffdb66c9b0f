import Foundation
import LabourData

/// Employment by region × sector × occupation: the staffing matrix of Cedefop's and BLS's
/// projections, read from a table `year,region,sector,isco,employment` (one or more years).
///
/// Two readings of the same numbers:
/// - **staffing** `share(region, sector)`: how a sector's jobs in a region divide over ISCO unit
///   groups (a column of the matrix, summing to 1) — how added jobs become occupations;
/// - **sector share** of an occupation: the part of its employment that works in the sector —
///   how a sector's growth reaches an occupation.
///
/// With several years, each share moves with its own trend: the least-squares slope of the log
/// share over the years present, carried forward from the last year and renormalised (the
/// within-sector mix drifts as it did). With one year the shares are held (no trend measured).
public struct StaffingMatrix: Sendable {
    /// Sector codes as the file writes them (ISIC Rev.4 sections "A"…"U", or broad sectors).
    public let sectors: [String]
    public let regions: [String]
    /// Last year of the table: the shares' base year.
    public let baseYear: Int
    public let years: [Int]
    /// Employment in the base year by "region|sector" → isco → persons.
    let cells: [String: [String: Double]]
    /// Yearly log-share trend by "region|sector" → isco (0 with one year).
    let trend: [String: [String: Double]]
    public let file: String
    /// Where each sector and region code first appears (for messages about them).
    let firstLine: [String: Int]

    /// How `jobs` added to `sector` in `region` divide over unit groups in `year`: shares summing to 1.
    /// Nil when the table has no employment in that sector and region.
    public func staffing(region: String, sector: String, year: Int) -> [(isco: String, share: Double)]? {
        guard let column = cells["\(region)|\(sector)"] else { return nil }
        let drift = trend["\(region)|\(sector)"] ?? [:]
        let t = Double(year - baseYear)
        var weights = column.map { (isco: $0.key, share: $0.value * exp((drift[$0.key] ?? 0) * t)) }
        let sum = weights.reduce(0) { $0 + $1.share }
        guard sum > 0 else { return nil }
        weights = weights.map { ($0.isco, $0.share / sum) }.filter { $0.share > 0 }
        return weights.sorted { $0.isco < $1.isco }
    }

    /// The sector's employment in the base year by region (for a national shock: how it divides over regions).
    public func regionalSplit(sector: String) -> [(region: String, share: Double)] {
        let byRegion = regions.map { r in (r, (cells["\(r)|\(sector)"] ?? [:]).values.reduce(0, +)) }
        let total = byRegion.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return [] }
        return byRegion.filter { $0.1 > 0 }.map { ($0.0, $0.1 / total) }
    }

    /// Share of the occupation's base-year employment in `region` that works in `sector`.
    public func sectorShare(region: String, isco: String, sector: String) -> Double {
        let inSector = cells["\(region)|\(sector)"]?[isco] ?? 0
        let all = sectors.reduce(0.0) { $0 + (cells["\(region)|\($1)"]?[isco] ?? 0) }
        return all > 0 ? inSector / all : 0
    }

    /// Sector employment in the base year (a region's, or the country's with region nil).
    public func employment(sector: String, region: String? = nil) -> Double {
        (region.map { [$0] } ?? regions).reduce(0) { $0 + (cells["\($1)|\(sector)"] ?? [:]).values.reduce(0, +) }
    }

    /// Reads and checks the table: numbers ≥ 0, one row per year × region × sector × isco.
    public static func read(contentsOf url: URL) throws(InputError) -> StaffingMatrix {
        let t = try TextTable.read(contentsOf: url, required: ["year", "region", "sector", "isco", "employment"])
        var problems: [Diagnostic] = []
        var byYear: [Int: [String: [String: Double]]] = [:]
        var firstLine: [String: Int] = [:]
        var seen = Set<String>()
        let (iy, ir, isec, ii, ie) = (t.index("year"), t.index("region"), t.index("sector"), t.index("isco"), t.index("employment"))
        func column(_ row: [String], _ c: Int) -> Int { row[..<c].reduce(1) { $0 + $1.count + 1 } }
        for (n, row) in t.rows.enumerated() {
            let line = t.lines[n]
            func problem(_ c: Int, _ message: String) { problems.append(Diagnostic(file: url.path, line: line, column: column(row, c), message: message)) }
            guard let year = Int(row[iy]), (1900...2200).contains(year) else { problem(iy, "year '\(row[iy])' is not a year"); continue }
            let region = row[ir], sector = row[isec], isco = row[ii]
            if region.isEmpty { problem(ir, "region is empty"); continue }
            if sector.isEmpty { problem(isec, "sector is empty"); continue }
            guard isco.count >= 1, isco.allSatisfy(\.isNumber) else { problem(ii, "isco '\(isco)' is not an ISCO-08 code"); continue }
            guard let e = DecimalParser.parse(row[ie]), e.isFinite, e >= 0 else {
                problem(ie, "employment '\(row[ie])' is not a number of persons (0 or more)"); continue
            }
            let key = "\(year)|\(region)|\(sector)|\(isco)"
            guard seen.insert(key).inserted else { problem(0, "\(year) \(region) \(sector) \(isco) is given twice"); continue }
            byYear[year, default: [:]]["\(region)|\(sector)", default: [:]][isco] = e
            if firstLine["sector \(sector)"] == nil { firstLine["sector \(sector)"] = line }
            if firstLine["region \(region)"] == nil { firstLine["region \(region)"] = line }
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems) }
        guard let matrix = StaffingMatrix(byYear: byYear, file: url.path, firstLine: firstLine) else {
            throw InputError(Diagnostic(file: url.path, line: 1, column: 1, message: "the staffing table has no rows"))
        }
        return matrix
    }

    /// The staffing matrix of a panel with a `sector` key (nil without one): its employment by
    /// sector, every year of it (so each share gets its trend).
    public init?(panel: Panel, file: String) {
        var byYear: [Int: [String: [String: Double]]] = [:]
        for r in panel.sectorEmployment { byYear[r.year, default: [:]]["\(r.region)|\(r.sector)", default: [:]][r.isco, default: 0] += r.employment }
        self.init(byYear: byYear, file: file, firstLine: [:])
    }

    init?(byYear: [Int: [String: [String: Double]]], file: String, firstLine: [String: Int]) {
        guard let base = byYear.keys.max() else { return nil }
        let years = byYear.keys.sorted()
        let cells = byYear[base]!
        var trend: [String: [String: Double]] = [:]
        if years.count >= 2 {
            // Least-squares slope of the log share within each region × sector, per unit group,
            // over the years where it is positive.
            for (column, now) in cells {
                for isco in now.keys {
                    var points: [(Double, Double)] = []
                    for y in years {
                        guard let col = byYear[y]?[column], let v = col[isco], v > 0 else { continue }
                        let total = col.values.reduce(0, +)
                        points.append((Double(y), log(v / total)))
                    }
                    guard points.count >= 2 else { continue }
                    let mx = points.reduce(0) { $0 + $1.0 } / Double(points.count), my = points.reduce(0) { $0 + $1.1 } / Double(points.count)
                    let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
                    let sxy = points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
                    if sxx > 0 { trend[column, default: [:]][isco] = sxy / sxx }
                }
            }
        }
        self.sectors = Set(cells.keys.map { String($0.split(separator: "|")[1]) }).sorted()
        self.regions = Set(cells.keys.map { String($0.split(separator: "|")[0]) }).sorted()
        (self.baseYear, self.years, self.cells, self.trend, self.file, self.firstLine) = (base, years, cells, trend, file, firstLine)
    }
}
