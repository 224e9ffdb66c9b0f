import Forecasting
import Foundation
import LabourData
import MizanSupport
import OutlookBundle
import Recommender
import Scenarios
import Shortage

/// The outlook's stages — validate → forecast → shortages → skills gap and recommendations →
/// report — each with what it takes and what it gives, and the tables it writes.
extension OutlookRunner {
    /// What the forecast stage gives: the reconciled forecast and the accuracy of past ones
    /// (nil when the history is too short to measure it).
    struct ForecastStage {
        let forecast: PanelForecast
        let accuracy: ForecastAccuracy?
    }

    /// The shortage lists: at the panel's last year and at the horizon.
    struct ShortageLists {
        let listYear: Int
        let targetYear: Int
        let now: [ShortageRow]
        let ahead: [ShortageRow]
        /// The two lists for everyone as published (`shortages_now.csv`, `shortages.csv`).
        let published: [ShortageListFile.Horizon: [PublishedShortage]]
    }

    /// The skills gap and the recommendations (empty without ESCO and a catalogue).
    struct Guidance {
        var gap: [SkillsGap.Row] = []
        var esco: ESCO?
        var recommendationCount = 0
        var summary: RecommendationSummary?
    }

    /// 1. The panel, validated, with the report's regions in it.
    func validate(_ bundle: PartialBundle) throws -> Panel {
        let panel = try PanelReader.read(contentsOf: config.panel)
        guard panel.lastYear != nil else { throw OutlookError("the panel is empty") }
        if let wanted = config.regions {
            let missing = wanted.filter { !panel.regions.contains($0) }
            if !missing.isEmpty {
                throw OutlookError("[report] regions: \(missing.joined(separator: ", ")) not in the panel (it has \(panel.regions.joined(separator: ", ")))")
            }
        }
        try bundle.lap("validate")
        return panel
    }

    /// 2. Employment forecast, reconciled (or the interrupted run's, from its checkpoint).
    func forecast(_ panel: Panel, _ bundle: PartialBundle) throws -> ForecastStage {
        let fo = config.forecastOptions
        if let first = panel.firstYear, let last = panel.lastYear, let bad = config.breaks.first(where: { $0 <= first || $0 > last }),
           let source = config.source {
            throw InputError(Diagnostic(file: source.path, line: config.breaksPosition.line, column: config.breaksPosition.column,
                                        message: "break year \(bad) is outside the panel's years after the first (\(first + 1)–\(last))"))
        }
        // How accurate past forecasts made the same way were, shown beside the forecasts.
        let accuracy = try ForecastAccuracy.measure(panel, options: fo)
        if bundle.canReuse("forecast", ["forecasts.csv", ".forecast.checkpoint"]),
           let f = try? PanelForecast.restore(checkpoint: Array(try Data(contentsOf: bundle.url(".forecast.checkpoint"))), panel: panel) {
            bundle.keep(["forecasts.csv"])
            if let accuracy { try bundle.write("forecast_accuracy.csv", accuracy.csv()) }
            try bundle.lap("forecast", reused: true)
            return ForecastStage(forecast: f, accuracy: accuracy)
        }
        let forecast = try PanelForecaster.run(panel, options: fo)
        Failpoint.reach("forecast")
        for w in forecast.warnings { log("warning: \(w)") }
        try bundle.write("forecasts.csv", forecast.csv())
        if let accuracy { try bundle.write("forecast_accuracy.csv", accuracy.csv()) }
        try Data(try forecast.checkpoint()).write(to: bundle.url(".forecast.checkpoint"))
        try bundle.markDone("forecast")
        try bundle.lap("forecast")
        return ForecastStage(forecast: forecast, accuracy: accuracy)
    }

    /// 3. Shortage lists now and at the horizon; the same for women and for men where the panel
    /// splits employment by sex (the workspace's sex filter reads them), each from a forecast of
    /// that sex's employment made with the outlook's own forecast options.
    func shortages(_ panel: Panel, _ forecast: PanelForecast, _ files: OutlookInputs, _ bundle: PartialBundle) throws -> ShortageLists {
        let lastYear = panel.lastYear!
        let model = ShortageModel(config: files.shortage)
        let now = try model.rank(panel: panel, year: lastYear, horizon: 0, forecast: nil)
        let ahead = try model.rank(panel: panel, year: lastYear, horizon: config.horizon, forecast: forecast)
        let target = Horizon.targetYear(listYear: lastYear, years: config.horizon)
        let published: [ShortageListFile.Horizon: [PublishedShortage]] = [
            .now: now.map { $0.published(config.language, targetYear: lastYear) },
            .target: ahead.map { $0.published(config.language, targetYear: target) }]
        for (h, rows) in published.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try bundle.write(ShortageListFile.name(h, .all), ShortageListFile.csv(rows))
        }
        // Forecast as the main list was (model, reconciliation, paths, seed, breaks): only the measure differs.
        var bySex = ShortageListStage(model: model)
        bySex.forecastOptions = config.forecastOptions
        for sex in ["female", "male"] where panel.measures.contains("employment_\(sex)") {
            let nowSex = try model.rank(panel: panel, year: lastYear, horizon: 0, forecast: nil, sex: sex)
            let aheadSex = try bySex.run(panel: panel, year: lastYear, horizon: config.horizon, sex: sex).list.rows
            let s: ShortageListFile.Sex = sex == "female" ? .female : .male
            try bundle.write(ShortageListFile.name(.now, s), ShortageListFile.csv(nowSex, language: config.language, targetYear: lastYear))
            try bundle.write(ShortageListFile.name(.target, s), ShortageListFile.csv(aheadSex, language: config.language, targetYear: target))
        }
        try bundle.lap("shortages")
        return ShortageLists(listYear: lastYear, targetYear: target, now: now, ahead: ahead, published: published)
    }

    /// 4–5. Skills gap and recommendations for every profile, when ESCO and a catalogue are at hand.
    func skillsAndRecommendations(_ ahead: [PublishedShortage], _ files: OutlookInputs, _ bundle: PartialBundle) throws -> Guidance {
        guard let read = files.guidance else {
            log("no ESCO folder or catalogue in the configuration: skills gap and recommendations skipped")
            bundle.skipped("skills gap"); bundle.skipped("recommendations")
            return Guidance()
        }
        var guidance = Guidance()
        let (data, catalogue, people) = (read.esco, read.catalogue, read.people)
        guidance.esco = data
        let outlook = ShortageOutlook(rows: ahead)
        let engine = Recommender(model: SkillModel(esco: data), catalogue: catalogue, outlook: outlook)
        // Names that could be several ESCO entries are kept (as the likeliest occupation, or as
        // any of the skills); only their number goes to the log, which holds nothing personal.
        let ambiguous = read.ambiguous
        if ambiguous > 0 { log("warning: \(ambiguous) names in the profiles could be several ESCO entries and were kept as such (mizan recommend on the file lists them)") }
        guidance.gap = SkillsGap.compute(recommender: engine, outlook: outlook, profiles: people)
        try bundle.write("skills_gap.csv", SkillsGap.csv(guidance.gap, esco: data, catalogue: catalogue, language: config.language, largestPerRegion: 300))
        try bundle.lap("skills gap")
        let tables = ["recommendations.csv", "recommendations_summary.csv", "recommendations_summary.json"]
        if people.isEmpty {
            bundle.skipped("recommendations")
        } else if bundle.canReuse("recommendations", tables), let count = bundle.reusable["recommendations"] as? Int,
                  let s = try? RecommendationSummary.read(json: Array(Data(contentsOf: bundle.url("recommendations_summary.json")))) {
            guidance.recommendationCount = count
            guidance.summary = s
            bundle.keep(tables)
            try bundle.lap("recommendations", reused: true)
        } else {
            var results: [RecommendationBatch.Result] = []
            var table: [UInt8] = []
            RecommendationBatch.run(people, engine: engine) { range, block in
                table += RecommendationTable.rows(Array(people[range]), block, esco: data, catalogue: catalogue,
                                                  language: config.language, header: range.lowerBound == 0)
                results += block
            }
            guidance.recommendationCount = results.reduce(0) { $0 + $1.recommendations.count }
            try bundle.write("recommendations.csv", table)
            let s = RecommendationSummary(people: people, results: results, esco: data, catalogue: catalogue, language: config.language)
            guidance.summary = s
            try bundle.write("recommendations_summary.csv", s.csv())
            try bundle.write("recommendations_summary.json", try s.json())
            try bundle.markDone("recommendations", guidance.recommendationCount)
            try bundle.lap("recommendations")
        }
        return guidance
    }

    /// 6. The HTML report and the manifest (input hashes, configuration, seed, timings).
    func report(panel: Panel, forecast: ForecastStage, lists: ShortageLists, guidance: Guidance, files: OutlookInputs,
                inputs: [String: String], _ bundle: PartialBundle) throws -> BundlePublication {
        let planted = files.planted
        // With a staffing matrix: the baseline's change split into sector and mix effects.
        var shiftShare: [ShiftShare.Row] = []
        if let staffing = files.staffing ?? StaffingMatrix(panel: panel, file: config.panel.path) {
            shiftShare = ShiftShare.compute(panel: panel, forecast: forecast.forecast, staffing: staffing)
            try bundle.write("shift_share.csv", ShiftShare.csv(shiftShare))
        }
        var report = OutlookReport(config: config, panel: panel, forecast: forecast.forecast, accuracy: forecast.accuracy, now: lists.now,
                                   ahead: lists.ahead, lastYear: lists.listYear, gap: guidance.gap, esco: guidance.esco,
                                   recommendations: guidance.summary, planted: planted)
        report.shiftShare = shiftShare
        try bundle.write("report.html", Array(report.html().utf8))
        try bundle.lap("report")
        let f = forecast.forecast
        var manifest = BundleManifest(mizanVersion: Self.version, year: lists.listYear, horizon: config.horizon, targetYear: lists.targetYear,
                                      seed: Int(config.seed), config: config.text, inputSHA256: inputs,
                                      tables: bundle.files.filter { $0.hasSuffix(".csv") }.sorted())
        manifest.rows = ["forecasts": f.seriesCount * f.years.count, "shortages": lists.ahead.count, "recommendations": guidance.recommendationCount]
        manifest.reconciliation = f.reconciliation.rawValue
        manifest.shrinkageLambda = f.lambda
        manifest.intervalCalibration = f.ownCalibration?.summary ?? "intervals from the shipped competition tables"
        manifest.forecastPaths = Self.pathsFile
        manifest.forecastKey = config.forecastKey(panelSHA256: inputs["panel"] ?? "")
        manifest.timings = bundle.timings.map { .init(stage: $0.stage, seconds: ($0.seconds * 1000).rounded() / 1000) }
        try bundle.write(BundleManifest.fileName, try manifest.json())
        return BundlePublication(manifest: manifest, lists: lists.published, forecasts: f.records())
    }
}
