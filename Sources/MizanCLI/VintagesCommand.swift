import ArgumentParser
import Foundation
import LabourData
import MizanSupport
import Vintages

struct VintagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vintages",
        abstract: "Past outlooks: list them, compare two, score one against what happened.",
        discussion: """
        `mizan outlook` records every run in a SQLite store beside its output (out/vintages.sqlite for `make outlook`; --vintages to choose). Ids are <base year>-<n>.
          mizan vintages list
          mizan vintages diff 2023-1 2024-1 --top 10      (no ids: the two latest)
          mizan vintages score 2019-1 --actuals Datasets/morocco/panel.csv
        """,
        subcommands: [List.self, Diff.self, Score.self, Record.self]
    )

    /// One mapping for every subcommand: a vintage or bundle problem is a data error (65) said
    /// in one line; a bundle file that cannot be read or parsed gets its file:line:column.
    static func exit(for error: Error) -> Error {
        switch error {
        case let e as VintageError:
            FileHandleStderr.write("error: \(e)\n")
            return MizanExit.dataError
        case let e as InputError:
            printDiagnostics(e)
            return e.diagnostics.first?.line == 0 ? MizanExit.noInput : MizanExit.dataError
        default:
            return error
        }
    }

    struct StoreOption: ParsableArguments {
        @Option(help: "The vintages store (SQLite).") var store: String = "out/vintages.sqlite"
        func open(mustExist: Bool = true) throws -> VintageStore {
            if mustExist && !FileManager.default.fileExists(atPath: store) {
                FileHandleStderr.write("error: no vintages store at \(store) (run `mizan outlook` first, or pass --store)\n")
                throw MizanExit.noInput
            }
            return try VintageStore(path: URL(fileURLWithPath: store))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every recorded outlook, oldest first.")
        @OptionGroup var options: StoreOption
        func run() throws {
            let vintages = try options.open().list()
            var t = PlainTable(["vintage", "recorded", "base year", "horizon", "panel sha256", "forecasts", "shortage rows", "scenario"])
            for v in vintages {
                t.add([v.id, v.recorded, "\(v.baseYear)", "\(v.horizon)", String(v.panelSHA256.prefix(12)), "\(v.forecastRows)", "\(v.shortageRows)",
                       v.scenario ?? "–"])
            }
            print(vintages.isEmpty ? "no vintages recorded" : t.render())
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Occupations that entered or left the top of each region's shortage list between two vintages, and why.")
        @OptionGroup var options: StoreOption
        @Argument(help: "Earlier vintage (default: the second latest).") var before: String?
        @Argument(help: "Later vintage (default: the latest).") var after: String?
        @Option(help: "Rows of each list that count as the top.") var top = 10
        @Option(help: "now (current list) or horizon (forward-looking list).") var list = "horizon"
        @Option(help: "Only this region (TOTAL for the national list).") var region: String?
        @Option(help: "Also write the rows as CSV.") var out: String?
        func run() throws {
            guard ["now", "horizon"].contains(list) else { throw ValidationError("--list must be now or horizon") }
            let store = try options.open()
            do {
                let known = try store.list().map(\.id)
                guard let after = after ?? known.last, let before = before ?? known.dropLast().last else {
                    throw VintageError("a diff needs two vintages; the store has \(known.count)")
                }
                var d = VintageDiff(before: try store.shortages(before, list: list), after: try store.shortages(after, list: list), top: top).rows
                if let r = try resolveRegion(region) { d = d.filter { $0.region == r } }
                var t = PlainTable(["region", "change", "isco", "occupation", before, after, "why (\(after))"])
                for r in d {
                    t.add([r.region, r.change.rawValue, r.isco, r.title, r.rankBefore.map(String.init) ?? "–", r.rankAfter.map(String.init) ?? "–", r.reasons])
                }
                print(d.isEmpty ? "the top \(top) lists are the same in \(before) and \(after)" : t.render())
                if let o = out {
                    var w = CSVWriter(decimals: 4)
                    w.row(["region", "change", "isco", "title", "rank_before", "rank_after", "reasons"])
                    for r in d {
                        w.row([r.region, r.change.rawValue, r.isco, r.title, r.rankBefore.map(String.init) ?? "", r.rankAfter.map(String.init) ?? "", r.reasons])
                    }
                    try AtomicFile.write(Data(w.bytes), to: URL(fileURLWithPath: o))
                }
            } catch {
                throw VintagesCommand.exit(for: error)
            }
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accuracy of an old outlook against realised data (MAPE, direction of change, rank correlation).",
            discussion: """
            The actuals are a panel in the usual format (see `mizan help validate`) covering the years the vintage forecast, and ideally its base year (for the direction of change and growth ranks). Scores are given per hierarchy level and year.
            """)
        @OptionGroup var options: StoreOption
        @Argument(help: "Vintage to score.") var vintage: String
        @Option(help: "Panel CSV with what happened.") var actuals: String
        @Option(help: "Measure compared.") var measure = "employment"
        @Option(help: "Also write the scores as CSV.") var out: String?
        func run() throws {
            let store = try options.open()
            let panel = try dataStep(actuals) { try PanelReader.read(contentsOf: URL(fileURLWithPath: actuals)) }
            do {
                let s = try VintageScore(vintage: try store.forecasts(vintage), actuals: panel, measure: measure)
                func f(_ v: Double?, _ d: Int) -> String { v.map { $0.isFinite ? String(format: "%.\(d)f", $0) : "–" } ?? "–" }
                var t = PlainTable(["level", "year", "ahead", "series", "MAPE %", "direction right %", "Spearman ρ"])
                for r in s.rows { t.add([r.level, "\(r.year)", "\(r.yearsAhead)", "\(r.series)", f(r.mape, 2), f(r.directionCorrect, 1), f(r.rankCorrelation, 3)]) }
                print("vintage \(vintage) against \(actuals): \(s.matched) forecasts matched\n" + t.render())
                if let o = out {
                    var w = CSVWriter(decimals: 4)
                    w.row(["level", "year", "years_ahead", "series", "mape", "direction_correct", "spearman"])
                    for r in s.rows {
                        w.text(r.level); w.comma(); w.text("\(r.year)"); w.comma(); w.text("\(r.yearsAhead)"); w.comma(); w.text("\(r.series)"); w.comma()
                        w.number(r.mape); w.comma()
                        if let v = r.directionCorrect { w.number(v) }
                        w.comma()
                        if let v = r.rankCorrelation { w.number(v) }
                        w.newline()
                    }
                    try AtomicFile.write(Data(w.bytes), to: URL(fileURLWithPath: o))
                }
            } catch {
                throw VintagesCommand.exit(for: error)
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an outlook bundle written earlier (mizan outlook does this itself).")
        @OptionGroup var options: StoreOption
        @Argument(help: "Bundle directory.") var bundle: String
        func run() throws {
            do {
                let (id, isNew) = try options.open(mustExist: false).record(bundle: URL(fileURLWithPath: bundle))
                print(isNew ? "recorded as vintage \(id)" : "already recorded as vintage \(id)")
            } catch {
                throw VintagesCommand.exit(for: error)
            }
        }
    }
}
