import Foundation
import LabourData
import Outlook
import TestSupport
import Testing

@Suite("Yearly outlook")
struct OutlookTests {
    static func tempDir() throws -> URL { try temporaryFolder("outlook") }

    /// The small panel and `toml` as outlook.toml in `dir`, loaded.
    static func config(in dir: URL, _ toml: String) throws -> OutlookConfig {
        _ = try panel(in: dir)
        let url = dir.appendingPathComponent("outlook.toml")
        try toml.write(to: url, atomically: true, encoding: .utf8)
        return try OutlookConfig.load(url)
    }

    /// A small panel: 3 regions × 6 unit groups × 12 years.
    static func panel(in dir: URL) throws -> URL {
        var rows = ["year,region,isco,employment,jobseekers,vacancies,median_wage,graduates"]
        var rng = SeededGenerator(seed: 12)
        for region in ["MA-01", "MA-04", "MA-06"] {
            for code in ["2221", "2512", "5120", "7212", "8332", "9211"] {
                var e = 500 + 400 * rng.uniform()
                for year in 2013...2024 {
                    e *= 1.02 + 0.02 * rng.normal()
                    rows.append("\(year),\(region),\(code),\(e.rounded()),\((e * 0.08).rounded()),\((e * 0.02 * (1 + rng.uniform())).rounded()),\((3000 * (1 + 0.03 * Double(year - 2013))).rounded()),\((e * 0.01).rounded())")
                }
            }
        }
        let url = dir.appendingPathComponent("panel.csv")
        try rows.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("the bundle is complete, its tables byte-identical across runs, and a failed run leaves it intact")
    func bundle() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try Self.config(in: dir, "[inputs]\npanel = \"panel.csv\"\n[forecast]\nhorizon = 3\npaths = 60\n[report]\nlanguage = \"en\"\n")
        let out = dir.appendingPathComponent("bundle")
        let first = try OutlookRunner(config: config).run(into: out)
        #expect(first.files == ["forecast_accuracy.csv", "forecasts.csv", "manifest.json", "report.html", "shortages.csv", "shortages_now.csv"])
        let tables = ["forecast_accuracy.csv", "forecasts.csv", "shortages.csv", "shortages_now.csv", "report.html"]
        let before = try tables.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        _ = try OutlookRunner(config: config).run(into: out)
        let after = try tables.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(before == after)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Occupational shortage outlook 2024–2027"))
        // The footer describes the panel used (a user's own, here), and p says what it rests on.
        #expect(html.contains("panel panel.csv (216 rows, 2013–2024, 3 regions) · data supplied by the user"))
        #expect(!html.contains("calibrated, not observed") && !html.contains("◆"))
        #expect(html.contains("p = probability that openings (expansion + replacement) exceed new supply by more than 2 % of employment by 2027"))
        // Every supply source named: what new supply counts, what the panel lacks, and the entrants no panel measure counts.
        #expect(html.contains("New supply counts: graduates, job seekers; not observed: school leavers, returnees, immigrants."), "\(html.prefix(4000))")
        #expect(html.contains("Without school leavers, no measure of the panel counts young people entering work without a diploma, nor training outputs its graduates leave out"))
        // Past accuracy beside the forecasts: per level and step, from the same model.
        #expect(html.contains("Accuracy of past forecasts") && html.contains("national × all"))
        let accuracy = try String(contentsOf: out.appendingPathComponent("forecast_accuracy.csv"), encoding: .utf8).split(separator: "\n")
        #expect(accuracy.first == "level,step,model,origins,series,mase,smape,crps,coverage80,coverage95,msis80,msis95")
        #expect(accuracy.contains { $0.hasPrefix("national × all,3,auto,") })
        // Self-contained: nothing to fetch.
        #expect(!html.contains("<link") && !html.contains("<script") && !html.contains("src="))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as! [String: Any]
        #expect((manifest["input_sha256"] as? [String: String])?["panel"]?.count == 64)
        #expect(manifest["target_year"] as? Int == 2027)

        // A missing weights file fails before any stage: nothing is left beside the bundle.
        var missing = config
        missing.weights = dir.appendingPathComponent("missing.toml")
        #expect(throws: (any Error).self) { try OutlookRunner(config: missing).run(into: out) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".bundle") }.isEmpty)
        // A run stopped part-way (every input is now checked first, so: stopped after the
        // forecast, as a kill would) leaves the previous bundle alone.
        var stopped = OutlookRunner(config: config)
        stopped.interruptAfter = "forecast"
        #expect(throws: (any Error).self) { try stopped.run(into: out) }
        #expect(try Data(contentsOf: out.appendingPathComponent("forecasts.csv")) == before[1])
        // Only the partial bundle (kept for --resume) is left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".bundle") }
        #expect(leftovers == [".bundle.partial"])
        _ = try OutlookRunner(config: config).run(into: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".bundle") }.isEmpty)
    }

    @Test("a run killed after the forecast leaves the previous bundle intact, and --resume finishes it with the same bytes")
    func resume() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try Self.config(in: dir, "[inputs]\npanel = \"panel.csv\"\n[forecast]\nhorizon = 3\npaths = 60\n")
        let out = dir.appendingPathComponent("bundle")
        let tables = ["forecasts.csv", "shortages.csv", "shortages_now.csv", "report.html"]
        _ = try OutlookRunner(config: config).run(into: out)
        let previous = try tables.map { try Data(contentsOf: out.appendingPathComponent($0)) }

        var killed = OutlookRunner(config: config)
        killed.interruptAfter = "forecast"
        #expect(throws: OutlookError.self) { try killed.run(into: out) }
        #expect(try tables.map { try Data(contentsOf: out.appendingPathComponent($0)) } == previous)

        var resumed = OutlookRunner(config: config)
        resumed.resume = true
        var lines: [String] = []
        resumed.log = { lines.append($0) }
        let summary = try resumed.run(into: out)
        #expect(summary.reused == ["forecast"])
        #expect(lines.contains { $0.contains("forecast reused") })
        #expect(try tables.map { try Data(contentsOf: out.appendingPathComponent($0)) } == previous)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".forecast.checkpoint").path))

        // A changed input is never mixed with an interrupted run's stages.
        #expect(throws: OutlookError.self) { try killed.run(into: out) }
        var text = try String(contentsOf: config.panel, encoding: .utf8)
        text = text.replacingOccurrences(of: "2024,MA-01,2221,", with: "2024,MA-01,2221,1")
        try text.write(to: config.panel, atomically: true, encoding: .utf8)
        let fresh = try resumed.run(into: out)
        #expect(fresh.reused.isEmpty)
    }

    @Test("changed ESCO data is never reused: the resume key hashes the ESCO folder")
    func escoInResumeKey() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let esco = dir.appendingPathComponent("esco")
        try FileManager.default.createDirectory(at: esco, withIntermediateDirectories: true)
        try "uri,label\nx,welder\n".write(to: esco.appendingPathComponent("occupations_en.csv"), atomically: true, encoding: .utf8)
        let config = try Self.config(in: dir, "[inputs]\npanel = \"panel.csv\"\nesco = \"esco\"\n[forecast]\nhorizon = 3\npaths = 60\n")
        let out = dir.appendingPathComponent("bundle")
        var killed = OutlookRunner(config: config)
        killed.interruptAfter = "forecast"
        #expect(throws: OutlookError.self) { try killed.run(into: out) }
        try "uri,label\nx,soudeur\n".write(to: esco.appendingPathComponent("occupations_en.csv"), atomically: true, encoding: .utf8)
        var resumed = OutlookRunner(config: config)
        resumed.resume = true
        var lines: [String] = []
        resumed.log = { lines.append($0) }
        let summary = try resumed.run(into: out)
        #expect(summary.reused.isEmpty)
        #expect(lines.contains { $0.contains("other inputs") })
    }

    @Test("configuration errors are located")
    func configErrors() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("o.toml")
        try "[inputs]\npanel = \"p.csv\"\n[forecast]\nhorizon = 0\nmodel = \"magic\"\n[report]\ncolour = \"red\"\n".write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try OutlookConfig.load(url)
            Issue.record("accepted")
        } catch {
            let text = error.description
            #expect(text.contains("o.toml:4:11: forecast.horizon must be a whole number in 1…20"))
            #expect(text.contains("o.toml:5:9: forecast.model is one of auto, naive, drift") && text.contains("(found 'magic')"))
            #expect(text.contains("unknown setting 'report.colour'"))
        }
    }

    @Test("a mistake in any file the configuration names fails before the first stage, at its line and column, leaving nothing")
    func namedFilesCheckedFirst() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "[weights]\ntension = 1\nvacancy_rate = \"high\"\n".write(to: dir.appendingPathComponent("weights.toml"), atomically: true, encoding: .utf8)
        try "isco,why\n7212,planted\n".write(to: dir.appendingPathComponent("planted.csv"), atomically: true, encoding: .utf8)
        try "year,region,sector,isco,employment\n2024,MA-01,C,7212,many\n".write(to: dir.appendingPathComponent("staffing.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("bundle")
        for (setting, where_) in [("weights = \"weights.toml\"", "weights.toml:3:16:"), ("staffing = \"staffing.csv\"", "staffing.csv:2:")] {
            let config = try Self.config(in: dir, "[inputs]\npanel = \"panel.csv\"\nplanted = \"planted.csv\"\n\(setting)\n")
            var stages: [String] = []
            var runner = OutlookRunner(config: config)
            runner.progress = { _, _, stage in stages.append(stage) }
            do {
                _ = try runner.run(into: out)
                Issue.record("\(setting) accepted")
            } catch {
                #expect("\(error)".contains(where_), "\(error)")
            }
            // Not even the panel was validated: the mistake is found in the time it takes to read it.
            #expect(stages.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: out.path))
            #expect(!FileManager.default.fileExists(atPath: OutlookRunner.partialDirectory(for: out).path))
        }
    }
}

@Suite("Recommendation summary")
struct RecommendationSummaryTests {
    @Test("with ESCO, the bundle has the recommendations and their summary; a resume after them reuses both, same bytes")
    func withProfiles() throws {
        let dir = try OutlookTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = try OutlookTests.config(in: dir, "[inputs]\npanel = \"panel.csv\"\n[forecast]\nhorizon = 3\npaths = 40\n")
        config.esco = try SharedData.dataset("esco")
        config.catalogue = SharedData.repository("Datasets/training/catalogue.csv")
        config.profiles = SharedData.repository("Datasets/profiles/sample.jsonl")
        let out = dir.appendingPathComponent("bundle")
        let first = try OutlookRunner(config: config).run(into: out)
        #expect(first.files.contains("recommendations_summary.json") && first.files.contains("recommendations.csv"))
        let names = ["recommendations.csv", "recommendations_summary.csv", "report.html"]
        let before = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        let summary = try RecommendationSummary.read(json: Array(Data(contentsOf: out.appendingPathComponent("recommendations_summary.json"))))
        #expect(summary.rows.first?.region == "TOTAL" && summary.rows.first?.profiles == 40)
        // Small cells: counts only.
        for r in summary.rows where r.profiles < RecommendationSummary.minimumCell { #expect(r.destinations.isEmpty && r.modules.isEmpty) }

        var killed = OutlookRunner(config: config)
        killed.interruptAfter = "recommendations"
        #expect(throws: OutlookError.self) { try killed.run(into: out) }
        var resumed = OutlookRunner(config: config)
        resumed.resume = true
        let again = try resumed.run(into: out)
        #expect(again.reused == ["forecast", "recommendations"])
        #expect(again.files == first.files)
        #expect(try names.map { try Data(contentsOf: out.appendingPathComponent($0)) } == before)
    }

    @Test("the JSON written for the bundle reads back to the same rows (the resume path relies on it)")
    func roundTrip() throws {
        let s = RecommendationSummary(rows: [
            .init(region: "TOTAL", profiles: 40, placed: 27, medianHours: 240, destinations: [("7115 Carpenters", 4), ("7122 Floor layers", 3)],
                  modules: [("BTP-01", 6)]),
            .init(region: "MA-07", profiles: 2, placed: 0, medianHours: nil, destinations: [], modules: []),
        ])
        #expect(try RecommendationSummary.read(json: s.json()) == s)
        let csv = String(decoding: s.csv(), as: UTF8.self)
        #expect(csv.hasPrefix("region,profiles,with_destination,median_training_hours,top_destinations,top_modules\n"))
        #expect(csv.contains("TOTAL,40,27,240,7115 Carpenters (4)|7122 Floor layers (3),BTP-01 (6)\n"))
        #expect(csv.contains("MA-07,2,0,,,\n"))
    }
}
