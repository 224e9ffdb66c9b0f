import ArgumentParser
import Foundation
import LabourData
import MizanSupport
import Recommender

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Occupations in shortage a migrant can reach, with the training modules that close the gap.",
        discussion: """
        For one profile (--profile P.json) or many (--profiles P.jsonl, JSON Lines), ranks destination occupations by the skills the person already has (certified > declared > inferred from occupations held — recognition of prior learning), the shortage outlook in their region or the regions they would move to (--shortages, the output of `mizan shortages`), and how little training they need. For each, the training path is a minimum-hours set of catalogue modules that teaches the missing essential skills, prerequisites included, offered where the person can go.

        Sex and nationality in a profile are never used for scoring. Profiles are personal data: they are never logged.

        Profile:
          {"id": "p-0193", "region": "MA-04", "occupations": [{"isco": "7212", "years": 6, "abroad": true}],
           "skills": [{"esco": "http://data.europa.eu/esco/skill/…", "evidence": "certified"}],
           "education_isced": 3, "constraints": {"max_training_hours": 300, "regions": ["MA-06"]}}
          mizan recommend --profile p.json --shortages shortages.csv --lang fr
          mizan recommend --profiles all.jsonl --shortages shortages.csv --out recommendations.csv

        Large batches split across machines with --shard i/n (contiguous slices of the profile list; see docs/scale-out.md) and join with `mizan merge`, which gives the same bytes as one run:
          mizan recommend --profiles all.jsonl --shortages s.csv --shard 3/8 --out part-3.csv
          mizan merge --profiles all.jsonl --out recommendations.csv part-*.csv
        """
    )

    @Option(help: "One profile (JSON).") var profile: String?
    @Option(help: "Many profiles: JSON Lines, or a table (.csv or .xlsx, one person a row: id,region,isco or esco,years,skills,regions,…).") var profiles: String?
    @Option(help: "Shortage list from `mizan shortages`.") var shortages: String?
    @Option(help: "Training catalogue CSV.") var catalogue: String = "Datasets/training/catalogue.csv"
    @Option(help: "Folder of an ESCO CSV download.") var esco: String = "../shared/datasets/esco"
    @Option(parsing: .unconditional, help: "Destinations per profile (1–50).") var top: Int = 5
    @Option(help: "fr or en (ar gives French).") var lang: Language = .french
    @Option(help: "table or json (single profile).") var format: String = "table"
    @Option(help: "Output CSV (batch).") var out: String?
    @Option(help: "Only slice i of n of the profiles (batch), e.g. 3/8; join the slices with `mizan merge`.") var shard: String?

    func run() throws {
        let language = lang
        guard (profile == nil) != (profiles == nil) else { throw ValidationError("give either --profile or --profiles") }
        guard (1...50).contains(top) else { throw ValidationError("--top must be a whole number from 1 to 50 (destinations per profile), not \(top)") }
        if profiles != nil && out == nil { throw ValidationError("--profiles needs --out") }
        if shard != nil && profiles == nil { throw ValidationError("--shard applies to a batch (--profiles)") }
        var slice: Shard?
        if let text = shard {
            do { slice = try Shard(text) } catch { throw ValidationError(error.diagnostics.first?.message ?? "bad --shard") }
        }
        let data = try dataStep(esco) { try ESCO.load(directory: URL(fileURLWithPath: esco)) }
        let profilesFile = profile ?? profiles!
        let ambiguous = WarningList()
        var people = try dataStep(profilesFile) { try ProfileLabels.read(contentsOf: URL(fileURLWithPath: profilesFile), esco: data, warn: ambiguous.add) }
        ambiguous.print(more: "names that could be several ESCO entries")
        if let slice { people = Array(people[slice.range(of: people.count)]) }
        let cat = try dataStep(catalogue) { try TrainingCatalogue.read(contentsOf: URL(fileURLWithPath: catalogue), esco: data) }
        let outlook = try shortages.map { s in try dataStep(s) { try ShortageOutlook.read(contentsOf: URL(fileURLWithPath: s)) } }
        if let outlook {
            let (errors, warnings) = outlook.regionProblems(people, file: profilesFile)
            if !errors.isEmpty {
                printDiagnostics(InputError(diagnostics: errors))
                throw MizanExit.dataError
            }
            for w in warnings.prefix(20) { FileHandleStderr.write("\(w)\n") }
            if warnings.count > 20 { FileHandleStderr.write("warning: \(warnings.count - 20) more profiles outside the shortage list's regions\n") }
        }
        var options = RecommenderOptions()
        options.top = top
        let engine = Recommender(model: SkillModel(esco: data), catalogue: cat, outlook: outlook, options: options)
        let batch = people
        if let out {
            // Batch: blocks of profiles on all cores, each block written as soon as it is done, so
            // memory does not grow with the number of profiles; progress on a terminal (counts
            // only, never any profile content). Temporary file, renamed at the end.
            let url = URL(fileURLWithPath: out)
            do {
                let handle = try AtomicFile.Stream(url)
                let showProgress = people.count > RecommendationBatch.blockSize && isatty(2) != 0
                if people.isEmpty {  // a shard with no profiles still writes the header, for the merge
                    try handle.write(RecommendationTable.rows([], [], esco: data, catalogue: cat, language: language, header: true))
                }
                try RecommendationBatch.run(batch, engine: engine) { range, results in
                    try handle.write(RecommendationTable.rows(Array(batch[range]), results, esco: data, catalogue: cat, language: language,
                                                              header: range.lowerBound == 0))
                    if showProgress { FileHandleStderr.write("\r\(range.upperBound)/\(batch.count) profiles") }
                }
                if showProgress { FileHandleStderr.write("\n") }
                try handle.commit()
            } catch {
                FileHandleStderr.write("\(out): cannot write (\(error.localizedDescription))\n")
                throw MizanExit.cannotCreate
            }
            FileHandleStderr.write("\(people.count) profiles → \(out)\n")
            return
        }
        let (recs, reason) = engine.recommend(people[0])
        if format == "json" {
            let items: [[String: Any]] = recs.map { rec in
                let o = data.occupations[rec.destination]
                return ["esco_uri": o.uri, "isco": o.isco, "title": o.label(language), "score": rec.score, "coverage": rec.coverage,
                        "coverage_after": rec.coverageAfter, "p_shortage": rec.pShortage as Any, "region": rec.region,
                        "modules": rec.modules.map { cat.modules[$0].id }, "hours": rec.hours,
                        "missing_skills": rec.untaught.map { data.skills[$0].label(language) },
                        "reasons": RecommendationTable.reasons(rec, language, esco: data, catalogue: cat),
                        "kind": rec.kind.rawValue, "cost": rec.cost, "route": rec.route.map { cat.modules[$0].id }]
            }
            var obj: [String: Any] = ["profile_id": people[0].id, "recommendations": items]
            if let reason { obj["reason"] = reason }
            let json = try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: json, as: UTF8.self))
            return
        }
        if recs.isEmpty { print((language.usesFrench ? "Aucune destination : " : "No destination: ") + (reason ?? "")); return }
        for (k, rec) in recs.enumerated() {
            let o = data.occupations[rec.destination]
            print("\(k + 1). \(o.label(language))  [\(o.isco)]  " + String(format: "%.2f", rec.score))
            for line in RecommendationTable.reasons(rec, language, esco: data, catalogue: cat) { print("     " + line) }
            for m in rec.modules { print("     · \(cat.modules[m].id) \(cat.modules[m].title(language)) (\(Int(cat.modules[m].hours)) h)") }
        }
    }
}
