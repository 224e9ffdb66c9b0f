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
    public var log: (String) -> Void = { _ in }
    public init(config: OutlookConfig) { self.config = config }

    public struct Summary: Sendable {
        public var files: [String]
        public var timings: [(stage: String, seconds: Double)]
    }

    public func run(into output: URL) throws -> Summary {
        var timings: [(String, Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ stage: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings.append((stage, Double(now - clock) * 1e-9))
            log("\(stage) done in \(String(format: "%.2f", Double(now - clock) * 1e-9)) s")
            clock = now
        }
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let tmp = parent.appendingPathComponent(".\(output.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: tmp)
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        var finished = false
        defer { if !finished { try? fm.removeItem(at: tmp) } }
        var files: [String] = []
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: tmp.appendingPathComponent(name))
            files.append(name)
        }

        // 1. Validate.
        let panel = try PanelReader.read(contentsOf: config.panel)
        guard let lastYear = panel.lastYear else { throw OutlookError("the panel is empty") }
        lap("validate")

        // 2. Forecast employment, reconciled.
        var fo = ForecastOptions()
        fo.horizon = config.horizon
        fo.model = config.model
        fo.reconciliation = config.reconciliation
        fo.paths = config.paths
        fo.seed = config.seed
        fo.nonnegative = true
        let forecast = try PanelForecaster.run(panel, options: fo)
        for w in forecast.warnings { log("warning: \(w)") }
        try write("forecasts.csv", forecast.csv())
        lap("forecast")

        // 3. Shortages now and at the horizon.
        var sc = ShortageConfig()
        if let w = config.weights { sc = try ShortageConfig.load(w) }
        sc.seed = config.seed
        let model = ShortageModel(config: sc)
        let now = try model.rank(panel: panel, year: lastYear, horizon: 0, forecast: nil)
        let ahead = try model.rank(panel: panel, year: lastYear, horizon: config.horizon, forecast: forecast)
        let target = lastYear + config.horizon
        try write("shortages_now.csv", ShortageTable.csv(now, language: config.language, targetYear: lastYear))
        try write("shortages.csv", ShortageTable.csv(ahead, language: config.language, targetYear: target))
        lap("shortages")

        // 4–5. Skills gap and recommendations, when ESCO and a catalogue are at hand.
        var gapRows: [SkillsGap.Row] = []
        var esco: ESCO?
        var recommendationCount = 0
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
            let people = try config.profiles.map { try MigrantProfile.read(contentsOf: $0) } ?? []
            gapRows = SkillsGap.compute(recommender: engine, outlook: outlook, profiles: people)
            var w = CSVWriter(decimals: 2)
            w.row(["region", "skill_uri", "skill", "demand", "supply", "gap", "modules"])
            // The 300 largest gaps of each region (the full list is mostly near-zero demand).
            var perRegion: [String: Int] = [:]
            for r in gapRows where r.gap > 0 {
                perRegion[r.region, default: 0] += 1
                if perRegion[r.region]! > 300 { continue }
                w.text(r.region); w.comma(); w.text(data.skills[r.skill].uri); w.comma(); w.text(data.skills[r.skill].label(config.language)); w.comma()
                w.number(r.demand); w.comma(); w.number(r.supply); w.comma(); w.number(r.gap); w.comma()
                w.text(r.modules.map { catalogue.modules[$0].id }.joined(separator: "|")); w.newline()
            }
            try write("skills_gap.csv", w.bytes)
            lap("skills gap")
            if !people.isEmpty {
                let results = parallelMap(people.count) { engine.recommend(people[$0]) }
                recommendationCount = results.reduce(0) { $0 + $1.recommendations.count }
                try write("recommendations.csv", Array(RecommendationTable.rows(people, results, esco: data, catalogue: catalogue,
                                                                                language: config.language, header: true)))
                lap("recommendations")
            }
        } else {
            log("no ESCO folder or catalogue in the configuration: skills gap and recommendations skipped")
        }

        // 6. Report and manifest.
        let report = OutlookReport(config: config, panel: panel, forecast: forecast, now: now, ahead: ahead, lastYear: lastYear,
                                   gap: gapRows, esco: esco)
        try write("report.html", Array(report.html().utf8))
        lap("report")
        var inputs: [String: String] = [:]
        for (name, url) in [("panel", config.panel), ("profiles", config.profiles), ("catalogue", config.catalogue), ("weights", config.weights)] {
            if let u = url, let d = fm.contents(atPath: u.path) { inputs[name] = SHA256.hex(d) }
        }
        let manifest: [String: Any] = [
            "mizan_version": "0.1.0",
            "year": lastYear, "horizon": config.horizon, "target_year": target,
            "seed": Int(config.seed), "config": config.text, "input_sha256": inputs,
            "tables": files.filter { $0.hasSuffix(".csv") }.sorted(),
            "rows": ["forecasts": forecast.seriesCount * forecast.years.count, "shortages": ahead.count, "recommendations": recommendationCount],
            "reconciliation": forecast.reconciliation.rawValue, "shrinkage_lambda": forecast.lambda ?? NSNull(),
            "timings_s": timings.map { ["stage": $0.0, "seconds": (($0.1) * 1000).rounded() / 1000] },
        ]
        try write("manifest.json", Array(try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])))

        // Swap into place: the previous bundle is moved aside first and removed only once the new
        // one stands where it stood.
        let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        let hadOld = fm.fileExists(atPath: output.path)
        if hadOld { try fm.moveItem(at: output, to: old) }
        do { try fm.moveItem(at: tmp, to: output) } catch {
            if hadOld { try? fm.moveItem(at: old, to: output) }
            throw error
        }
        if hadOld { try? fm.removeItem(at: old) }
        finished = true
        return Summary(files: files.sorted(), timings: timings)
    }
}

public struct OutlookError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
