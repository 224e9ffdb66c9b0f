import Foundation
import LabourData

/// A `mizan scenario` bundle as the workspace shows it beside the outlook: its name and shocks,
/// its forecasts (fan charts), its differences from the baseline and the lists it changes.
public struct ScenarioView: Sendable {
    public struct Difference: Sendable, Equatable {
        public let baseline: Double?, scenario: Double?, difference: Double?, low: Double?, high: Double?
    }
    public struct ListChange: Sendable, Equatable {
        public let region: String, isco: String, entered: Bool, baselineRank: Int, scenarioRank: Int
    }

    public let name: String
    public let shocks: [(label: String, kind: String)]
    public let targetYear: Int
    /// The scenario's employment forecasts by "region/isco".
    public let forecasts: [String: [WorkspaceData.ForecastPoint]]
    /// "region/isco" → measure → year → the difference.
    public let differences: [String: [String: [Int: Difference]]]
    public let listChanges: [ListChange]

    /// Reads the bundle; it must be about the same target year as the outlook it is shown beside.
    public init(bundle: URL, outlookTargetYear: Int) throws {
        let manifestURL = bundle.appendingPathComponent("manifest.json")
        guard let d = FileManager.default.contents(atPath: manifestURL.path),
              let m = try? JSONSerialization.jsonObject(with: d) as? [String: Any], let name = m["scenario"] as? String,
              let target = m["target_year"] as? Int else {
            throw WorkspaceLoadError("\(bundle.path): not a scenario bundle (mizan scenario --out); its manifest.json names no scenario")
        }
        guard target == outlookTargetYear else {
            throw WorkspaceLoadError("\(bundle.path): the scenario is about \(target), the outlook about \(outlookTargetYear); run the scenario on this outlook")
        }
        self.name = name
        targetYear = target
        shocks = (m["shocks"] as? [[String: String]] ?? []).map { ($0["label"] ?? "", $0["kind"] ?? "") }
        forecasts = try WorkspaceData.forecastPoints(bundle.appendingPathComponent("forecasts.csv"))
        var diffs: [String: [String: [Int: Difference]]] = [:]
        let c = try BundleTable.read(bundle.appendingPathComponent("scenario_vs_baseline.csv"))
        if let r = c.column("region"), let i = c.column("isco"), let y = c.column("year"), let me = c.column("measure"),
           let b = c.column("baseline"), let s = c.column("scenario"), let df = c.column("difference"),
           let lo = c.column("difference_lo80"), let hi = c.column("difference_hi80") {
            for row in c.rows {
                guard let year = Int(row[y]) else { continue }
                diffs["\(row[r])/\(row[i])", default: [:]][row[me], default: [:]][year] =
                    Difference(baseline: Double(row[b]), scenario: Double(row[s]), difference: Double(row[df]), low: Double(row[lo]), high: Double(row[hi]))
            }
        }
        differences = diffs
        var changes: [ListChange] = []
        let l = try BundleTable.read(bundle.appendingPathComponent("shortage_list_changes.csv"))
        if let r = l.column("region"), let i = l.column("isco"), let ch = l.column("change"), let br = l.column("baseline_rank"), let sr = l.column("scenario_rank") {
            for row in l.rows {
                changes.append(ListChange(region: row[r], isco: row[i], entered: row[ch] == "enters", baselineRank: Int(row[br]) ?? 0, scenarioRank: Int(row[sr]) ?? 0))
            }
        }
        listChanges = changes
    }
}

/// A bundle given to `mizan serve` that it cannot show (exit 65 in the CLI).
public struct WorkspaceLoadError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
