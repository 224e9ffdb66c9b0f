import Foundation
import LinearAlgebra

/// How base forecasts are made coherent.
public enum ReconciliationMethod: String, Sendable, CaseIterable {
    case none
    case bottomUp = "bottom-up"
    /// MinT with W = I.
    case ols
    /// MinT with W = diag(S·1): each series weighted by the number of bottom series under it.
    case wlsStruct = "wls-struct"
    /// MinT with W = diag of the one-step residual variances.
    case wlsVar = "wls-var"
    /// MinT with the Schäfer–Strimmer shrinkage of the one-step residual covariance.
    case mintShrink = "mint-shrink"
}

public enum ReconciliationError: Error, CustomStringConvertible, Equatable {
    case notEnoughResiduals(String)
    /// Residuals that carry no information about W (all zero: every series fitted exactly).
    case degenerateResiduals(String)
    /// MinT-shrink's covariance is singular (a shrinkage intensity of 0, fewer years than
    /// series); the residual variances alone (wls-var) still serve.
    case singularCovariance(String)
    case unsupportedStructure(String)
    case shape(String)

    public var description: String {
        switch self {
        case .notEnoughResiduals(let s): return "reconciliation: \(s)"
        case .degenerateResiduals(let s), .singularCovariance(let s): return "reconciliation: \(s)"
        case .unsupportedStructure(let s): return "reconciliation: \(s)"
        case .shape(let s): return "reconciliation: \(s)"
        }
    }
}

/// Minimum-trace reconciliation on a grouped structure, without forming S or any n × n matrix.
///
/// The reconciled bottom forecasts are b̃ = (SᵀW⁻¹S)⁻¹ SᵀW⁻¹ ŷ and ỹ = S b̃ (Wickramasuriya,
/// Athanasopoulos & Hyndman 2019). With one dimension flat (a total plus p leaves) and the other
/// a tree with K leaves, and W₀ diagonal,
///
///     SᵀW₀⁻¹S = blockdiag(B₁ … B_p) + (1_p ⊗ I_K) C (1_p ⊗ I_K)ᵀ,
///
/// where B_f collects the series of flat leaf f and C those of the flat total, each B a K × K sum
/// of w⁻¹ over the tree's nodes. Woodbury turns the inverse into p + 1 Cholesky factorisations of
/// K × K matrices. MinT-shrink has W = λD + UUᵀ with U the n × T scaled residuals, a diagonal plus
/// rank T: a second Woodbury step on top costs T more solves. Everything else is range sums.
public struct Reconciler: Sendable {
    public let hierarchy: GroupedHierarchy
    public let method: ReconciliationMethod
    /// Schäfer–Strimmer shrinkage intensity (MinT-shrink only).
    public let lambda: Double?
    /// Diagonal of W₀ per series.
    let weights: [Double]
    /// Scaled residuals for the low-rank part of W (n × T, column-major), MinT-shrink only.
    let lowRank: Matrix?
    /// Whether the flat dimension is `a` (bottoms contiguous per flat leaf) or `b`.
    let flatIsA: Bool
    /// The factorised normal equations, built once (MinT methods only).
    private var solver: Solver?
    private var dense: DenseSolver?

    /// - Parameters:
    ///   - residuals: one-step in-sample residuals, T × n (time × series, column-major), for
    ///     wls-var and mint-shrink. Rows with a NaN in any series are dropped (complete cases).
    ///   - centerResiduals: centre residuals before the shrinkage covariance of MinT-shrink
    ///     (hierarchicalforecast does; the MinT paper and R's hts do not).
    public init(hierarchy: GroupedHierarchy, method: ReconciliationMethod, residuals: Matrix? = nil,
                centerResiduals: Bool = false) throws {
        self.hierarchy = hierarchy
        self.method = method
        let n = hierarchy.seriesCount
        flatIsA = hierarchy.a.isFlat
        if !(hierarchy.a.isFlat || hierarchy.b.isFlat) && method != .bottomUp && method != .none
            && hierarchy.bottomCount > DenseSolver.maximumBottoms {
            throw ReconciliationError.unsupportedStructure(
                "\(hierarchy.a.name) and \(hierarchy.b.name) are both trees and there are \(hierarchy.bottomCount) bottom series; the structured solver needs one flat dimension and the dense one at most \(DenseSolver.maximumBottoms)")
        }
        switch method {
        case .none, .bottomUp, .ols:
            weights = [Double](repeating: 1, count: n); lambda = nil; lowRank = nil
        case .wlsStruct:
            weights = hierarchy.bottomCounts; lambda = nil; lowRank = nil
        case .wlsVar, .mintShrink:
            guard let e = residuals, e.columns == n else {
                throw ReconciliationError.shape("\(method.rawValue) needs residuals for all \(n) series")
            }
            // Centring applies to the shrinkage covariance only: WLS-var uses mean squares in
            // both conventions.
            let x = try Self.completeRows(e, center: centerResiduals && method == .mintShrink)
            let t = x.rows
            var diag = [Double](repeating: 0, count: n)
            x.storage.withUnsafeBufferPointer { p in
                for j in 0..<n {
                    var s = 0.0
                    for i in 0..<t { let v = p[i + j * t]; s += v * v }
                    diag[j] = s / Double(t)
                }
            }
            guard let largest = diag.max(), largest > 0, largest.isFinite else {
                throw ReconciliationError.degenerateResiduals("every one-step residual is zero (each series fitted exactly)")
            }
            // A series with no residual variance (a constant) would get infinite weight.
            let floor = max((diag.max() ?? 0) * 1e-12, Double.leastNormalMagnitude)
            diag = diag.map { max($0, floor) }
            if method == .wlsVar {
                weights = diag; lambda = nil; lowRank = nil
            } else {
                let l = Self.shrinkageIntensity(x, variances: diag)
                // λ = 0 leaves W = XᵀX/T, of rank ≤ T: singular whenever there are fewer years
                // than series (perfectly regular residuals give exactly this).
                guard l > 0 || t > n, l.isFinite else {
                    throw ReconciliationError.singularCovariance("shrinkage intensity 0 with fewer years of residuals than series: the covariance is singular")
                }
                lambda = l
                weights = diag.map { l * $0 }
                // W = λD + (1−λ) XᵀX/T  ⇒  U = √((1−λ)/T) Xᵀ.
                var u = x.transposed()
                BLAS.scale(&u.storage, by: ((1 - l) / Double(t)).squareRoot())
                lowRank = l < 1 ? u : nil
            }
        }
        if method != .none && method != .bottomUp {
            if flatIsA || hierarchy.b.isFlat {
                solver = try Solver(self)
            } else {
                dense = try DenseSolver(self)
            }
        }
    }

    /// Residual rows without NaN, optionally centred column by column. When fewer than two
    /// rows are complete (an unbalanced panel: series starting in different years), every row
    /// observed for at least half the series is kept and its gaps read as zero residuals — the
    /// series' own variance is still estimated from the rows where it is observed.
    static func completeRows(_ e: Matrix, center: Bool) throws -> Matrix {
        let t = e.rows, n = e.columns
        var keep: [Int] = []
        for i in 0..<t where (0..<n).allSatisfy({ e[i, $0].isFinite }) { keep.append(i) }
        if keep.count < 2 {
            keep = (0..<t).filter { i in (0..<n).reduce(0) { $0 + (e[i, $1].isFinite ? 1 : 0) } * 2 >= n }
        }
        guard keep.count >= 2 else {
            throw ReconciliationError.notEnoughResiduals("fewer than 2 years with residuals for most series")
        }
        var x = Matrix(rows: keep.count, columns: n)
        for j in 0..<n {
            var mean = 0.0, count = 0
            if center { for i in keep where e[i, j].isFinite { mean += e[i, j]; count += 1 }; mean /= Double(max(1, count)) }
            for (r, i) in keep.enumerated() { x[r, j] = e[i, j].isFinite ? e[i, j] - mean : 0 }
        }
        return x
    }

    /// Schäfer & Strimmer (2005) intensity for shrinking the correlation toward the identity,
    /// as in the MinT paper: λ = Σ_{i≠j} Var(r_ij) / Σ_{i≠j} r_ij². Computed from the T × T Gram
    /// matrix of the standardised residuals, never an n × n one.
    static func shrinkageIntensity(_ x: Matrix, variances: [Double]) -> Double {
        let t = x.rows, n = x.columns
        let tt = Double(t)
        var xs = x
        var rowSq = [Double](repeating: 0, count: t)  // Σ_i xs_ti²
        var vDiag = 0.0
        xs.storage.withUnsafeMutableBufferPointer { p in
            for j in 0..<n {
                let sd = variances[j].squareRoot()
                var s2 = 0.0, s4 = 0.0
                for i in 0..<t {
                    let v = sd > 0 ? p[i + j * t] / sd : 0
                    p[i + j * t] = v
                    let v2 = v * v
                    rowSq[i] += v2
                    s2 += v2; s4 += v2 * v2
                }
                vDiag += (s4 - s2 * s2 / tt) / (tt * (tt - 1))
            }
        }
        let g = BLAS.gram(xs, .none)  // T × T: xs·xsᵀ
        let frob = BLAS.dot(g.storage, g.storage)  // ‖xsᵀxs‖²_F = ‖xs·xsᵀ‖²_F
        let sumV = (BLAS.dot(rowSq, rowSq) - frob / tt) / (tt * (tt - 1)) - vDiag
        let sumD = frob / (tt * tt) - Double(n)
        guard sumD > 0 else { return 1 }
        return min(1, max(0, sumV / sumD))
    }

    // MARK: Solving

    /// Reconciles `q` columns of base forecasts (n × q, column-major): one column per horizon
    /// (or per sample path and horizon). Returns coherent forecasts, n × q.
    public func reconcile(_ base: [Double], columns q: Int) throws -> [Double] {
        let n = hierarchy.seriesCount
        guard base.count == n * q else { throw ReconciliationError.shape("expected \(n) × \(q) base values, got \(base.count)") }
        if method == .none { return base }
        return aggregate(try bottoms(base, columns: q), columns: q)
    }

    /// The reconciled bottoms (m × q) without constraints: the base bottoms for bottom-up, the
    /// MinT solution otherwise.
    func bottoms(_ base: [Double], columns q: Int) throws -> [Double] {
        let n = hierarchy.seriesCount, m = hierarchy.bottomCount
        if method == .bottomUp || method == .none {
            var bottoms = [Double](repeating: 0, count: m * q)
            for c in 0..<q {
                for i in 0..<hierarchy.a.leaves.count {
                    for j in 0..<hierarchy.b.leaves.count {
                        bottoms[c * m + hierarchy.bottom(i, j)] = base[c * n + hierarchy.seriesOfBottom(i, j)]
                    }
                }
            }
            return bottoms
        }
        if let solver { return try solver.solveBottoms(base, columns: q) }
        return try dense!.solveBottoms(base, columns: q)
    }

    /// Like `reconcile`, with every bottom forecast ≥ 0: the MinT problem
    /// min (ŷ − Sb)ᵀW⁻¹(ŷ − Sb) subject to b ≥ 0, solved exactly column by column
    /// (`NonnegativeReconciliation`). Aggregates are sums of non-negative bottoms, so they are
    /// non-negative too. Bottom-up keeps the base bottoms, negatives set to zero.
    public func reconcileNonnegative(_ base: [Double], columns q: Int) throws -> [Double] {
        let n = hierarchy.seriesCount, m = hierarchy.bottomCount
        if method == .none { return base }
        guard base.count == n * q else { throw ReconciliationError.shape("expected \(n) × \(q) base values, got \(base.count)") }
        if method == .bottomUp {
            return PanelForecaster.truncateBottoms(base, hierarchy: hierarchy, columns: q)
        }
        let unconstrained = try bottoms(base, columns: q)
        let qp = NonnegativeReconciliation(bottoms: m) { [self] x in try self.applyNormalInverse(x) }
        var bottoms = [Double](repeating: 0, count: m * q)
        for c in 0..<q {
            let b = try qp.solve(Array(unconstrained[(c * m)..<((c + 1) * m)]))
            for j in 0..<m { bottoms[c * m + j] = b[j] }
        }
        return aggregate(bottoms, columns: q)
    }

    /// (SᵀW⁻¹S)⁻¹X for X m × q in bottom order: what the exact non-negative solver reads.
    func applyNormalInverse(_ x: Matrix) throws -> Matrix {
        if let solver { return try solver.applyNormalInverse(x) }
        return try dense!.factor.solve(x)
    }

    func aggregate(_ bottoms: [Double], columns q: Int) -> [Double] {
        var out = [Double](repeating: 0, count: hierarchy.seriesCount * q)
        bottoms.withUnsafeBufferPointer { bp in
            out.withUnsafeMutableBufferPointer { hierarchy.aggregate(bp, columns: q, into: $0) }
        }
        return out
    }
}

/// The factorised normal equations for one reconciliation (see `Reconciler`).
struct Solver: Sendable {
    /// What the solver needs of its reconciler (not the reconciler itself, which holds it).
    struct Inputs: Sendable {
        let hierarchy: GroupedHierarchy
        let weights: [Double]
        let lowRank: Matrix?
        let flatIsA: Bool
    }
    let r: Inputs
    let p: Int, k: Int
    /// B_f⁻¹, each k × k.
    var blockInverses: [Matrix] = []
    /// Cholesky of C⁻¹ + Σ B_f⁻¹.
    var core: Cholesky
    /// MinT-shrink: A₀⁻¹V (m × T), Cholesky of M = K − VᵀA₀⁻¹V, and K's Cholesky.
    var zm: Matrix?
    var mChol: Cholesky?
    var kChol: Cholesky?

    /// Map from (flat leaf f, tree leaf t) to the hierarchy's bottom index.
    func bottomIndex(_ f: Int, _ t: Int) -> Int {
        r.flatIsA ? r.hierarchy.bottom(f, t) : r.hierarchy.bottom(t, f)
    }
    func seriesIndex(flatNode gf: Int, treeNode gt: Int) -> Int {
        r.flatIsA ? r.hierarchy.series(gf, gt) : r.hierarchy.series(gt, gf)
    }

    init(_ reconciler: Reconciler) throws {
        let r = Inputs(hierarchy: reconciler.hierarchy, weights: reconciler.weights,
                       lowRank: reconciler.lowRank, flatIsA: reconciler.flatIsA)
        self.r = r
        let flat = r.flatIsA ? r.hierarchy.a : r.hierarchy.b
        let tree = r.flatIsA ? r.hierarchy.b : r.hierarchy.a
        p = flat.leaves.count
        k = tree.leaves.count
        let k = self.k
        let w = r.weights
        let flatIsA = r.flatIsA, hier = r.hierarchy
        func seriesIndex(flatNode gf: Int, treeNode gt: Int) -> Int {
            flatIsA ? hier.series(gf, gt) : hier.series(gt, gf)
        }
        // C from the flat total's series, B_f from flat leaf f's series.
        func treeBlock(flatNode gf: Int) -> Matrix {
            var b = Matrix(rows: k, columns: k)
            b.storage.withUnsafeMutableBufferPointer { ptr in
                for (gt, node) in tree.nodes.enumerated() {
                    let c = 1 / w[seriesIndex(flatNode: gf, treeNode: gt)]
                    for j in node.range { for i in node.range { ptr[i + j * k] += c } }
                }
            }
            return b
        }
        var sumInverse = Matrix(rows: k, columns: k)
        blockInverses.reserveCapacity(p)
        for f in 0..<p {
            let inv = try Cholesky(treeBlock(flatNode: flat.leafNode[f])).inverse()
            BLAS.axpy(1, inv.storage, &sumInverse.storage)
            blockInverses.append(inv)
        }
        let cInverse = try Cholesky(treeBlock(flatNode: 0)).inverse()
        BLAS.axpy(1, cInverse.storage, &sumInverse.storage)
        core = try Cholesky(sumInverse)
        zm = nil; mChol = nil; kChol = nil

        if let u = r.lowRank {
            // W = D₀ + UUᵀ. V = SᵀD₀⁻¹U, K = I + UᵀD₀⁻¹U, M = K − VᵀA₀⁻¹V.
            let n = r.hierarchy.seriesCount, t = u.columns
            var dinvU = u
            dinvU.storage.withUnsafeMutableBufferPointer { ptr in
                for c in 0..<t { for i in 0..<n { ptr[c * n + i] /= w[i] } }
            }
            var v = Matrix(rows: r.hierarchy.bottomCount, columns: t)
            dinvU.storage.withUnsafeBufferPointer { src in
                v.storage.withUnsafeMutableBufferPointer { r.hierarchy.disaggregate(src, columns: t, into: $0) }
            }
            var kmat = try BLAS.product(.transpose, u, .none, dinvU)
            for i in 0..<t { kmat[i, i] += 1 }
            let z = try applyA0Inverse(v)
            var mmat = kmat
            try BLAS.gemm(.transpose, v, .none, z, alpha: -1, beta: 1, into: &mmat)
            zm = z
            mChol = try Cholesky(mmat)
            kChol = try Cholesky(kmat)
        }
    }

    /// A₀⁻¹X for X m × q (bottom order of the hierarchy).
    func applyA0Inverse(_ x: Matrix) throws -> Matrix {
        let q = x.columns, m = x.rows
        if !r.flatIsA {
            // Bottoms of a flat leaf are strided: bring them together, solve, put them back.
            var perm = Matrix(rows: m, columns: q)
            for c in 0..<q { for f in 0..<p { for t in 0..<k { perm.storage[f * k + t + c * m] = x.storage[bottomIndex(f, t) + c * m] } } }
            let solved = try applyA0InverseContiguous(perm)
            var out = Matrix(rows: m, columns: q)
            for c in 0..<q { for f in 0..<p { for t in 0..<k { out.storage[bottomIndex(f, t) + c * m] = solved.storage[f * k + t + c * m] } } }
            return out
        }
        return try applyA0InverseContiguous(x)
    }

    /// A₀⁻¹X when flat leaf f's bottoms are rows f·k ..< (f+1)·k: every block product runs on
    /// the rows in place (leading dimension m), nothing is gathered.
    ///   Y_f = B_f⁻¹X_f,  Z = Σ_f Y_f,  Q = core⁻¹Z,  result_f = Y_f − B_f⁻¹Q.
    func applyA0InverseContiguous(_ x: Matrix) throws -> Matrix {
        let q = x.columns, m = x.rows, k = self.k
        var out = Matrix(rows: m, columns: q)
        var zsum = Matrix(rows: k, columns: q)
        x.storage.withUnsafeBufferPointer { xp in
            out.storage.withUnsafeMutableBufferPointer { op in
                for f in 0..<p {
                    blockInverses[f].storage.withUnsafeBufferPointer { bp in
                        BLAS.gemm(.none, .none, m: k, n: q, k: k, alpha: 1, a: bp.baseAddress!, lda: k,
                                  b: xp.baseAddress! + f * k, ldb: m, beta: 0, c: op.baseAddress! + f * k, ldc: m)
                    }
                }
                zsum.storage.withUnsafeMutableBufferPointer { zp in
                    for c in 0..<q {
                        for f in 0..<p {
                            let src = op.baseAddress! + c * m + f * k
                            let dst = zp.baseAddress! + c * k
                            for t in 0..<k { dst[t] += src[t] }
                        }
                    }
                }
            }
        }
        let qm = try core.solve(zsum)
        qm.storage.withUnsafeBufferPointer { qp in
            out.storage.withUnsafeMutableBufferPointer { op in
                for f in 0..<p {
                    blockInverses[f].storage.withUnsafeBufferPointer { bp in
                        BLAS.gemm(.none, .none, m: k, n: q, k: k, alpha: -1, a: bp.baseAddress!, lda: k,
                                  b: qp.baseAddress!, ldb: k, beta: 1, c: op.baseAddress! + f * k, ldc: m)
                    }
                }
            }
        }
        return out
    }

    /// (SᵀW⁻¹S)⁻¹X: A₀⁻¹X, plus Z M⁻¹ ZᵀX for the low-rank part of MinT-shrink.
    func applyNormalInverse(_ x: Matrix) throws -> Matrix {
        var sol = try applyA0Inverse(x)
        if let z = zm, let mc = mChol {
            let small = try mc.solve(BLAS.product(.transpose, z, .none, x))
            try BLAS.gemm(.none, z, .none, small, alpha: 1, beta: 1, into: &sol)
        }
        return sol
    }

    /// Reconciled bottoms (m × q) for base forecasts (n × q).
    func solveBottoms(_ base: [Double], columns q: Int) throws -> [Double] {
        let n = r.hierarchy.seriesCount, m = r.hierarchy.bottomCount
        let w = r.weights
        var scaled = base
        for c in 0..<q { for i in 0..<n { scaled[c * n + i] /= w[i] } }
        var rhs = Matrix(rows: m, columns: q)
        scaled.withUnsafeBufferPointer { src in
            rhs.storage.withUnsafeMutableBufferPointer { r.hierarchy.disaggregate(src, columns: q, into: $0) }
        }
        if let u = r.lowRank, let z = zm, let mc = mChol, let kc = kChol {
            // r = SᵀD₀⁻¹ŷ − V K⁻¹ UᵀD₀⁻¹ŷ, and V = SᵀD₀⁻¹U, so r = Sᵀ D₀⁻¹ (ŷ − U K⁻¹ UᵀD₀⁻¹ŷ).
            let scaledM = try Matrix(rows: n, columns: q, columnMajor: scaled)
            let proj = try kc.solve(BLAS.product(.transpose, u, .none, scaledM))
            var corrected = try Matrix(rows: n, columns: q, columnMajor: base)
            try BLAS.gemm(.none, u, .none, proj, alpha: -1, beta: 1, into: &corrected)
            for c in 0..<q { for i in 0..<n { corrected.storage[c * n + i] /= w[i] } }
            corrected.storage.withUnsafeBufferPointer { src in
                rhs.storage.withUnsafeMutableBufferPointer { r.hierarchy.disaggregate(src, columns: q, into: $0) }
            }
            // (A₀ − VK⁻¹Vᵀ)⁻¹ = A₀⁻¹ + Z M⁻¹ Zᵀ with Z = A₀⁻¹V.
            var sol = try applyA0Inverse(rhs)
            let small = try mc.solve(BLAS.product(.transpose, z, .none, rhs))
            try BLAS.gemm(.none, z, .none, small, alpha: 1, beta: 1, into: &sol)
            return sol.storage
        }
        return try applyA0Inverse(rhs).storage
    }
}

/// The textbook normal equations with S formed explicitly, for grouped structures whose two
/// dimensions are both trees (small ones only: the structured solver needs a flat dimension).
struct DenseSolver: Sendable {
    static let maximumBottoms = 3000
    let factor: Cholesky
    let s: Matrix
    let weights: [Double]
    let lowRank: Matrix?
    let kChol: Cholesky?

    init(_ r: Reconciler) throws {
        s = Matrix(r.hierarchy.summingMatrix())
        weights = r.weights
        lowRank = r.lowRank
        let n = s.rows, m = s.columns
        // SᵀD⁻¹S, then − (SᵀD⁻¹U) K⁻¹ (UᵀD⁻¹S) for the low-rank part of W.
        var scaled = s
        for j in 0..<m { for i in 0..<n { scaled[i, j] /= weights[i].squareRoot() } }
        var a = BLAS.gram(scaled)
        if let u = lowRank {
            var du = u
            for c in 0..<u.columns { for i in 0..<n { du[i, c] /= weights[i] } }
            var k = try BLAS.product(.transpose, u, .none, du)
            for i in 0..<u.columns { k[i, i] += 1 }
            let kc = try Cholesky(k)
            let v = try BLAS.product(.transpose, s, .none, du)  // m × T
            let kv = try kc.solve(v.transposed())                 // T × m
            try BLAS.gemm(.none, v, .none, kv, alpha: -1, beta: 1, into: &a)
            kChol = kc
        } else {
            kChol = nil
        }
        factor = try Cholesky(a)
    }

    func solveBottoms(_ base: [Double], columns q: Int) throws -> [Double] {
        let n = s.rows
        var y = try Matrix(rows: n, columns: q, columnMajor: base)
        if let u = lowRank, let kc = kChol {
            var dy = y
            for c in 0..<q { for i in 0..<n { dy[i, c] /= weights[i] } }
            let proj = try kc.solve(BLAS.product(.transpose, u, .none, dy))
            try BLAS.gemm(.none, u, .none, proj, alpha: -1, beta: 1, into: &y)
        }
        for c in 0..<q { for i in 0..<n { y[i, c] /= weights[i] } }
        return try factor.solve(BLAS.product(.transpose, s, .none, y)).storage
    }
}
