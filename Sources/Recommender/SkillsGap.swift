import Foundation
import LabourData

/// Which skills a region lacks most: demand from the openings of its occupations, supply from
/// the people registered there, and the training modules that teach each missing skill.
public struct SkillsGap: Sendable {
    public struct Row: Sendable {
        public let region: String
        public let skill: Int
        /// Σ openings × the skill's weight in each ISCO unit group (how much the group's ESCO
        /// occupations need it: 1 essential, 0.5 optional, averaged over the group).
        public let demand: Double
        /// Σ over registered profiles in the region of their credit for the skill.
        public let supply: Double
        /// Demand not met by registered people: max(0, demand − supply).
        public var gap: Double { max(0, demand - supply) }
        /// Modules that teach it.
        public let modules: [Int]
    }

    /// - Parameters:
    ///   - outlook: shortage list with openings (the output of `mizan shortages`).
    ///   - profiles: registered people (their region and skills, never their sex or nationality).
    public static func compute(recommender: Recommender, outlook: ShortageOutlook, profiles: [MigrantProfile],
                               regions: [String]? = nil) -> [Row] {
        let model = recommender.model
        // ISCO unit group → skill weights.
        var groupWeights: [String: [Int: Double]] = [:]
        var groupSize: [String: Int] = [:]
        for (o, occ) in model.esco.occupations.enumerated() {
            groupSize[occ.isco, default: 0] += 1
            for r in model.esco.relations[o] { groupWeights[occ.isco, default: [:]][r.skill, default: 0] += r.essential ? 1 : 0.5 }
        }
        var demand: [String: [Int: Double]] = [:]
        for (key, openings) in outlook.openings where openings > 0 {
            let parts = key.split(separator: "/")
            guard parts.count == 2 else { continue }
            let region = String(parts[0]), isco = String(parts[1])
            guard region != Regions.total, regions == nil || regions!.contains(region),
                  let w = groupWeights[isco], let n = groupSize[isco] else { continue }
            for (s, v) in w { demand[region, default: [:]][s, default: 0] += openings * v / Double(n) }
        }
        var supply: [String: [Int: Double]] = [:]
        for p in profiles {
            for (s, c) in recommender.heldSkills(p) { supply[p.region, default: [:]][s, default: 0] += c }
        }
        var teaching: [Int: [Int]] = [:]
        for (m, module) in recommender.catalogue.modules.enumerated() { for s in module.skills { teaching[s, default: []].append(m) } }
        var rows: [Row] = []
        for region in demand.keys.sorted() {
            for (s, d) in demand[region]! {
                rows.append(Row(region: region, skill: s, demand: d, supply: supply[region]?[s] ?? 0,
                                modules: (teaching[s] ?? []).filter { recommender.catalogue.modules[$0].offered(in: region) }))
            }
        }
        rows.sort { ($0.region, -$0.gap, model.esco.skills[$0.skill].uri) < ($1.region, -$1.gap, model.esco.skills[$1.skill].uri) }
        return rows
    }
}

extension SkillsGap {
    /// The skills-gap table (`skills_gap.csv` of the outlook, `mizan skills-gap --out`):
    /// `region,skill_uri,skill,demand,supply,gap,modules`. With `largestPerRegion`, only the
    /// positive gaps, the largest that many of each region (the full list is mostly near-zero
    /// demand).
    public static func csv(_ rows: [Row], esco: ESCO, catalogue: TrainingCatalogue, language: Language,
                           largestPerRegion: Int? = nil) -> [UInt8] {
        var w = CSVWriter(decimals: 2)
        w.row(["region", "skill_uri", "skill", "demand", "supply", "gap", "modules"])
        var perRegion: [String: Int] = [:]
        for r in rows {
            if let limit = largestPerRegion {
                guard r.gap > 0 else { continue }
                perRegion[r.region, default: 0] += 1
                if perRegion[r.region]! > limit { continue }
            }
            w.text(r.region); w.comma(); w.text(esco.skills[r.skill].uri); w.comma(); w.text(esco.skills[r.skill].label(language)); w.comma()
            w.number(r.demand); w.comma(); w.number(r.supply); w.comma(); w.number(r.gap); w.comma()
            w.text(r.modules.map { catalogue.modules[$0].id }.joined(separator: "|")); w.newline()
        }
        return w.bytes
    }
}
