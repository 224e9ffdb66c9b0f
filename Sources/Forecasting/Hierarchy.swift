import LabourData

/// One dimension of a grouped structure: its bottom codes and the aggregate nodes above them.
///
/// A *flat* dimension has a total and its leaves (regions, purposes). A *prefix* dimension is a
/// tree in which a code's ancestors are its prefixes (ISCO-08: 2 ⊃ 22 ⊃ 222 ⊃ 2221; tourism
/// geography A ⊃ AA ⊃ AAA). Leaves are sorted, so every node covers a contiguous range of them.
public struct HierarchyDimension: Sendable {
    public struct Node: Sendable, Hashable {
        /// `TOTAL` for the root, else the code.
        public let code: String
        /// Leaves under the node: `leaves[range]`.
        public let range: Range<Int>
        /// 0 for the root, then 1, 2, … by prefix length; leaves have the largest depth.
        public let depth: Int
        /// Covers exactly one leaf (a leaf, or an aggregate with a single child): its sums are that leaf.
        public var coversOneLeaf: Bool { range.count == 1 }
    }

    public let name: String
    public let leaves: [String]
    /// All nodes: root first, then by depth, then by code. Leaves are nodes too.
    public let nodes: [Node]
    /// Index into `nodes` of each leaf.
    public let leafNode: [Int]
    /// For each leaf, the nodes containing it (root, its prefixes, itself).
    public let ancestorsOfLeaf: [[Int]]
    /// Whether the dimension is a total plus leaves only.
    public var isFlat: Bool { nodes.count == leaves.count + 1 }

    public static let totalCode = Regions.total

    /// A total and its leaves.
    public static func flat(_ name: String, leaves: [String]) -> HierarchyDimension {
        HierarchyDimension(name: name, leaves: leaves.sorted(), prefixLengths: [])
    }

    /// A prefix tree: aggregate nodes at each of `prefixLengths` (e.g. [1, 2, 3] for ISCO unit
    /// groups); by default every length shorter than the longest leaf code.
    public static func prefix(_ name: String, leaves: [String], prefixLengths: [Int]? = nil) -> HierarchyDimension {
        let longest = leaves.map(\.count).max() ?? 0
        let lengths = prefixLengths ?? Array(1..<max(1, longest))
        return HierarchyDimension(name: name, leaves: leaves.sorted(), prefixLengths: lengths.sorted())
    }

    init(name: String, leaves: [String], prefixLengths: [Int]) {
        self.name = name
        self.leaves = leaves
        var nodes = [Node(code: Self.totalCode, range: 0..<leaves.count, depth: 0)]
        for (d, len) in prefixLengths.enumerated() {
            var i = 0
            while i < leaves.count {
                guard leaves[i].count > len else { i += 1; continue }
                let p = leaves[i].prefix(len)
                var j = i + 1
                while j < leaves.count && leaves[j].count > len && leaves[j].prefix(len) == p { j += 1 }
                nodes.append(Node(code: String(p), range: i..<j, depth: d + 1))
                i = j
            }
        }
        var leafNode = [Int](repeating: 0, count: leaves.count)
        for (i, leaf) in leaves.enumerated() {
            leafNode[i] = nodes.count
            nodes.append(Node(code: leaf, range: i..<(i + 1), depth: prefixLengths.count + 1))
        }
        self.nodes = nodes
        self.leafNode = leafNode
        var anc = [[Int]](repeating: [], count: leaves.count)
        for (g, node) in nodes.enumerated() { for leaf in node.range { anc[leaf].append(g) } }
        ancestorsOfLeaf = anc
    }
}

/// A grouped structure: every pair (node of A, node of B) is a series; bottom series are pairs
/// of leaves. For Mizan's panels A = regions (flat) and B = ISCO codes (prefix tree).
///
/// The summing matrix S is never formed: aggregation and its transpose work on range sums.
public struct GroupedHierarchy: Sendable {
    public let a: HierarchyDimension
    public let b: HierarchyDimension

    public init(_ a: HierarchyDimension, _ b: HierarchyDimension) {
        self.a = a
        self.b = b
    }

    public var seriesCount: Int { a.nodes.count * b.nodes.count }
    public var bottomCount: Int { a.leaves.count * b.leaves.count }

    /// Series index of (node of A, node of B).
    @inline(__always) public func series(_ ga: Int, _ gb: Int) -> Int { ga * b.nodes.count + gb }
    /// Bottom index of (leaf of A, leaf of B).
    @inline(__always) public func bottom(_ la: Int, _ lb: Int) -> Int { la * b.leaves.count + lb }
    /// Series index of a bottom.
    public func seriesOfBottom(_ la: Int, _ lb: Int) -> Int { series(a.leafNode[la], b.leafNode[lb]) }
    /// The series indices of all bottoms.
    public var bottomSeries: Set<Int> { Set((0..<a.leaves.count).flatMap { la in (0..<b.leaves.count).map { seriesOfBottom(la, $0) } }) }

    /// Number of bottom series under each series (the diagonal of S·1, WLS-structural weights).
    public var bottomCounts: [Double] {
        var out = [Double](repeating: 0, count: seriesCount)
        for (ga, na) in a.nodes.enumerated() {
            for (gb, nb) in b.nodes.enumerated() { out[series(ga, gb)] = Double(na.range.count * nb.range.count) }
        }
        return out
    }

    /// `S · x` for `q` columns: bottom values (bottomCount × q, column-major) to all series
    /// (seriesCount × q). Range sums along B, then along A, with prefix sums.
    public func aggregate(_ x: UnsafeBufferPointer<Double>, columns q: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let m = bottomCount, n = seriesCount
        let la = a.leaves.count, lb = b.leaves.count
        let nb = b.nodes.count
        var prefix = [Double](repeating: 0, count: lb + 1)
        var partial = [Double](repeating: 0, count: la * nb)  // leaf of A × node of B
        var colPrefix = [Double](repeating: 0, count: la + 1)
        for c in 0..<q {
            let xc = x.baseAddress! + c * m
            let oc = out.baseAddress! + c * n
            for i in 0..<la {
                prefix[0] = 0
                for j in 0..<lb { prefix[j + 1] = prefix[j] + xc[bottom(i, j)] }
                for (gb, node) in b.nodes.enumerated() {
                    partial[i * nb + gb] = node.coversOneLeaf ? xc[bottom(i, node.range.lowerBound)]
                        : prefix[node.range.upperBound] - prefix[node.range.lowerBound]
                }
            }
            for gb in 0..<nb {
                colPrefix[0] = 0
                for i in 0..<la { colPrefix[i + 1] = colPrefix[i] + partial[i * nb + gb] }
                for (ga, node) in a.nodes.enumerated() {
                    oc[series(ga, gb)] = node.coversOneLeaf ? partial[node.range.lowerBound * nb + gb]
                        : colPrefix[node.range.upperBound] - colPrefix[node.range.lowerBound]
                }
            }
        }
    }

    /// `Sᵀ · v` for `q` columns: each bottom receives the sum over the series containing it.
    public func disaggregate(_ v: UnsafeBufferPointer<Double>, columns q: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let m = bottomCount, n = seriesCount
        let ancA = a.ancestorsOfLeaf, ancB = b.ancestorsOfLeaf
        let nb = b.nodes.count
        var rowSum = [Double](repeating: 0, count: nb)
        for c in 0..<q {
            let vc = v.baseAddress! + c * n
            let oc = out.baseAddress! + c * m
            for i in 0..<a.leaves.count {
                for gb in 0..<nb {
                    var s = 0.0
                    for ga in ancA[i] { s += vc[ga * nb + gb] }
                    rowSum[gb] = s
                }
                for j in 0..<b.leaves.count {
                    var s = 0.0
                    for gb in ancB[j] { s += rowSum[gb] }
                    oc[bottom(i, j)] = s
                }
            }
        }
    }

    /// Convenience for one column.
    public func aggregate(_ x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: seriesCount)
        x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { aggregate(xp, columns: 1, into: $0) } }
        return out
    }

    public func disaggregate(_ v: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: bottomCount)
        v.withUnsafeBufferPointer { vp in out.withUnsafeMutableBufferPointer { disaggregate(vp, columns: 1, into: $0) } }
        return out
    }

    /// The dense summing matrix, for tests and small problems only.
    public func summingMatrix() -> [[Double]] {
        var rows = [[Double]](repeating: [Double](repeating: 0, count: bottomCount), count: seriesCount)
        for (ga, na) in a.nodes.enumerated() {
            for (gb, nb) in b.nodes.enumerated() {
                for i in na.range { for j in nb.range { rows[series(ga, gb)][bottom(i, j)] = 1 } }
            }
        }
        return rows
    }
}
