/// A series' calibration table with its standard quantiles at the plotting positions
/// (r + ½)/P of P sample paths, step by step: what quantile mapping of the paths reads.
struct PathCalibration: Sendable {
    let table: IntervalCalibration
    /// `positions[step − 1][rank]`.
    let positions: [[Double]]
    /// Σ positions² per step: P times the variance of the calibrated standard distribution.
    let sumsOfSquares: [Double]

    init(table: IntervalCalibration, positions: [[Double]]) {
        self.table = table
        self.positions = positions
        sumsOfSquares = positions.map { $0.reduce(0) { $0 + $1 * $1 } }
    }

    func quantiles(step: Int) -> [Double] { positions[step - 1] }
    func sumOfSquares(step: Int) -> Double { sumsOfSquares[step - 1] }

    /// One per series; series sharing a table share its positions.
    /// `panel`: the panel's own calibration, applied to the shipped table of every series it covers.
    static func tables(choices: [ModelChoice], fits: [(BaseModel, SeriesFlags)], paths: Int, steps: Int,
                       panel: PanelCalibration? = nil) -> [PathCalibration?] {
        // A series' calibration is its shipped table and the panel group whose factors rescale it.
        struct Key: Hashable { let table: IntervalCalibration, group: Int8 }
        var cache: [Key: PathCalibration] = [:]
        return zip(choices, fits).enumerated().map { i, pair -> PathCalibration? in
            let (choice, fit) = pair
            guard let shipped = IntervalCalibration.shipped(for: choice, fitted: fit.0, flags: fit.1) else { return nil }
            let factors = panel?.factors(series: i)
            let key = Key(table: shipped, group: factors == nil ? -1 : panel!.group(series: i))
            if let hit = cache[key] { return hit }
            let table = factors.map { PanelCalibration.adjusted(shipped, by: $0) } ?? shipped
            let made = PathCalibration(table: table, positions: (1...max(1, steps)).map { step in
                (0..<paths).map { table.standardQuantile((Double($0) + 0.5) / Double(paths), step: step) }
            })
            cache[key] = made
            return made
        }
    }
}
