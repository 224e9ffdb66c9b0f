import Foundation
import Testing
import TestSupport

/// Every subcommand of the real binary, as a user first meets it: help that exits 0, an unknown
/// option that exits 64, an input that does not exist that exits 66 with the path named, and
/// (where the command writes) an output that cannot be written that exits 73.
@Suite("Every mizan subcommand: help, usage errors, unreadable input, unwritable output")
struct EveryCommandTests {
    static let commands = ["outlook", "scenario", "validate", "taxonomy", "forecast", "backtest", "reconcile", "shortages", "transitions",
                           "evaluate-transitions", "recommend", "merge", "match", "skills-gap", "skills", "vintages", "regress", "profile-risk", "serve"]

    @Test("--help exits 0 and teaches; an unknown option exits 64", arguments: commands)
    func helpAndUsage(command: String) throws {
        let help = try MizanProcess.run([command, "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: mizan \(command)"), "\(command): \(help.stderr)")
        let bad = try MizanProcess.run([command, "--no-such-option"])
        #expect(bad.status == 64 && bad.stderr.contains("Usage: mizan \(command)"), "\(command): \(bad.status) \(bad.stderr)")
    }

    @Test("an input that does not exist: exit 66, the path named, nothing written", arguments: [
        ["validate", "/nonexistent/panel.csv"],
        ["forecast", "--panel", "/nonexistent/panel.csv", "--out", "OUT"],
        ["backtest", "--panel", "/nonexistent/panel.csv", "--out", "OUT"],
        ["reconcile", "--base", "/nonexistent/panel.csv", "--out", "OUT"],
        ["shortages", "--panel", "/nonexistent/panel.csv", "--out", "OUT"],
        ["transitions", "--from", "welder", "--esco", "/nonexistent/esco"],
        ["transitions", "--from", "welder", "--onet", "/nonexistent/onet"],
        ["evaluate-transitions", "--crosswalk", "/nonexistent/crosswalk.csv"],
        ["recommend", "--profile", "/nonexistent/panel.csv"],
        ["merge", "--profiles", "/nonexistent/panel.csv", "--out", "OUT", "/nonexistent/part.csv"],
        ["match", "--occupations", "/nonexistent/panel.csv", "--profiles", "/nonexistent/p.csv", "--out", "OUT"],
        ["skills-gap", "--shortages", "/nonexistent/panel.csv", "--out", "OUT"],
        ["skills", "search", "weld", "--esco", "/nonexistent/esco"],
        ["regress", "/nonexistent/panel.csv", "--y", "a", "--x", "b"],
        ["profile-risk", "--registry", "/nonexistent/panel.csv", "--train-until", "2020", "--out", "OUT"],
        ["serve", "--bundle", "/nonexistent/bundle", "--port", "1"],
        ["outlook", "--config", "/nonexistent/panel.toml", "--out", "OUT"],
        ["scenario", "--config", "/nonexistent/panel.toml", "--scenario", "/nonexistent/s.toml", "--out", "OUT"],
    ])
    func unreadableInput(arguments: [String]) throws {
        let dir = try MizanProcess.scratch()
        let out = dir.appendingPathComponent("out.csv").path
        let run = try MizanProcess.run(arguments.map { $0 == "OUT" ? out : $0 })
        #expect(run.status == 66, "\(arguments): \(run.status) \(run.stderr)")
        #expect(run.stderr.contains("/nonexistent/"), "\(arguments): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    // A path under a regular file can be written by no one, root included.
    @Test("an output that cannot be written: exit 73, the path named", arguments: [
        ["forecast", "--panel", "PANEL", "--horizon", "2", "--out", "BLOCKED/f.csv"],
        ["shortages", "--panel", "PANEL", "--horizon", "0", "--out", "BLOCKED/s.csv"],
        ["profile-risk", "--registry", "REGISTRY", "--train-until", "2021", "--out", "BLOCKED/scores.csv"],
    ])
    func unwritableOutput(arguments: [String]) throws {
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/tiny_panel.csv").path
        let registry = SharedData.repository("Datasets/morocco/registry.csv").path
        let blocked = try MizanProcess.scratch().appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocked)
        let run = try MizanProcess.run(arguments.map {
            $0 == "PANEL" ? panel : $0 == "REGISTRY" ? registry : $0.replacingOccurrences(of: "BLOCKED", with: blocked.path)
        })
        #expect(run.status == 73, "\(arguments): \(run.status) \(run.stderr)")
        #expect(run.stderr.contains(blocked.path + "/"), "\(arguments): \(run.stderr)")
    }

    /// A missing output folder is made, as `mkdir -p`, by every command that writes, and said on
    /// stderr once (the outermost folder made), so a mistyped path does not go unseen.
    @Test("an output folder that does not exist: made, said on stderr, the output written", arguments: [
        ["forecast", "--panel", "PANEL", "--horizon", "2", "--paths", "20", "--out", "NEW/deeper/f.csv"],
        ["backtest", "--panel", "PANEL", "--origins", "2", "--horizon", "1", "--out", "NEW/deeper/b.csv"],
        ["shortages", "--panel", "PANEL", "--horizon", "0", "--out", "NEW/deeper/s.xlsx"],
        ["profile-risk", "--registry", "REGISTRY", "--train-until", "2021", "--out", "NEW/deeper/scores.csv"],
        ["outlook", "--config", "CONFIG", "--out", "NEW/deeper/bundle", "--no-record"],
    ])
    func missingOutputFolder(arguments: [String]) throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/tiny_panel.csv").path
        let config = dir.appendingPathComponent("outlook.toml")
        try "[inputs]\npanel = \"\(panel)\"\n[forecast]\nhorizon = 2\npaths = 20\n".write(to: config, atomically: true, encoding: .utf8)
        let new = dir.appendingPathComponent("new")
        let args = arguments.map {
            $0 == "PANEL" ? panel : $0 == "CONFIG" ? config.path
                : $0 == "REGISTRY" ? SharedData.repository("Datasets/morocco/registry.csv").path
                : $0.replacingOccurrences(of: "NEW", with: new.path)
        }
        let run = try MizanProcess.run(args)
        #expect(run.status == 0, "\(arguments): \(run.status) \(run.stderr)")
        let said = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("note: made the folder ") }
        #expect(said == ["note: made the folder \(new.path) for the output (it did not exist)"], "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: args.last { $0.hasPrefix(new.path) }!))
    }

    /// No input reaches exit 70: a panel that would make a forecast overflow is refused as data
    /// (65). The guard is fired on purpose in debug builds (`MIZAN_FAILPOINT=nonfinite-forecast`).
    @Test("an internal error: exit 70, said as one, nothing written; a panel that overflows is a data error (65)")
    func internalError() throws {
        let dir = try MizanProcess.scratch()
        let out = dir.appendingPathComponent("f.csv").path
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/tiny_panel.csv").path
        let run = try MizanProcess.run(["forecast", "--panel", panel, "--horizon", "2", "--out", out], environment: ["MIZAN_FAILPOINT": "nonfinite-forecast"])
        #expect(run.status == 70, "\(run.status) \(run.stderr)")
        #expect(run.stderr.contains("internal error: non-finite forecast") && run.stderr.contains("nothing written"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let huge = dir.appendingPathComponent("huge.csv")
        let rows = (2010...2024).map { "\($0),MA-01,7212,\(1e307 * (1 + 0.5 * Double($0 - 2010)))" }
        try ("year,region,isco,employment\n" + rows.joined(separator: "\n") + "\n").write(to: huge, atomically: true, encoding: .utf8)
        let overflow = try MizanProcess.run(["forecast", "--panel", huge.path, "--out", out])
        #expect(overflow.status == 65 && overflow.stderr.contains("non-finite value"), "\(overflow.status) \(overflow.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
