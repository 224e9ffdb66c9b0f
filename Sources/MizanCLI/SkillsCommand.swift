import ArgumentParser
import Foundation
import LabourData

struct SkillsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skills",
        abstract: "Find ESCO skills and occupations by the words people use.",
        subcommands: [Search.self]
    )

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Skills (or occupations) whose names start with, or nearly match, what you type.",
            discussion: """
            The type-ahead behind profiles written in words: French or English, with or without accents, singular or plural, a typo allowed. Whole-name matches come first, then names with words starting as typed, then near spellings. A profile may name a skill exactly as one of these lines does.

            Examples:
              mizan skills search "souder a l arc" --lang fr
              mizan skills search weld --top 5
              mizan skills search soudeur --occupations
            """
        )
        @Argument(help: "What a counsellor typed.") var text: String
        @Option(help: "Folder of the ESCO CSV files.") var esco: String = "../shared/datasets/esco"
        @Option(help: "Language of the labels shown (fr or en; ar gives French); both languages are searched.") var lang: Language = .french
        @Option(help: "How many to show.") var top: Int = 10
        @Flag(help: "Search occupations instead of skills.") var occupations = false

        func run() throws {
            let language = lang
            guard top > 0 else { throw ValidationError("--top must be at least 1") }
            let data = try dataStep(esco) { try ESCO.load(directory: URL(fileURLWithPath: esco)) }
            let index = occupations ? data.occupationLabels() : data.skillLabels()
            let hits = index.search(text, top: top)
            if hits.isEmpty { FileHandleStderr.write("nothing close to '\(text)'\n") }
            for h in hits {
                let (label, other, uri) = occupations
                    ? (data.occupations[h.target].label(language), data.occupations[h.target].label(language.usesFrench ? .english : .french), data.occupations[h.target].uri)
                    : (data.skills[h.target].label(language), data.skills[h.target].label(language.usesFrench ? .english : .french), data.skills[h.target].uri)
                let via = h.preferred || h.label == label ? "" : " ← \(h.label)"
                print("\(label) (\(other))\(via)\t\(uri)")
            }
        }
    }
}
