import ArgumentParser
import LabourData
import LinearAlgebra
import MizanSupport
import Outlook

@main
struct Mizan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mizan",
        abstract: "Forecast labour-market shortages and turn them into training paths for migrants.",
        discussion: """
        Mizan reads occupation statistics (employment, job seekers, vacancies, graduates … by year × region × ISCO-08 code), forecasts them, ranks occupations in shortage and recommends training paths. Start with `mizan validate` on your panel file.

        Exit codes: 0 success, 64 bad command line, 65 bad input data (every problem listed as file:line:column), 66 an input file cannot be read, 70 internal error.
        """,
        version: MizanVersion.string,
        subcommands: [OutlookCommand.self, ScenarioCommand.self, Validate.self, TaxonomyCommand.self, Forecast.self, BacktestCommand.self, ReconcileCommand.self, ShortagesCommand.self, TransitionsCommand.self, EvaluateTransitionsCommand.self, RecommendCommand.self, MergeCommand.self, MatchCommand.self, SkillsGapCommand.self, SkillsCommand.self, VintagesCommand.self, LeastSquaresCommand.self, ProfileRiskCommand.self, ServeCommand.self]
    )
    /// Every command makes a missing output folder (as `mkdir -p`) and says so here, once.
    static func main() async {
        // OpenBLAS's idle workers, started when it loaded, would spin on a core for the first
        // tenth of a second of every command (see BLASThreadPolicy).
        BLASThreadPolicy.applyNow()
        // Freed working blocks reused, not mapped and zeroed afresh (see MallocPolicy).
        MallocPolicy.applyNow()
        OutputFolder.onMade { FileHandleStderr.write("note: made the folder \($0.path) for the output (it did not exist)\n") }
        // Country files named by MIZAN_COUNTRIES are data: a mistake in one stops every command
        // before it reads a region, at its line and column.
        if let problem = CountryTable.activeProblem {
            FileHandleStderr.write(problem.description + "\n")
            exit(withError: MizanExit.dataError)
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

enum MizanVersion {
    static let string = OutlookRunner.version
}
