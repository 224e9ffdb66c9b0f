/// Occupation statistics in long format: one row per year × region × ISCO code, any measures.
///
/// Stored by column (one `[Double]` per measure, NaN for a missing cell) with rows sorted by
/// region, ISCO code and year, so two files holding the same data give equal panels whatever
/// their row order or dialect.
public struct Panel: Sendable, Equatable {
    /// Measure names in file order.
    public let measures: [String]
    /// Distinct region codes, sorted.
    public let regions: [String]
    /// Distinct ISCO codes (any level), sorted.
    public let occupations: [String]
    /// Per row: index into `regions`, index into `occupations`, year.
    public let regionIndex: [Int32]
    public let occupationIndex: [Int32]
    public let years: [Int32]
    /// `values[m][row]` for measure `measures[m]`; NaN means the cell was empty.
    public let values: [[Double]]
    /// Employment by sector when the file had a `sector` key (its rows as written, codes
    /// resolved); the panel's series are then the sums over sectors.
    public var sectorEmployment: [SectorEmployment] = []

    public init(measures: [String], regions: [String], occupations: [String], regionIndex: [Int32],
                occupationIndex: [Int32], years: [Int32], values: [[Double]]) {
        self.measures = measures
        self.regions = regions
        self.occupations = occupations
        self.regionIndex = regionIndex
        self.occupationIndex = occupationIndex
        self.years = years
        self.values = values
    }

    public var rowCount: Int { years.count }

    public func column(_ measure: String) -> [Double]? {
        measures.firstIndex(of: measure).map { values[$0] }
    }

    public var firstYear: Int? { years.min().map(Int.init) }
    public var lastYear: Int? { years.max().map(Int.init) }

    /// ISCO codes that have a descendant code in the panel: aggregates, not bottom cells.
    public var aggregateOccupations: Set<String> {
        let set = Set(occupations)
        var out = Set<String>()
        for code in occupations {
            for k in 1..<max(1, code.count) where set.contains(String(code.prefix(k))) {
                out.insert(String(code.prefix(k)))
            }
        }
        return out
    }

    /// Regions that are sums of others: `TOTAL`, or a code that prefixes others (`MA` ⊃ `MA-01`).
    public var aggregateRegions: Set<String> {
        var out = Set<String>()
        for r in regions {
            if r == Regions.total { out.insert(r); continue }
            if regions.contains(where: { $0 != r && $0.hasPrefix(r + "-") }) { out.insert(r) }
        }
        return out
    }

    /// Whether a row is an aggregate cell (its region or its ISCO code sums others).
    public func isAggregate(row: Int, aggregateRegions: Set<String>, aggregateOccupations: Set<String>) -> Bool {
        aggregateRegions.contains(regions[Int(regionIndex[row])])
            || aggregateOccupations.contains(occupations[Int(occupationIndex[row])])
    }

    /// One region × occupation series of a measure over consecutive years from its first to its
    /// last observed value; gaps inside are NaN. Series with no observed value are omitted.
    public func series(_ measure: String, bottomOnly: Bool = true) -> [PanelSeries] {
        guard let m = measures.firstIndex(of: measure) else { return [] }
        let aggR = aggregateRegions, aggO = aggregateOccupations
        var out: [PanelSeries] = []
        var row = 0
        let v = values[m]
        while row < rowCount {
            var end = row
            while end < rowCount && regionIndex[end] == regionIndex[row] && occupationIndex[end] == occupationIndex[row] {
                end += 1
            }
            if !bottomOnly || !isAggregate(row: row, aggregateRegions: aggR, aggregateOccupations: aggO) {
                var first: Int32?, last: Int32?
                for k in row..<end where !v[k].isNaN {
                    if first == nil { first = years[k] }
                    last = years[k]
                }
                if let f = first, let l = last {
                    var vals = [Double](repeating: .nan, count: Int(l - f) + 1)
                    for k in row..<end where years[k] >= f && years[k] <= l { vals[Int(years[k] - f)] = v[k] }
                    out.append(PanelSeries(region: regions[Int(regionIndex[row])],
                                           isco: occupations[Int(occupationIndex[row])],
                                           firstYear: Int(f), values: vals))
                }
            }
            row = end
        }
        return out
    }
}

/// A yearly series of one measure for one region × occupation.
public struct PanelSeries: Sendable, Equatable {
    public let region: String
    public let isco: String
    public let firstYear: Int
    /// One value per year from `firstYear`; NaN marks a gap.
    public var values: [Double]
    public var lastYear: Int { firstYear + values.count - 1 }
}

extension Panel {
    /// Equal data: missing cells (NaN) compare equal to each other.
    public static func == (a: Panel, b: Panel) -> Bool {
        a.measures == b.measures && a.regions == b.regions && a.occupations == b.occupations
            && a.regionIndex == b.regionIndex && a.occupationIndex == b.occupationIndex && a.years == b.years
            && a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { x, y in
                x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            }
    }
}
