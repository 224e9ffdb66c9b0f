import Foundation
import LabourData
import Recommender

/// The recommendations in aggregate, per region of residence and nationally: how many registered
/// profiles got at least one destination in shortage, how much training the first one needs, and
/// which destinations and modules come up most. Profiles are personal data, so only counts leave
/// this type, and a region with fewer than `minimumCell` profiles shows its counts but no
/// breakdown (the usual small-cell rule of statistical disclosure control).
public struct RecommendationSummary: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var region: String
        public var profiles: Int
        public var placed: Int
        /// Median training hours of the first destination, over placed profiles.
        public var medianHours: Double?
        /// "ISCO title" and how many profiles have it among their destinations, most frequent first.
        public var destinations: [(String, Int)]
        public var modules: [(String, Int)]

        public init(region: String, profiles: Int, placed: Int, medianHours: Double?, destinations: [(String, Int)], modules: [(String, Int)]) {
            (self.region, self.profiles, self.placed, self.medianHours, self.destinations, self.modules) = (region, profiles, placed, medianHours, destinations, modules)
        }

        public static func == (a: Row, b: Row) -> Bool {
            a.region == b.region && a.profiles == b.profiles && a.placed == b.placed && a.medianHours == b.medianHours
                && a.destinations.map { "\($0.0)\u{1}\($0.1)" } == b.destinations.map { "\($0.0)\u{1}\($0.1)" }
                && a.modules.map { "\($0.0)\u{1}\($0.1)" } == b.modules.map { "\($0.0)\u{1}\($0.1)" }
        }
    }

    public static let minimumCell = 5
    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    public init(people: [MigrantProfile], results: [(recommendations: [Recommendation], reason: String?)],
                esco: ESCO, catalogue: TrainingCatalogue, language: Language, top: Int = 5) {
        var groups: [String: [Int]] = [:]
        for (k, p) in people.enumerated() { groups[p.region, default: []].append(k) }
        groups[Regions.total] = Array(people.indices)
        rows = groups.keys.sorted { ($0 == Regions.total ? 0 : 1, $0) < ($1 == Regions.total ? 0 : 1, $1) }.map { region in
            let members = groups[region]!
            let placed = members.filter { !results[$0].recommendations.isEmpty }
            let hours = placed.map { results[$0].recommendations[0].hours }.sorted()
            let median: Double? = hours.isEmpty ? nil
                : hours.count % 2 == 1 ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
            var row = Row(region: region, profiles: members.count, placed: placed.count, medianHours: median, destinations: [], modules: [])
            guard members.count >= Self.minimumCell else { return row }
            var dest: [String: Int] = [:], mods: [String: Int] = [:]
            for k in placed {
                var seenD = Set<String>(), seenM = Set<String>()
                for r in results[k].recommendations {
                    let o = esco.occupations[r.destination]
                    let key = "\(o.isco) \(ISCO08.standard.title(o.isco, language) ?? "")"
                    if seenD.insert(key).inserted { dest[key, default: 0] += 1 }
                    for m in r.modules where seenM.insert(catalogue.modules[m].id).inserted { mods[catalogue.modules[m].id, default: 0] += 1 }
                }
            }
            func rank(_ d: [String: Int]) -> [(String, Int)] {
                Array(d.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(top)).map { ($0.key, $0.value) }
            }
            row.destinations = rank(dest)
            row.modules = rank(mods)
            return row
        }
    }

    public func csv() -> [UInt8] {
        var w = CSVWriter(decimals: 1)
        w.row(["region", "profiles", "with_destination", "median_training_hours", "top_destinations", "top_modules"])
        for r in rows {
            w.text(r.region); w.comma(); w.text("\(r.profiles)"); w.comma(); w.text("\(r.placed)"); w.comma()
            if let m = r.medianHours { w.number(m) }
            w.comma()
            w.text(r.destinations.map { "\($0.0) (\($0.1))" }.joined(separator: "|")); w.comma()
            w.text(r.modules.map { "\($0.0) (\($0.1))" }.joined(separator: "|")); w.newline()
        }
        return w.bytes
    }

    public func json() throws -> [UInt8] {
        let items: [[String: Any]] = rows.map { r in
            ["region": r.region, "profiles": r.profiles, "with_destination": r.placed, "median_training_hours": r.medianHours ?? NSNull(),
             "top_destinations": r.destinations.map { ["occupation": $0.0, "profiles": $0.1] },
             "top_modules": r.modules.map { ["module": $0.0, "profiles": $0.1] }]
        }
        return Array(try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])) + [0x0A]
    }

    /// Reads back what `json()` wrote (the resume path rebuilds the report from it).
    public static func read(json bytes: [UInt8]) throws -> RecommendationSummary {
        guard let items = try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]] else {
            throw OutlookError("recommendations_summary.json is not a list")
        }
        return RecommendationSummary(rows: items.map { i in
            Row(region: i["region"] as? String ?? "", profiles: i["profiles"] as? Int ?? 0, placed: i["with_destination"] as? Int ?? 0,
                medianHours: i["median_training_hours"] as? Double,
                destinations: (i["top_destinations"] as? [[String: Any]] ?? []).map { ($0["occupation"] as? String ?? "", $0["profiles"] as? Int ?? 0) },
                modules: (i["top_modules"] as? [[String: Any]] ?? []).map { ($0["module"] as? String ?? "", $0["profiles"] as? Int ?? 0) })
        })
    }
}
