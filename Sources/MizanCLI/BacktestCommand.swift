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

        Scores per series and model: MASE and RMSSE (errors scaled by the series' own year-on-year changes before the cut-off: below 1 beats a naive forecast in-sample), sMAPE (%), and interval coverage at each level (80 % intervals should contain about 80 % of outcomes).

        Writes one row per series and model; prints the means by hierarchy level.
          mizan backtest --panel Datasets/morocco/panel.csv --horizon 5 --origins 5 --out backtest.csv
        """
    )

    @Option(help: "Panel CSV.") var panel: String
    @Option(help: "Years ahead evaluated from each origin.") var horizon: Int = 5
    @Option(help: "Number of forecast origins.") var origins: Int = 5
    @Option(help: "Measure to evaluate.") var measure: String = "employment"
    @Option(help: "Models, comma-separated (naive and drift are always added).") var models: String = "auto,theta,combo"
    @Option(help: "Interval levels in percent.") var levels: String = "80,95"
    @Option(help: "Output CSV (one row per series and model).") var out: String

    func run() throws {
        let data = try loadPanel(panel)
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
        let result: BacktestResult
        do { result = try Backtester.run(data, options: options) } catch {
            FileHandleStderr.write("\(panel): \(error)\n")
            throw MizanExit.dataError
        }
        try writeOutput(result.csv(), to: out)
        print("origins (last training year): \(result.cutoffs.map(String.init).joined(separator: ", ")); horizon \(horizon)")
        let covHeader = options.levels.map { "cov\(Int($0))" }.map { $0.padding(toLength: 7, withPad: " ", startingAt: 0) }.joined()
        print("level".padding(toLength: 24, withPad: " ", startingAt: 0) + "model   series  MASE    RMSSE   sMAPE%  " + covHeader)
        for row in result.summary() {
            var line = row.level.padding(toLength: 24, withPad: " ", startingAt: 0)
            line += row.model.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            line += String(row.series).padding(toLength: 8, withPad: " ", startingAt: 0)
            for v in [row.mase, row.rmsse, row.smape] { line += String(format: "%-8.3f", v) }
            for c in row.coverage { line += String(format: "%-7.2f", c) }
            print(line)
        }
    }
}

func parseLevels(_ text: String) -> [Double]? {
    let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! > 0 && $0! < 100 }) else { return nil }
    return parts.map { $0! }
}
