import Forecasting
import LabourData

/// The employment forecast a shortage list needs: reconciled, non-negative, with sample paths,
/// reaching `listYear + horizon`. Nil when the panel already observes the target year (or the
/// horizon is 0).
public enum EmploymentOutlook {
    public static func forecast(_ panel: Panel, listYear: Int, horizon: Int, sex: String? = nil, paths: Int = 200,
                                seed: UInt64 = 20_251_123, breaks: [Int] = []) throws -> PanelForecast? {
        guard let last = panel.lastYear else { return nil }
        let steps = Horizon.forecastSteps(lastObserved: last, listYear: listYear, years: horizon)
        guard horizon > 0, steps > 0 else { return nil }
        let measure = sex.map { "employment_\($0)" } ?? "employment"
        guard panel.measures.contains(measure) else {
            throw ShortageModelError.badInput("no '\(measure)' column" + (sex.map { " for --sex \($0)" } ?? ""))
        }
        var o = ForecastOptions()
        o.measure = measure
        o.horizon = steps
        o.paths = paths
        o.seed = seed
        o.nonnegative = true
        o.breaks = breaks
        return try PanelForecaster.run(panel, options: o)
    }
}
