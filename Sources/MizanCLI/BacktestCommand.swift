import ArgumentParser
import Forecasting
import Foundation
import LabourData

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin evaluation: how well each model would have forecast the past.",
        discussion: """
        For each of --origins cut-off years (the last leaves --horizon years to check), every model is fitted on the data up to the cut-off, for every series of the hierarchy, and its forecasts are compared with what happened. Naive and drift are always included as yardsticks.

        Scores per series and model: MASE and RMSSE (errors scaled by the series' own year-on-year changes before the cut-off: below 1 beats a naive forecast in-sample), sMAPE (%), CRPS (the whole forecast distribution against the outcome, on MASE's scale: lower is better, and it equals the MAE when there is no spread), interval coverage at each level (80 % intervals should contain about 80 % of outcomes) and MSIS (mean scaled interval score: width plus a penalty for every miss, on MASE's scale). Intervals are calibrated, as `mizan forecast` gives them, unless --intervals model.

        Writes one row per series and model; prints the means by hierarchy level (and by step ahead with --by-step).
          mizan backtest --panel Datasets/morocco/panel.csv --horizon 5 --origins 5 --out backtest.csv
        """
    )

    @Option(help: "Panel CSV.") var panel: String
    @OptionGroup var columnNames: ColumnsOption
    @Option(help: "Years ahead evaluated from each origin.") var horizon: Int = 5
    @Option(help: "Number of forecast origins.") var origins: Int = 5
    @Option(help: "Measure to evaluate.") var measure: String = "employment"
    @Option(help: "Models, comma-separated (naive and drift are always added).") var models: String = "auto,theta,combo"
    @Option(help: "Interval levels in percent.") var levels: String = "80,95"
    @Option(help: "calibrated | model") var intervals: String = "calibrated"
    @Flag(help: "Also print the means for each step ahead.") var byStep = false
    @Option(help: "all: every series of the hierarchy. bottom: only the region × occupation cells (the level the lists are published at).")
    var series: String = "all"
    @Option(help: "Output CSV (one row per series and model).") var out: String

    func run() throws {
        let data = try loadPanel(panel, columns: columnNames)
        var options = BacktestOptions()
        options.measure = measure
        options.horizon = horizon
        options.origins = origins
        let chosen = models.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let parsed = Optional(chosen.compactMap(ModelChoice.init(rawValue:))), parsed.count == chosen.count, !parsed.isEmpty else {
            throw ValidationError("unknown model in '\(models)'; choose from \(ModelChoice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        options.models = parsed
        guard let lv = parseLevels(levels) else { throw ValidationError("--levels must be numbers between 0 and 100") }
        options.levels = lv
        guard let method = IntervalMethod(rawValue: intervals) else { throw ValidationError("--intervals must be calibrated or model") }
        options.intervals = method
        guard series == "all" || series == "bottom" else { throw ValidationError("--series must be all or bottom") }
        options.bottomsOnly = series == "bottom"
        let result: BacktestResult
        do { result = try Backtester.run(data, options: options) } catch {
            FileHandleStderr.write("\(panel): \(error)\n")
            throw MizanExit.dataError
        }
        try writeOutput(result.csv(), to: out)
        print("origins (last training year): \(result.cutoffs.map(String.init).joined(separator: ", ")); horizon \(horizon)")
        let L = options.levels.map { "\(Int($0))" }
        let header = ["level", "model", "step", "series", "MASE", "RMSSE", "sMAPE%", "CRPS"] + L.map { "cov\($0)" } + L.map { "MSIS\($0)" }
        var table = PlainTable(header)
        for r in result.summary(byStep: byStep) {
            func f(_ v: Double, _ d: Int = 3) -> String { v.isFinite ? String(format: "%.\(d)f", v) : "–" }
            table.add([r.level, r.model.rawValue, r.step == 0 ? "all" : String(r.step), String(r.series), f(r.mase), f(r.rmsse),
                         f(r.smape), f(r.crps)] + r.coverage.map { f($0, 2) } + r.msis.map { f($0, 2) })
        }
        print(table.render())
    }
}

func parseLevels(_ text: String) -> [Double]? {
    let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! > 0 && $0! < 100 }) else { return nil }
    return parts.map { $0! }
}
