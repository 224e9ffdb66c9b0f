import LabourData
import OutlookBundle

/// What the shortage-list page shows: validated from the query string. Anything a planner
/// could not have meant (an unknown region, a malformed group, an unknown sort) is a 400 with
/// words, never a guess.
public struct ListQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable { case rank, p, imbalance, isco, employment }

    public var region = Regions.total
    public var majorGroup: String?
    public var horizon = ShortageListing.Horizon.target
    public var sex = ShortageListing.Sex.all
    public var sort = Sort.rank
    /// Largest first; without `dir`, the natural order of the column (rank and code ascending,
    /// probability, imbalance and employment largest first).
    public var descending = false

    public init() {}

    /// - Parameter regions: the codes the bundle has.
    public static func parse(_ items: [(String, String)], regions: Set<String>) throws(WorkspaceError) -> ListQuery {
        var q = ListQuery()
        var direction: Bool?
        for (name, value) in items {
            switch name {
            case "region":
                if value.isEmpty || value == Regions.total { q.region = Regions.total; continue }
                guard case .code(let code) = RegionNames.resolve(value), regions.contains(code) else {
                    throw WorkspaceError(.badRequest, .badRegion, detail: value)
                }
                q.region = code
            case "major":
                if value.isEmpty { q.majorGroup = nil; continue }
                guard value.count == 1, value.allSatisfy(\.isNumber) else { throw WorkspaceError(.badRequest, .badIsco, detail: value) }
                q.majorGroup = value
            case "horizon":
                guard let h = ShortageListing.Horizon(rawValue: value) else { throw WorkspaceError(.badRequest, .badParameter, detail: "horizon=\(value)") }
                q.horizon = h
            case "sex":
                guard let s = ShortageListing.Sex(rawValue: value) else { throw WorkspaceError(.badRequest, .badParameter, detail: "sex=\(value)") }
                q.sex = s
            case "sort":
                guard let s = Sort(rawValue: value) else { throw WorkspaceError(.badRequest, .badParameter, detail: "sort=\(value)") }
                q.sort = s
            case "dir":
                guard value == "asc" || value == "desc" else { throw WorkspaceError(.badRequest, .badParameter, detail: "dir=\(value)") }
                direction = value == "desc"
            default:
                throw WorkspaceError(.badRequest, .badParameter, detail: name)
            }
        }
        q.descending = direction ?? (q.sort != .rank && q.sort != .isco)
        return q
    }

    public var items: [(String, String)] {
        var out: [(String, String)] = [("region", region), ("horizon", horizon.rawValue), ("sex", sex.rawValue), ("sort", sort.rawValue)]
        if let m = majorGroup { out.insert(("major", m), at: 1) }
        out.append(("dir", descending ? "desc" : "asc"))
        return out
    }

    /// The rows shown, in the order shown.
    public func apply(_ rows: [PublishedShortage]) -> [PublishedShortage] {
        var r = rows.filter { $0.region == region && (majorGroup == nil || $0.isco.hasPrefix(majorGroup!)) }
        func key(_ x: PublishedShortage) -> Double {
            switch sort {
            case .rank: return Double(x.rank ?? .max)
            case .p: return x.pShortage ?? -1
            case .imbalance: return x.imbalance ?? -.infinity
            case .isco: return Double(x.isco) ?? 0
            case .employment: return x.employment ?? 0
            }
        }
        r.sort { a, b in
            let ka = key(a), kb = key(b)
            if ka != kb { return descending ? ka > kb : ka < kb }
            return (a.rank ?? .max) < (b.rank ?? .max)
        }
        return r
    }
}
