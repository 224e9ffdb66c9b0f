import Foundation
import LabourData

/// One line of a published shortage list, as the workspace shows it.
public struct ListedShortage: Sendable, Equatable {
    public let region: String
    public let isco: String
    public let title: String
    public let rank: Int
    public let score: Double?
    public let rankNational: Int?
    public let pShortage: Double?
    public let tension: Double?
    public let employment: Double?
    public let openings: Double?
    public let newSupply: Double?
    public let imbalance: Double?
    public let imbalanceLow: Double?
    public let imbalanceHigh: Double?
    public let reasons: String

    public init(region: String, isco: String, title: String, rank: Int, score: Double?, rankNational: Int?, pShortage: Double?,
                tension: Double?, employment: Double?, openings: Double?, newSupply: Double?, imbalance: Double?,
                imbalanceLow: Double?, imbalanceHigh: Double?, reasons: String) {
        self.region = region; self.isco = isco; self.title = title; self.rank = rank; self.score = score
        self.rankNational = rankNational; self.pShortage = pShortage; self.tension = tension; self.employment = employment
        self.openings = openings; self.newSupply = newSupply; self.imbalance = imbalance; self.imbalanceLow = imbalanceLow
        self.imbalanceHigh = imbalanceHigh; self.reasons = reasons
    }
}

/// The lists of a bundle: now and at the target year, for everyone and (where the panel splits
/// employment by sex) for women and men.
public struct ShortageListing: Sendable {
    public enum Horizon: String, Sendable, CaseIterable { case target, now }
    public enum Sex: String, Sendable, CaseIterable { case all, female, male }

    public let lists: [String: [ListedShortage]]
    public let targetYear: Int
    public let baseYear: Int

    static func key(_ h: Horizon, _ s: Sex) -> String { "\(h.rawValue)/\(s.rawValue)" }

    public func rows(_ h: Horizon, _ s: Sex) -> [ListedShortage]? { lists[Self.key(h, s)] }

    static func load(bundle: URL, targetYear: Int, baseYear: Int) throws -> ShortageListing {
        var lists: [String: [ListedShortage]] = [:]
        let files: [(Horizon, Sex, String)] = [(.target, .all, "shortages.csv"), (.now, .all, "shortages_now.csv"),
                                               (.target, .female, "shortages_female.csv"), (.now, .female, "shortages_now_female.csv"),
                                               (.target, .male, "shortages_male.csv"), (.now, .male, "shortages_now_male.csv")]
        for (h, s, name) in files {
            let url = bundle.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            lists[key(h, s)] = try parse(BundleTable.read(url), file: url.path)
        }
        guard lists[key(.target, .all)] != nil || lists[key(.now, .all)] != nil else {
            throw InputError(Diagnostic(file: bundle.path, line: 0, column: 0, message: "no shortages.csv in the bundle: run mizan outlook first"))
        }
        return ShortageListing(lists: lists, targetYear: targetYear, baseYear: baseYear)
    }

    static func parse(_ t: BundleTable, file: String) throws -> [ListedShortage] {
        guard let r = t.column("region"), let i = t.column("isco"), let title = t.column("title"), let rank = t.column("rank") else {
            throw InputError(Diagnostic(file: file, line: 1, column: 1, message: "a shortage list needs region, isco, title and rank columns"))
        }
        func num(_ row: [String], _ name: String) -> Double? {
            guard let c = t.column(name), !row[c].isEmpty, let v = Double(row[c]), v.isFinite else { return nil }
            return v
        }
        return t.rows.map { row in
            ListedShortage(region: row[r], isco: row[i], title: row[title], rank: Int(row[rank]) ?? 0, score: num(row, "score"),
                           rankNational: num(row, "rank_national").map { Int($0) }, pShortage: num(row, "p_shortage"),
                           tension: num(row, "tension_ratio"), employment: num(row, "employment"), openings: num(row, "openings"),
                           newSupply: num(row, "new_supply"), imbalance: num(row, "imbalance"), imbalanceLow: num(row, "imbalance_lo"),
                           imbalanceHigh: num(row, "imbalance_hi"), reasons: t.column("reasons").map { row[$0] } ?? "")
        }
    }
}
