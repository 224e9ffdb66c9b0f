import ArgumentParser
import Foundation
import LabourData
import MizanSupport
import Outlook

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "What if: a scenario's shocks through the whole chain, shown against the baseline outlook.",
        discussion: """
        Makes the outlook's baseline forecast (as --config says), applies the scenario's shocks to its reconciled sample paths and forward balance, and writes one bundle in --out: forecasts.csv and shortages.csv under the scenario (the outlook's columns), scenario_vs_baseline.csv (region,isco,year,measure,baseline,scenario,difference,difference_lo80,difference_hi80 for employment at every level and year, and openings, new_supply, imbalance, p_shortage at the horizon), drivers.csv (each shock alone and their interaction), shortage_list_changes.csv (occupations entering or leaving the printed top lists), recommendation_changes.csv (profiles whose first recommendation changes, by pseudonymous id), skills_gap.csv (the profiles' gap under the scenario's list), scenario.toml, manifest.json and report.html.

        Shock kinds (annotated examples: Datasets/morocco/scenarios/*.toml):
          sector_jobs       jobs added (negative: lost) in a sector and region from a year on, spread by the staffing matrix
          occupation_jobs   the same for ISCO codes (shares given, or by employment)
          sector_growth     a sector grows `percent` points a year faster (slower) than the baseline
          returnees, immigrants   arrivals by year entering new supply (by sector or ISCO shares)
          training_places   extra graduates by occupation, region and year
          demography        exit-rate multipliers: retirement, mortality, emigration, mobility
        Sectors need inputs.staffing in the outlook configuration (year,region,sector,isco,employment). A scenario without shocks reproduces the outlook's forecasts.csv, shortages.csv and skills_gap.csv byte for byte. The scenario is recorded in the vintages store like an outlook (its run key includes the scenario's hash): `mizan vintages list` names it, `mizan vintages diff OUTLOOK SCENARIO` shows what it moves on each top list.

        Exit codes: 0 done, 65 bad input (file:line:column on stderr; nothing written), 66 an input is missing, 73 --out is not a folder Mizan may replace.
          mizan scenario --config Datasets/morocco/outlook.toml --scenario Datasets/morocco/scenarios/kenitra_plant.toml --out out/scenario-kenitra
          mizan scenario --config Datasets/morocco/outlook.toml --baseline out/outlook --scenario … --out …   (reuses the outlook's forecast and paths)
        """
    )

    @Option(help: "Outlook configuration (TOML): the baseline.") var config: String
    @Option(help: "Scenario (TOML) with [[shock]] tables.") var scenario: String
    @Option(help: "Output directory (replaced atomically; a previous scenario or outlook bundle only).") var out: String
    @Option(help: "An outlook bundle of the same configuration (its forecast_paths.bin is reused, no new forecast).") var baseline: String?
    @Option(help: "fr, en or ar (overrides the configuration; ar: French texts with Arabic shortage reasons).") var lang: Language?
    @Option(help: "Vintages store the scenario is recorded in (default: vintages.sqlite beside --out).") var vintages: String?
    @Flag(help: "Do not record the scenario in the vintages store.") var noRecord = false

    func run() throws {
        var cfg = try dataStep(config) { try OutlookConfig.load(URL(fileURLWithPath: config)) }
        if let l = lang {
            cfg.language = l
        }
        var runner = ScenarioRunner(config: cfg, scenario: URL(fileURLWithPath: scenario))
        runner.log = { FileHandleStderr.write("scenario: \($0)\n") }
        runner.baseline = baseline.map { URL(fileURLWithPath: $0) }
        do {
            let summary = try runner.run(into: URL(fileURLWithPath: out))
            let recs = summary.recommendationChanges.map { ", \($0) profiles' first recommendation changed" } ?? ""
            FileHandleStderr.write("scenario written to \(out): \(summary.listChanges) list entries or exits\(recs); \(summary.files.joined(separator: ", "))\n")
            // Recorded beside the outlooks: `mizan vintages diff BASELINE SCENARIO` compares their lists.
            if !noRecord { try VintageRecording.record(summary.publication, bundle: out, store: vintages) }
        } catch let e as OutlookOutputError {
            FileHandleStderr.write("\(e)\n")
            throw MizanExit.cannotCreate
        } catch let e as ScenarioBaselineError {
            FileHandleStderr.write("\(e)\n")
            throw MizanExit.dataError
        } catch let e as OutputFileError {
            FileHandleStderr.write("\(e)\n")
            throw MizanExit.cannotCreate
        } catch {
            try dataStep(scenario) { throw error }
        }
    }
}
