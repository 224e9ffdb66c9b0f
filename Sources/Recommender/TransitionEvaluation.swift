import Foundation
import LabourData
import LinearAlgebra

/// How well the transitions list a user reads recovers O*NET's expert related occupations.
///
/// Protocol (fixed so that a reported figure is never the one tuned on):
/// - Origins: ESCO occupations the crosswalk maps to an O*NET occupation that has at least one
///   related occupation which the crosswalk also reaches.
/// - Halves: an origin belongs to the tuning half when the FNV-1a hash of its URI is even, to
///   the reporting half when it is odd. Weights are chosen on the tuning half only.
/// - Lists: the default `mizan transitions` ranking (score, one ISCO skill level, near duplicates
///   collapsed), the top `k` lines as printed (`Lines.printed`, the default: a destination the
///   crosswalk cannot map is a miss), or ranked over the candidates O*NET can judge only
///   (`Lines.judged`: an unmapped destination is neither right nor wrong).
/// - Recall@k: the share of the origin's related O*NET occupations (those the crosswalk reaches,
///   its own excluded) found among the O*NET occupations of the k lines, averaged over origins.
/// - Baselines on the same origins, candidates, level rule and collapse: k occupations drawn at
///   random from the origin's own ISCO minor group (then sub-major, major group, in random order)
///   and plain cosine of binary ESCO skill sets.
public struct TransitionEvaluation: Sendable {
    public enum Half: String, Sendable, CaseIterable { case tuning, reporting }
    /// Which lines count. `printed`: the list as `mizan transitions` prints it, every line; a
    /// destination the crosswalk cannot map is a miss, because the user still reads it.
    /// `judged`: the list ranked over the destinations O*NET can judge only (the earlier figure).
    public enum Lines: String, Sendable, CaseIterable { case printed, judged }
    public enum Method: String, Sendable, CaseIterable {
        case mizan
        case sameMinorGroup = "same ISCO minor group (random)"
        case plainCosine = "plain skill cosine"
    }

    public let model: SkillModel
    public let work: WorkProfiles
    public let related: [String: Set<String>]
    /// Each occupation's ESCO skills (for the cosine baseline).
    let skillSets: [Set<Int>]

    /// Nil when the model has no work profiles: without the crosswalk nothing can be judged.
    public init?(model: SkillModel, onet: ONET) {
        guard let work = model.work else { return nil }
        self.model = model
        self.work = work
        let mappable = Set(work.onetCode.compactMap { $0 })
        related = onet.related.mapValues { Set($0).intersection(mappable) }
        skillSets = model.esco.relations.map { Set($0.map(\.skill)) }
    }

    /// FNV-1a (64 bit) of the URI's bytes: a split anyone can recompute.
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// The origins of one half, in ESCO order.
    public func origins(_ half: Half) -> [Int] {
        model.esco.occupations.indices.filter { o in
            guard let code = work.onetCode[o], !(related[code] ?? []).subtracting([code]).isEmpty else { return false }
            return (Self.fnv1a(model.esco.occupations[o].uri) % 2 == 0) == (half == .tuning)
        }
    }

    /// The ranked destinations of one method from `o`, before collapsing.
    func ranking(_ method: Method, from o: Int, pool: [Int], unjudged: Set<Int>, depth: Int, seed: UInt64) -> [Transition] {
        let esco = model.esco
        let level = SkillModel.skillLevel(isco: esco.occupations[o].isco)
        switch method {
        case .mizan:
            return model.transitions(held: model.skills(of: o), originLevel: level, origins: [o], excluding: unjudged.union([o]), top: depth)
        case .plainCosine, .sameMinorGroup:
            let own = skillSets[o]
            let isco = Array(esco.occupations[o].isco.utf8)
            var rng = SeededGenerator(seed: seed, stream: UInt64(o))
            var scored: [(Int, Double)] = []
            for d in pool where d != o && abs(SkillModel.skillLevel(isco: esco.occupations[d].isco) - level) <= 1 {
                if method == .plainCosine {
                    let s = skillSets[d]
                    scored.append((d, Double(own.intersection(s).count) / max(1, (Double(own.count) * Double(s.count)).squareRoot())))
                } else {
                    let c = Array(esco.occupations[d].isco.utf8)
                    var shared = 0
                    while shared < 3 && c[shared] == isco[shared] { shared += 1 }
                    scored.append((d, Double(shared) + rng.uniform() * 0.5))
                }
            }
            scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            return scored.prefix(depth).map { Transition(destination: $0.0, score: $0.1, coverage: 0, shared: [], missing: []) }
        }
    }

    /// Mean recall@k of each method over the origins of a half.
    public func recall(_ half: Half, k: [Int] = [10, 20], methods: [Method] = Method.allCases, lines counted: Lines = .printed,
                       seed: UInt64 = 2026) -> [Method: [Int: Double]] {
        let all = Array(model.esco.occupations.indices)
        let pool = counted == .printed ? all : all.filter { work.onetCode[$0] != nil }
        let unjudged = Set(all).subtracting(pool)
        let list = origins(half)
        let deepest = k.max() ?? 10
        var sums: [Method: [Int: Double]] = [:]
        for o in list {
            let code = work.onetCode[o]!
            let truth = related[code]!.subtracting([code])
            for method in methods {
                let lines = model.distinct(ranking(method, from: o, pool: pool, unjudged: unjudged, depth: deepest * 6, seed: seed), top: deepest, origins: [o])
                for n in k {
                    let found = Set(lines.prefix(n).compactMap { work.onetCode[$0.head.destination] }).subtracting([code])
                    sums[method, default: [:]][n, default: 0] += Double(found.intersection(truth).count) / Double(truth.count)
                }
            }
        }
        return sums.mapValues { $0.mapValues { $0 / Double(max(1, list.count)) } }
    }
}
