import Foundation
import LabourData
import LinearAlgebra

/// What an occupation's work demands beyond its list of ESCO skills: O*NET's importance and
/// level ratings of 35 skills and 33 knowledge areas, reached through an ESCO ↔ O*NET crosswalk.
///
/// Why: ESCO lists skills as present or absent, O*NET rates how much each broad skill matters.
/// Two occupations with few ESCO skills in common can demand the same mathematics, mechanics and
/// equipment maintenance (O*NET's related-occupation lists are built on such ratings), and the
/// two views together find more of those related occupations than either alone (see
/// `TransitionEvaluation`). Nesta's Career Causeways combines ESCO skills with O*NET work
/// activities and context the same way.
///
/// Each descriptor is standardised across O*NET occupations; an ESCO occupation takes its O*NET
/// occupation's profile, or, when the crosswalk has none for it, the mean profile of the mapped
/// ESCO occupations of its ISCO unit group (else minor, sub-major, major group), so unmapped
/// occupations are neither favoured nor pushed aside. Profiles are scaled to unit length: the
/// similarity of two occupations is the cosine of their profiles.
public struct WorkProfiles: Sendable {
    /// N × D, one unit-length row per ESCO occupation (zero where nothing could be imputed).
    let unitProfiles: Matrix
    /// O*NET-SOC code per ESCO occupation, when the crosswalk maps it.
    public let onetCode: [String?]
    /// Whether the occupation's profile is a group mean rather than its own O*NET occupation's.
    public let imputed: [Bool]

    public init(esco: ESCO, onet: ONET, crosswalk: ESCOONETCrosswalk) {
        let n = esco.occupations.count, dims = onet.descriptors.count
        // Standardise each descriptor across O*NET occupations (codes in sorted order: the same
        // sums in the same order on every run).
        let codes = onet.profiles.keys.sorted()
        var mean = [Double](repeating: 0, count: dims), sd = [Double](repeating: 0, count: dims)
        for c in codes { for (j, v) in onet.profiles[c]!.enumerated() { mean[j] += v } }
        for j in 0..<dims { mean[j] /= Double(max(1, codes.count)) }
        for c in codes { for (j, v) in onet.profiles[c]!.enumerated() { sd[j] += (v - mean[j]) * (v - mean[j]) } }
        for j in 0..<dims { sd[j] = (sd[j] / Double(max(1, codes.count))).squareRoot() }
        func standardised(_ c: String) -> [Double]? {
            onet.profiles[c].map { p in p.indices.map { sd[$0] > 0 ? (p[$0] - mean[$0]) / sd[$0] : 0 } }
        }
        var rows = [[Double]?](repeating: nil, count: n)
        var codeOf = [String?](repeating: nil, count: n)
        for o in 0..<n {
            codeOf[o] = crosswalk.onetCode[o]
            if let c = codeOf[o] { rows[o] = standardised(c) }
        }
        var imputed = [Bool](repeating: false, count: n)
        let own = rows
        for digits in [4, 3, 2, 1] {
            var sum: [Substring: [Double]] = [:], count: [Substring: Int] = [:]
            for o in 0..<n { if let r = own[o] {
                let g = esco.occupations[o].isco.prefix(digits)
                sum[g, default: [Double](repeating: 0, count: dims)] = zip(sum[g] ?? [Double](repeating: 0, count: dims), r).map { $0 + $1 }
                count[g, default: 0] += 1
            } }
            for o in 0..<n where rows[o] == nil {
                let g = esco.occupations[o].isco.prefix(digits)
                if let s = sum[g], let k = count[g] { rows[o] = s.map { $0 / Double(k) }; imputed[o] = true }
            }
        }
        var m = Matrix(rows: n, columns: dims)
        for o in 0..<n { if let r = rows[o] {
            let norm = BLAS.norm(r)
            guard norm > 0 else { continue }
            for j in 0..<dims { m[o, j] = r[j] / norm }
        } }
        unitProfiles = m
        onetCode = codeOf
        self.imputed = imputed
    }

    /// Cosine similarity of occupation `o`'s work profile with every occupation's (one BLAS gemv).
    public func similarities(to o: Int) -> [Double] {
        (try? BLAS.product(.none, unitProfiles, unitProfiles.row(o))) ?? [Double](repeating: 0, count: unitProfiles.rows)
    }

    /// Cosine similarity with a profile made of several occupations (their mean profile), for a
    /// person who held more than one.
    public func similarities(toAll origins: [Int]) -> [Double] {
        guard origins.count > 1 else { return origins.first.map(similarities(to:)) ?? [Double](repeating: 0, count: unitProfiles.rows) }
        var mean = [Double](repeating: 0, count: unitProfiles.columns)
        for o in origins { BLAS.axpy(1, unitProfiles.row(o), &mean) }
        let norm = BLAS.norm(mean)
        guard norm > 0 else { return [Double](repeating: 0, count: unitProfiles.rows) }
        BLAS.scale(&mean, by: 1 / norm)
        return (try? BLAS.product(.none, unitProfiles, mean)) ?? [Double](repeating: 0, count: unitProfiles.rows)
    }
}
