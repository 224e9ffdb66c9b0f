import ArgumentParser
import Foundation
import LabourData
import Recommender

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Screen many profiles at once: the occupations closest to each by skills (cosine).",
        discussion: """
        Scores every profile against every occupation by the cosine of their skill vectors (occupation weights: essential 1, optional 0.5; profile: skill levels) and keeps the top --top of each — the batch screening before detailed recommendations. Computed as a sparse product through an inverted index of the occupations, in bounded memory, on all cores.
          mizan match --occupations occupation_skills.csv --profiles profiles.csv --top 10 --out top10.csv
        Inputs: occupation,skill,weight and profile_id,skill,level (rows of a profile together).
        """
    )

    @Option(help: "occupation,skill,weight CSV.") var occupations: String
    @Option(help: "profile_id,skill,level CSV.") var profiles: String
    @Option(help: "Occupations kept per profile.") var top: Int = 10
    @Option(help: "Output CSV.") var out: String

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let started = Date()
        let matcher = try dataStep(occupations, otherwise: MizanExit.cannotCreate) {
            try BatchMatcher.load(occupations: URL(fileURLWithPath: occupations))
        }
        // Streamed in blocks: memory stays bounded whatever the number of profiles.
        let count = try dataStep(out, otherwise: MizanExit.cannotCreate) {
            try matcher.stream(profiles: URL(fileURLWithPath: profiles), top: top, to: URL(fileURLWithPath: out))
        }
        let s = Date().timeIntervalSince(started)
        FileHandleStderr.write("\(count) profiles × \(matcher.occupationNames.count) occupations → \(out) in \(String(format: "%.2f", s)) s\n")
    }
}
