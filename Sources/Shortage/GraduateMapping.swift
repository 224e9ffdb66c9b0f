import Foundation

/// Graduates by training programme mapped to ISCO unit groups: a programme → ISCO share matrix
/// (rows of a programme sum to 1) applied to graduates by programme.
public enum GraduateMapping {
    /// - Parameters:
    ///   - graduates: `year,region,programme,graduates` rows.
    ///   - mapping: `programme,isco,share` rows.
    /// - Returns: graduates by "region/isco" and year.
    public static func apply(graduates: [(year: Int, region: String, programme: String, count: Double)],
                             mapping: [(programme: String, isco: String, share: Double)]) throws -> [String: [Int: Double]] {
        var byProgramme: [String: [(String, Double)]] = [:]
        for m in mapping { byProgramme[m.programme, default: []].append((m.isco, m.share)) }
        for (programme, shares) in byProgramme {
            let sum = shares.reduce(0) { $0 + $1.1 }
            if abs(sum - 1) > 1e-6 {
                throw ShortageModelError.badInput("programme '\(programme)': ISCO shares sum to \(sum), not 1")
            }
        }
        var out: [String: [Int: Double]] = [:]
        for g in graduates {
            guard let shares = byProgramme[g.programme] else {
                throw ShortageModelError.badInput("programme '\(g.programme)' has no row in the mapping")
            }
            for (isco, share) in shares { out["\(g.region)/\(isco)", default: [:]][g.year, default: 0] += g.count * share }
        }
        return out
    }
}
