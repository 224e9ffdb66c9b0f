import Foundation
import LabourData

/// One row of a bundle's `forecasts.csv`: a series' forecast for one year, with its intervals.
public struct ForecastRecord: Sendable, Equatable {
    public struct Interval: Sendable, Equatable {
        /// Nominal coverage in percent (80, 95).
        public var level: Double
        public var low: Double, high: Double
        public init(level: Double, low: Double, high: Double) { self.level = level; self.low = low; self.high = high }
    }
    public var region: String
    public var isco: String
    public var year: Int
    /// What is forecast (employment, or a supply or demand measure); "employment" when the file
    /// has no measure column.
    public var measure: String
    public var mean: Double
    public var intervals: [Interval]

    public init(region: String, isco: String, year: Int, measure: String, mean: Double, intervals: [Interval]) {
        self.region = region; self.isco = isco; self.year = year; self.measure = measure; self.mean = mean; self.intervals = intervals
    }

    /// The interval at nominal `level` percent, if the file has it.
    public func interval(_ level: Double) -> Interval? { intervals.first { $0.level == level } }
    public var key: String { "\(region)/\(isco)" }
}

/// The forecast file (`forecasts.csv`, written by `PanelForecast.csv()`):
/// `region,isco,year,measure,model,mean,lo80,hi80,lo95,hi95,…,reconciliation,flags`.
/// This is its one reader for the stages after the forecast (workspace, vintages).
public enum ForecastFile {
    /// The header `PanelForecast.csv()` writes for interval `levels` (a test holds the two equal).
    public static func columns(levels: [Double]) -> [String] {
        ["region", "isco", "year", "measure", "model", "mean"]
            + levels.flatMap { l in let n = l == l.rounded() ? String(Int(l)) : String(l); return ["lo\(n)", "hi\(n)"] }
            + ["reconciliation", "flags"]
    }

    /// Reads every row; `lo<level>`/`hi<level>` pairs become intervals. A year or mean that is
    /// not a number, or an interval bound that is not one, fails at its line and column.
    public static func read(_ url: URL) throws(InputError) -> [ForecastRecord] {
        let t = try TextTable.read(contentsOf: url, required: ["region", "isco", "year", "mean"])
        let (r, i, y, m) = (t.index("region"), t.index("isco"), t.index("year"), t.index("mean"))
        let measure = t.columns.firstIndex(of: "measure")
        // Interval columns: "lo80" with its "hi80".
        let levels: [(level: Double, lo: Int, hi: Int, name: String)] = t.columns.enumerated().compactMap { k, name in
            guard name.hasPrefix("lo"), let level = Double(name.dropFirst(2)), let h = t.columns.firstIndex(of: "hi" + name.dropFirst(2)) else { return nil }
            return (level, k, h, String(name.dropFirst(2)))
        }
        var out: [ForecastRecord] = []
        out.reserveCapacity(t.rows.count)
        var problems: [Diagnostic] = []
        for k in t.rows.indices {
            let row = t.rows[k]
            guard let year = Int(row[y]) else { problems.append(t.problem(k, "year", "year '\(row[y])' is not a whole number")); continue }
            guard let mean = DecimalParser.parse(row[m], decimalComma: t.decimalComma), mean.isFinite else {
                problems.append(t.problem(k, "mean", "mean '\(row[m])' is not a number")); continue
            }
            var intervals: [ForecastRecord.Interval] = []
            for l in levels {
                guard let lo = DecimalParser.parse(row[l.lo], decimalComma: t.decimalComma), let hi = DecimalParser.parse(row[l.hi], decimalComma: t.decimalComma),
                      lo.isFinite, hi.isFinite else {
                    problems.append(t.problem(k, "lo\(l.name)", "the \(l.name) % interval (\(row[l.lo]), \(row[l.hi])) is not two numbers")); continue
                }
                intervals.append(.init(level: l.level, low: lo, high: hi))
            }
            out.append(ForecastRecord(region: row[r], isco: row[i], year: year, measure: measure.map { row[$0] } ?? "employment",
                                      mean: mean, intervals: intervals))
            if problems.count >= 50 { break }
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: problems.count >= 50) }
        return out
    }
}
