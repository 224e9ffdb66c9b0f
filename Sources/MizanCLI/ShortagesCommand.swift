import ArgumentParser
import Forecasting
import Foundation
import LabourData
import OutlookBundle
import Shortage

struct ShortagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortages",
        abstract: "Rank occupations in shortage per region, with uncertainty and reasons.",
        discussion: """
        Each line is one occupation in one region (and nationally, region TOTAL) in the target year (--year + --horizon).

        p_shortage is the probability that demand exceeds supply there and then. Where the panel has past shortage lists (an in_shortage column, 0/1, as a ministry or ANAPEC list gives them), it is a logistic regression of those lists on what was known --horizon years before each (vacancies per job seeker and its change, employment and wage growth, the job-seeker rate, and the stock-flow balance over those years), averaged over forecast paths and rate draws: a calibrated probability, the same meaning in every region. Without such lists it is the forward probability p_forward: the share of draws in which openings (expansion + replacement of leavers) exceed new supply (graduates, school leavers, returnees, immigrants, available job seekers) by more than τ = 2 % of employment. p_basis says which; at --horizon 0 without lists there is none.

        The list is sorted by score (the calibrated log-odds, or without lists a weighted mean of the indicators' z-scores on one national scale, each indicator weighted by how cleanly it reads the signal the indicators share in this panel — printed on standard error; [ranking] weighting = "fixed" uses the configured weights); rank_lo–rank_hi is the 90 % interval of the rank over the draws, rank_national the rank among all regions' cells. Registry coverage is estimated per region (registry_coverage) and taken out of the job-seeker rate.

        --evaluate fits on the lists before --year and scores that year's list: Brier, log loss, AUC, precision in the top 10 %, a reliability table, beside a logistic regression on the tension ratio alone and the base rate (horizon 0 unless --horizon is given).

        Rates, threshold and weights can be changed in a TOML file (--weights), e.g.:
          [probability]
          threshold = 0.02
          [exit_rates.retirement]
          55_64 = 0.05
          [supply]
          graduate_entry = 0.5

        Examples:
          mizan shortages --panel Datasets/morocco/panel.csv --region "Casablanca-Settat"
          mizan shortages --panel labelled.csv --year 2024 --evaluate
        """
    )

    @Option(help: "Panel CSV or .xlsx.") var panel: String
    @OptionGroup var columnNames: ColumnsOption
    @Option(help: "Year of the list (default: the panel's last year); with --evaluate, the year scored.") var year: Int?
    @Option(help: "Years ahead (default 5; 0: the present; with --evaluate, default 0).") var horizon: Int?
    @Option(help: "Region to print (all regions are written).") var region: String?
    @Option(help: "Rows printed per list.") var top: Int = 10
    @Option(help: "fr, en or ar (ar: French titles, Arabic reasons).") var lang: Language = .french
    @Option(help: "TOML file with rates, threshold and weights.") var weights: String?
    @Option(help: "female or male: use the _female/_male measures where the panel has them.") var sex: String?
    @Option(help: "Forecast sample paths.") var paths: Int = 200
    @Flag(help: "Score the list of --year against its labels, fitting on earlier lists only.") var evaluate = false
    @Option(name: .customLong("break"), help: "A series break year for the employment forecast (repeatable; see mizan forecast --help).")
    var breaks: [Int] = []
    @Option(help: "Graduates by training programme: year,region,programme,graduates (with --programme-map).")
    var graduates: String?
    @Option(help: "Programme → ISCO shares: programme,isco,share (rows of a programme sum to 1).")
    var programmeMap: String?
    @Option(help: "Output CSV or .xlsx with every region's list (without it, the top of the list is printed and nothing is written).")
    var out: String?

    func run() throws {
        let shownRegion = try resolveRegion(region) ?? Regions.total
        let language = lang
        guard sex == nil || sex == "female" || sex == "male" else { throw ValidationError("--sex must be female or male") }
        let horizon = self.horizon ?? 5
        if let problem = Horizon.listProblem(horizon) { throw ValidationError("--horizon: \(problem)") }
        var config = ShortageConfig()
        if let w = weights {
            do { config = try ShortageConfig.load(URL(fileURLWithPath: w)) } catch {
                printDiagnostics(error)
                throw MizanExit.dataError
            }
        }
        let data = try loadPanel(panel, columns: columnNames)
        let model = ShortageModel(config: config)
        let listYear = year ?? data.lastYear ?? 0
        if evaluate {
            let report = try dataStep(panel) { try ShortageEvaluation.evaluate(model: model, panel: data, year: listYear, horizon: self.horizon ?? 0, paths: paths) }
            print(report.text, terminator: "")
            return
        }
        let mapped = try programmeGraduates()
        var stage = ShortageListStage(model: model)
        stage.paths = paths
        stage.breaks = breaks
        let output = try dataStep(panel) { try stage.run(panel: data, year: listYear, horizon: horizon, sex: sex, graduates: mapped) }
        for warning in output.warnings { FileHandleStderr.write("warning: \(warning)\n") }
        let list = output.list
        let rows = list.rows
        if let cal = list.calibration {
            let shown = cal.coefficients.map { "\($0.indicator.rawValue) \(String(format: "%+.2f", $0.coefficient))" }
            FileHandleStderr.write("p_shortage calibrated on lists \(cal.years.lowerBound)–\(cal.years.upperBound) (\(cal.observations) cells): \(shown.joined(separator: ", "))\n")
        } else {
            FileHandleStderr.write("p_shortage: \(horizon > 0 ? "forward balance only" : "none at horizon 0") (\(list.calibrationNote ?? ""))\n")
            if let w = list.compositeWeights {
                let shown = Indicator.allCases.compactMap { i in w[i].map { "\(i.rawValue) \(String(format: "%.2f", $0))" } }
                FileHandleStderr.write("score: weighted mean of z-scores, weights \(stage.model.config.weighting == .learned ? "learned from the panel" : "as configured"): \(shown.joined(separator: ", "))\n")
            }
        }
        let target = Horizon.targetYear(listYear: listYear, years: horizon)
        let isco = ISCO08.standard
        let table = ShortageListFile.csv(rows, language: language, targetYear: target)
        if let out { try writeOutput(table, to: out) }

        // The top of the list on the terminal.
        let show = [shownRegion]
        for g in show {
            let list = rows.filter { $0.region == g }.prefix(top)
            guard !list.isEmpty else { print("no rows for region \(g)"); continue }
            let name = g == Regions.total ? (language.usesFrench ? "national" : "national") : "\(g) \(Regions.name(g))"
            print(language.usesFrench ? "Liste des pénuries, \(name), \(listYear)→\(target) (p : probabilité que la demande dépasse l'offre en \(target); base : \(rows.first?.basis.description ?? "none"))"
                                      : "Shortage list, \(name), \(listYear)→\(target) (p: probability that demand exceeds supply in \(target); basis: \(rows.first?.basis.description ?? "none"))")
            print("rank  isco  p     title")
            for r in list {
                let title = String((isco.title(r.isco, language) ?? "").prefix(48)).trimmingCharacters(in: .whitespaces)
                let rank: String = String(r.rank).padding(toLength: 6, withPad: " ", startingAt: 0)
                let p: String = r.pShortage.map(format2) ?? " –  "
                print(rank + r.isco + "  " + p + "  " + title)
                let why = r.reasons(language, targetYear: target).prefix(2).joined(separator: "; ")
                if !why.isEmpty { print("                  " + why) }
            }
        }
        if let out {
            FileHandleStderr.write("\(rows.count) rows → \(out)\n")
        } else {
            FileHandleStderr.write("\(rows.count) rows in all regions; write them with --out shortages.csv (or .xlsx)\n")
        }
    }

    /// Graduates by programme spread over ISCO codes, when --graduates and --programme-map are given.
    func programmeGraduates() throws -> [String: [Int: Double]]? {
        guard graduates != nil || programmeMap != nil else { return nil }
        guard let g = graduates, let m = programmeMap else { throw ValidationError("--graduates and --programme-map go together") }
        return try dataStep(g) {
            let gt = try TextTable.read(contentsOf: URL(fileURLWithPath: g), required: ["year", "region", "programme", "graduates"])
            let mt = try TextTable.read(contentsOf: URL(fileURLWithPath: m), required: ["programme", "isco", "share"])
            var rowsG: [(year: Int, region: String, programme: String, count: Double)] = []
            for i in gt.rows.indices {
                let y = try gt.number(i, "year")
                rowsG.append((Int(y), gt.rows[i][gt.index("region")], gt.rows[i][gt.index("programme")], try gt.number(i, "graduates")))
            }
            var rowsM: [(programme: String, isco: String, share: Double)] = []
            for i in mt.rows.indices {
                let code = mt.rows[i][mt.index("isco")]
                guard ISCO08.standard.contains(code) else {
                    throw InputError(Diagnostic(file: mt.file, line: mt.lines[i], column: 1, message: "isco '\(code)' is not in ISCO-08"))
                }
                rowsM.append((mt.rows[i][mt.index("programme")], code, try mt.number(i, "share")))
            }
            return try GraduateMapping.apply(graduates: rowsG, mapping: rowsM)
        }
    }

    func format2(_ x: Double) -> String { String(format: "%.2f", x) }
}
