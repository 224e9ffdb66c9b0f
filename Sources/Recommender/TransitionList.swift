import Foundation
import LabourData

/// The transitions list a person or counsellor reads (`mizan transitions`): the distinct
/// occupations nearest to what the person held, each with where it stands in their region
/// (p_shortage, else national; the latest median wage) and, with a catalogue, the training
/// path that closes the gap — so a move one skill level up comes with the training it takes.
public struct TransitionList: Sendable {
    public struct Line: Sendable {
        public let transition: Transition
        /// Near duplicates collapsed under this line.
        public let variants: [Int]
        /// One ISCO skill level above the origin.
        public let levelUp: Bool
        public let pShortage: (p: Double, region: String)?
        public let wage: (year: Int, value: Double)?
        public let path: TrainingPath?
    }

    public let esco: ESCO
    public let origins: [Int]
    public let lines: [Line]
    /// Module ids, for paths.
    let moduleIDs: [String]

    /// The top `top` distinct destinations from `origins` (ESCO occupations held), within
    /// `maxLevelDistance` skill levels. `region` is where the outlook and the wage are read
    /// (`Regions.total`: nationally) and where modules must be offered (anywhere, nationally).
    public init(model: SkillModel, origins: [Int], top: Int, maxLevelDistance: Int = 1, outlook: ShortageOutlook? = nil,
                wages: Panel? = nil, region: String = Regions.total, training: Recommender? = nil) {
        esco = model.esco
        self.origins = origins
        let held = Array(Set(origins.flatMap { model.skills(of: $0) })).sorted()
        let level = SkillModel.skillLevel(isco: esco.occupations[origins[0]].isco)
        let ranked = model.distinct(model.transitions(held: held, originLevel: level, origins: origins, excluding: Set(origins),
                                                      top: top * 6, maxLevelDistance: maxLevelDistance), top: top, origins: origins)
        var pathRegions = [region]
        if region == Regions.total, let t = training {
            let offered: Set<String> = Set(t.catalogue.modules.flatMap { Array($0.regions ?? []) })
            pathRegions += offered.sorted()
        }
        let heldSet = Set(held)
        let esco = self.esco
        lines = ranked.map { head, variants in
            let isco = esco.occupations[head.destination].isco
            let p = [region, Regions.total].lazy.compactMap { r in outlook?.lookup(region: r, isco: isco)?.pShortage.map { (p: $0, region: r) } }.first
            let w = wages?.latest("median_wage", region: region, isco: isco).map { (year: $0.year, value: $0.value) }
            return Line(transition: head, variants: variants,
                        levelUp: SkillModel.skillLevel(isco: isco) > level, pShortage: p, wage: w,
                        path: training?.trainingPath(toward: head.destination, held: heldSet, regions: pathRegions))
        }
        moduleIDs = training?.catalogue.modules.map(\.id) ?? []
    }

    func skillNames(_ skills: some Sequence<Int>, _ language: Language) -> [String] { skills.map { esco.skills[$0].label(language) } }
    func modules(_ p: TrainingPath) -> [String] { p.modules.map { moduleIDs[$0] } }

    /// What the person held, named.
    public func originName(query: String, _ language: Language) -> String {
        origins.count == 1 ? esco.occupations[origins[0]].label(language) : "\(query) (\(origins.count) ESCO occupations)"
    }

    public static let csvColumns = ["rank", "esco_uri", "isco", "title", "score", "skill_coverage", "shared_skills", "missing_skills", "variants",
                                    "p_shortage", "outlook_region", "median_wage", "level_up", "training_modules", "training_hours", "untaught_skills"]

    public func csv(_ language: Language) -> [UInt8] {
        var w = CSVWriter(decimals: 4)
        w.row(Self.csvColumns)
        for (k, line) in lines.enumerated() {
            let t = line.transition, o = esco.occupations[t.destination]
            w.int(k + 1); w.comma(); w.text(o.uri); w.comma(); w.text(o.isco); w.comma(); w.text(o.label(language)); w.comma()
            w.number(t.score); w.comma(); w.number(t.coverage); w.comma(); w.text(skillNames(t.shared.prefix(8), language).joined(separator: "; "))
            w.comma(); w.text(skillNames(t.missing.prefix(8), language).joined(separator: "; "))
            w.comma(); w.text(line.variants.map { esco.occupations[$0].label(language) }.joined(separator: "; ")); w.comma()
            if let p = line.pShortage { w.number(p.p); w.comma(); w.text(p.region) } else { w.comma() }
            w.comma()
            if let v = line.wage { w.number(v.value) }
            w.comma(); w.int(line.levelUp ? 1 : 0); w.comma()
            if let p = line.path {
                w.text(modules(p).joined(separator: "; ")); w.comma(); w.number(p.hours); w.comma()
                w.text(skillNames(p.untaught, language).joined(separator: "; "))
            } else { w.comma(); w.comma() }
            w.newline()
        }
        return w.bytes
    }

    public func json(query: String, _ language: Language) throws -> Data {
        let items: [[String: Any]] = lines.map { line in
            let t = line.transition, o = esco.occupations[t.destination]
            return ["esco_uri": o.uri, "isco": o.isco, "title": o.label(language), "score": (t.score * 10000).rounded() / 10000,
                    "skill_coverage": (t.coverage * 10000).rounded() / 10000,
                    "shared_skills": skillNames(t.shared.prefix(8), language), "missing_skills": skillNames(t.missing.prefix(8), language),
                    "variants": line.variants.map { esco.occupations[$0].label(language) },
                    "p_shortage": line.pShortage.map { $0.p } as Any, "outlook_region": line.pShortage.map { $0.region } as Any,
                    "median_wage": line.wage.map { $0.value } as Any, "level_up": line.levelUp,
                    "training_modules": line.path.map(modules) as Any, "training_hours": line.path.map { $0.hours } as Any,
                    "untaught_skills": line.path.map { skillNames($0.untaught, language) } as Any]
        }
        return try JSONSerialization.data(withJSONObject: ["from": originName(query: query, language), "destinations": items],
                                          options: [.prettyPrinted, .sortedKeys])
    }

    /// The readable table: one line a destination, then where it stands, what to learn, the
    /// training and the variants.
    public func text(query: String, _ language: Language) -> String {
        let fr = language.usesFrench
        var out = "from: \(originName(query: query, language))\n"
        for (k, line) in lines.enumerated() {
            let t = line.transition, o = esco.occupations[t.destination]
            out += String(format: "%2d  %.3f  ", k + 1, t.score) + "\(o.isco)  \(o.label(language))\n"
            var standing: [String] = []
            if let p = line.pShortage {
                standing.append((fr ? "pénurie p = " : "shortage p = ") + String(format: "%.2f", p.p) + " (\(p.region == Regions.total ? "national" : Regions.name(p.region)))")
            }
            if let v = line.wage { standing.append((fr ? "salaire médian " : "median wage ") + String(format: "%.0f", v.value) + " (\(v.year))") }
            if !standing.isEmpty { out += "           " + standing.joined(separator: " · ") + "\n" }
            let missing = skillNames(t.missing.prefix(4), language)
            let up = line.levelUp ? (fr ? "un niveau de compétence au-dessus — " : "one skill level up — ") : ""
            if !missing.isEmpty { out += "           " + up + (fr ? "à acquérir : " : "to learn: ") + missing.joined(separator: "; ") + "\n" }
            if let p = line.path, !p.modules.isEmpty || !p.untaught.isEmpty {
                var parts: [String] = []
                if !p.modules.isEmpty { parts.append(modules(p).joined(separator: " + ") + String(format: " (%.0f h)", p.hours)) }
                if !p.untaught.isEmpty { parts.append((fr ? "non enseigné : " : "not taught: ") + skillNames(p.untaught.prefix(3), language).joined(separator: "; ")) }
                out += "           " + (fr ? "formation : " : "training: ") + parts.joined(separator: fr ? " ; " : "; ") + "\n"
            }
            let v = line.variants.map { esco.occupations[$0].label(language) }
            if !v.isEmpty { out += "           " + (fr ? "variantes : " : "variants: ") + v.prefix(4).joined(separator: "; ") + (v.count > 4 ? "…" : "") + "\n" }
        }
        return out
    }
}
