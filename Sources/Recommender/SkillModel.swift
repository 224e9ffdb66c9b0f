import Foundation
import LabourData

/// Weighted occupation × skill profiles from ESCO, and one-way transition similarity.
///
/// A destination's profile weights each of its skills by relation (essential 1, optional 0.5)
/// times an inverse-document-frequency factor, so that skills every occupation lists (teamwork,
/// using a computer) count little and distinctive ones much. An origin covers a destination
/// skill fully when it has it, and a quarter when it has a skill under the same broader skill in
/// the ESCO hierarchy (partial credit for a related skill). The similarity origin → destination is
/// the covered share of the destination's weighted profile: asymmetric, as a nurse covers much of
/// a care assistant's profile but not the reverse (Dawson et al. 2021; Nesta's Career Causeways).
public struct SkillModel: Sendable {
    public let esco: ESCO
    /// Per occupation: (skill, weight) sorted by skill.
    public let profiles: [[(skill: Int, weight: Double)]]
    /// Σ weights of each occupation's profile.
    public let profileMass: [Double]
    /// Inverse document frequency per skill: log(N / (1 + occupations listing it)) + 1.
    public let idf: [Double]
    /// Partial credit for a related skill.
    public let relatedCredit: Double
    /// O*NET work profiles, when an O*NET copy and a crosswalk are at hand; transitions then
    /// blend skill coverage with work-profile similarity (`workWeight`).
    public var work: WorkProfiles?
    /// Share of the transition score given to work-profile similarity when `work` is set.
    public var workWeight: Double = SkillModel.defaultWorkWeight
    /// Added to the score of a destination in an origin's ISCO minor group: such moves keep the
    /// employers, tools and training routes the person knows.
    public var sameGroupBonus: Double = SkillModel.defaultSameGroupBonus
    /// Tuned on the tuning half of the O*NET-mapped origins only (`mizan evaluate-transitions
    /// --half tuning`), counting every printed line: with the imputed share 1, 0.75, 0.5, 0.25, 0
    /// (work weight 0.35, chosen in round 2) recall@10 rose 0.212, 0.285, 0.331, 0.358, 0.371, and
    /// a heavier work weight scored higher still (0.55 with share 0: 0.400). Below a share of 0.5
    /// the welder's list loses its one move up a skill level (structural ironwork supervisor,
    /// whose profile is imputed), and at weight 0.55 it fills with house builder, mixed farmer and
    /// chef: the default is the best setting that keeps both (`TransitionsCommandTests`,
    /// `welderStaysInMetal`).
    public static let defaultWorkWeight = 0.35
    public static let defaultSameGroupBonus = 0.05
    /// The share of the work-profile similarity kept when the destination's profile is imputed
    /// (a group mean, no O*NET occupation of its own): a mean of its group's profiles is closer
    /// to every member of the group than any real member is, so its similarity overstates.
    public var imputedWorkShare: Double = SkillModel.defaultImputedWorkShare
    public static let defaultImputedWorkShare = 0.5

    /// `relatedCredit` 0.25 was chosen in the first round on an older O*NET evaluation (a longer
    /// list, four skill levels), where 0, 0.1, 0.25 and 0.5 differed by less than 0.015 in
    /// recall@10; it was kept, not re-tuned, when the evaluation moved to the printed list.
    public init(esco: ESCO, optionalWeight: Double = 0.5, relatedCredit: Double = 0.25, inverseFrequency: Bool = true) {
        self.esco = esco
        self.relatedCredit = relatedCredit
        let n = Double(esco.occupations.count)
        var df = [Int](repeating: 0, count: esco.skills.count)
        for rel in esco.relations { for r in rel { df[r.skill] += 1 } }
        let idf = inverseFrequency ? df.map { log(n / Double(1 + $0)) + 1 } : df.map { _ in 1.0 }
        self.idf = idf
        var profiles: [[(skill: Int, weight: Double)]] = []
        var mass: [Double] = []
        for rel in esco.relations {
            var p: [Int: Double] = [:]
            for r in rel { p[r.skill] = max(p[r.skill] ?? 0, (r.essential ? 1 : optionalWeight) * idf[r.skill]) }
            let sorted = p.sorted { $0.key < $1.key }.map { (skill: $0.key, weight: $0.value) }
            profiles.append(sorted)
            mass.append(sorted.reduce(0) { $0 + $1.weight })
        }
        self.profiles = profiles
        self.profileMass = mass
    }

    /// Coverage of every skill by a set of held skills: 1 held, `relatedCredit` for a skill with
    /// a broader skill in common with a held one (or whose broader skill is held), else 0.
    public func coverage(of held: [Int], into cov: inout [Double]) {
        if cov.count != esco.skills.count { cov = [Double](repeating: 0, count: esco.skills.count) }
        for k in cov.indices { cov[k] = 0 }
        var parents = Set<Int>()
        for s in held { for b in esco.broader[s] { parents.insert(b) } ; parents.insert(s) }
        if relatedCredit > 0 {
            // Skills whose broader skill is a held skill's broader skill or a held skill.
            for (s, bs) in esco.broader.enumerated() where bs.contains(where: { parents.contains($0) }) {
                cov[s] = relatedCredit
            }
        }
        for s in held { cov[s] = 1 }
    }

    /// Covered share of occupation `d`'s weighted profile under a coverage vector.
    @inline(__always)
    public func similarity(coverage cov: [Double], to d: Int) -> Double {
        let mass = profileMass[d]
        guard mass > 0 else { return 0 }
        var s = 0.0
        for p in profiles[d] { s += p.weight * cov[p.skill] }
        return s / mass
    }

    /// The skills of occupation `o` (indices).
    public func skills(of o: Int) -> [Int] { profiles[o].map(\.skill) }

    /// ISCO-08 skill level of a unit group, from its major group (ILO: managers and
    /// professionals 4, technicians 3, clerical to operators 2, elementary 1).
    public static func skillLevel(isco: String) -> Int {
        switch isco.first {
        case "1", "2": return 4
        case "3": return 3
        case "9": return 1
        default: return 2
        }
    }
}

/// One destination reachable from an origin.
public struct Transition: Sendable {
    public let destination: Int
    /// What the list is ranked by: the skill coverage, blended with work-profile similarity
    /// when O*NET profiles are loaded.
    public let score: Double
    /// Covered share of the destination's weighted ESCO skill profile (0–1).
    public let coverage: Double
    /// Destination skills the origin has (most important first) and essential ones it lacks.
    public let shared: [Int]
    public let missing: [Int]
}

extension SkillModel {
    /// Destinations ranked by similarity from the given held skills, keeping those within
    /// `maxLevelDistance` ISCO skill levels of `originLevel`; the origins themselves excluded.
    /// With work profiles loaded and the occupations held (`origins`) known, the score is
    /// `(1 − workWeight) · coverage + workWeight · work-profile cosine`, plus `sameGroupBonus`
    /// for a destination in an origin's ISCO minor group.
    public func transitions(held: [Int], originLevel: Int?, origins: [Int] = [], excluding: Set<Int> = [], top: Int,
                            maxLevelDistance: Int = 1) -> [Transition] {
        var cov = [Double]()
        coverage(of: held, into: &cov)
        let workSimilarity = origins.isEmpty ? nil : work?.similarities(toAll: origins)
        let originGroups = Set(origins.map { esco.occupations[$0].isco.prefix(3) })
        var scored: [(Int, Double, Double)] = []
        scored.reserveCapacity(esco.occupations.count)
        for d in esco.occupations.indices where !excluding.contains(d) {
            if let l = originLevel, abs(Self.skillLevel(isco: esco.occupations[d].isco) - l) > maxLevelDistance { continue }
            let c = similarity(coverage: cov, to: d)
            let share = work?.imputed[d] == true ? imputedWorkShare : 1
            var sc = workSimilarity.map { (1 - workWeight) * c + workWeight * share * $0[d] } ?? c
            if originGroups.contains(esco.occupations[d].isco.prefix(3)) { sc += sameGroupBonus }
            scored.append((d, sc, c))
        }
        scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && esco.occupations[$0.0].uri < esco.occupations[$1.0].uri) }
        let heldSet = Set(held)
        return scored.prefix(top).map { d, score, c in
            let byWeight = profiles[d].sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.skill < $1.skill) }
            let essential = Set(esco.relations[d].filter(\.essential).map(\.skill))
            return Transition(destination: d, score: score, coverage: c,
                              shared: byWeight.filter { heldSet.contains($0.skill) }.map(\.skill),
                              missing: byWeight.filter { !heldSet.contains($0.skill) && essential.contains($0.skill) }.map(\.skill))
        }
    }

    /// Transitions from an ESCO occupation.
    public func transitions(from o: Int, top: Int, maxLevelDistance: Int = 1) -> [Transition] {
        transitions(held: skills(of: o), originLevel: Self.skillLevel(isco: esco.occupations[o].isco),
                    origins: [o], excluding: [o], top: top, maxLevelDistance: maxLevelDistance)
    }

    /// Resolves what a user typed: an ESCO URI, an ISCO code (all its ESCO occupations), or a
    /// label in English or French (exact, then containing, case-insensitive).
    public func resolve(_ query: String) -> [Int] {
        if let i = esco.occupationIndex[query] { return [i] }
        if ISCO08.isWellFormed(query) {
            return esco.occupations.indices.filter { esco.occupations[$0].isco.hasPrefix(query) }
        }
        let q = query.lowercased()
        // French labels carry both genders ("soudeur/soudeuse"): either form matches exactly.
        func forms(_ o: ESCOOccupation) -> [String] {
            [o.labelEnglish.lowercased()] + o.labelFrench.lowercased().split(separator: "/").map { String($0).trimmingCharacters(in: .whitespaces) }
                + [o.labelFrench.lowercased()]
        }
        let exact = esco.occupations.indices.filter { forms(esco.occupations[$0]).contains(q) }
        if !exact.isEmpty { return exact }
        return esco.occupations.indices.filter {
            esco.occupations[$0].labelEnglish.lowercased().contains(q) || esco.occupations[$0].labelFrench.lowercased().contains(q)
        }
    }
}

extension SkillModel {
    /// The list a user reads: near-duplicate ESCO variants collapsed under the best-ranked one,
    /// which lists them, so the first `top` lines are distinct occupations. Two occupations are
    /// near duplicates when their skill sets overlap by at least `threshold` (Jaccard) or, with
    /// work profiles loaded, when the crosswalk maps both to the same O*NET occupation (its
    /// judgement that they are one occupation under two names). Destinations that are in that sense variants of an occupation
    /// in `origins` are left out: they are the person's own occupation under another name.
    public func distinct(_ list: [Transition], top: Int, threshold: Double = 0.5, origins: [Int] = []) -> [(head: Transition, variants: [Int])] {
        func sameOccupation(_ a: Int, _ b: Int) -> Bool {
            guard let code = work?.onetCode[a] else { return false }
            return code == work?.onetCode[b]
        }
        var out: [(head: Transition, variants: [Int])] = []
        var sets: [Set<Int>] = []
        for t in list where !origins.contains(where: { sameOccupation($0, t.destination) }) {
            let s = Set(esco.relations[t.destination].map(\.skill))
            if let k = sets.indices.first(where: { k in
                let other = sets[k], union = s.union(other).count
                return (union > 0 && Double(s.intersection(other).count) / Double(union) >= threshold)
                    || sameOccupation(out[k].head.destination, t.destination)
            }) {
                out[k].variants.append(t.destination)
                continue
            }
            guard out.count < top else { continue }
            out.append((t, []))
            sets.append(s)
        }
        return out
    }
}

