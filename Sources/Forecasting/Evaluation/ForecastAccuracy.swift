import Foundation
import LabourData

/// How accurate past forecasts made the same way were, per hierarchy level and step ahead: the
/// table shown beside a forecast, so a planner reads "national totals 3 years out have been off
/// by x %, and the 80 % band held y % of outcomes" next to the numbers themselves.
///
/// A rolling-origin run of the whole forecast over the last `origins` cut-offs: the published,
/// reconciled points and bands, not the base forecasts (`measure(_:options:origins:)`).
public struct ForecastAccuracy: Sendable {
    public let model: ModelChoice
    /// Last training years of the origins.
    public let cutoffs: [Int]
    /// Steps ahead that could be measured (fewer than the forecast's horizon on a short panel).
    public let horizon: Int
    public let levels: [Double]
    /// By hierarchy level ("all" first); step 0 is all steps together.
    public let rows: [BacktestSummaryRow]

    /// `level,step,origins,series,mase,smape,crps,coverage80,…,msis80,…`; step "all" first.
    public func csv(decimals: Int = 4) -> [UInt8] {
        var w = CSVWriter(decimals: decimals)
        w.row(["level", "step", "model", "origins", "series", "mase", "smape", "crps"]
              + levels.map { "coverage\(Self.label($0))" } + levels.map { "msis\(Self.label($0))" })
        for r in rows {
            w.text(r.level); w.comma(); w.text(r.step == 0 ? "all" : String(r.step)); w.comma()
            w.text(model.rawValue); w.comma(); w.int(cutoffs.count); w.comma(); w.int(r.series)
            for v in [r.mase, r.smape, r.crps] + r.coverage + r.msis {
                w.comma()
                if v.isFinite { w.number(v) }
            }
            w.newline()
        }
        return w.bytes
    }

    static func label(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }
}
