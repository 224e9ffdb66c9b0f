import ArgumentParser
import Foundation
import LabourData
import Recommender

struct TransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transitions",
        abstract: "Occupations a person can move to from a given one, by skill overlap (ESCO).",
        discussion: """
        Scores every ESCO occupation by how much of its skill profile the origin already covers (essential skills count double optional ones; rare skills count more than generic ones; a related skill in the ESCO hierarchy earns a quarter credit), blended (0.65/0.35, plus 0.05 in the same ISCO minor group) with how alike the two occupations' O*NET work profiles are (importance and level of 35 skills and 33 knowledge areas, through the ESCO ↔ O*NET crosswalk; a destination without an O*NET occupation of its own gets half that credit, its group's mean profile would overstate it), keeping destinations within one ISCO skill level. Near duplicates are listed once, with their variants. Lists, for each, the skills shared and the essential ones missing — what training must add.

        Judged against O*NET's expert related-occupation lists on origins never used for tuning: see `mizan evaluate-transitions`.

        A destination one skill level up is marked; with --catalogue every line shows its minimum-hours training path (the modules, their hours, the skills no module teaches).

        --from takes an ESCO URI, an ISCO code (all its ESCO occupations together) or a label in English or French. With --shortages (a `mizan shortages` list) each destination shows its shortage probability in --region (else nationally); with --panel, its latest median wage there.
          mizan transitions --from "welder" --esco ../shared/datasets/esco --top 10
          mizan transitions --from "welder" --shortages out/outlook/shortages.csv --panel Datasets/morocco/panel.csv --region Casablanca-Settat
          mizan transitions --from 2221 --esco ../shared/datasets/esco --lang fr --format json
          mizan transitions --from "welder" --catalogue Datasets/training/catalogue.csv --region MA-06
        This uses the ESCO classification of the European Commission.
        """
    )

    @Option(help: "ESCO URI, ISCO code or occupation label.") var from: String
    @OptionGroup var skillData: SkillModelOptions
    @Option(help: "Destinations listed.") var top: Int = 10
    @Option(help: "fr or en (ar gives French).") var lang: Language = .english
    @Option(help: "table, json or csv.") var format: String = "table"
    @Option(help: "Largest ISCO skill-level distance allowed.") var maxLevelDistance: Int = 1
    @Option(help: "Shortage list (`mizan shortages`): each destination's p_shortage.") var shortages: String?
    @Option(help: "Panel with median_wage: each destination's latest wage.") var panel: String?
    @Option(help: "Region for the outlook and the wage (code or name; default national).") var region: String?
    @Option(help: "Training catalogue CSV: each destination's minimum-hours training path (modules offered in --region, else anywhere).") var catalogue: String?

    func run() throws {
        let language = lang
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format must be table, json or csv") }
        let place = try resolveRegion(region) ?? Regions.total
        let outlook = try shortages.map { s in try dataStep(s) { try ShortageOutlook.read(contentsOf: URL(fileURLWithPath: s)) } }
        let wages = try panel.map { try loadPanel($0) }
        let model = try skillData.load().model
        let data = model.esco
        let origins = model.resolve(from)
        guard !origins.isEmpty else {
            FileHandleStderr.write("no ESCO occupation matches '\(from)' (try an ISCO code or another label)\n")
            throw MizanExit.dataError
        }
        let training = try catalogue.map { path in
            Recommender(model: model, catalogue: try dataStep(path) { try TrainingCatalogue.read(contentsOf: URL(fileURLWithPath: path), esco: data) },
                        outlook: nil)
        }
        let list = TransitionList(model: model, origins: origins, top: top, maxLevelDistance: maxLevelDistance, outlook: outlook,
                                  wages: wages, region: place, training: training)
        switch format {
        case "json": print(String(decoding: try list.json(query: from, language), as: UTF8.self))
        case "csv": FileHandle.standardOutput.write(Data(list.csv(language)))
        default: print(list.text(query: from, language), terminator: "")
        }
    }
}
