import ArgumentParser
import Foundation
import LabourData
import MizanSupport
import Recommender

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of a batch of recommendations into one table, as one run would have written it.",
        discussion: """
        The shard files (from `mizan recommend --shard i/n`) may be given in any order. The merge checks that together they cover every profile of --profiles exactly once, in order, and that they were run with the same options; otherwise it stops with the reason and writes nothing.
          mizan merge --profiles all.jsonl --out recommendations.csv part-*.csv
        """
    )

    @Option(help: "The profile list the shards were cut from (JSON Lines).") var profiles: String
    @Option(help: "Merged CSV.") var out: String
    @Argument(help: "Shard CSV files.") var shards: [String]

    func run() throws {
        guard !shards.isEmpty else { throw ValidationError("give the shard files") }
        do {
            let ids = try MigrantProfile.readAny(contentsOf: URL(fileURLWithPath: profiles)).map(\.id)
            var parts: [(name: String, bytes: [UInt8])] = []
            for s in shards {
                guard let d = FileManager.default.contents(atPath: s) else {
                    throw InputError(Diagnostic(file: s, line: 0, column: 0, message: "cannot read the file"))
                }
                parts.append((s, [UInt8](d)))
            }
            let merged = try RecommendationMerge.merge(shards: parts, profileIDs: ids)
            try AtomicFile.write(Data(merged), to: URL(fileURLWithPath: out))
            FileHandleStderr.write("\(shards.count) shards, \(ids.count) profiles → \(out)\n")
        } catch let e as InputError {
            printDiagnostics(e)
            throw e.diagnostics.first?.line == 0 && e.diagnostics.first?.file != "--profiles" ? MizanExit.noInput : MizanExit.dataError
        }
    }
}
