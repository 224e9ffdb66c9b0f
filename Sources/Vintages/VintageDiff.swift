import OutlookBundle

/// Which occupations entered or left the top of a shortage list between two vintages, and why:
/// the reasons given are the later vintage's (what the newer data say about the occupation).
public struct VintageDiff: Sendable {
    public enum Change: String, Sendable { case entered, left }

    public struct Row: Sendable, Equatable {
        public var region: String
        public var change: Change
        public var isco: String
        public var title: String
        /// Rank in the earlier and the later vintage; nil when not listed at all.
        public var rankBefore: Int?
        public var rankAfter: Int?
        public var reasons: String
    }

    public let rows: [Row]

    /// `top`: rows per region that count as "the list". Regions in either vintage are compared;
    /// rows are ordered by region, entered before left, then by rank.
    public init(before: [PublishedShortage], after: [PublishedShortage], top: Int) {
        func index(_ l: [PublishedShortage]) -> [String: [String: PublishedShortage]] {
            var d: [String: [String: PublishedShortage]] = [:]
            for o in l { d[o.region, default: [:]][o.isco] = o }
            return d
        }
        let a = index(before), b = index(after)
        var rows: [Row] = []
        for region in Set(a.keys).union(b.keys).sorted() {
            let ra = a[region] ?? [:], rb = b[region] ?? [:]
            let topA = Set(ra.values.filter { ($0.rank ?? .max) <= top }.map(\.isco))
            let topB = Set(rb.values.filter { ($0.rank ?? .max) <= top }.map(\.isco))
            let entered = topB.subtracting(topA).map { rb[$0]! }.sorted { ($0.rank ?? .max, $0.isco) < ($1.rank ?? .max, $1.isco) }
            for o in entered {
                rows.append(Row(region: region, change: .entered, isco: o.isco, title: o.title, rankBefore: ra[o.isco]?.rank,
                                rankAfter: o.rank, reasons: o.reasons))
            }
            let left = topA.subtracting(topB).map { ra[$0]! }.sorted { ($0.rank ?? .max, $0.isco) < ($1.rank ?? .max, $1.isco) }
            for o in left {
                let now = rb[o.isco]
                rows.append(Row(region: region, change: .left, isco: o.isco, title: now?.title ?? o.title, rankBefore: o.rank,
                                rankAfter: now?.rank, reasons: now?.reasons ?? "no longer listed"))
            }
        }
        self.rows = rows
    }
}
