import Foundation
import LabourData
import Recommender
import TestSupport
import Testing

/// Skill-based transitions against outside truth: O*NET's expert related-occupation lists
/// (through Nesta's ESCO ↔ O*NET crosswalk) and Nesta's counts of viable transitions.
@Suite("Transitions (ESCO skills) against O*NET and Nesta")
struct TransitionTests {
    static let model: SkillModel = {
        let esco = try! ESCO.load(directory: try! SharedData.dataset("esco"))
        return SkillModel(esco: esco)
    }()

    static func csvRows(_ path: String) throws -> [[String]] {
        let t = try TextTable.read(contentsOf: SharedData.dataset(path), required: [])
        return [t.columns] + t.rows
    }

    @Test("a welder's closest destinations are other welding and metal trades; asymmetry holds")
    func welder() throws {
        let m = Self.model
        let welder = try #require(m.resolve("welder").first)
        let list = m.transitions(from: welder, top: 5)
        #expect(list.allSatisfy { m.esco.occupations[$0.destination].isco.hasPrefix("72") })
        #expect(list.first!.score > 0.5)
        // One-way: the similarity from A to B is not the one from B to A.
        var cov = [Double]()
        m.coverage(of: m.skills(of: welder), into: &cov)
        let b = list[3].destination
        let ab = m.similarity(coverage: cov, to: b)
        m.coverage(of: m.skills(of: b), into: &cov)
        let ba = m.similarity(coverage: cov, to: welder)
        #expect(abs(ab - ba) > 1e-6)
        // An occupation fully covers itself.
        m.coverage(of: m.skills(of: welder), into: &cov)
        #expect(abs(m.similarity(coverage: cov, to: welder) - 1) < 1e-12)
    }

    @Test("the list a user reads: near-duplicate variants collapsed under one head, ten distinct occupations")
    func distinctList() throws {
        let m = Self.model
        let welder = try #require(m.resolve("welder").first)
        let ranked = m.distinct(m.transitions(from: welder, top: 50), top: 10)
        #expect(ranked.count == 10)
        let sets = ranked.map { Set(m.esco.relations[$0.head.destination].map(\.skill)) }
        for i in sets.indices { for j in sets.indices where i < j {
            #expect(Double(sets[i].intersection(sets[j]).count) / Double(sets[i].union(sets[j]).count) < 0.5)
        } }
        let names = { (d: Int) in m.esco.occupations[d].labelEnglish }
        let brazier = try #require(ranked.first { names($0.head.destination) == "brazier" })
        #expect(brazier.variants.map(names).contains("solderer"))
        #expect(ranked.prefix(5).allSatisfy { m.esco.occupations[$0.head.destination].isco.hasPrefix("72") })
    }

    @Test("recall of O*NET's related occupations beats the same-ISCO-group baseline")
    func onetRecall() throws {
        let m = Self.model
        let esco = m.esco
        // ESCO URI → O*NET code, and O*NET related lists.
        let cw = try Self.csvRows("nesta/esco_onet_crosswalk_Nov2020.csv")
        let ci = cw[0].firstIndex(of: "concept_uri")!, oi = cw[0].firstIndex(of: "onet_code")!
        var onetOf = [Int: String]()
        for r in cw.dropFirst() { if let o = esco.occupationIndex[r[ci]] { onetOf[o] = r[oi] } }
        let rel = try Self.csvRows("onet/Related_Occupations.csv")
        var related = [String: Set<String>]()
        for r in rel.dropFirst() { related[r[0], default: []].insert(r[2]) }
        let mappable = Set(onetOf.values)

        // Binary skill sets for the cosine baseline.
        let sets = esco.relations.map { Set($0.map(\.skill)) }
        func cosineRank(_ o: Int) -> [Int] {
            var scored: [(Int, Double)] = []
            for d in esco.occupations.indices where d != o {
                let inter = Double(sets[o].intersection(sets[d]).count)
                let norm = (Double(sets[o].count) * Double(sets[d].count)).squareRoot()
                scored.append((d, inter / max(1, norm)))
            }
            scored.sort { (a: (Int, Double), b: (Int, Double)) -> Bool in a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
            return scored.map { $0.0 }
        }
        func iscoRank(_ o: Int) -> [Int] {
            let code = Array(esco.occupations[o].isco)
            var close = [Int](repeating: 0, count: esco.occupations.count)
            for d in esco.occupations.indices {
                let c = Array(esco.occupations[d].isco)
                var k = 0
                while k < 4 && c[k] == code[k] { k += 1 }
                close[d] = k
            }
            let candidates: [Int] = esco.occupations.indices.filter { $0 != o }
            return candidates.sorted { (x: Int, y: Int) -> Bool in close[x] != close[y] ? close[x] > close[y] : x < y }
        }
        func recall(_ ranked: [Int], _ o: Int, k: Int) -> Double? {
            guard let code = onetOf[o], let truth = related[code]?.intersection(mappable).subtracting([code]), !truth.isEmpty else { return nil }
            var codes: [String] = []
            for d in ranked { if let c = onetOf[d], c != code, !codes.contains(c) { codes.append(c); if codes.count == k { break } } }
            return Double(Set(codes).intersection(truth).count) / Double(truth.count)
        }
        // A deterministic sample of origins keeps the test quick in debug builds.
        let origins = onetOf.keys.sorted().enumerated().filter { $0.offset % 12 == 0 }.map(\.element)
        var sums = [String: [Int: (Double, Int)]]()
        for o in origins {
            let ours = m.transitions(from: o, top: 400, maxLevelDistance: 4).map(\.destination)
            let lists = ["mizan": ours, "same ISCO group": iscoRank(o), "plain cosine": cosineRank(o)]
            for (name, ranked) in lists {
                for k in [10, 20] {
                    if let r = recall(ranked, o, k: k) {
                        let cur = sums[name, default: [:]][k] ?? (0, 0)
                        sums[name, default: [:]][k] = (cur.0 + r, cur.1 + 1)
                    }
                }
            }
        }
        func mean(_ name: String, _ k: Int) -> Double { sums[name]![k]!.0 / Double(sums[name]![k]!.1) }
        for k in [10, 20] {
            print("O*NET recall@\(k) over \(sums["mizan"]![k]!.1) origins: Mizan \(mean("mizan", k)), same ISCO group \(mean("same ISCO group", k)), plain cosine \(mean("plain cosine", k))")
            #expect(mean("mizan", k) > mean("same ISCO group", k))
        }
    }

    @Test("counts of viable transitions correlate with Nesta's published counts")
    func nestaCounts() throws {
        let m = Self.model
        let rows = try Self.csvRows("nesta/mcc_transitions_Occupation_data.csv")
        let h = rows[0]
        let uri = h.firstIndex(of: "concept_uri")!, nd = h.firstIndex(of: "n_desirable")!
        var ours: [Double] = [], theirs: [Double] = []
        for r in rows.dropFirst().enumerated().filter({ $0.offset % 16 == 0 }).map(\.element) {
            guard let o = m.esco.occupationIndex[r[uri]], let n = Double(r[nd]) else { continue }
            let viable = m.transitions(from: o, top: m.esco.occupations.count, maxLevelDistance: 1).filter { $0.score >= 0.3 }.count
            ours.append(Double(viable)); theirs.append(n)
        }
        let rho = spearman(ours, theirs)
        print("Nesta viable-transition counts: Spearman \(rho) over \(ours.count) occupations")
        #expect(ours.count > 80)
        #expect(rho > 0.2)
    }
}
