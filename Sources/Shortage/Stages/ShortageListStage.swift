import Forecasting
import LabourData

/// The shortages stage as a planner asks for it, from a panel alone: the employment forecast the
/// list needs (reconciled, non-negative, with sample paths, when the target year is past the
/// panel), then the list. `mizan shortages` and the outlook's lists for women and for men call
/// it; the outlook's main lists pass the forecast its forecast stage already made.
public struct ShortageListStage: Sendable {
    public var model: ShortageModel
    /// Sample paths of the employment forecast (intervals and p_shortage at a horizon).
    public var paths = 200
    /// Declared series breaks (years), level-shifted before forecasting.
    public var breaks: [Int] = []
    /// The whole forecast configuration (model, reconciliation, paths, seed, breaks), when the
    /// caller has one: it then replaces `paths` and `breaks`, and only the measure and steps change.
    public var forecastOptions: ForecastOptions?

    public init(model: ShortageModel) { self.model = model }

    /// What the stage gives: the list, and the forecast's warnings (fallbacks, flagged breaks).
    public struct Output: Sendable {
        public let list: ShortageList
        public let warnings: [String]
    }

    /// The list made in `year` about `year + horizon` (see `ShortageModel.list`).
    public func run(panel: Panel, year: Int, horizon: Int, sex: String? = nil,
                    graduates: [String: [Int: Double]]? = nil) throws -> Output {
        let forecast = try forecastOptions.map { try EmploymentOutlook.forecast(panel, listYear: year, horizon: horizon, sex: sex, options: $0) }
            ?? EmploymentOutlook.forecast(panel, listYear: year, horizon: horizon, sex: sex, paths: paths, seed: model.config.seed, breaks: breaks)
        let list = try model.list(panel: panel, year: year, horizon: horizon, forecast: forecast, sex: sex, graduates: graduates)
        return Output(list: list, warnings: forecast?.warnings ?? [])
    }
}
