import Foundation
import Forecasting
import LabourData
import Recommender
import Shortage

/// The yearly outlook: validate → forecast (reconciled) → shortages now and at the horizon →
/// skills gap → recommendations for every profile, written as one bundle: CSV tables, a
/// manifest (input hashes, configuration, seed, timings) and a self-contained HTML report.
/// The bundle is assembled in a temporary directory and renamed into place at the end, so an
/// interrupted run leaves the previous outlook intact.
public struct OutlookRunner {
    public let config: OutlookConfig
    /// Receives one line per event (stage finished, warning, reuse); the CLI prints it.
    public var log: (String) -> Void = { _ in }
    /// Called after each stage with (stages finished, stages in all, stage name): drives a
    /// progress bar on a terminal.
    public var progress: (Int, Int, String) -> Void = { _, _, _ in }
    /// Reuse the finished stages of an interrupted run (kept in `.<out>.partial`) when the
    /// configuration and every input hash are unchanged.
    public var resume = false
    /// Stops with `OutlookError.interrupted` after this stage, as a kill would: tests use it to
    /// check that the previous bundle survives and that `resume` finishes the run.
    public var interruptAfter: String?
    public init(config: OutlookConfig) { self.config = config }

    /// Written into the manifest and part of the resume key: a checkpoint from another version
    /// is never reused.
    public static let version = "0.1.0"

    public static let stages = ["validate", "forecast", "shortages", "skills gap", "recommendations", "report"]

    public struct Summary: Sendable {
        public var files: [String]
        public var timings: [(stage: String, seconds: Double)]
        /// Stages taken from the interrupted run instead of recomputed.
        public var reused: [String]
    }

    /// The partial bundle of an interrupted run into `output`.
    public static func partialDirectory(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).partial")
    }

    public func run(into output: URL) throws -> Summary {
        var timings: [(String, Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        var finishedStages = 0
        func lap(_ stage: String, reused: Bool = false) throws {
            let now = DispatchTime.now().uptimeNanoseconds
            let seconds = Double(now - clock) * 1e-9
            timings.append((reused ? "\(stage) (reused)" : stage, seconds))
            finishedStages += 1
            log("[\(finishedStages)/\(Self.stages.count)] \(stage) \(reused ? "reused from the interrupted run" : "done") in \(String(format: "%.2f", seconds)) s")
            progress(finishedStages, Self.stages.count, stage)
            clock = now
            if stage == interruptAfter { throw OutlookError.interrupted(stage) }
        }
        func skipped(_ stage: String) {
            finishedStages += 1
            progress(finishedStages, Self.stages.count, stage)
        }
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)

        // Inputs are hashed first: the hashes go into the manifest and decide whether an
        // interrupted run's stages may be reused.
        var inputs: [String: String] = [:]
        for (name, url) in [("panel", config.panel), ("profiles", config.profiles), ("catalogue", config.catalogue), ("weights", config.weights), ("planted", config.planted)] {
            if let u = url, let d = fm.contents(atPath: u.path) { inputs[name] = SHA256.hex(d) }
        }
        // ESCO is a folder: its files' names and hashes, in name order, so changed ESCO data is
        // never taken for the data an interrupted run used.
        if let esco = config.esco, let names = try? fm.contentsOfDirectory(atPath: esco.path), !names.isEmpty {
            var listing = ""
            for name in names.sorted() where !name.hasPrefix(".") {
                if let d = fm.contents(atPath: esco.appendingPathComponent(name).path) { listing += "\(name) \(SHA256.hex(d))\n" }
            }
            inputs["esco"] = SHA256.hex(Data(listing.utf8))
        }
        let runKey = SHA256.hex(Data((["mizan \(Self.version)", config.text] + inputs.keys.sorted().map { "\($0)=\(inputs[$0]!)" })
            .joined(separator: "\n").utf8))
        let tmp = Self.partialDirectory(for: output)
        let stateURL = tmp.appendingPathComponent(".resume.json")
        var reusable: [String: Any] = [:]
        if resume, let d = fm.contents(atPath: stateURL.path),
           let old = try? JSONSerialization.jsonObject(with: d) as? [String: Any] {
            if old["key"] as? String == runKey {
                reusable = old["done"] as? [String: Any] ?? [:]
            } else {
                log("the interrupted run used other inputs or another configuration: starting afresh")
            }
        } else if resume {
            log("no interrupted run to resume: starting afresh")
        }
        if reusable.isEmpty {
            try? fm.removeItem(at: tmp)
            try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        }
        var done = reusable
        func markDone(_ stage: String, _ info: Any = true) throws {
            done[stage] = info
            let state: [String: Any] = ["key": runKey, "done": done]
            try JSONSerialization.data(withJSONObject: state, options: [.sortedKeys]).write(to: stateURL, options: .atomic)
        }
        var files: [String] = []
        func write(_ name: String, _ bytes: [UInt8]) throws {
            // Half a file on disk, as a kill in the middle of a write would leave it.
            if name == "shortages.csv" && ProcessInfo.processInfo.environment["MIZAN_FAILPOINT"] == "write" {
                try Data(bytes.prefix(bytes.count / 2)).write(to: tmp.appendingPathComponent(name))
                Failpoint.reach("write")
            }
            try Data(bytes).write(to: tmp.appendingPathComponent(name))
            files.append(name)
        }
        func reuse(_ stage: String, _ names: [String]) -> Bool {
            reusable[stage] != nil && names.allSatisfy { fm.fileExists(atPath: tmp.appendingPathComponent($0).path) }
        }

        // 1. Validate.
        let panel = try PanelReader.read(contentsOf: config.panel)
        guard let lastYear = panel.lastYear else { throw OutlookError("the panel is empty") }
        if let wanted = config.regions {
            let missing = wanted.filter { !panel.regions.contains($0) }
            if !missing.isEmpty {
                throw OutlookError("[report] regions: \(missing.joined(separator: ", ")) not in the panel (it has \(panel.regions.joined(separator: ", ")))")
            }
        }
        try lap("validate")

        // 2. Forecast employment, reconciled.
        var fo = ForecastOptions()
        fo.horizon = config.horizon
        fo.model = config.model
        fo.reconciliation = config.reconciliation
        fo.paths = config.paths
        fo.seed = config.seed
        fo.nonnegative = true
        fo.breaks = config.breaks
        if let first = panel.firstYear, let last = panel.lastYear, let bad = config.breaks.first(where: { $0 <= first || $0 > last }),
           let source = config.source {
            throw InputError(Diagnostic(file: source.path, line: config.breaksPosition.line, column: config.breaksPosition.column,
                                        message: "break year \(bad) is outside the panel's years after the first (\(first + 1)–\(last))"))
        }
        let forecast: PanelForecast
        // How accurate past forecasts made the same way were, shown beside the forecasts.
        let accuracy = try ForecastAccuracy.measure(PanelHistory(panel.series(fo.measure)), model: fo.model, horizon: fo.horizon,
                                                    levels: fo.levels, intervals: fo.intervals)
        if reuse("forecast", ["forecasts.csv", ".forecast.checkpoint"]),
           let f = try? PanelForecast.restore(checkpoint: Array(try Data(contentsOf: tmp.appendingPathComponent(".forecast.checkpoint"))), panel: panel) {
            forecast = f
            files.append("forecasts.csv")
            if let accuracy { try write("forecast_accuracy.csv", accuracy.csv()) }
            try lap("forecast", reused: true)
        } else {
            forecast = try PanelForecaster.run(panel, options: fo)
            Failpoint.reach("forecast")
            for w in forecast.warnings { log("warning: \(w)") }
            try write("forecasts.csv", forecast.csv())
            if let accuracy { try write("forecast_accuracy.csv", accuracy.csv()) }
            try Data(try forecast.checkpoint()).write(to: tmp.appendingPathComponent(".forecast.checkpoint"))
            try markDone("forecast")
            try lap("forecast")
        }

        // 3. Shortages now and at the horizon.
        var sc = ShortageConfig()
        if let w = config.weights { sc = try ShortageConfig.load(w) }
        sc.seed = config.seed
        let model = ShortageModel(config: sc)
        let now = try model.rank(panel: panel, year: lastYear, horizon: 0, forecast: nil)
        let ahead = try model.rank(panel: panel, year: lastYear, horizon: config.horizon, forecast: forecast)
        let target = Horizon.targetYear(listYear: lastYear, years: config.horizon)
        try write("shortages_now.csv", ShortageTable.csv(now, language: config.language, targetYear: lastYear))
        try write("shortages.csv", ShortageTable.csv(ahead, language: config.language, targetYear: target))
        // The same lists for women and for men where the panel splits employment by sex (the
        // workspace's sex filter reads them): their own forecast, fewer paths.
        for sex in ["female", "male"] where panel.measures.contains("employment_\(sex)") {
            let nowSex = try model.rank(panel: panel, year: lastYear, horizon: 0, forecast: nil, sex: sex)
            let f = try EmploymentOutlook.forecast(panel, listYear: lastYear, horizon: config.horizon, sex: sex,
                                                   paths: min(config.paths, 200), seed: config.seed, breaks: config.breaks)
            let aheadSex = try model.rank(panel: panel, year: lastYear, horizon: config.horizon, forecast: f, sex: sex)
            try write("shortages_now_\(sex).csv", ShortageTable.csv(nowSex, language: config.language, targetYear: lastYear))
            try write("shortages_\(sex).csv", ShortageTable.csv(aheadSex, language: config.language, targetYear: target))
        }
        try lap("shortages")

        // 4–5. Skills gap and recommendations, when ESCO and a catalogue are at hand.
        var gapRows: [SkillsGap.Row] = []
        var esco: ESCO?
        var recommendationCount = 0
        var summary: RecommendationSummary?
        if let escoURL = config.esco, let catURL = config.catalogue, fm.fileExists(atPath: escoURL.path) {
            let data = try ESCO.load(directory: escoURL)
            esco = data
            let catalogue = try TrainingCatalogue.read(contentsOf: catURL, esco: data)
            var outlook = ShortageOutlook()
            for r in ahead {
                outlook.entries["\(r.region)/\(r.isco)"] = (r.score, r.pShortage)
                if let o = r.openings { outlook.openings["\(r.region)/\(r.isco)"] = o }
            }
            let engine = Recommender(model: SkillModel(esco: data), catalogue: catalogue, outlook: outlook)
            let people = try config.profiles.map { try ProfileLabels.read(contentsOf: $0, esco: data) } ?? []
            gapRows = SkillsGap.compute(recommender: engine, outlook: outlook, profiles: people)
            try write("skills_gap.csv", SkillsGap.csv(gapRows, esco: data, catalogue: catalogue, language: config.language, largestPerRegion: 300))
            try lap("skills gap")
            if people.isEmpty {
                skipped("recommendations")
            } else if reuse("recommendations", ["recommendations.csv", "recommendations_summary.csv", "recommendations_summary.json"]),
                      let count = reusable["recommendations"] as? Int,
                      let s = try? RecommendationSummary.read(json: Array(Data(contentsOf: tmp.appendingPathComponent("recommendations_summary.json")))) {
                recommendationCount = count
                summary = s
                files += ["recommendations.csv", "recommendations_summary.csv", "recommendations_summary.json"]
                try lap("recommendations", reused: true)
            } else {
                let results = parallelMap(people.count) { engine.recommend(people[$0]) }
                recommendationCount = results.reduce(0) { $0 + $1.recommendations.count }
                try write("recommendations.csv", Array(RecommendationTable.rows(people, results, esco: data, catalogue: catalogue,
                                                                                language: config.language, header: true)))
                let s = RecommendationSummary(people: people, results: results, esco: data, catalogue: catalogue, language: config.language)
                summary = s
                try write("recommendations_summary.csv", s.csv())
                try write("recommendations_summary.json", try s.json())
                try markDone("recommendations", recommendationCount)
                try lap("recommendations")
            }
        } else {
            log("no ESCO folder or catalogue in the configuration: skills gap and recommendations skipped")
            skipped("skills gap"); skipped("recommendations")
        }

        // 6. Report and manifest.
        var planted = Set<String>()
        if let url = config.planted {
            let t = try TextTable.read(contentsOf: url, required: ["isco"])
            planted = Set(t.rows.map { $0[t.index("isco")] })
        }
        let report = OutlookReport(config: config, panel: panel, forecast: forecast, accuracy: accuracy, now: now, ahead: ahead,
                                   lastYear: lastYear, gap: gapRows, esco: esco, recommendations: summary, planted: planted)
        try write("report.html", Array(report.html().utf8))
        try lap("report")
        let manifest: [String: Any] = [
            "mizan_version": Self.version,
            "year": lastYear, "horizon": config.horizon, "target_year": target,
            "seed": Int(config.seed), "config": config.text, "input_sha256": inputs,
            "tables": files.filter { $0.hasSuffix(".csv") }.sorted(),
            "rows": ["forecasts": forecast.seriesCount * forecast.years.count, "shortages": ahead.count, "recommendations": recommendationCount],
            "reconciliation": forecast.reconciliation.rawValue, "shrinkage_lambda": forecast.lambda ?? NSNull(),
            "timings_s": timings.map { ["stage": $0.0, "seconds": (($0.1) * 1000).rounded() / 1000] },
        ]
        try write("manifest.json", Array(try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])))
        // Resume bookkeeping does not belong in the published bundle.
        for hidden in [".forecast.checkpoint", ".resume.json"] { try? fm.removeItem(at: tmp.appendingPathComponent(hidden)) }

        // Swap into place, atomically where the system allows (BundleSwap).
        try BundleSwap.swap(tmp, into: output, failpoint: Failpoint.reach)
        return Summary(files: files.sorted(), timings: timings,
                       reused: timings.map(\.0).filter { $0.hasSuffix("(reused)") }.map { String($0.dropLast(9)) })
    }
}

public struct OutlookError: Error, CustomStringConvertible {
    public let description: String
    public let isInterruption: Bool
    public init(_ d: String) { description = d; isInterruption = false }
    private init(interruption d: String) { description = d; isInterruption = true }
    static func interrupted(_ stage: String) -> OutlookError {
        OutlookError(interruption: "interrupted after the \(stage) stage")
    }
}
