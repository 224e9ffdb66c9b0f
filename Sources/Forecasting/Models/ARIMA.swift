import Foundation
import LinearAlgebra

/// A fitted ARIMA(p, d, q) model with optional constant (the mean when d = 0, the drift when
/// d = 1), estimated by exact Gaussian maximum likelihood (Kalman filter on the state space
/// form of the ARMA part, stationary initial state).
public struct ARIMAFit: Sendable {
    public let p: Int, d: Int, q: Int
    public let hasConstant: Bool
    public let phi: [Double], theta: [Double]
    /// Mean of the differenced series (0 without constant).
    public let mu: Double
    public let sigma2: Double
    public let logLikelihood: Double
    public let aicc: Double
    /// One-step errors aligned with y (NaN for the first d points).
    public let residuals: [Double]
    /// One-step predicted ARMA state after the last observation.
    let state: [Double]
    /// The last d + 1 values of y, for undoing the differencing.
    let tail: [Double]

    public var name: String { "ARIMA(\(p),\(d),\(q))" + (hasConstant ? (d == 0 ? " with mean" : " with drift") : "") }

    var r: Int { max(p, q + 1) }

    /// Point forecasts 1…h.
    public func forecast(_ h: Int) -> [Double] {
        var zero = [Double](repeating: 0, count: h)
        return zero.withUnsafeMutableBufferPointer { z in
            var out = [Double](repeating: 0, count: h)
            out.withUnsafeMutableBufferPointer { simulate(draws: UnsafeBufferPointer(z), into: $0) }
            return out
        }
    }

    /// Forecast variances from the ψ-weights of φ(B)(1 − B)ᵈ ψ(B) = θ(B).
    public func variance(_ h: Int) -> [Double]? {
        // φ*(B) = φ(B)(1 − B)^d, written as 1 − Σ φ*_i Bⁱ.
        var poly = [1.0] + phi.map { -$0 }
        for _ in 0..<d {
            var next = [Double](repeating: 0, count: poly.count + 1)
            for (i, c) in poly.enumerated() { next[i] += c; next[i + 1] -= c }
            poly = next
        }
        let phiStar = poly.dropFirst().map { -$0 }
        var psi = [Double](repeating: 0, count: h)
        psi[0] = 1
        for j in 1..<max(1, h) {
            var v = j <= q ? theta[j - 1] : 0
            let upto = min(j, phiStar.count)
            if upto >= 1 { for i in 1...upto { v += phiStar[i - 1] * psi[j - i] } }
            psi[j] = v
        }
        var acc = 0.0
        return (0..<h).map { k in acc += psi[k] * psi[k]; return sigma2 * acc }
    }

    /// A path for 1…h from innovations `draws` (zeros give the point forecast).
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let r = self.r
        var a = state
        var level = tail  // last d+1 values of y (oldest first)
        for k in 0..<out.count {
            // α_{n+k} = a + R ε (a the predicted state), w = μ + α[0].
            let e = draws[k]
            var alpha = a
            alpha[0] += e
            for i in 1..<r { alpha[i] += (i <= q ? theta[i - 1] : 0) * e }
            let w = mu + alpha[0]
            // Next predicted state: T α.
            var next = [Double](repeating: 0, count: r)
            for i in 0..<r {
                next[i] = (i < p ? phi[i] : 0) * alpha[0] + (i + 1 < r ? alpha[i + 1] : 0)
            }
            a = next
            // Undo differencing: y = w + Σ binomial terms of the last values.
            var y = w
            switch d {
            case 0: break
            case 1: y = w + level[level.count - 1]
            default: y = w + 2 * level[level.count - 1] - level[level.count - 2]
            }
            level.append(y)
            out[k] = y
        }
    }
}

public enum ARIMA {
    /// KPSS statistic for level stationarity, Bartlett long-run variance with the short lag
    /// ⌊4 (n/100)^¼⌋ (as urca and forecast::ndiffs).
    public static func kpss(_ y: [Double]) -> Double {
        let n = y.count
        let mean = y.reduce(0, +) / Double(n)
        let e = y.map { $0 - mean }
        var s = 0.0, num = 0.0
        for v in e { s += v; num += s * s }
        let lag = Int(4 * pow(Double(n) / 100, 0.25))
        func gamma(_ j: Int) -> Double {
            var g = 0.0
            for t in j..<n { g += e[t] * e[t - j] }
            return g / Double(n)
        }
        var lrv = gamma(0)
        if lag >= 1 { for j in 1...lag { lrv += 2 * (1 - Double(j) / Double(lag + 1)) * gamma(j) } }
        return lrv > 0 ? num / (Double(n * n) * lrv) : 0
    }

    /// Differences needed: KPSS at 5 % (critical value 0.463), at most 2.
    public static func differencesNeeded(_ y: [Double], max maxD: Int = 2) -> Int {
        var x = y, d = 0
        while d < maxD && x.count >= 4 {
            if Set(x).count == 1 || kpss(x) < 0.463 { break }
            x = zip(x.dropFirst(), x).map { $0 - $1 }
            d += 1
        }
        return d
    }

    static func stationary(_ c: [Double]) -> Bool {
        switch c.count {
        case 0: return true
        case 1: return abs(c[0]) < 0.9999
        default: return c[0] + c[1] < 0.9999 && c[1] - c[0] < 0.9999 && abs(c[1]) < 0.9999
        }
    }

    static func invertible(_ t: [Double]) -> Bool {
        switch t.count {
        case 0: return true
        case 1: return abs(t[0]) < 0.9999
        default: return t[0] + t[1] > -0.9999 && t[1] - t[0] > -0.9999 && abs(t[1]) < 0.9999
        }
    }

    /// Workspace for the likelihood (state dimension r ≤ 3), allocated once per fit so that the
    /// optimiser's evaluations allocate nothing.
    final class Workspace {
        let r: Int
        // One block of raw memory; pointer access keeps the filter free of the dynamic
        // exclusivity checks that class-held arrays would cost on every element.
        private let block: UnsafeMutablePointer<Double>
        let tm, rv, pm, tp, state, kg, ns, lyapA, lyapB: UnsafeMutablePointer<Double>
        init(r: Int) {
            self.r = r
            let r2 = r * r
            let sizes = [r2, r, r2, r2, r, r, r, r2 * r2, r2]
            block = .allocate(capacity: sizes.reduce(0, +))
            block.initialize(repeating: 0, count: sizes.reduce(0, +))
            var offsets: [Int] = []
            var at = 0
            for size in sizes { offsets.append(at); at += size }
            tm = block + offsets[0]; rv = block + offsets[1]; pm = block + offsets[2]; tp = block + offsets[3]
            state = block + offsets[4]; kg = block + offsets[5]; ns = block + offsets[6]
            lyapA = block + offsets[7]; lyapB = block + offsets[8]
        }
        deinit { block.deallocate() }
    }

    /// −2 log L (concentrated over σ²) of an ARMA on `w − μ`, by the Kalman filter; the
    /// innovations and their variance factors go to `v` / `f` when given, and the final
    /// one-step predicted state stays in the workspace.
    static func likelihood(_ w: UnsafeBufferPointer<Double>, p: Int, q: Int, phi: UnsafeBufferPointer<Double>,
                           theta: UnsafeBufferPointer<Double>, mu: Double, ws: Workspace,
                           v: UnsafeMutablePointer<Double>? = nil, f: UnsafeMutablePointer<Double>? = nil) -> (m2ll: Double, sigma2: Double) {
        let r = ws.r
        let n = w.count
        for i in 0..<(r * r) { ws.tm[i] = 0; ws.pm[i] = 0 }
        for i in 0..<r {
            if i < p { ws.tm[i * r] = phi[i] }
            if i + 1 < r { ws.tm[i * r + i + 1] = 1 }
            ws.rv[i] = i == 0 ? 1 : (i <= q ? theta[i - 1] : 0)
            ws.state[i] = 0
        }
        if p == 0 {
            // Pure MA: P = Σ_j T^j R Rᵀ T^jᵀ is a finite sum (T shifts up, nilpotent).
            for shift in 0..<r {
                for i in 0..<(r - shift) { for j in 0..<(r - shift) { ws.pm[i * r + j] += ws.rv[i + shift] * ws.rv[j + shift] } }
            }
        } else {
            // Stationary initial covariance: vec(P) = (I − T⊗T)⁻¹ vec(RRᵀ), an r² × r² solve.
            let r2 = r * r
            for i in 0..<r { for j in 0..<r { for k in 0..<r { for l in 0..<r {
                // Column-major (row i·r+j, column k·r+l).
                ws.lyapA[(k * r + l) * r2 + i * r + j] = (i == k && j == l ? 1 : 0) - ws.tm[i * r + k] * ws.tm[j * r + l]
            } } } }
            for i in 0..<r { for j in 0..<r { ws.lyapB[i * r + j] = ws.rv[i] * ws.rv[j] } }
            guard LinearSolve.solveInPlace(r2, a: ws.lyapA, b: ws.lyapB) else { return (.infinity, .nan) }
            for i in 0..<r2 { ws.pm[i] = ws.lyapB[i] }
        }
        var sumV2F = 0.0, sumLogF = 0.0
        for t in 0..<n {
            let innov = w[t] - mu - ws.state[0]
            let fv = ws.pm[0]
            if !(fv > 0) { return (.infinity, .nan) }
            v?[t] = innov
            f?[t] = fv
            sumV2F += innov * innov / fv
            sumLogF += log(fv)
            // K = T P Z' / F ; a = T a + K v ; P = T P Tᵀ + R Rᵀ − K Kᵀ F.
            for i in 0..<r { var s = 0.0; for j in 0..<r { s += ws.tm[i * r + j] * ws.pm[j * r] }; ws.kg[i] = s / fv }
            for i in 0..<r { var s = 0.0; for j in 0..<r { s += ws.tm[i * r + j] * ws.state[j] }; ws.ns[i] = s + ws.kg[i] * innov }
            for i in 0..<r { ws.state[i] = ws.ns[i] }
            for i in 0..<r { for j in 0..<r { var s = 0.0; for k in 0..<r { s += ws.tm[i * r + k] * ws.pm[k * r + j] }; ws.tp[i * r + j] = s } }
            for i in 0..<r {
                for j in 0..<r {
                    var s = 0.0
                    for k in 0..<r { s += ws.tp[i * r + k] * ws.tm[j * r + k] }
                    ws.pm[i * r + j] = s + ws.rv[i] * ws.rv[j] - ws.kg[i] * ws.kg[j] * fv
                }
            }
        }
        let nd = Double(n)
        let s2 = sumV2F / nd
        guard s2 > 0 else { return (-1e300, 0) }
        return (nd * log(2 * Double.pi * s2) + sumLogF + nd, s2)
    }

    /// Fits one order by maximum likelihood.
    public static func fit(_ y: [Double], p: Int, d: Int, q: Int, constant: Bool) -> ARIMAFit? {
        var w = y
        for _ in 0..<d { w = zip(w.dropFirst(), w).map { $0 - $1 } }
        let n = w.count
        let k = p + q + (constant ? 1 : 0) + 1
        guard n - k - 1 > 0, n >= 3 else { return nil }
        let mean = constant ? w.reduce(0, +) / Double(n) : 0
        var sd = 0.0
        for v in w { sd += (v - mean) * (v - mean) }
        sd = max((sd / Double(n)).squareRoot(), 1e-8)
        let dims = p + q + (constant ? 1 : 0)
        var best = [Double](repeating: 0, count: dims)
        if constant { best[dims - 1] = 0 }
        func unpack(_ x: UnsafeMutableBufferPointer<Double>) -> (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, Double) {
            (UnsafeBufferPointer(rebasing: x[0..<p]), UnsafeBufferPointer(rebasing: x[p..<(p + q)]),
             constant ? mean + x[p + q] * sd : 0)
        }
        let ws = Workspace(r: max(p, q + 1))
        if dims > 0 {
            // The ARMA likelihood is often bimodal along φ ≈ −θ (near-cancelling roots): start
            // from zero and from both sides of that ridge, restart each once, keep the best.
            var starts = [best]
            if p > 0 && q > 0 {
                for sign in [1.0, -1.0] {
                    var x = best
                    x[0] = 0.5 * sign
                    x[p] = -0.5 * sign
                    starts.append(x)
                }
            }
            var bestValue = Double.infinity
            for start in starts {
                var x = start
                for _ in 0..<2 {
                    let result = w.withUnsafeBufferPointer { wp in
                        NelderMead.minimize(start: x, step: [Double](repeating: 0.1, count: dims), maxEvaluations: 500) { x in
                            let (ph, th, m) = unpack(x)
                            if !stationary(Array(ph)) || !invertible(Array(th)) { return .infinity }
                            return likelihood(wp, p: p, q: q, phi: ph, theta: th, mu: m, ws: ws).m2ll
                        }
                    }
                    guard result.value.isFinite else { break }
                    x = result.x
                    if result.value < bestValue { bestValue = result.value; best = result.x }
                }
            }
            guard bestValue.isFinite else { return nil }
        }
        var v = [Double](repeating: 0, count: n), f = [Double](repeating: 0, count: n)
        let (m2ll, s2, phi, theta, mu) = best.withUnsafeMutableBufferPointer { x -> (Double, Double, [Double], [Double], Double) in
            let (ph, th, m) = unpack(x)
            let res = w.withUnsafeBufferPointer { wp in
                v.withUnsafeMutableBufferPointer { vp in
                    f.withUnsafeMutableBufferPointer { fp in
                        likelihood(wp, p: p, q: q, phi: ph, theta: th, mu: m, ws: ws, v: vp.baseAddress, f: fp.baseAddress)
                    }
                }
            }
            return (res.m2ll, res.sigma2, Array(ph), Array(th), m)
        }
        let state = Array(UnsafeBufferPointer(start: ws.state, count: max(p, q + 1)))
        guard m2ll.isFinite, s2.isFinite else { return nil }
        let nd = Double(n), kd = Double(k)
        let aic = m2ll + 2 * kd
        let aicc = aic + 2 * kd * (kd + 1) / (nd - kd - 1)
        var sse = 0.0
        for t in 0..<n { sse += v[t] * v[t] / f[t] }
        let residuals = [Double](repeating: .nan, count: d) + v
        return ARIMAFit(p: p, d: d, q: q, hasConstant: constant, phi: phi, theta: theta, mu: mu,
                        sigma2: sse / max(1, nd - kd + 1), logLikelihood: -0.5 * m2ll, aicc: aicc,
                        residuals: residuals, state: state, tail: Array(y.suffix(d + 1)))
    }

    /// auto.arima's search in small: d by KPSS, then every p, q ≤ 2 with and without a
    /// constant (none when d = 2), smallest AICc.
    public static func auto(_ y: [Double], maxOrder: Int = 2) -> ARIMAFit? {
        let d = differencesNeeded(y)
        var best: ARIMAFit?
        for p in 0...maxOrder {
            for q in 0...maxOrder {
                for constant in d < 2 ? [true, false] : [false] {
                    guard let f = fit(y, p: p, d: d, q: q, constant: constant) else { continue }
                    if best == nil || f.aicc < best!.aicc - 1e-9 { best = f }
                }
            }
        }
        return best
    }
}
