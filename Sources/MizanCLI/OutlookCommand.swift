import ArgumentParser
import Foundation
import LabourData
import Outlook

struct OutlookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outlook",
        abstract: "The yearly outlook: from the year's statistics to a report planners can publish.",
        discussion: """
        Runs validate → forecast (reconciled) → shortages now and at the horizon → skills gap → recommendations for every profile, as the TOML configuration says (annotated example: Datasets/morocco/outlook.toml), and writes one bundle in --out: forecasts.csv, shortages_now.csv, shortages.csv, skills_gap.csv, recommendations.csv, recommendations_summary.csv and .json (aggregate counts per region; regions with fewer than 5 profiles show counts only), manifest.json (input SHA-256s, configuration, seed, timings) and report.html (self-contained: tables, fan charts, heat map; print it to PDF from a browser).

        The bundle is built in `.<out>.partial` beside --out and renamed into place at the end: a killed run leaves the previous outlook intact. `--resume` then reuses the finished stages of that run (the forecast, with its sample paths, and the recommendations) when the configuration and every input hash are unchanged; otherwise it starts afresh. Same inputs and seed give byte-identical tables.

        On a terminal a progress bar shows the stages; otherwise (a scheduler's log) one line per stage. Exit codes: 0 done, 65 bad input (file:line:column on stderr), 66 an input is missing, 70 internal failure. Nothing about individual profiles is logged.
          mizan outlook --config Datasets/morocco/outlook.toml --out out/outlook
          mizan outlook --config Datasets/morocco/outlook.toml --out out/outlook --resume
        """
    )

    @Option(help: "Outlook configuration (TOML).") var config: String
    @Option(help: "Output directory (replaced atomically).") var out: String
    @Option(help: "fr, en or ar (overrides the configuration; ar: French texts with Arabic shortage reasons).") var lang: Language?
    @Option(help: "Vintages store the run is recorded in (default: vintages.sqlite beside --out).") var vintages: String?
    @Flag(help: "Do not record the run in the vintages store.") var noRecord = false
    @Flag(help: "Reuse the finished stages of an interrupted run with the same inputs and configuration.") var resume = false

    func run() throws {
        var cfg = try dataStep(config) { try OutlookConfig.load(URL(fileURLWithPath: config)) }
        if let l = lang {
            cfg.language = l
        }
        var runner = OutlookRunner(config: cfg)
        runner.resume = resume
        let terminal = isatty(2) == 1
        if terminal {
            // One bar, redrawn in place; warnings and reuse notes still get their own line.
            runner.log = { line in if !line.hasPrefix("[") { FileHandleStderr.write("\r\u{1B}[K\(line)\n") } }
            runner.progress = { k, n, stage in
                let width = 30, filled = width * k / n
                FileHandleStderr.write("\r\u{1B}[Koutlook [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] \(k)/\(n) \(stage)\(k == n ? "\n" : "")")
            }
        } else {
            runner.log = { FileHandleStderr.write("outlook: \($0)\n") }
        }
        do {
            let summary = try runner.run(into: URL(fileURLWithPath: out))
            let reused = summary.reused.isEmpty ? "" : " (reused: \(summary.reused.joined(separator: ", ")))"
            FileHandleStderr.write("outlook written to \(out): \(summary.files.joined(separator: ", "))\(reused)\n")
            if !noRecord { try VintageRecording.record(summary.publication, bundle: out, store: vintages) }
        } catch let e as InputError {
            printDiagnostics(e)
            throw MizanExit.dataError
        } catch let e as OutlookOutputError {
            FileHandleStderr.write("\(e)\n")
            throw MizanExit.cannotCreate
        } catch {
            let partial = OutlookRunner.partialDirectory(for: URL(fileURLWithPath: out))
            let resumable = FileManager.default.fileExists(atPath: partial.path) ? " (finish with --resume once fixed)" : ""
            FileHandleStderr.write("\noutlook failed: \(error); the previous outlook, if any, is untouched\(resumable)\n")
            throw MizanExit.dataError
        }
    }
}
