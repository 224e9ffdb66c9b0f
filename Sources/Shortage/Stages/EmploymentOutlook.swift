import Forecasting
import LabourData

/// The employment forecast a shortage list needs: reconciled, non-negative, with sample paths,
/// reaching `listYear + horizon`. Nil when the panel already observes the target year (or the
/// horizon is 0).
public enum EmploymentOutlook {
    public static func forecast(_ panel: Panel, listYear: Int, horizon: Int, sex: String? = nil, paths: Int = 200,
                                seed: UInt64 = 20_251_123, breaks: [Int] = []) throws -> PanelForecast? {
        var o = ForecastOptions()
        o.paths = paths
        o.seed = seed
        o.breaks = breaks
        return try forecast(panel, listYear: listYear, horizon: horizon, sex: sex, options: o)
    }

    /// The same with the caller's forecast options (model, reconciliation, paths, seed, breaks):
    /// only the measure and the steps are set here, and the forecast is kept non-negative. The
    /// outlook's lists for women and men are forecast this way with the outlook's own options,
    /// so they come from the same kind of forecast as its main list.
    public static func forecast(_ panel: Panel, listYear: Int, horizon: Int, sex: String?, options base: ForecastOptions) throws -> PanelForecast? {
        guard let last = panel.lastYear else { return nil }
        let steps = Horizon.forecastSteps(lastObserved: last, listYear: listYear, years: horizon)
        guard horizon > 0, steps > 0 else { return nil }
        let measure = sex.map { "employment_\($0)" } ?? "employment"
        guard panel.measures.contains(measure) else {
            throw ShortageModelError.badInput("no '\(measure)' column" + (sex.map { " for --sex \($0)" } ?? ""))
        }
        var o = base
        o.measure = measure
        o.horizon = steps
        o.nonnegative = true
        return try PanelForecaster.run(panel, options: o)
    }
}
