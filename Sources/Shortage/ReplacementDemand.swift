/// Replacement demand: workers who leave an occupation (retirement, death, withdrawal) and must
/// be replaced, as Cedefop and BLS count it beside expansion demand.
public enum ReplacementDemand {
    /// Expected exits in one year: Σ over age bands of employment × exit rate when the cell has
    /// age bands that year, else employment × the default rate.
    public static func annualExits(bands: [String: Double], employment: Double, config: ShortageConfig) -> Double {
        let known = bands.filter { config.exitRates[$0.key] != nil && $0.value.isFinite }
        guard !known.isEmpty, known.values.reduce(0, +) > 0 else { return employment * config.defaultExitRate }
        // Bands may not add up to the total exactly (rounding, partial coverage): apply the
        // bands' average exit rate to total employment.
        let covered = known.values.reduce(0, +)
        let exits = known.reduce(0) { $0 + $1.value * config.exitRates[$1.key]! }
        return employment * exits / covered
    }

    static func annualExits(cell: CellData, yearIndex yi: Int, config: ShortageConfig, employment: Double) -> Double {
        var bands: [String: Double] = [:]
        for band in config.exitRates.keys {
            if let s = cell.series["employment_" + band], yi < s.count, s[yi].isFinite { bands[band] = s[yi] }
        }
        return annualExits(bands: bands, employment: employment, config: config)
    }
}
