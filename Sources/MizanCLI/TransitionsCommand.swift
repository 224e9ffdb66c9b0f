import ArgumentParser
import Foundation
import LabourData
import Recommender

struct TransitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transitions",
        abstract: "Occupations a person can move to from a given one, by skill overlap (ESCO).",
        discussion: """
        Scores every ESCO occupation by how much of its skill profile the origin already covers (essential skills count double optional ones; rare skills count more than generic ones; a related skill in the ESCO hierarchy earns a quarter credit), blended (0.65/0.35, plus 0.05 in the same ISCO minor group) with how alike the two occupations' O*NET work profiles are (importance and level of 35 skills and 33 knowledge areas, through the ESCO ↔ O*NET crosswalk), keeping destinations within one ISCO skill level. Near duplicates are listed once, with their variants. Lists, for each, the skills shared and the essential ones missing — what training must add.

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
    @Option(help: "fr or en.") var lang: String = "en"
    @Option(help: "table, json or csv.") var format: String = "table"
    @Option(help: "Largest ISCO skill-level distance allowed.") var maxLevelDistance: Int = 1
    @Option(help: "Shortage list (`mizan shortages`): each destination's p_shortage.") var shortages: String?
    @Option(help: "Panel with median_wage: each destination's latest wage.") var panel: String?
    @Option(help: "Region for the outlook and the wage (code or name; default national).") var region: String?
    @Option(help: "Training catalogue CSV: each destination's minimum-hours training path (modules offered in --region, else anywhere).") var catalogue: String?

    func run() throws {
        guard let language = Language(rawValue: lang) else { throw ValidationError("--lang must be fr or en") }
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format must be table, json or csv") }
        let place = try resolveRegion(region) ?? Regions.total
        var outlook: ShortageOutlook?
        if let s = shortages {
            do { outlook = try ShortageOutlook.read(contentsOf: URL(fileURLWithPath: s)) } catch {
                printDiagnostics(error)
                throw error.isUnreadable ? MizanExit.noInput : MizanExit.dataError
            }
        }
        let wages = try panel.map { try loadPanel($0) }
        let model = try skillData.load().model
        let data = model.esco
        let origins = model.resolve(from)
        guard !origins.isEmpty else {
            FileHandleStderr.write("no ESCO occupation matches '\(from)' (try an ISCO code or another label)\n")
            throw MizanExit.dataError
        }
        let held = Array(Set(origins.flatMap { model.skills(of: $0) })).sorted()
        let level = SkillModel.skillLevel(isco: data.occupations[origins[0]].isco)
        // Near-duplicate variants collapsed: the first `top` lines are distinct occupations.
        let ranked = model.distinct(model.transitions(held: held, originLevel: level, origins: origins, excluding: Set(origins), top: top * 6,
                                                      maxLevelDistance: maxLevelDistance), top: top, origins: origins)
        let list = ranked.map(\.head)
        func variants(_ k: Int) -> [String] { ranked[k].variants.map { data.occupations[$0].label(language) } }
        // Where the destination stands: p_shortage in the region (else nationally), latest wage.
        func pShortage(_ isco: String) -> (p: Double, region: String)? {
            for r in [place, Regions.total] { if let p = outlook?.lookup(region: r, isco: isco)?.pShortage { return (p, r) } }
            return nil
        }
        func wage(_ isco: String) -> (year: Int, value: Double)? {
            guard let w = wages?.latest("median_wage", region: place, isco: isco) else { return nil }
            return (w.year, w.value)
        }
        // Training paths: a move up a skill level is listed with the training it takes.
        var engine: Recommender?
        if let path = catalogue {
            do { engine = Recommender(model: model, catalogue: try TrainingCatalogue.read(contentsOf: URL(fileURLWithPath: path), esco: data), outlook: nil) } catch {
                printDiagnostics(error)
                throw error.isUnreadable ? MizanExit.noInput : MizanExit.dataError
            }
        }
        let heldSet = Set(held)
        var pathRegions = [place]
        if place == Regions.total, let e = engine {
            let offered: Set<String> = Set(e.catalogue.modules.flatMap { Array($0.regions ?? []) })
            pathRegions += offered.sorted()
        }
        let paths: [TrainingPath?] = list.map { t in engine?.trainingPath(toward: t.destination, held: heldSet, regions: pathRegions) }
        func levelUp(_ d: Int) -> Bool { SkillModel.skillLevel(isco: data.occupations[d].isco) > level }
        func moduleNames(_ p: TrainingPath) -> [String] { p.modules.map { engine!.catalogue.modules[$0].id } }
        let originName = origins.count == 1 ? data.occupations[origins[0]].label(language) : "\(from) (\(origins.count) ESCO occupations)"
        switch format {
        case "json":
            let items: [[String: Any]] = list.enumerated().map { k, t in
                let o = data.occupations[t.destination]
                return ["esco_uri": o.uri, "isco": o.isco, "title": o.label(language), "score": (t.score * 10000).rounded() / 10000, "skill_coverage": (t.coverage * 10000).rounded() / 10000,
                        "shared_skills": t.shared.prefix(8).map { data.skills[$0].label(language) },
                        "missing_skills": t.missing.prefix(8).map { data.skills[$0].label(language) }, "variants": variants(k),
                        "p_shortage": pShortage(o.isco).map { $0.p } as Any, "outlook_region": pShortage(o.isco).map { $0.region } as Any,
                        "median_wage": wage(o.isco).map { $0.value } as Any, "level_up": levelUp(t.destination),
                        "training_modules": paths[k].map(moduleNames) as Any, "training_hours": paths[k].map { $0.hours } as Any,
                        "untaught_skills": paths[k].map { $0.untaught.map { data.skills[$0].label(language) } } as Any]
            }
            let json = try JSONSerialization.data(withJSONObject: ["from": originName, "destinations": items], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        case "csv":
            var w = CSVWriter(decimals: 4)
            w.row(["rank", "esco_uri", "isco", "title", "score", "skill_coverage", "shared_skills", "missing_skills", "variants", "p_shortage", "outlook_region", "median_wage", "level_up", "training_modules", "training_hours", "untaught_skills"])
            for (k, t) in list.enumerated() {
                let o = data.occupations[t.destination]
                w.int(k + 1); w.comma(); w.text(o.uri); w.comma(); w.text(o.isco); w.comma(); w.text(o.label(language)); w.comma()
                w.number(t.score); w.comma(); w.number(t.coverage); w.comma(); w.text(t.shared.prefix(8).map { data.skills[$0].label(language) }.joined(separator: "; "))
                w.comma(); w.text(t.missing.prefix(8).map { data.skills[$0].label(language) }.joined(separator: "; "))
                w.comma(); w.text(variants(k).joined(separator: "; ")); w.comma()
                if let p = pShortage(o.isco) { w.number(p.p); w.comma(); w.text(p.region) } else { w.comma() }
                w.comma()
                if let v = wage(o.isco) { w.number(v.value) }
                w.comma(); w.int(levelUp(t.destination) ? 1 : 0); w.comma()
                if let p = paths[k] {
                    w.text(moduleNames(p).joined(separator: "; ")); w.comma(); w.number(p.hours); w.comma()
                    w.text(p.untaught.map { data.skills[$0].label(language) }.joined(separator: "; "))
                } else { w.comma(); w.comma() }
                w.newline()
            }
            FileHandle.standardOutput.write(Data(w.bytes))
        default:
            print("from: \(originName)")
            for (k, t) in list.enumerated() {
                let o = data.occupations[t.destination]
                print(String(format: "%2d  %.3f  ", k + 1, t.score) + "\(o.isco)  \(o.label(language))")
                var where_: [String] = []
                if let p = pShortage(o.isco) {
                    where_.append((language == .french ? "pénurie p = " : "shortage p = ") + String(format: "%.2f", p.p) + " (\(p.region == Regions.total ? "national" : Regions.name(p.region)))")
                }
                if let v = wage(o.isco) { where_.append((language == .french ? "salaire médian " : "median wage ") + String(format: "%.0f", v.value) + " (\(v.year))") }
                if !where_.isEmpty { print("           " + where_.joined(separator: " · ")) }
                let missing = t.missing.prefix(4).map { data.skills[$0].label(language) }
                let up = levelUp(t.destination) ? (language == .french ? "un niveau de compétence au-dessus — " : "one skill level up — ") : ""
                if !missing.isEmpty { print("           " + up + (language == .french ? "à acquérir : " : "to learn: ") + missing.joined(separator: "; ")) }
                if let p = paths[k], !p.modules.isEmpty || !p.untaught.isEmpty {
                    var parts: [String] = []
                    if !p.modules.isEmpty { parts.append(moduleNames(p).joined(separator: " + ") + String(format: " (%.0f h)", p.hours)) }
                    if !p.untaught.isEmpty { parts.append((language == .french ? "non enseigné : " : "not taught: ") + p.untaught.prefix(3).map { data.skills[$0].label(language) }.joined(separator: "; ")) }
                    let line = (language == .french ? "formation : " : "training: ") + parts.joined(separator: language == .french ? " ; " : "; ")
                    print("           " + line)
                }
                let v = variants(k)
                if !v.isEmpty { print("           " + (language == .french ? "variantes : " : "variants: ") + v.prefix(4).joined(separator: "; ") + (v.count > 4 ? "…" : "")) }
            }
        }
    }
}
