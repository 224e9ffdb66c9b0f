import Foundation
import LabourData
import LinearAlgebra

/// A fitted per-series model: point forecasts, closed-form variances where they exist, in-sample
/// one-step residuals, and sample paths driven by the caller's innovations.
public indirect enum BaseModel: Sendable {
    case constant(value: Double)
    case naive(last: Double, sigma2: Double, residuals: [Double])
    case drift(last: Double, slope: Double, sigma2: Double, n: Int, residuals: [Double])
    case logLinear(intercept: Double, slope: Double, n: Int, s2: Double, xtxInverse: [Double], residuals: [Double])
    case ets(ETSFit)
    case theta(ses: ETSFit, drift: Double, n: Int)
    case arima(ARIMAFit)
    case combo([BaseModel], Combiner)

    public var name: String {
        switch self {
        case .constant: return "constant"
        case .naive: return "naive"
        case .drift: return "drift"
        case .logLinear: return "loglinear"
        case .ets(let f): return f.spec.description
        case .theta: return "theta"
        case .arima(let f): return f.name
        case .combo(let parts, let how): return "\(how.rawValue)(" + parts.map(\.name).joined(separator: "+") + ")"
        }
    }

    /// Point forecasts for 1…h.
    public func mean(_ h: Int) -> [Double] {
        switch self {
        case .constant(let v): return [Double](repeating: v, count: h)
        case .naive(let last, _, _): return [Double](repeating: last, count: h)
        case .drift(let last, let slope, _, _, _): return (1...max(1, h)).prefix(h).map { last + Double($0) * slope }
        case .logLinear(let a, let b, let n, _, _, _): return (0..<h).map { exp(a + b * Double(n + $0)) }
        case .ets(let f): return f.forecast(h)
        case .theta(let ses, let drift, let n):
            let base = ses.forecast(h)
            let a = ses.alpha
            let tail = (1 - pow(1 - a, Double(n))) / a
            return (0..<h).map { base[$0] + drift * (Double($0) + tail) }
        case .arima(let f): return f.forecast(h)
        case .combo(let parts, let how):
            let means = parts.map { $0.mean(h) }
            return (0..<h).map { k in how.combine(means.map { $0[k] }) }
        }
    }

    /// Forecast variances for 1…h where closed form exists; nil otherwise.
    public func variance(_ h: Int) -> [Double]? {
        switch self {
        case .constant: return [Double](repeating: 0, count: h)
        case .naive(_, let s2, _): return (1...max(1, h)).prefix(h).map { s2 * Double($0) }
        case .drift(_, _, let s2, let n, _):
            // forecast::rwf: se_h = σ √(h (1 + h/(n−1))), the drift estimated from n−1 differences.
            return (1...max(1, h)).prefix(h).map { s2 * Double($0) * (1 + Double($0) / Double(max(1, n - 1))) }
        case .logLinear: return nil
        case .ets(let f): return f.variance(h)
        case .theta(let ses, _, _):
            // As forecast::thetaf: the SES variance σ²(1 + α²(h−1)).
            return (0..<h).map { ses.sigma2 * (1 + ses.alpha * ses.alpha * Double($0)) }
        case .arima(let f): return f.variance(h)
        case .combo: return nil
        }
    }

    /// A forecast variance on the data scale for every model, 1…h: the closed form where one
    /// exists, else its first-order (delta-method) approximation — multiplicative ETS as its
    /// additive twin around the point forecast, the log-linear trend as μ²·var(log y), a
    /// combination as the mean of its parts' variances. Calibrated intervals scale its square
    /// root, so only its shape over horizons and across series matters.
    public func approximateVariance(_ h: Int) -> [Double] {
        if let v = variance(h) { return v }
        switch self {
        case .ets(let f):
            let m = f.forecast(h)
            var acc = 0.0, phiSum = 0.0, p = 1.0
            return (0..<h).map { k in
                let v = f.sigma2 * (1 + acc) * m[k] * m[k]
                p *= f.phi
                phiSum += f.spec.trend == .none ? 0 : p
                let c = f.alpha + f.beta * phiSum
                acc += c * c
                return v
            }
        case .logLinear(let a, let b, let n, let s2, let xi, _):
            return (0..<h).map { k in
                let t = Double(n + k)
                let q = xi[0] + 2 * t * xi[1] + t * t * xi[3]
                let mu = exp(a + b * t)
                return mu * mu * s2 * (1 + q)
            }
        case .combo(let parts, _):
            let vs = parts.map { $0.approximateVariance(h) }
            return (0..<h).map { k in vs.reduce(0) { $0 + $1[k] } / Double(vs.count) }
        default:
            return [Double](repeating: 0, count: h)
        }
    }

    /// Central interval bounds at `level` percent, 1…h, when a closed form exists.
    public func interval(_ h: Int, level: Double) -> (lower: [Double], upper: [Double])? {
        let m = mean(h)
        if case .logLinear(let a, let b, let n, let s2, let xi, _) = self {
            // Prediction interval on the log scale, then back: exp(â + b̂t ± z s √(1 + x'(X'X)⁻¹x)).
            let z = NormalDistribution.z(level: level)
            var lo = [Double](), hi = [Double]()
            for k in 0..<h {
                let t = Double(n + k)
                let q = xi[0] + 2 * t * xi[1] + t * t * xi[3]
                let se = (s2 * (1 + q)).squareRoot()
                lo.append(exp(a + b * t - z * se)); hi.append(exp(a + b * t + z * se))
            }
            return (lo, hi)
        }
        guard let v = variance(h) else { return nil }
        let z = NormalDistribution.z(level: level)
        return (zip(m, v).map { $0 - z * $1.squareRoot() }, zip(m, v).map { $0 + z * $1.squareRoot() })
    }

    /// One-step in-sample residuals on the data scale (y − ŷ), aligned with the fitted series;
    /// NaN where the model has none (the first point of a random walk).
    public var residuals: [Double] {
        switch self {
        case .constant: return []
        case .naive(_, _, let r), .drift(_, _, _, _, let r), .logLinear(_, _, _, _, _, let r): return r
        case .arima(let f): return f.residuals
        case .ets(let f), .theta(let f, _, _):
            return f.spec.error == .additive ? f.innovations : zip(f.innovations, f.fitted).map { $0 * $1 }
        case .combo(let parts, let how):
            let rs = parts.map(\.residuals)
            let n = rs.map(\.count).min() ?? 0
            return (0..<n).map { t in how.combine(rs.map { $0[$0.count - n + t] }) }
        }
    }

    /// Number of fitted points the residual arrays cover (aligned to the end of the data).
    public var residualCount: Int {
        switch self {
        case .constant: return 0
        case .combo(let parts, _): return parts.map(\.residualCount).max() ?? 0
        default: return innovations.count
        }
    }

    /// Innovations on the model's own scale for bootstrapping (additive: residuals; ETS with
    /// multiplicative error: relative errors).
    public var innovations: [Double] {
        switch self {
        case .ets(let f), .theta(let f, _, _): return f.innovations
        case .logLinear(_, _, _, _, _, let r): return r  // log scale
        default: return residuals
        }
    }

    /// A sample path for 1…h from innovations on this model's scale (`draws[k]` for step k),
    /// written into `out` (the recursions are `PathSimulator.Kernel`'s).
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        switch self {
        case .combo(let parts, let how):
            how.combine(parts.count, steps: out.count, into: out) { j, slot in parts[j].simulate(draws: draws, into: slot) }
        default:
            PathSimulator.Kernel(self).run(draws, into: out)
        }
    }

    /// A sample path driven by resampled residuals: step k uses this model's own innovation at
    /// position `indices[k]` of `innovations` (the joint bootstrap: every series draws the same
    /// year), or `innovationSD · normals[k]` when that position has none. A combination runs each
    /// part on its own innovations, so parts on different scales (relative errors of a
    /// multiplicative ETS, persons of a drift) are never mixed. For many paths of one model, make
    /// one `PathSimulator` and reuse it (this makes one per call).
    public func simulate(indices: UnsafeBufferPointer<Int>, normals: UnsafeBufferPointer<Double>,
                         into out: UnsafeMutableBufferPointer<Double>) {
        let simulator = PathSimulator(self)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: simulator.scratchCount(steps: out.count)) { scratch in
            simulator.simulate(indices: indices, normals: normals, into: out, scratch: scratch)
        }
    }

    /// Convenience: a path from a closure giving the innovation of step k.
    public func simulate(_ h: Int, draw: (Int) -> Double) -> [Double] {
        let d = (0..<h).map(draw)
        var out = [Double](repeating: 0, count: h)
        d.withUnsafeBufferPointer { dp in out.withUnsafeMutableBufferPointer { simulate(draws: dp, into: $0) } }
        return out
    }

    /// A Gaussian innovation scale for steps where no bootstrap residual exists (on the model's
    /// own scale; a combination has none of its own: its parts are simulated separately).
    public var innovationSD: Double {
        switch self {
        case .constant, .combo: return 0
        case .naive(_, let s2, _), .drift(_, _, let s2, _, _), .logLinear(_, _, _, let s2, _, _): return s2.squareRoot()
        case .ets(let f), .theta(let f, _, _): return f.sigma2.squareRoot()
        case .arima(let f): return f.sigma2.squareRoot()
        }
    }
}
