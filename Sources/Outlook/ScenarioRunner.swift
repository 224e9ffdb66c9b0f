import Forecasting
import Foundation
import LabourData
import MizanSupport
import OutlookBundle
import Recommender
import Scenarios
import Shortage

/// `mizan scenario`: the outlook's baseline and one scenario beside it, written as one bundle —
/// the scenario's own `forecasts.csv` and `shortages.csv` (same columns as the outlook's), the
/// comparison (`scenario_vs_baseline.csv`), the drivers (`drivers.csv`), the printed lists'
/// entries and exits (`shortage_list_changes.csv`), the profiles whose first recommendation
/// changes (`recommendation_changes.csv`), `scenario.toml`, `manifest.json` and `report.html`.
///
/// The scenario is checked against the panel before any forecast is made; the bundle is built
/// beside the output and renamed into place, so a failed run leaves nothing.
public struct ScenarioRunner {
    public let config: OutlookConfig
    public let scenario: URL
    public var log: (String) -> Void = { _ in }
    /// An outlook bundle made with the same panel and forecast settings: its forecast and sample
    /// paths (`forecast_paths.bin`) are reused instead of forecasting again.
    public var baseline: URL?
    public init(config: OutlookConfig, scenario: URL) { (self.config, self.scenario) = (config, scenario) }

    public struct Summary: Sendable {
        public var files: [String]
        public var notes: [String]
        public var listChanges: Int
        public var recommendationChanges: Int?
        /// What the bundle published, typed (for the vintages store).
        public var publication: BundlePublication
    }

    public func run(into output: URL) throws -> Summary {
        try OutlookRunner.checkOutput(output)
        let named = try OutlookInputs.load(config)
        let panel = try PanelReader.read(contentsOf: config.panel)
        guard let last = panel.lastYear else { throw OutlookError("the panel is empty") }
        // The staffing matrix: the configuration's file, else the panel's own sector detail.
        let staffing = named.staffing ?? StaffingMatrix(panel: panel, file: config.panel.path)
        let leaves = panel.series(config.forecastOptions.measure)
        let context = ScenarioSpec.Context(years: (1...config.horizon).map { last + $0 },
                                           regions: Array(Set(leaves.map(\.region))).sorted(),
                                           occupations: Array(Set(leaves.map(\.isco))).sorted(), staffing: staffing)
        let spec = try ScenarioSpec.load(scenario, context: context)
        let model = ShortageModel(config: named.shortage)

        // The inputs' hashes, the scenario's among them: recorded as a vintage, a scenario is
        // its own run (another run key than the baseline's) and can be diffed against it.
        var inputs = OutlookRunner(config: config).inputHashes()
        inputs["scenario"] = SHA256.hex(Data(spec.text.utf8))
        if let st = config.staffing, let d = FileManager.default.contents(atPath: st.path) { inputs["staffing"] = SHA256.hex(d) }
        let baseline = try baselineForecast(panel, panelSHA256: inputs["panel"] ?? "")
        let comparison = try ScenarioComparison.run(panel: panel, baseline: baseline, model: model, listYear: last,
                                                    horizon: config.horizon, spec: spec, staffing: staffing)
        for note in comparison.notes { log("note: \(note)") }
        let target = Horizon.targetYear(listYear: last, years: config.horizon)

        let fm = FileManager.default
        let partial = OutlookRunner.partialDirectory(for: output)
        try OutputFolder.make(output.deletingLastPathComponent())
        try? fm.removeItem(at: partial)
        try fm.createDirectory(at: partial, withIntermediateDirectories: true)
        do {
            var files: [String: [UInt8]] = [:]
            files["forecasts.csv"] = comparison.scenario.csv()
            let published = comparison.scenarioList.rows.map { $0.published(config.language, targetYear: target) }
            files[ShortageListFile.name(.target, .all)] = ShortageListFile.csv(published)
            files["scenario_vs_baseline.csv"] = comparison.comparisonCSV()
            files["drivers.csv"] = comparison.driversCSV()
            files["shortage_list_changes.csv"] = comparison.listChangesCSV(top: config.top)
            files["scenario.toml"] = Array(spec.text.utf8)
            let changes = recommendationChanges(comparison, named, published: published, targetYear: target)
            if let changes {
                files["recommendation_changes.csv"] = changes.csv
                files["skills_gap.csv"] = changes.gap
            }
            let report = ScenarioReport(spec: spec, comparison: comparison, top: config.top, language: config.language,
                                        recommendationChanges: changes.map { ($0.changed, $0.profiles) }, config: config, panel: panel)
            files["report.html"] = Array(report.html().utf8)
            var manifest = BundleManifest(mizanVersion: OutlookRunner.version, year: last, horizon: config.horizon, targetYear: target,
                                          seed: Int(config.seed), config: config.text, inputSHA256: inputs,
                                          tables: files.keys.filter { $0.hasSuffix(".csv") }.sorted())
            manifest.scenario = spec.name
            manifest.scenarioSHA256 = SHA256.hex(Data(spec.text.utf8))
            manifest.configSHA256 = SHA256.hex(Data(config.text.utf8))
            manifest.shocks = spec.shocks.map { .init(label: $0.label, kind: $0.kind.rawValue) }
            manifest.notes = comparison.notes
            files[BundleManifest.fileName] = try manifest.json()
            for (name, bytes) in files { try Data(bytes).write(to: partial.appendingPathComponent(name)) }
            try BundleSwap.swap(partial, into: output, failpoint: { _ in })
            return Summary(files: files.keys.sorted(), notes: comparison.notes, listChanges: comparison.listChanges(top: config.top).count,
                           recommendationChanges: changes?.changed,
                           publication: BundlePublication(manifest: manifest, lists: [.target: published], forecasts: comparison.scenario.records()))
        } catch {
            try? fm.removeItem(at: partial)
            throw error
        }
    }

    /// The outlook's forecast from `baseline` when its key matches (same panel bytes and forecast
    /// settings), else a new forecast.
    func baselineForecast(_ panel: Panel, panelSHA256: String) throws -> PanelForecast {
        guard let dir = baseline else {
            let f = try PanelForecaster.run(panel, options: config.forecastOptions)
            log("baseline forecast: \(f.seriesCount) series")
            return f
        }
        guard let m = try? BundleManifest.read(bundle: dir), let key = m.forecastKey else {
            throw ScenarioBaselineError(path: dir.path, reason: "is not an outlook bundle (no manifest.json with a forecast_key)")
        }
        guard key == config.forecastKey(panelSHA256: panelSHA256) else {
            throw ScenarioBaselineError(path: dir.path, reason: "was made from another panel or other forecast settings than \(config.source?.path ?? "the configuration"); "
                                            + "run the outlook again, or leave out --baseline to forecast afresh")
        }
        let paths = dir.appendingPathComponent(OutlookRunner.pathsFile)
        guard let bytes = FileManager.default.contents(atPath: paths.path) else {
            throw ScenarioBaselineError(path: dir.path, reason: "has no \(OutlookRunner.pathsFile) (an outlook from an earlier version); run the outlook again")
        }
        let f = try PanelForecast.restore(checkpoint: Array(bytes), panel: panel)
        log("baseline forecast reused from \(dir.path)")
        return f
    }

    /// Under the scenario's list: the skills gap of the profiles, and the first recommendation
    /// of every profile under the baseline's list and the scenario's (nil without ESCO, a
    /// catalogue or profiles). Profiles are named by their pseudonymous id.
    func recommendationChanges(_ c: ScenarioComparison, _ files: OutlookInputs, published: [PublishedShortage],
                               targetYear: Int) -> (csv: [UInt8], changed: Int, profiles: Int, gap: [UInt8])? {
        guard let read = files.guidance, config.profiles != nil else { return nil }
        let (esco, catalogue, people) = (read.esco, read.catalogue, read.people)
        func engine(_ outlook: ShortageOutlook) -> Recommender {
            Recommender(model: SkillModel(esco: esco), catalogue: catalogue, outlook: outlook)
        }
        func firsts(_ engine: Recommender) -> [String] {
            var out: [String] = []
            RecommendationBatch.run(people, engine: engine) { _, block in
                out += block.map { r in r.recommendations.first.map { "\(esco.occupations[$0.destination].isco) \(esco.occupations[$0.destination].label(config.language)) (\($0.region))" } ?? "" }
            }
            return out
        }
        let scenarioOutlook = ShortageOutlook(rows: published)
        let scenarioEngine = engine(scenarioOutlook)
        let before = firsts(engine(ShortageOutlook(rows: c.baselineList.rows, language: config.language, targetYear: targetYear)))
        let after = firsts(scenarioEngine)
        var w = CSVWriter()
        w.row(["id", "baseline_first", "scenario_first"])
        var changed = 0
        for (i, p) in people.enumerated() where before[i] != after[i] {
            changed += 1
            w.row([p.id, before[i], after[i]])
        }
        // The skills the scenario's shortage occupations need and the profiles lack, as the outlook writes it.
        let gap = SkillsGap.compute(recommender: scenarioEngine, outlook: scenarioOutlook, profiles: people)
        let gapCSV = SkillsGap.csv(gap, esco: esco, catalogue: catalogue, language: config.language, largestPerRegion: 300)
        return (w.bytes, changed, people.count, gapCSV)
    }
}

/// `--baseline` names something that cannot serve as this scenario's baseline (exit 65).
public struct ScenarioBaselineError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
