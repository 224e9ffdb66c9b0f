import ArgumentParser
import Foundation
import LabourData
import Outlook

struct OutlookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outlook",
        abstract: "The yearly outlook: from the year's statistics to a report planners can publish.",
        discussion: """
        Runs validate → forecast (reconciled) → shortages now and at the horizon → skills gap → recommendations for every profile, as the TOML configuration says (annotated example: Datasets/morocco/outlook.toml), and writes one bundle in --out: forecasts.csv, shortages_now.csv, shortages.csv, skills_gap.csv, recommendations.csv, manifest.json (input SHA-256s, configuration, seed, timings) and report.html (self-contained: tables, fan charts, heat map; print it to PDF from a browser).

        The bundle is built in a temporary directory and renamed into place at the end: an interrupted run leaves the previous outlook intact. Same inputs and seed give byte-identical tables.
          mizan outlook --config Datasets/morocco/outlook.toml --out out/outlook
        """
    )

    @Option(help: "Outlook configuration (TOML).") var config: String
    @Option(help: "Output directory (replaced atomically).") var out: String
    @Option(help: "fr or en (overrides the configuration).") var lang: String?

    func run() throws {
        var cfg: OutlookConfig
        do { cfg = try OutlookConfig.load(URL(fileURLWithPath: config)) } catch {
            printDiagnostics(error)
            throw error.diagnostics.first?.line == 0 ? MizanExit.noInput : MizanExit.dataError
        }
        if let l = lang {
            guard let v = Language(rawValue: l) else { throw ValidationError("--lang must be fr or en") }
            cfg.language = v
        }
        var runner = OutlookRunner(config: cfg)
        runner.log = { FileHandleStderr.write("outlook: \($0)\n") }
        do {
            let summary = try runner.run(into: URL(fileURLWithPath: out))
            FileHandleStderr.write("outlook written to \(out): \(summary.files.joined(separator: ", "))\n")
        } catch let e as InputError {
            printDiagnostics(e)
            throw MizanExit.dataError
        } catch {
            FileHandleStderr.write("outlook failed: \(error); the previous outlook, if any, is untouched\n")
            throw MizanExit.dataError
        }
    }
}
