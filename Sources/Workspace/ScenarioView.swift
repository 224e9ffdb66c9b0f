import Foundation
import LabourData
import OutlookBundle

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
        let m = try BundleManifest.read(bundle: bundle)
        guard let name = m.scenario else {
            throw WorkspaceLoadError("\(bundle.path): not a scenario bundle (mizan scenario --out); its manifest.json names no scenario")
        }
        let target = m.targetYear
        guard target == outlookTargetYear else {
            throw WorkspaceLoadError("\(bundle.path): the scenario is about \(target), the outlook about \(outlookTargetYear); run the scenario on this outlook")
        }
        self.name = name
        targetYear = target
        shocks = (m.shocks ?? []).map { ($0.label, $0.kind) }
        forecasts = try WorkspaceData.forecastPoints(bundle.appendingPathComponent("forecasts.csv"))
        var diffs: [String: [String: [Int: Difference]]] = [:]
        let c = try TextTable.read(contentsOf: bundle.appendingPathComponent("scenario_vs_baseline.csv"), required: [])
        if let r = c.columns.firstIndex(of: "region"), let i = c.columns.firstIndex(of: "isco"), let y = c.columns.firstIndex(of: "year"), let me = c.columns.firstIndex(of: "measure"),
           let b = c.columns.firstIndex(of: "baseline"), let s = c.columns.firstIndex(of: "scenario"), let df = c.columns.firstIndex(of: "difference"),
           let lo = c.columns.firstIndex(of: "difference_lo80"), let hi = c.columns.firstIndex(of: "difference_hi80") {
            for row in c.rows {
                guard let year = Int(row[y]) else { continue }
                diffs["\(row[r])/\(row[i])", default: [:]][row[me], default: [:]][year] =
                    Difference(baseline: Double(row[b]), scenario: Double(row[s]), difference: Double(row[df]), low: Double(row[lo]), high: Double(row[hi]))
            }
        }
        differences = diffs
        var changes: [ListChange] = []
        let l = try TextTable.read(contentsOf: bundle.appendingPathComponent("shortage_list_changes.csv"), required: [])
        if let r = l.columns.firstIndex(of: "region"), let i = l.columns.firstIndex(of: "isco"), let ch = l.columns.firstIndex(of: "change"), let br = l.columns.firstIndex(of: "baseline_rank"), let sr = l.columns.firstIndex(of: "scenario_rank") {
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
