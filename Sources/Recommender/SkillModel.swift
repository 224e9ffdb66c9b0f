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

    /// `relatedCredit` 0.25 recovers O*NET's expert related occupations best among 0, 0.1, 0.25
    /// and 0.5 (recall@10 0.257 vs 0.253, 0.252, 0.243; see TransitionTests).
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
    public let score: Double
    /// Destination skills the origin has (most important first) and essential ones it lacks.
    public let shared: [Int]
    public let missing: [Int]
}

extension SkillModel {
    /// Destinations ranked by similarity from the given held skills, keeping those within
    /// `maxLevelDistance` ISCO skill levels of `originLevel`; the origins themselves excluded.
    public func transitions(held: [Int], originLevel: Int?, excluding: Set<Int> = [], top: Int,
                            maxLevelDistance: Int = 1) -> [Transition] {
        var cov = [Double]()
        coverage(of: held, into: &cov)
        var scored: [(Int, Double)] = []
        scored.reserveCapacity(esco.occupations.count)
        for d in esco.occupations.indices where !excluding.contains(d) {
            if let l = originLevel, abs(Self.skillLevel(isco: esco.occupations[d].isco) - l) > maxLevelDistance { continue }
            scored.append((d, similarity(coverage: cov, to: d)))
        }
        scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && esco.occupations[$0.0].uri < esco.occupations[$1.0].uri) }
        let heldSet = Set(held)
        return scored.prefix(top).map { d, score in
            let byWeight = profiles[d].sorted { $0.weight > $1.weight || ($0.weight == $1.weight && $0.skill < $1.skill) }
            let essential = Set(esco.relations[d].filter(\.essential).map(\.skill))
            return Transition(destination: d, score: score,
                              shared: byWeight.filter { heldSet.contains($0.skill) }.map(\.skill),
                              missing: byWeight.filter { !heldSet.contains($0.skill) && essential.contains($0.skill) }.map(\.skill))
        }
    }

    /// Transitions from an ESCO occupation.
    public func transitions(from o: Int, top: Int, maxLevelDistance: Int = 1) -> [Transition] {
        transitions(held: skills(of: o), originLevel: Self.skillLevel(isco: esco.occupations[o].isco),
                    excluding: [o], top: top, maxLevelDistance: maxLevelDistance)
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
    /// The list a user reads: near-duplicate ESCO variants (skill sets overlapping by at least
    /// `threshold`, Jaccard) collapsed under the best-ranked one, which lists them, so the first
    /// `top` lines are distinct occupations.
    public func distinct(_ list: [Transition], top: Int, threshold: Double = 0.5) -> [(head: Transition, variants: [Int])] {
        var out: [(head: Transition, variants: [Int])] = []
        var sets: [Set<Int>] = []
        for t in list {
            let s = Set(esco.relations[t.destination].map(\.skill))
            if let k = sets.firstIndex(where: { other in
                let union = s.union(other).count
                return union > 0 && Double(s.intersection(other).count) / Double(union) >= threshold
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
