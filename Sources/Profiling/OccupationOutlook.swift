import Foundation
import LabourData
import OutlookBundle

/// Mizan's own shortage probability for the occupation a person seeks, where they live: the
/// `p_shortage` column of a `mizan shortages` (or outlook `shortages.csv`) list. No profiling
/// tool of the anchors (PEX, VDAB, AMS, WPRS) looks at demand for the occupation sought.
public struct OccupationOutlook: Sendable {
    /// p_shortage by "region/isco"; the national rows are under "TOTAL/isco".
    public let probabilities: [String: Double]
    /// Vacancies per job seeker (`tension_ratio`) by the same keys, where the list has it: the
    /// present tightness beside the forward-looking probability.
    public let tension: [String: Double]
    /// The list's mean p and mean tension, for occupations it does not cover.
    public let mean: Double
    public let meanTension: Double
    public let source: String

    public init(probabilities: [String: Double], tension: [String: Double] = [:], source: String) {
        self.probabilities = probabilities
        self.tension = tension
        self.source = source
        let ps = probabilities.keys.sorted().map { probabilities[$0]! }
        mean = ps.isEmpty ? 0 : ps.reduce(0, +) / Double(ps.count)
        let ts = tension.keys.sorted().map { tension[$0]! }
        meanTension = ts.isEmpty ? 0 : ts.reduce(0, +) / Double(ts.count)
    }

    public var hasTension: Bool { !tension.isEmpty }

    /// The region's own cell, else the national one, else the unit group's minor/sub-major group
    /// nationally, else the list's mean.
    public func probability(region: String, isco: String) -> Double {
        Self.lookup(probabilities, region: region, isco: isco) ?? mean
    }

    public func tension(region: String, isco: String) -> Double {
        Self.lookup(tension, region: region, isco: isco) ?? meanTension
    }

    static func lookup(_ table: [String: Double], region: String, isco: String) -> Double? {
        if let p = table["\(region)/\(isco)"] ?? table["\(Regions.total)/\(isco)"] { return p }
        var code = isco
        while code.count > 1 {
            code.removeLast()
            if let p = table["\(region)/\(code)"] ?? table["\(Regions.total)/\(code)"] { return p }
        }
        return nil
    }

    /// Reads a published list through the bundle's reader: it needs region, isco and
    /// p_shortage (`tension_ratio` is read where present; rows without a p are skipped).
    public static func read(_ url: URL) throws(InputError) -> OccupationOutlook {
        OccupationOutlook(rows: try ShortageListFile.read(url, required: [.pShortage]), source: url.lastPathComponent)
    }

    /// The index of a published list's rows.
    public init(rows: [PublishedShortage], source: String) {
        var probabilities: [String: Double] = [:], tension: [String: Double] = [:]
        for r in rows {
            if let p = r.pShortage { probabilities[r.key] = p }
            if let t = r.tensionRatio { tension[r.key] = t }
        }
        self.init(probabilities: probabilities, tension: tension, source: source)
    }
}
