import ArgumentParser
import Forecasting
import Foundation
import LabourData
import Shortage

struct ShortagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortages",
        abstract: "Rank occupations in shortage per region, with uncertainty and reasons.",
        discussion: """
        Combines current indicators (vacancies per job seeker and its change, employment and wage growth, the job-seeker rate) with the forward balance over --horizon years: openings (expansion from the reconciled employment forecast + replacement of leavers, from age bands) against new supply (graduates, returnees, immigrants, available job seekers). Indicators are standardised within each region, so a registry that covers one region better than another does not tilt the list.

        p_shortage is the share of draws — forecast sample paths × perturbed weights — in which the occupation is in its region's top 20 %; rank_lo–rank_hi is the 90 % interval of its rank. Reasons name the two or three indicators that drive each line.

        Weights and rates can be changed in a TOML file (--weights), e.g.:
          [weights]
          imbalance = 0.3
          tension = 0.2
          [exit_rates]
          55_64 = 0.06

        Example:
          mizan shortages --panel Datasets/morocco/panel.csv --region MA-04 --lang fr --out shortages.csv
        """
    )

    @Option(help: "Panel CSV.") var panel: String
    @OptionGroup var columnNames: ColumnsOption
    @Option(help: "Year of the list (default: the panel's last year).") var year: Int?
    @Option(help: "Years ahead for the forward balance (0: current indicators only).") var horizon: Int = 5
    @Option(help: "Region to print (all regions are written).") var region: String?
    @Option(help: "Rows printed per list.") var top: Int = 10
    @Option(help: "fr or en.") var lang: String = "fr"
    @Option(help: "TOML file with weights and rates.") var weights: String?
    @Option(help: "female or male: use the _female/_male measures where the panel has them.") var sex: String?
    @Option(help: "Forecast sample paths.") var paths: Int = 200
    @Flag(help: "Learn the weights from past lists (the panel's in_shortage column) by penalised logistic regression.")
    var estimateWeights = false
    @Option(help: "L2 penalty of --estimate-weights.") var penalty: Double = 1
    @Option(help: "Graduates by training programme: year,region,programme,graduates (with --programme-map).")
    var graduates: String?
    @Option(help: "Programme → ISCO shares: programme,isco,share (rows of a programme sum to 1).")
    var programmeMap: String?
    @Option(help: "Output CSV with every region's list (without it, the top of the list is printed and nothing is written).")
    var out: String?

    func run() throws {
        let shownRegion = try resolveRegion(region) ?? Regions.total
        guard let language = Language(rawValue: lang) else { throw ValidationError("--lang must be fr or en") }
        guard sex == nil || sex == "female" || sex == "male" else { throw ValidationError("--sex must be female or male") }
        guard horizon >= 0 && horizon <= 20 else { throw ValidationError("--horizon must be between 0 and 20") }
        var config = ShortageConfig()
        if let w = weights {
            do { config = try ShortageConfig.load(URL(fileURLWithPath: w)) } catch {
                printDiagnostics(error)
                throw MizanExit.dataError
            }
        }
        let data = try loadPanel(panel, columns: columnNames)
        let listYear = year ?? data.lastYear ?? 0
        if estimateWeights {
            do {
                let est = try ShortageModel(config: config).estimatedWeights(panel: data, lambda: penalty)
                config = est.config
                let shown = Indicator.allCases.compactMap { i in config.weights[i].map { "\(i.rawValue) \(String(format: "%.3f", $0))" } }
                FileHandleStderr.write("weights learned from \(est.observations) labelled cells (λ = \(penalty)): \(shown.joined(separator: ", "))\n")
            } catch {
                FileHandleStderr.write("\(panel): \(error)\n")
                throw MizanExit.dataError
            }
        }
        var mapped: [String: [Int: Double]]?
        if graduates != nil || programmeMap != nil {
            guard let g = graduates, let m = programmeMap else { throw ValidationError("--graduates and --programme-map go together") }
            do {
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
                mapped = try GraduateMapping.apply(graduates: rowsG, mapping: rowsM)
            } catch let e as InputError {
                printDiagnostics(e)
                throw MizanExit.dataError
            } catch {
                FileHandleStderr.write("\(error)\n")
                throw MizanExit.dataError
            }
        }
        var forecast: PanelForecast?
        let measure = sex.map { "employment_\($0)" } ?? "employment"
        if horizon > 0, let last = data.lastYear, listYear + horizon > last {
            guard data.measures.contains(measure) else {
                FileHandleStderr.write("\(panel): no '\(measure)' column for --sex \(sex ?? "")\n")
                throw MizanExit.dataError
            }
            var o = ForecastOptions()
            o.measure = measure
            o.horizon = listYear + horizon - last
            o.paths = paths
            o.nonnegative = true
            do {
                forecast = try PanelForecaster.run(data, options: o)
                for warning in forecast?.warnings ?? [] { FileHandleStderr.write("warning: \(warning)\n") }
            } catch {
                FileHandleStderr.write("\(panel): \(error)\n")
                throw MizanExit.dataError
            }
        }
        let rows: [ShortageRow]
        do {
            rows = try ShortageModel(config: config).rank(panel: data, year: listYear, horizon: horizon, forecast: forecast,
                                                          sex: sex, graduates: mapped)
        } catch {
            FileHandleStderr.write("\(panel): \(error)\n")
            throw MizanExit.dataError
        }
        let target = listYear + horizon
        let isco = ISCO08.standard
        let table = ShortageTable.csv(rows, language: language, targetYear: target)
        if let out { try writeOutput(table, to: out) }

        // The top of the list on the terminal.
        let show = [shownRegion]
        for g in show {
            let list = rows.filter { $0.region == g }.prefix(top)
            guard !list.isEmpty else { print("no rows for region \(g)"); continue }
            let name = g == Regions.total ? (language == .french ? "national" : "national") : "\(g) \(Regions.name(g))"
            print(language == .french ? "Métiers en pénurie, \(name), \(listYear)→\(target)" : "Occupations in shortage, \(name), \(listYear)→\(target)")
            print("rank  isco  p     title")
            for r in list {
                let title = String((isco.title(r.isco, language) ?? "").prefix(48)).trimmingCharacters(in: .whitespaces)
                print(String(r.rank).padding(toLength: 6, withPad: " ", startingAt: 0) + r.isco + "  "
                      + format2(r.pShortage) + "  " + title)
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

    func format2(_ x: Double) -> String { String(format: "%.2f", x) }
}
