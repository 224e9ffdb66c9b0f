import Foundation
import LabourData
import Shortage
import Testing
import TestSupport

/// `mizan shortages` through the real binary: the evaluation a planner runs before trusting a
/// list, and bad input refused with file:line:column, exit 65 and nothing written.
@Suite("mizan shortages (the real binary)")
struct ShortagesCommandTests {
    @Test("--evaluate scores a year's labelled list, fitted on earlier lists, beside the tension logit and the base rate")
    func evaluate() throws {
        let dir = try MizanProcess.scratch()
        try SyntheticMarket(seed: 11).text.write(to: dir.appendingPathComponent("market.csv"), atomically: true, encoding: .utf8)
        let r = try MizanProcess.run(["shortages", "--panel", "market.csv", "--year", "2024", "--evaluate"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        for word in ["Brier", "log loss", "AUC", "precision@10%", "mizan", "tension logit", "base rate", "reliability", "fitted on lists 2015-2023", "jobseeker_rate"] {
            #expect(r.stdout.contains(word), "\(word) missing in:\n\(r.stdout)")
        }
        // The figures printed are the library's evaluation of that year's list, fitted on the
        // lists before it (a wrong year, horizon or fit would print other numbers), and they are
        // what a calibrated list must show: better than the base rate, ranking well above chance.
        let panel = try PanelReader.read(contentsOf: dir.appendingPathComponent("market.csv"))
        let library = try ShortageEvaluation.evaluate(model: ShortageModel(config: ShortageConfig()), panel: panel, year: 2024, horizon: 0)
        #expect(r.stdout == library.text)
        let scores = Dictionary(uniqueKeysWithValues: library.scores.map { ($0.name, $0) })
        let mizan = try #require(scores["mizan"]), base = try #require(scores["base rate"])
        #expect(mizan.brier < base.brier && mizan.auc > 0.75, "\(library.text)")
        // The list itself says what its p rests on.
        let list = try MizanProcess.run(["shortages", "--panel", "market.csv", "--horizon", "0", "--out", "list.csv"], in: dir)
        #expect(list.status == 0 && list.stderr.contains("p_shortage calibrated on lists 2015–2024"), "\(list.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("list.csv"), encoding: .utf8)
        #expect(text.contains(",lists 2015-2024,"))
    }

    @Test("labels that are not 0/1, a TOML rate outside [0, 1], a year with no data: file:line:column, exit 65, nothing written")
    func badInput() throws {
        let dir = try MizanProcess.scratch()
        var text = SyntheticMarket(seed: 3, regions: 2, occupations: 10).text
        try text.write(to: dir.appendingPathComponent("good.csv"), atomically: true, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n2024,MA-01,", with: "\n2024,MA-01,X").replacingOccurrences(of: ",0\n2020,", with: ",2\n2020,")
        try text.write(to: dir.appendingPathComponent("labels.csv"), atomically: true, encoding: .utf8)
        let labels = try MizanProcess.run(["shortages", "--panel", "labels.csv", "--out", "out.csv"], in: dir)
        #expect(labels.status == 65 && labels.stderr.contains("labels.csv:") && labels.stderr.contains("in_shortage must be 0 or 1"), "\(labels.stderr)")
        try "[supply]\ngraduate_entry = 1.5\n".write(to: dir.appendingPathComponent("rates.toml"), atomically: true, encoding: .utf8)
        let rates = try MizanProcess.run(["shortages", "--panel", "good.csv", "--weights", "rates.toml", "--out", "out.csv"], in: dir)
        #expect(rates.status == 65 && rates.stderr.contains("rates.toml:2:18: supply.graduate_entry = 1.5 is outside 0.0…1.0"), "\(rates.stderr)")
        let year = try MizanProcess.run(["shortages", "--panel", "good.csv", "--year", "2031", "--out", "out.csv"], in: dir)
        #expect(year.status == 65 && year.stderr.contains("good.csv:") && year.stderr.contains("2031"), "\(year.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.csv").path))
    }
}

/// Declared series breaks through the real binary: bad declarations refused where they are written.
@Suite("Series breaks through mizan (the real binary)")
struct BreakCommandTests {
    @Test("--break outside the panel or twice, and [forecast] breaks likewise: file:line:column (config) or file (panel), exit 65")
    func badBreaks() throws {
        let dir = try MizanProcess.scratch()
        try SyntheticMarket(seed: 2, regions: 2, occupations: 6).text.write(to: dir.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        let outside = try MizanProcess.run(["forecast", "--panel", "p.csv", "--break", "2031", "--out", "f.csv"], in: dir)
        #expect(outside.status == 65 && outside.stderr.contains("p.csv: break year 2031 is outside the panel's years after the first (2011–2024)"), "\(outside.stderr)")
        let twice = try MizanProcess.run(["forecast", "--panel", "p.csv", "--break", "2020", "--break", "2020", "--out", "f.csv"], in: dir)
        #expect(twice.status == 65 && twice.stderr.contains("declared twice"))
        let ok = try MizanProcess.run(["forecast", "--panel", "p.csv", "--break", "2020", "--horizon", "2", "--out", "f.csv"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        for (breaks, message) in [("[2031]", "outlook.toml:4:10: break year 2031 is outside the panel's years after the first (2011–2024)"),
                                  ("[2011, 2011]", "outlook.toml:4:10: a break year is declared twice")] {
            try "[inputs]\npanel = \"p.csv\"\n[forecast]\nbreaks = \(breaks)\nhorizon = 2\npaths = 20\n"
                .write(to: dir.appendingPathComponent("outlook.toml"), atomically: true, encoding: .utf8)
            let r = try MizanProcess.run(["outlook", "--config", "outlook.toml", "--out", "bundle"], in: dir)
            #expect(r.status == 65 && r.stderr.contains(message), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bundle").path))
        }
    }
}
