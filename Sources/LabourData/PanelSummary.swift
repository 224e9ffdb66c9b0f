/// What a panel holds, for `mizan validate` and logs.
public struct PanelSummary: Sendable, Equatable {
    public var rows: Int
    public var regions: Int
    public var aggregateRegions: Int
    /// Distinct ISCO codes at levels 1–4.
    public var occupationsByLevel: [Int]
    public var aggregateOccupations: Int
    public var firstYear: Int
    public var lastYear: Int
    /// Series (region × occupation) and how many are complete from the first to the last year.
    public var series: Int
    public var balancedSeries: Int
    /// Share of empty cells per measure, in file order.
    public var missingShare: [(measure: String, share: Double)]
    /// The sectors of a panel with a `sector` key, as the file names them (empty otherwise).
    public var sectors: [String] = []

    public static func == (a: PanelSummary, b: PanelSummary) -> Bool {
        a.rows == b.rows && a.regions == b.regions && a.occupationsByLevel == b.occupationsByLevel
            && a.firstYear == b.firstYear && a.lastYear == b.lastYear && a.series == b.series
            && a.missingShare.map(\.measure) == b.missingShare.map(\.measure)
            && a.missingShare.map(\.share) == b.missingShare.map(\.share)
    }

    public init(_ panel: Panel) {
        sectors = Set(panel.sectorEmployment.map(\.sector)).sorted()
        rows = panel.rowCount
        regions = panel.regions.count
        aggregateRegions = panel.aggregateRegions.count
        var levels = [0, 0, 0, 0]
        for c in panel.occupations { levels[c.count - 1] += 1 }
        occupationsByLevel = levels
        aggregateOccupations = panel.aggregateOccupations.count
        firstYear = panel.firstYear ?? 0
        lastYear = panel.lastYear ?? 0
        var s = 0, balanced = 0
        var row = 0
        let span = lastYear - firstYear + 1
        while row < panel.rowCount {
            var end = row
            while end < panel.rowCount && panel.regionIndex[end] == panel.regionIndex[row]
                && panel.occupationIndex[end] == panel.occupationIndex[row] { end += 1 }
            s += 1
            if end - row == span { balanced += 1 }
            row = end
        }
        series = s
        balancedSeries = balanced
        missingShare = panel.measures.enumerated().map { m, name in
            let col = panel.values[m]
            let missing = col.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
            return (name, col.isEmpty ? 0 : Double(missing) / Double(col.count))
        }
    }

    /// A few lines for a terminal.
    public var text: String {
        var lines: [String] = []
        lines.append("rows         \(rows)")
        lines.append("regions      \(regions)" + (aggregateRegions > 0 ? " (\(aggregateRegions) aggregate)" : ""))
        lines.append("occupations  \(occupationsByLevel.reduce(0, +)) ISCO codes: \(occupationsByLevel[0]) major, \(occupationsByLevel[1]) sub-major, \(occupationsByLevel[2]) minor, \(occupationsByLevel[3]) unit groups"
                     + (aggregateOccupations > 0 ? " (\(aggregateOccupations) are aggregates of others)" : ""))
        lines.append("years        \(firstYear)–\(lastYear)")
        lines.append("series       \(series) region × occupation, \(balancedSeries) complete over all years")
        if !sectors.isEmpty {
            lines.append("sectors      \(sectors.count) (\(sectors.joined(separator: ", "))): rows summed over sectors; employment by sector kept for the staffing matrix")
        }
        lines.append("missing      " + missingShare.map { "\($0.measure) \(formatPercent($0.share))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}

func formatPercent(_ x: Double) -> String {
    let tenths = Int((x * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
}
