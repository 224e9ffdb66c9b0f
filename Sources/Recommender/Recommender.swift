import Foundation
import LabourData
import OutlookBundle

/// The shortage outlook the recommender ranks destinations by: the published list's rows by
/// region and ISCO unit group (from `mizan shortages` or an outlook's `shortages.csv`).
public struct ShortageOutlook: Sendable {
    /// The list's rows by "region/isco".
    public private(set) var rows: [String: PublishedShortage] = [:]
    /// Openings over the horizon, where the list has them ("region/isco").
    public private(set) var openings: [String: Double] = [:]

    public init(rows list: [PublishedShortage] = []) {
        for r in list { add(r) }
    }

    public mutating func add(_ r: PublishedShortage) {
        rows[r.key] = r
        if let o = r.openings { openings[r.key] = o }
    }

    public func lookup(region: String, isco: String) -> PublishedShortage? { rows["\(region)/\(isco)"] }

    /// Reads a published list through the bundle's reader; it needs region, isco and p_shortage.
    public static func read(contentsOf url: URL) throws(InputError) -> ShortageOutlook {
        ShortageOutlook(rows: try ShortageListFile.read(url, required: [.pShortage]))
    }
}

/// What a recommendation offers.
public enum RecommendationKind: String, Sendable {
    /// The trade the person already practised, in demand where they are or would go: its
    /// recognition (assessment, certification) and any training its missing skills need.
    case ownTrade = "own_trade"
    /// A move to another occupation, with the training that closes the gap.
    case move
}

/// How the essential skills of a destination are evidenced in a profile.
public struct SkillEvidence: Sendable, Equatable {
    public var certified = 0, declared = 0, inferred = 0, missing = 0
    public var evidenced: Int { certified + declared + inferred }
    public var total: Int { evidenced + missing }
}

/// A ranked destination for one person, with the training that closes the gap.
public struct Recommendation: Sendable {
    public var kind: RecommendationKind = .move
    public let destination: Int
    public let region: String
    public let score: Double
    /// Share of the destination's essential skill profile covered now and after the path.
    public let coverage: Double
    public let coverageAfter: Double
    public let pShortage: Double?
    /// Modules in the order to take them (prerequisites first).
    public let modules: [Int]
    public let hours: Double
    /// Essential skills still missing after the path (no module teaches them where the person can go).
    public let untaught: [Int]
    /// Whether the path is a proven minimum (exact search) or a greedy one, and its gap bound in hours.
    public let exact: Bool
    public let gapBound: Double
    /// Own trade: the assessment and certification modules of the recognition route (also in
    /// `modules`, first), and how the trade's essential skills are evidenced.
    public var route: [Int] = []
    public var evidence = SkillEvidence()
    /// Cost of all the modules (the catalogue's currency).
    public var cost = 0.0
}

public struct RecommenderOptions: Sendable {
    public var top = 5
    /// Credit of a skill by its evidence (recognition of prior learning).
    public var certified = 1.0, declared = 0.8, inferred = 0.6
    /// A skill typed in words that could be several ESCO skills stands for each of them at this
    /// credit: weaker than any named evidence, and below what counts as evidenced.
    public var ambiguous = 0.3
    /// Score weights: skills already held, shortage outlook, how light the training is.
    public var coverageWeight = 0.4, shortageWeight = 0.4, effortWeight = 0.2
    /// Added when a destination is in the same ISCO sub-major group as an occupation the person
    /// held (half when only the major group is shared): moves within an occupational family are
    /// the common ones, and Nesta's combined similarity also reads the occupational hierarchy.
    public var familyWeight = 0.1
    /// Training hours treated as the limit when the profile sets none.
    public var defaultMaxHours = 600.0
    /// Candidates kept for path search (by coverage and outlook).
    public var candidates = 40
    /// A destination must already be this reachable: share of its essential profile covered
    /// (Nesta's "viable" transitions start at 0.3 similarity), and within this many ISCO skill
    /// levels of the person's occupations (or of their education).
    public var minCoverage = 0.25
    public var maxLevelDistance = 1
    /// A trade the person held comes first, as recognition of prior learning, when its
    /// p_shortage reaches this where the person is or would go (the words then say "likely").
    public var ownTradeThreshold = 0.5
    /// Largest candidate-module set searched exactly (2ⁿ subsets).
    public var exactLimit = 14
    public init() {}
}

/// Destinations and training paths for migrant profiles.
public struct Recommender: Sendable {
    public let model: SkillModel
    public let catalogue: TrainingCatalogue
    public let outlook: ShortageOutlook?
    public let options: RecommenderOptions
    /// Per occupation: essential skills with their profile weight.
    let essential: [[(skill: Int, weight: Double)]]
    /// Which modules teach each skill.
    let teaching: [Int: [Int]]
    /// ISCO unit groups of the ESCO occupations, and each occupation's group (by index), so that
    /// per profile the outlook is looked up once a group, not once an occupation.
    let unitGroups: [String]
    let groupOf: [Int]

    public init(model: SkillModel, catalogue: TrainingCatalogue, outlook: ShortageOutlook?, options: RecommenderOptions = .init()) {
        self.model = model
        unitGroups = Array(Set(model.esco.occupations.map(\.isco))).sorted()
        let groupIndex = Dictionary(uniqueKeysWithValues: unitGroups.enumerated().map { ($1, $0) })
        groupOf = model.esco.occupations.map { groupIndex[$0.isco]! }
        self.catalogue = catalogue
        self.outlook = outlook
        self.options = options
        essential = model.esco.relations.enumerated().map { o, rel in
            let ess = Set(rel.filter(\.essential).map(\.skill))
            return model.profiles[o].filter { ess.contains($0.skill) }
        }
        var teaching: [Int: [Int]] = [:]
        for (m, module) in catalogue.modules.enumerated() where module.kind == .training { for s in module.skills { teaching[s, default: []].append(m) } }
        self.teaching = teaching
    }

    /// Skill credit of a profile: evidence-weighted, plus the essential skills of occupations held
    /// (inferred), at least what the strongest evidence gives.
    public func heldSkills(_ p: MigrantProfile) -> [Int: Double] {
        var held: [Int: Double] = [:]
        func give(_ s: Int, _ c: Double) { held[s] = max(held[s] ?? 0, c) }
        let stated = Set((p.skills ?? []).compactMap { model.esco.skillIndex[$0.esco] })
        for o in p.occupations ?? [] {
            var occs: [Int] = []
            if let uri = o.esco, let i = model.esco.occupationIndex[uri] { occs = [i] }
            else if let code = o.isco, code.count == 4 {
                // A unit group held means the occupation that stands for it (the one the person's
                // skills point to, else the group's representative), as if it had been named:
                // 7212 and "soudeur" are the same welder.
                occs = typical(group(code), stated: stated).map { [$0] } ?? []
            }
            else if let code = o.isco { occs = model.esco.occupations.indices.filter { model.esco.occupations[$0].isco.hasPrefix(code) } }
            // For an ISCO code, the skills a third or more of its ESCO occupations share.
            var count: [Int: Int] = [:]
            for i in occs { for r in model.esco.relations[i] where r.essential { count[r.skill, default: 0] += 1 } }
            for (s, c) in count where c * 3 >= occs.count { give(s, options.inferred) }
        }
        for s in p.skills ?? [] {
            guard let i = model.esco.skillIndex[s.esco] else { continue }
            give(i, s.ambiguous ? options.ambiguous
                 : s.evidence == .certified ? options.certified : s.evidence == .declared ? options.declared : options.inferred)
        }
        return held
    }

    /// Ranked destinations for one profile, or why there is none. Sex and nationality are never read.
    public func recommend(_ p: MigrantProfile) -> (recommendations: [Recommendation], reason: String?) {
        let held = heldSkills(p)
        guard !held.isEmpty else { return ([], "the profile names no skill and no occupation Mizan recognises") }
        let maxHours = p.constraints?.maxTrainingHours ?? options.defaultMaxHours
        let regions = [p.region] + (p.constraints?.regions ?? []).filter { $0 != p.region }
        let isced = p.educationIsced ?? 8
        // Credit by skill index, dense: coverage runs over every occupation for every profile.
        var credit = [Double](repeating: 0, count: model.esco.skills.count)
        for (skill, c) in held { credit[skill] = c }
        // One person, one body of evidence: a skill evidenced at all (certified, declared, or
        // implied by a trade held) counts in full toward every destination, as it does toward the
        // own trade, and is never trained again; only weaker hints (an ambiguous word) count in part.
        // The graded credit still tells how each of the own trade's skills is evidenced.
        let evidenced = credit.map { $0 >= options.inferred ? 1 : $0 }
        var heldOccupations = Set((p.occupations ?? []).compactMap { $0.esco.flatMap { model.esco.occupationIndex[$0] } })
        let own = ownTrade(p, credit: credit, evidenced: evidenced, regions: regions, isced: isced)
        if let own { heldOccupations.insert(own.destination) }

        // The person's skill level: from occupations held, else from education (ISCED 6+ → 4,
        // 5 → 3, 3–4 → 2, below → 1).
        let heldCodes = (p.occupations ?? []).compactMap { o in o.isco ?? o.esco.flatMap { model.esco.occupationIndex[$0] }.map { model.esco.occupations[$0].isco } }
        let subMajor = Set(heldCodes.map { String($0.prefix(2)) }), major = Set(heldCodes.map { String($0.prefix(1)) })
        func family(_ isco: String) -> Double {
            if subMajor.contains(String(isco.prefix(2))) { return options.familyWeight }
            if major.contains(String(isco.prefix(1))) { return options.familyWeight / 2 }
            return 0
        }
        let level = heldCodes.map(SkillModel.skillLevel).max() ?? (isced >= 6 ? 4 : isced == 5 ? 3 : isced >= 3 ? 2 : 1)
        // Per unit group: whether it is within reach of the person's skill level, where its
        // outlook is best, and how close it is to a trade held.
        var groupInfo = [(reachable: Bool, region: String, p: Double?, family: Double)?](repeating: nil, count: unitGroups.count)
        func info(_ g: Int) -> (reachable: Bool, region: String, p: Double?, family: Double) {
            if let known = groupInfo[g] { return known }
            let isco = unitGroups[g]
            var best: (String, Double?) = (p.region, nil)
            if let o = outlook {
                for r in regions { if let e = o.lookup(region: r, isco: isco), let p = e.pShortage, p > (best.1 ?? -1) { best = (r, p) } }
            }
            let result = (abs(SkillModel.skillLevel(isco: isco) - level) <= options.maxLevelDistance, best.0, best.1, family(isco))
            groupInfo[g] = result
            return result
        }
        var candidates: [(d: Int, region: String, cov: Double, p: Double?, pre: Double)] = []
        for d in model.esco.occupations.indices where !heldOccupations.contains(d) && !essential[d].isEmpty {
            let g = info(groupOf[d])
            guard g.reachable else { continue }
            let cov = coverage(d, credit: evidenced)
            let pre = options.coverageWeight * cov + options.shortageWeight * demand(g.p) + g.family
            candidates.append((d, g.region, cov, g.p, pre))
        }
        let viable = candidates.filter { $0.cov >= options.minCoverage }
        if !viable.isEmpty { candidates = viable } else {
            // Nothing is reachable yet: rank by what the person has, then the outlook.
            candidates.sort { $0.cov > $1.cov }
            candidates = Array(candidates.prefix(options.candidates))
        }
        candidates.sort { $0.pre > $1.pre || ($0.pre == $1.pre && model.esco.occupations[$0.d].uri < model.esco.occupations[$1.d].uri) }

        var out: [Recommendation] = []
        var reasons: [String] = []
        for c in candidates.prefix(options.candidates) {
            let missing = essential[c.d].filter { evidenced[$0.skill] < 1 }.map(\.skill)
            let path = trainingPath(missing: missing, regions: regions, isced: isced)
            if path.hours > maxHours {
                reasons.append("\(model.esco.occupations[c.d].labelEnglish): needs \(Int(path.hours)) h of training, more than the \(Int(maxHours)) h allowed")
                continue
            }
            let taught = Set(path.modules.flatMap { catalogue.modules[$0].skills })
            let after = coverage(c.d, credit: evidenced, extra: taught)
            let effort = 1 - min(1, path.hours / max(1, maxHours))
            let score = options.coverageWeight * c.cov + options.shortageWeight * demand(c.p) + options.effortWeight * effort
                + info(groupOf[c.d]).family
            var rec = Recommendation(destination: c.d, region: c.region, score: score, coverage: c.cov, coverageAfter: after,
                                     pShortage: c.p, modules: path.modules, hours: path.hours, untaught: path.untaught,
                                     exact: path.exact, gapBound: path.gap)
            rec.cost = path.modules.reduce(0) { $0 + catalogue.modules[$1].cost }
            out.append(rec)
        }
        out.sort { $0.score > $1.score || ($0.score == $1.score && (model.esco.occupations[$0.destination].uri < model.esco.occupations[$1.destination].uri)) }
        // The person's own trade first, then the nearest moves.
        if let own { out.insert(own, at: 0) }
        let top = Array(out.prefix(options.top))
        return (top, top.isEmpty ? (reasons.first ?? "no destination within the constraints") : nil)
    }

    /// Credit for the shortage outlook: p_shortage up to the threshold where shortage is likely,
    /// then full. Among destinations where shortage is likely, a higher p does not make a move a
    /// better fit; what the person already knows and the training it takes decide.
    func demand(_ p: Double?) -> Double {
        guard let p else { return 0 }
        return min(1, p / options.ownTradeThreshold)
    }

    /// The trade the person held, when it is in demand (p_shortage ≥ `ownTradeThreshold`) where
    /// they are or would go: which of its essential skills are evidenced, the cheapest
    /// recognition route the catalogue offers there (assessment, certification), and training
    /// for the skills nothing evidences. For an ISCO code, the ESCO occupation of that group the
    /// person's skills cover best.
    func ownTrade(_ p: MigrantProfile, credit: [Double], evidenced: [Double], regions: [String], isced: Int) -> Recommendation? {
        guard let o = outlook else { return nil }
        let stated = Set((p.skills ?? []).compactMap { model.esco.skillIndex[$0.esco] })
        var best: (d: Int, region: String, p: Double)?
        for occ in p.occupations ?? [] {
            let named = occ.esco.flatMap { model.esco.occupationIndex[$0] }
            guard let d = named ?? occ.isco.flatMap({ typical(group($0), stated: stated) }) else { continue }
            let isco = model.esco.occupations[d].isco
            for r in regions {
                if let e = o.lookup(region: r, isco: isco), let pr = e.pShortage, pr >= options.ownTradeThreshold, pr > (best?.p ?? -1) { best = (d, r, pr) }
            }
        }
        guard let (d, region, pr) = best else { return nil }
        var evidence = SkillEvidence()
        var missing: [Int] = []
        for e in essential[d] {
            let c = credit[e.skill]
            if c >= options.certified { evidence.certified += 1 }
            else if c >= options.declared { evidence.declared += 1 }
            else if c >= options.inferred { evidence.inferred += 1 }
            else { evidence.missing += 1; missing.append(e.skill) }
        }
        // The cheapest certification of the trade offered there, with its prerequisites.
        let isco = model.esco.occupations[d].isco
        var route: [Int] = []
        var routeHours = Double.infinity
        for (m, module) in catalogue.modules.enumerated() where module.kind == .certification && catalogue.recognises(m, isco: isco) {
            let steps = catalogue.closure(m)
            guard steps.allSatisfy({ catalogue.modules[$0].minISCED <= isced && regions.contains(where: catalogue.modules[$0].offered(in:)) }) else { continue }
            let hours = steps.reduce(0) { $0 + catalogue.modules[$1].hours }
            if hours < routeHours || (hours == routeHours && catalogue.modules[m].id < catalogue.modules[route.last!].id) { route = steps; routeHours = hours }
        }
        let path = trainingPath(missing: missing, regions: regions, isced: isced)
        let modules = route + path.modules.filter { !route.contains($0) }
        let taught = Set(path.modules.flatMap { catalogue.modules[$0].skills })
        var rec = Recommendation(destination: d, region: region, score: 1 + pr, coverage: coverage(d, credit: evidenced),
                                 coverageAfter: coverage(d, credit: evidenced, extra: taught),
                                 pShortage: pr, modules: modules, hours: modules.reduce(0) { $0 + catalogue.modules[$1].hours },
                                 untaught: path.untaught, exact: path.exact, gapBound: path.gap)
        rec.kind = .ownTrade
        rec.route = route
        rec.evidence = evidence
        rec.cost = modules.reduce(0) { $0 + catalogue.modules[$1].cost }
        return rec
    }

    /// Share of destination `d`'s essential profile covered by `credit` (by skill index), the
    /// skills in `extra` (taught by a path) counted as held.
    func coverage(_ d: Int, credit: [Double], extra: Set<Int> = []) -> Double {
        var got = 0.0, mass = 0.0
        if extra.isEmpty {
            for e in essential[d] { mass += e.weight; got += e.weight * credit[e.skill] }
        } else {
            for e in essential[d] { mass += e.weight; got += e.weight * (extra.contains(e.skill) ? 1 : credit[e.skill]) }
        }
        return mass > 0 ? got / mass : 0
    }

    /// The ESCO occupations of an ISCO group (any level) that have essential skills.
    func group(_ code: String) -> [Int] {
        model.esco.occupations.indices.filter { model.esco.occupations[$0].isco.hasPrefix(code) && !essential[$0].isEmpty }
    }

    /// The ESCO occupation that stands for an ISCO group held: the one holding most of the skills
    /// the person states, then the unit group's representative (its name says the group's title,
    /// else most job titles point to it: `ESCO.representative`), then the most typical (its
    /// essential skills shared by most of the group's occupations), then the shortest name.
    func typical(_ group: [Int], stated: Set<Int>) -> Int? {
        var share: [Int: Int] = [:]
        for d in group { for e in essential[d] { share[e.skill, default: 0] += 1 } }
        let representatives = Set(Set(group.map { model.esco.occupations[$0].isco }).compactMap { code in
            model.esco.representative(among: group.filter { model.esco.occupations[$0].isco == code }, group: code)
        })
        func key(_ d: Int) -> (Int, Int, Double, Int) {
            let skills = essential[d].map(\.skill)
            let typicality = skills.isEmpty ? 0 : Double(skills.reduce(0) { $0 + share[$1]! }) / Double(skills.count)
            return (skills.filter(stated.contains).count, representatives.contains(d) ? 1 : 0, typicality, -model.esco.occupations[d].labelEnglish.count)
        }
        return group.max { key($0) < key($1) }
    }

    /// A minimum-hours set of modules teaching the missing skills, prerequisites included, offered
    /// in one of the regions and open at the person's education level. Exact search over subsets
    /// when few modules are relevant; otherwise greedy (hours per newly taught skill) with a gap
    /// bound: the greedy hours minus a lower bound (the dearest skill's cheapest module).
    func trainingPath(missing: [Int], regions: [String], isced: Int) -> (modules: [Int], hours: Double, untaught: [Int], exact: Bool, gap: Double) {
        if missing.isEmpty { return ([], 0, [], true, 0) }
        func available(_ m: Int) -> Bool {
            let mod = catalogue.modules[m]
            return mod.minISCED <= isced && regions.contains(where: mod.offered(in:))
                && catalogue.closure(m).allSatisfy { k in regions.contains(where: catalogue.modules[k].offered(in:)) }
        }
        let target = Set(missing)
        var relevant = Set<Int>()
        for s in missing { for m in teaching[s] ?? [] where available(m) { relevant.insert(m) } }
        let teachable = target.filter { s in (teaching[s] ?? []).contains(where: relevant.contains) }
        let untaught = missing.filter { !teachable.contains($0) }
        if teachable.isEmpty { return ([], 0, untaught, true, 0) }
        let options = relevant.sorted()
        func cost(_ chosen: [Int]) -> (Set<Int>, Double, Set<Int>) {
            var all = Set<Int>()
            for m in chosen { all.formUnion(catalogue.closure(m)) }
            let hours = all.reduce(0) { $0 + catalogue.modules[$1].hours }
            var taught = Set<Int>()
            for m in all { taught.formUnion(catalogue.modules[m].skills) }
            return (all, hours, taught)
        }
        func ordered(_ set: Set<Int>) -> [Int] {
            var out: [Int] = [], seen = Set<Int>()
            for m in set.sorted() { for k in catalogue.closure(m) where set.contains(k) && seen.insert(k).inserted { out.append(k) } }
            return out
        }
        // Exact search on bitmasks: modules (with their prerequisites) and skills as bits.
        let universe = Array(Set(options.flatMap { catalogue.closure($0) })).sorted()
        let skillList = teachable.sorted()
        if options.count <= self.options.exactLimit && universe.count <= 64 && skillList.count <= 64 {
            let slot = Dictionary(uniqueKeysWithValues: universe.enumerated().map { ($1, $0) })
            let bit = Dictionary(uniqueKeysWithValues: skillList.enumerated().map { ($1, $0) })
            let closureMask = options.map { m in catalogue.closure(m).reduce(UInt64(0)) { $0 | (1 << UInt64(slot[$1]!)) } }
            let teaches = universe.map { m in catalogue.modules[m].skills.reduce(UInt64(0)) { acc, s in bit[s].map { acc | (1 << UInt64($0)) } ?? acc } }
            let hoursOf = universe.map { catalogue.modules[$0].hours }
            let full: UInt64 = skillList.count == 64 ? ~0 : (1 << UInt64(skillList.count)) - 1
            // Every subset of options, each built from the subset without its lowest option (one
            // OR per subset for the modules and one for the skills); hours are summed only for
            // subsets that teach everything. Same order and ties as trying each subset afresh.
            let optionTeaches = closureMask.map { cm -> UInt64 in
                var t: UInt64 = 0, rest = cm
                while rest != 0 { t |= teaches[rest.trailingZeroBitCount]; rest &= rest - 1 }
                return t
            }
            var union = [UInt64](repeating: 0, count: 1 << options.count), taughtBy = union
            var best: (UInt64, Double)?
            for mask in 1..<(1 << options.count) {
                let low = mask.trailingZeroBitCount, previous = mask & (mask - 1)
                let chosen = union[previous] | closureMask[low]
                union[mask] = chosen
                taughtBy[mask] = taughtBy[previous] | optionTeaches[low]
                guard taughtBy[mask] & full == full else { continue }
                var hours = 0.0, rest = chosen
                while rest != 0 {
                    hours += hoursOf[rest.trailingZeroBitCount]
                    rest &= rest - 1
                }
                if best == nil || hours < best!.1 { best = (chosen, hours) }
            }
            let (mask, hours) = best!
            let set = Set(universe.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { universe[$0] })
            return (ordered(set), hours, untaught, true, 0)
        }
        var chosen = Set<Int>(), remaining = teachable
        while !remaining.isEmpty {
            var pick: (Int, Double)?
            for m in options where !chosen.contains(m) {
                let extra = catalogue.closure(m).filter { !chosen.contains($0) }
                let hours = extra.reduce(0) { $0 + catalogue.modules[$1].hours }
                let gain = Set(extra.flatMap { catalogue.modules[$0].skills }).intersection(remaining).count
                guard gain > 0 else { continue }
                let ratio = hours / Double(gain)
                if pick == nil || ratio < pick!.1 { pick = (m, ratio) }
            }
            guard let (m, _) = pick else { break }
            for k in catalogue.closure(m) { chosen.insert(k); remaining.subtract(catalogue.modules[k].skills) }
        }
        let hours = chosen.reduce(0) { $0 + catalogue.modules[$1].hours }
        let lower = teachable.map { s in (teaching[s] ?? []).filter(relevant.contains).map { cost([$0]).1 }.min() ?? 0 }.max() ?? 0
        return (ordered(chosen), hours, untaught, false, max(0, hours - lower))
    }
}
