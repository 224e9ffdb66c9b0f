import Forecasting
import LabourData
import OutlookBundle

extension PanelForecast {
    /// The forecast as the rows `forecasts.csv` holds, with the values the file holds (rounded to
    /// its 4 decimals the way `CSVWriter` rounds): the vintages store records the same numbers
    /// from a runner as from the file.
    func records(decimals: Int = 4) -> [ForecastRecord] {
        func written(_ v: Double) -> Double { CSVWriter.readBack(v, decimals: decimals) }
        let n = seriesCount
        var out: [ForecastRecord] = []
        out.reserveCapacity(n * years.count)
        for i in 0..<n {
            let (region, isco) = key(i)
            for (k, year) in years.enumerated() {
                let intervals = levels.indices.map { l in
                    ForecastRecord.Interval(level: levels[l], low: written(lower[l][k * n + i]), high: written(upper[l][k * n + i]))
                }
                out.append(ForecastRecord(region: region, isco: isco, year: year, measure: measure, mean: written(mean[k * n + i]), intervals: intervals))
            }
        }
        return out
    }
}
