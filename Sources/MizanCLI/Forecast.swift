import ArgumentParser
import Forecasting
import Foundation
import LabourData
import MizanSupport

struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forecast a measure for every region × occupation, coherent across the hierarchy.",
        discussion: """
        Fits one model per series — every bottom series (region × ISCO code) and every aggregate (national, regional, ISCO major/sub-major/minor groups) — then reconciles them so that national = Σ regions = Σ occupations at every level.

        Models: auto (the default: the median of drift, damped trend, Theta and AutoETS, chosen on out-of-sample accuracy on real yearly series), naive, drift, loglinear, ses, holt, damped, ets (AutoETS by AICc), theta, arima (orders ≤ 2 by AICc, d by KPSS), combo (median of AutoETS, Theta and drift). With --select backtest each series gets the model that forecast its own past best (rolling-origin MASE).
        Reconciliation: mint-shrink (default), wls-var, wls-struct, ols, bottom-up, none. --nonnegative keeps every reconciled forecast ≥ 0.
        Intervals: calibrated (default) — each model's σ_h scaled by the quantiles of its out-of-sample errors on real yearly series, then rescaled by this panel's own past errors (forecasts from up to 4 earlier years) where its history allows, so an 80 % band holds about 80 % of outcomes (a model's own band holds about 60 %); shipped — the competition tables alone; model — the model's own. They come from reconciled sample paths (a joint bootstrap of one-step residuals with calibrated marginals, fixed seed), or from the formula with --reconcile none.
        --accuracy FILE writes how accurate past forecasts made the same way were, per hierarchy level and step ahead (rolling origins over the last years: MASE, sMAPE, CRPS, coverage, MSIS).

        Output columns: region,isco,year,measure,model,mean,lo80,hi80,lo95,hi95,reconciliation,flags. TOTAL in region or isco marks a sum over that dimension.

        Example:
          mizan forecast --panel Datasets/morocco/panel.csv --horizon 5 --out forecasts.csv --accuracy accuracy.csv
        """
    )

    @Option(help: "Panel CSV (see `mizan help validate`).")
    var panel: String

    @OptionGroup var columnNames: ColumnsOption

    @Option(help: "Years ahead of the last observed year.")
    var horizon: Int = 5

    @Option(help: "Measure to forecast.")
    var measure: String = "employment"

    @Option(help: "auto | naive | drift | loglinear | ses | holt | damped | ets | theta | arima | combo")
    var model: String = "auto"

    @Option(help: "none | bottom-up | ols | wls-struct | wls-var | mint-shrink")
    var reconcile: String = "mint-shrink"

    @Option(help: "aicc: the --model for every series (AutoETS picks by AICc). backtest: per series, the model with the lowest rolling-origin MASE among auto, theta, combo, drift and naive.")
    var select: String = "aicc"

    @Flag(help: "Reconciled forecasts are never negative.")
    var nonnegative = false

    @Option(help: "Interval levels in percent, comma-separated.")
    var levels: String = "80,95"

    @Option(help: "calibrated (out-of-sample error quantiles: the competition tables, rescaled by the panel's own past errors where its history allows) | shipped (the competition tables as they are) | model (the models' own intervals)")
    var intervals: String = "calibrated"

    @Option(help: "Also write the accuracy of past forecasts per hierarchy level and step to this CSV.")
    var accuracy: String?

    @Option(help: "Sample paths per series for intervals.")
    var paths: Int = 400

    @Option(help: "Random seed (same seed, same output).")
    var seed: UInt64 = 20_251_123

    @Flag(help: "Centre residuals before estimating the covariance (as hierarchicalforecast).")
    var centerResiduals = false

    @Option(name: .customLong("break"), help: "A year from which the series are measured differently or jumped (repeat for several): the history before it is level-shifted to meet it.")
    var breaks: [Int] = []

    @Option(help: "Decimals written.")
    var decimals: Int = 4

    @Option(help: "Output CSV with every series (without it, national and regional totals are printed and nothing is written).")
    var out: String?

    @Flag(help: "Print the time of each phase.")
    var verbose = false

    func validate() throws {
        guard ModelChoice(rawValue: model) != nil else {
            throw ValidationError("unknown model '\(model)'; choose from \(ModelChoice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ReconciliationMethod(rawValue: reconcile) != nil else {
            throw ValidationError("unknown reconciliation '\(reconcile)'; choose from \(ReconciliationMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard IntervalMethod(rawValue: intervals) != nil || intervals == "shipped" else {
            throw ValidationError("--intervals must be calibrated, shipped or model")
        }
        guard select == "aicc" || select == "backtest" else { throw ValidationError("--select must be aicc or backtest") }
        guard parsedLevels != nil else { throw ValidationError("--levels must be numbers between 0 and 100, e.g. 80,95") }
        guard Horizon.forecastRange.contains(horizon) else { throw ValidationError("--horizon must be \(Horizon.forecastRange.lowerBound)–\(Horizon.forecastRange.upperBound) years past the last observed one") }
        guard paths >= 0 && paths <= 100_000 else { throw ValidationError("--paths must be between 0 and 100000") }
    }

    var parsedLevels: [Double]? { parseLevels(levels) }

    func run() throws {
        let started = Date()
        let data = try loadPanel(panel, columns: columnNames)
        var options = ForecastOptions()
        options.measure = measure
        options.horizon = horizon
        options.model = ModelChoice(rawValue: model)!
        options.reconciliation = ReconciliationMethod(rawValue: reconcile)!
        options.nonnegative = nonnegative
        options.levels = parsedLevels!
        options.paths = paths
        options.seed = seed
        options.centerResiduals = centerResiduals
        options.breaks = breaks
        options.intervals = IntervalMethod(rawValue: intervals) ?? .calibrated
        options.ownCalibration = intervals != "shipped"
        if select == "backtest" { options.selectByBacktest = [.auto, .theta, .combo, .drift, .naive] }
        let result: PanelForecast
        do { result = try PanelForecaster.run(data, options: options) } catch {
            FileHandleStderr.write("\(panel): \(error)\n")
            throw MizanExit.dataError
        }
        if let bad = result.firstNonFinite ?? (internalFaultInjected ? (series: 0, year: result.years[0]) : nil) {
            let (r, c) = result.key(bad.series)
            FileHandleStderr.write("internal error: non-finite forecast for \(r)/\(c) in \(bad.year); nothing written\n")
            throw MizanExit.software
        }
        for warning in result.warnings { FileHandleStderr.write("warning: \(warning)\n") }
        var accuracyTable: ForecastAccuracy?
        if accuracy != nil {
            do {
                accuracyTable = try ForecastAccuracy.measure(data, options: options)
            } catch {
                FileHandleStderr.write("\(panel): \(error)\n")
                throw MizanExit.dataError
            }
            if accuracyTable == nil { FileHandleStderr.write("warning: the panel is too short to measure past accuracy (4 years needed); \(accuracy!) not written\n") }
        }
        if let out { try writeOutput(result.csv(decimals: decimals), to: out) } else { printQuickLook(result) }
        if let accuracy, let accuracyTable { try writeOutput(accuracyTable.csv(decimals: decimals), to: accuracy) }
        let seconds = Date().timeIntervalSince(started)
        if verbose {
            for t in result.timings {
                FileHandleStderr.write("  " + t.phase.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%.3f s\n", t.seconds))
            }
        }
        var note = "\(result.seriesCount) series × \(result.years.count) years" + (out.map { " → \($0)" } ?? "")
            + " in \(String(format: "%.2f", seconds)) s" + (out == nil ? "; write them all with --out forecasts.csv" : "")
        if let l = result.lambda { note += String(format: " (shrinkage λ = %.4f)", l) }
        if let c = result.ownCalibration { note += "; " + c.summary }
        FileHandleStderr.write(note + "\n")
    }
}

extension Forecast {
    /// National totals for every year, then each region's total in the last year: a quick look.
    func printQuickLook(_ f: PanelForecast) {
        let levels = f.levels.map { l in l == l.rounded() ? String(Int(l)) : String(l) }
        var t = PlainTable(["region", "isco", "year", "mean"] + levels.flatMap { ["lo\($0)", "hi\($0)"] })
        let n = f.seriesCount, H = f.years.count
        func row(_ i: Int, _ k: Int) {
            let (r, c) = f.key(i)
            var cells = [r, c, String(f.years[k]), String(format: "%.0f", f.mean[k * n + i])]
            for l in 0..<f.levels.count { cells += [String(format: "%.0f", f.lower[l][k * n + i]), String(format: "%.0f", f.upper[l][k * n + i])] }
            t.add(cells)
        }
        let totals = (0..<n).filter { f.key($0).isco == Regions.total }
        for i in totals where f.key(i).region == Regions.total { for k in 0..<H { row(i, k) } }
        for i in totals where f.key(i).region != Regions.total { row(i, H - 1) }
        print(t.render())
    }
}

/// Reads a panel or exits 65/66 with every problem listed.
func loadPanel(_ path: String, columns: ColumnsOption? = nil) throws -> Panel {
    let options = try columns?.readOptions() ?? PanelReadOptions()
    return try dataStep(path) { try PanelReader.read(contentsOf: URL(fileURLWithPath: path), options: options) }
}

/// Writes atomically (temporary file, then rename) or exits 73.
func writeOutput(_ bytes: [UInt8], to path: String) throws {
    var data = Data(bytes)
    if path.lowercased().hasSuffix(".xlsx") {
        // The same table as an Excel workbook: numbers as numeric cells, codes as text.
        let (header, rows) = XLSXWriter.rows(fromCSV: bytes)
        let name = String(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            .filter { !"[]:*?/\\".contains($0) }.prefix(31))
        do { data = try XLSXWriter.data(header: header, rows: rows, sheet: name.isEmpty ? "Sheet1" : name) } catch {
            FileHandleStderr.write("\(path): cannot make the workbook (\(error.localizedDescription))\n")
            throw MizanExit.cannotCreate
        }
    }
    do { try AtomicFile.write(data, to: URL(fileURLWithPath: path)) } catch {
        FileHandleStderr.write("\(path): cannot write (\(error.localizedDescription))\n")
        throw MizanExit.cannotCreate
    }
}
