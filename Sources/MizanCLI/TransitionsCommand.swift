import ArgumentParser
import Foundation
import LabourData
import Recommender

struct TransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transitions",
        abstract: "Occupations a person can move to from a given one, by skill overlap (ESCO).",
        discussion: """
        Scores every ESCO occupation by how much of its skill profile the origin already covers (essential skills count double optional ones; rare skills count more than generic ones; a related skill in the ESCO hierarchy earns half credit), keeping destinations within one ISCO skill level. Lists, for each, the skills shared and the essential ones missing — what training must add.

        --from takes an ESCO URI, an ISCO code (all its ESCO occupations together) or a label in English or French.
          mizan transitions --from "welder" --esco ../shared/datasets/esco --top 10
          mizan transitions --from 2221 --esco ../shared/datasets/esco --lang fr --format json
        This uses the ESCO classification of the European Commission.
        """
    )

    @Option(help: "ESCO URI, ISCO code or occupation label.") var from: String
    @Option(help: "Folder of an ESCO CSV download.") var esco: String = "../shared/datasets/esco"
    @Option(help: "Destinations listed.") var top: Int = 10
    @Option(help: "fr or en.") var lang: String = "en"
    @Option(help: "table, json or csv.") var format: String = "table"
    @Option(help: "Largest ISCO skill-level distance allowed.") var maxLevelDistance: Int = 1

    func run() throws {
        guard let language = Language(rawValue: lang) else { throw ValidationError("--lang must be fr or en") }
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format must be table, json or csv") }
        let data: ESCO
        do { data = try ESCO.load(directory: URL(fileURLWithPath: esco)) } catch {
            printDiagnostics(error)
            throw MizanExit.noInput
        }
        let model = SkillModel(esco: data)
        let origins = model.resolve(from)
        guard !origins.isEmpty else {
            FileHandleStderr.write("no ESCO occupation matches '\(from)' (try an ISCO code or another label)\n")
            throw MizanExit.dataError
        }
        let held = Array(Set(origins.flatMap { model.skills(of: $0) })).sorted()
        let level = SkillModel.skillLevel(isco: data.occupations[origins[0]].isco)
        // Near-duplicate variants collapsed: the first `top` lines are distinct occupations.
        let ranked = model.distinct(model.transitions(held: held, originLevel: level, excluding: Set(origins), top: top * 5,
                                                      maxLevelDistance: maxLevelDistance), top: top)
        let list = ranked.map(\.head)
        func variants(_ k: Int) -> [String] { ranked[k].variants.map { data.occupations[$0].label(language) } }
        let originName = origins.count == 1 ? data.occupations[origins[0]].label(language) : "\(from) (\(origins.count) ESCO occupations)"
        switch format {
        case "json":
            let items: [[String: Any]] = list.enumerated().map { k, t in
                let o = data.occupations[t.destination]
                return ["esco_uri": o.uri, "isco": o.isco, "title": o.label(language), "score": (t.score * 10000).rounded() / 10000,
                        "shared_skills": t.shared.prefix(8).map { data.skills[$0].label(language) },
                        "missing_skills": t.missing.prefix(8).map { data.skills[$0].label(language) }, "variants": variants(k)]
            }
            let json = try JSONSerialization.data(withJSONObject: ["from": originName, "destinations": items], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        case "csv":
            var w = CSVWriter(decimals: 4)
            w.row(["rank", "esco_uri", "isco", "title", "score", "shared_skills", "missing_skills", "variants"])
            for (k, t) in list.enumerated() {
                let o = data.occupations[t.destination]
                w.int(k + 1); w.comma(); w.text(o.uri); w.comma(); w.text(o.isco); w.comma(); w.text(o.label(language)); w.comma()
                w.number(t.score); w.comma(); w.text(t.shared.prefix(8).map { data.skills[$0].label(language) }.joined(separator: "; "))
                w.comma(); w.text(t.missing.prefix(8).map { data.skills[$0].label(language) }.joined(separator: "; "))
                w.comma(); w.text(variants(k).joined(separator: "; ")); w.newline()
            }
            FileHandle.standardOutput.write(Data(w.bytes))
        default:
            print("from: \(originName)")
            for (k, t) in list.enumerated() {
                let o = data.occupations[t.destination]
                print(String(format: "%2d  %.3f  ", k + 1, t.score) + "\(o.isco)  \(o.label(language))")
                let missing = t.missing.prefix(4).map { data.skills[$0].label(language) }
                if !missing.isEmpty { print("           " + (language == .french ? "à acquérir : " : "to learn: ") + missing.joined(separator: "; ")) }
                let v = variants(k)
                if !v.isEmpty { print("           " + (language == .french ? "variantes : " : "variants: ") + v.prefix(4).joined(separator: "; ") + (v.count > 4 ? "…" : "")) }
            }
        }
    }
}
