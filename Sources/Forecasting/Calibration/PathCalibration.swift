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
    static func tables(choices: [ModelChoice], fits: [(BaseModel, SeriesFlags)], paths: Int, steps: Int) -> [PathCalibration?] {
        var cache: [IntervalCalibration: PathCalibration] = [:]
        return zip(choices, fits).map { choice, fit in
            guard let table = IntervalCalibration.shipped(for: choice, fitted: fit.0, flags: fit.1) else { return nil }
            if let hit = cache[table] { return hit }
            let made = PathCalibration(table: table, positions: (1...max(1, steps)).map { step in
                (0..<paths).map { table.standardQuantile((Double($0) + 0.5) / Double(paths), step: step) }
            })
            cache[table] = made
            return made
        }
    }
}
