import ArgumentParser
import Foundation
import LabourData
import Recommender

struct SkillsGapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skills-gap",
        abstract: "The skills a region lacks most, and the training modules that would supply them.",
        discussion: """
        Demand for a skill in a region = Σ over occupations of their openings (from `mizan shortages`) × how much the occupation's ESCO profiles need the skill. Supply = the registered people in the region who have it (certified, declared or inferred from their occupations). The gap is the demand left unmet; each skill comes with the modules that teach it where they are offered.
          mizan skills-gap --shortages shortages.csv --profiles people.jsonl --region MA-04 --out gap.csv
        """
    )

    @Option(help: "Shortage list with openings (`mizan shortages`).") var shortages: String
    @Option(help: "Registered profiles (JSON Lines).") var profiles: String?
    @Option(help: "Training catalogue CSV.") var catalogue: String = "Datasets/training/catalogue.csv"
    @Option(help: "Folder of an ESCO CSV download.") var esco: String = "../shared/datasets/esco"
    @Option(help: "Only this region.") var region: String?
    @Option(help: "Skills printed per region.") var top: Int = 10
    @Option(help: "fr or en (ar gives French).") var lang: Language = .french
    @Option(help: "Output CSV.") var out: String

    func run() throws {
        let language = lang
        let data = try dataStep(esco) { try ESCO.load(directory: URL(fileURLWithPath: esco)) }
        let cat = try dataStep(catalogue) { try TrainingCatalogue.read(contentsOf: URL(fileURLWithPath: catalogue), esco: data) }
        let outlook = try dataStep(shortages) { try ShortageOutlook.read(contentsOf: URL(fileURLWithPath: shortages)) }
        let ambiguous = WarningList()
        let people = try profiles.map { p in try dataStep(p) { try ProfileLabels.read(contentsOf: URL(fileURLWithPath: p), esco: data, warn: ambiguous.add) } } ?? []
        ambiguous.print(more: "names that could be several ESCO entries")
        guard !outlook.openings.isEmpty else {
            FileHandleStderr.write("\(shortages): no openings column; run `mizan shortages` with a horizon\n")
            throw MizanExit.dataError
        }
        let engine = Recommender(model: SkillModel(esco: data), catalogue: cat, outlook: outlook)
        let region = try resolveRegion(self.region)
        let rows = SkillsGap.compute(recommender: engine, outlook: outlook, profiles: people, regions: region.map { [$0] })
        try writeOutput(SkillsGap.csv(rows, esco: data, catalogue: cat, language: language), to: out)
        for g in Set(rows.map(\.region)).sorted() where region == nil || g == region {
            print("\(g) \(Regions.name(g))")
            for r in rows.filter({ $0.region == g }).prefix(top) {
                let mods = r.modules.prefix(3).map { cat.modules[$0].id }.joined(separator: ", ")
                print(String(format: "  %8.1f  ", r.gap) + data.skills[r.skill].label(language) + (mods.isEmpty ? "" : "  [\(mods)]"))
            }
            if region == nil { break }
        }
    }
}
