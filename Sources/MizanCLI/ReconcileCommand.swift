import ArgumentParser
import Forecasting
import Foundation
import LabourData

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Make base forecasts produced elsewhere coherent across the hierarchy.",
        discussion: """
        Reads base forecasts for every series of a region × ISCO structure (region,isco,year,mean; TOTAL marks a sum over that dimension; shorter ISCO codes are aggregates of longer ones) and writes reconciled ones in the same layout (region,isco,year,mean,reconciliation).

        wls-var and mint-shrink need one-step in-sample residuals of the base models: --residuals R.csv with region,isco,year,residual.
          mizan reconcile --base base.csv --method wls-struct --out reconciled.csv
          mizan reconcile --base base.csv --residuals resid.csv --method mint-shrink --out reconciled.csv
        """
    )

    @Option(help: "Base forecasts CSV.") var base: String
    @Option(help: "Residuals CSV (for wls-var and mint-shrink).") var residuals: String?
    @Option(help: "bottom-up | ols | wls-struct | wls-var | mint-shrink") var method: String = "mint-shrink"
    @Flag(help: "Reconciled forecasts are never negative.") var nonnegative = false
    @Flag(help: "Centre residuals for the shrinkage covariance (as hierarchicalforecast).") var centerResiduals = false
    @Option(help: "Decimals written.") var decimals: Int = 6
    @Option(help: "Output CSV.") var out: String

    func run() throws {
        guard let m = ReconciliationMethod(rawValue: method), m != .none else {
            throw ValidationError("unknown method '\(method)'; choose from bottom-up, ols, wls-struct, wls-var, mint-shrink")
        }
        let table = try dataStep(base) { try BaseForecastTable.read(contentsOf: URL(fileURLWithPath: base)) }
        let h = table.hierarchy
        let q = table.years.count
        let rec = try dataStep(base) {
            try table.reconciled(method: m, residuals: residuals.map { URL(fileURLWithPath: $0) }, centerResiduals: centerResiduals,
                                 nonnegative: nonnegative)
        }
        guard rec.allSatisfy({ $0.isFinite }) else {
            FileHandleStderr.write("internal error: non-finite reconciled value; nothing written\n")
            throw MizanExit.software
        }
        var w = CSVWriter(decimals: decimals)
        w.row(["region", "isco", "year", "mean", "reconciliation"])
        let n = h.seriesCount, nb = h.b.nodes.count
        for i in 0..<n {
            for (k, year) in table.years.enumerated() {
                w.text(h.a.nodes[i / nb].code); w.comma(); w.text(h.b.nodes[i % nb].code); w.comma(); w.int(year); w.comma()
                w.number(rec[k * n + i]); w.comma(); w.text(m.rawValue); w.newline()
            }
        }
        try writeOutput(w.bytes, to: out)
        FileHandleStderr.write("\(n) series × \(q) years reconciled (\(m.rawValue)) → \(out)\n")
    }
}
