import Foundation

/// An exponential-smoothing state space model without seasonality (yearly data):
/// error additive or multiplicative, trend none, additive or additive damped — the six models
/// AutoETS considers for yearly series (Hyndman et al. 2008; forecast::ets; statsforecast).
public struct ETSSpec: Hashable, Sendable, CustomStringConvertible {
    public enum Error: Sendable { case additive, multiplicative }
    public enum Trend: Sendable { case none, additive, damped }
    public var error: Error
    public var trend: Trend

    public init(error: Error, trend: Trend) {
        self.error = error
        self.trend = trend
    }

    public static let all: [ETSSpec] = [
        .init(error: .additive, trend: .none), .init(error: .additive, trend: .additive),
        .init(error: .additive, trend: .damped), .init(error: .multiplicative, trend: .none),
        .init(error: .multiplicative, trend: .additive), .init(error: .multiplicative, trend: .damped),
    ]

    public var description: String {
        "ETS(\(error == .additive ? "A" : "M"),\(trend == .none ? "N" : trend == .additive ? "A" : "Ad"),N)"
    }

    /// Smoothing and initial-state parameters estimated (σ not counted).
    var parameterCount: Int { 2 + (trend == .none ? 0 : 2) + (trend == .damped ? 1 : 0) }
}

/// A fitted ETS model.
public struct ETSFit: Sendable {
    public let spec: ETSSpec
    public let alpha: Double, beta: Double, phi: Double
    public let initialLevel: Double, initialTrend: Double
    /// State after the last observation.
    public let level: Double, trend: Double
    /// One-step in-sample errors: y − ŷ (additive) or (y − ŷ)/ŷ (multiplicative).
    public let innovations: [Double]
    /// One-step in-sample fitted values ŷ.
    public let fitted: [Double]
    /// Innovation variance: Σε² / (n − k), k the number of estimated parameters.
    public let sigma2: Double
    public let logLikelihood: Double
    public let aic: Double
    public let aicc: Double

    /// Point forecasts for 1…h.
    public func forecast(_ h: Int) -> [Double] {
        var out = [Double](repeating: 0, count: h)
        var dampSum = 0.0, p = 1.0
        for k in 0..<h {
            p *= phi
            dampSum += spec.trend == .none ? 0 : p
            out[k] = level + dampSum * trend
        }
        return out
    }

    /// Forecast variances for 1…h where the model has a closed form (additive error: class 1 of
    /// Hyndman et al. 2008, v_h = σ²[1 + Σ_{j<h} (α + β φ_j)²]); nil for multiplicative error,
    /// whose intervals come from simulated paths.
    public func variance(_ h: Int) -> [Double]? {
        guard spec.error == .additive else { return nil }
        var out = [Double](repeating: 0, count: h)
        var acc = 0.0, phiSum = 0.0, p = 1.0
        for k in 0..<h {
            out[k] = sigma2 * (1 + acc)
            p *= phi
            phiSum += spec.trend == .none ? 0 : p
            let c = alpha + beta * phiSum
            acc += c * c
        }
        return out
    }

    /// One sample path for 1…h, given standardised innovations drawn by the caller (so paths of
    /// many series can share the same draws).
    public func simulate(innovations draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        ETSRecursion(self).run(draws, into: out)
    }
}

public enum ETS {
    /// The parameter space ("usual" region of forecast::ets).
    static let alphaRange = 1e-4...0.9999
    static let phiRange = 0.8...0.98

    /// Fits one ETS model by maximum likelihood (Nelder–Mead over α, β, φ, l₀, b₀).
    /// Returns nil when the model does not apply: multiplicative error on data with a value
    /// ≤ 0, or too few observations for its parameters (n ≤ k + 4, as forecast::ets).
    public static func fit(_ y: [Double], _ spec: ETSSpec) -> ETSFit? {
        fit(y, spec, startingFrom: nil)
    }

    /// `start`: a fitted model of the same trend to start the simplex from (the additive-error
    /// twin of a multiplicative model), which saves most of its evaluations.
    static func fit(_ y: [Double], _ spec: ETSSpec, startingFrom start: ETSFit?) -> ETSFit? {
        let n = y.count
        let k = spec.parameterCount
        if n <= k + 4 && !(spec.trend == .none && n >= 3) { return nil }
        if spec.error == .multiplicative && y.contains(where: { $0 <= 0 }) { return nil }
        let trended = spec.trend != .none
        let damped = spec.trend == .damped

        // Initial states as forecast::ets: a line through the first min(10, n) points.
        let m = min(10, n)
        var l0 = 0.0, b0 = 0.0
        if trended {
            let tm = Double(m + 1) / 2
            var sty = 0.0, stt = 0.0, ym = 0.0
            for t in 0..<m { ym += y[t] }
            ym /= Double(m)
            for t in 0..<m { let dt = Double(t + 1) - tm; sty += dt * (y[t] - ym); stt += dt * dt }
            b0 = sty / stt
            l0 = ym - b0 * tm
        } else {
            for t in 0..<m { l0 += y[t] }
            l0 /= Double(m)
        }
        // Optimise the states in units of the data's scale so every parameter is O(1).
        var scale = 0.0
        for v in y { scale += abs(v) }
        scale = max(scale / Double(n), 1e-8)

        var alpha = 0.2, beta = 0.0, phi = 1.0, initL = l0, initB = b0
        if spec.error == .additive {
            // Additive errors are linear in the initial states, so for given (α, β, φ) the best
            // (l₀, b₀) is a small least-squares solve: the simplex only searches the smoothing
            // parameters (the profile likelihood), which is both faster and exact.
            var start = [0.2], step = [0.1]
            if trended { start.append(0.1); step.append(0.05) }
            if damped { start.append(0.978); step.append(0.01) }
            let result = y.withUnsafeBufferPointer { yp in
                NelderMead.minimize(start: start, step: step, maxEvaluations: 600) { p in
                    let a = p[0], b = trended ? p[1] : 0, ph = damped ? p[2] : 1
                    if !alphaRange.contains(a) { return .infinity }
                    if trended && !(b >= 1e-4 && b <= a) { return .infinity }
                    if damped && !phiRange.contains(ph) { return .infinity }
                    let prof = additiveProfile(yp, a, b, ph, trended: trended)
                    return prof.sse > 0 ? Double(n) * log(prof.sse) : -1e300
                }
            }
            guard result.value.isFinite else { return nil }
            alpha = result.x[0]
            if trended { beta = result.x[1] }
            if damped { phi = result.x[2] }
            let prof = y.withUnsafeBufferPointer { additiveProfile($0, alpha, beta, phi, trended: trended) }
            initL = prof.l0
            initB = prof.b0
        } else {
            // Optimise the states in units of the data's scale so every parameter is O(1).
            var scale = 0.0
            for v in y { scale += abs(v) }
            scale = max(scale / Double(n), 1e-8)
            var x0 = [start?.alpha ?? 0.2], step = [0.1]
            if trended { x0.append(start.map { min($0.beta, $0.alpha) } ?? 0.1); step.append(0.05) }
            if damped { x0.append(start?.phi ?? 0.978); step.append(0.01) }
            x0.append((start?.initialLevel ?? l0) / scale); step.append(start == nil ? 0.1 : 0.02)
            if trended {
                let b = start?.initialTrend ?? b0
                x0.append(b / scale); step.append(max(0.005, abs(b / scale) * (start == nil ? 0.5 : 0.1)))
            }
            let result = y.withUnsafeBufferPointer { yp in
                NelderMead.minimize(start: x0, step: step, maxEvaluations: 1500) { p in
                    var i = 0
                    let a = p[i]; i += 1
                    let b = trended ? p[i] : 0; if trended { i += 1 }
                    let ph = damped ? p[i] : 1; if damped { i += 1 }
                    let l = p[i] * scale; i += 1
                    let bb = trended ? p[i] * scale : 0
                    if !alphaRange.contains(a) { return .infinity }
                    if trended && !(b >= 1e-4 && b <= a) { return .infinity }
                    if damped && !phiRange.contains(ph) { return .infinity }
                    return criterion(yp, spec, a, b, ph, l, bb)
                }
            }
            guard result.value.isFinite else { return nil }
            var i = 0
            alpha = result.x[i]; i += 1
            if trended { beta = result.x[i]; i += 1 }
            if damped { phi = result.x[i]; i += 1 }
            initL = result.x[i] * scale; i += 1
            if trended { initB = result.x[i] * scale }
        }

        // Final pass: states, fitted values and innovations.
        var l = initL, b = trended ? initB : 0
        var fitted = [Double](repeating: 0, count: n)
        var innov = [Double](repeating: 0, count: n)
        var sse = 0.0, logSum = 0.0
        for t in 0..<n {
            let yhat = l + phi * b
            fitted[t] = yhat
            let e = spec.error == .additive ? y[t] - yhat : (y[t] - yhat) / yhat
            innov[t] = e
            sse += e * e
            if spec.error == .multiplicative { logSum += log(abs(yhat)) }
            if spec.error == .additive {
                l = yhat + alpha * e
                b = phi * b + beta * e
            } else {
                // As in `criterion`: ŷ ε = y − ŷ.
                l = yhat + alpha * (y[t] - yhat)
                b = phi * b + beta * (y[t] - yhat)
            }
        }
        let nd = Double(n)
        let loglik = -0.5 * nd * (log(2 * Double.pi * sse / nd) + 1) - logSum
        let np = Double(k + 1)
        let aic = -2 * loglik + 2 * np
        let aicc = nd - np - 1 > 0 ? aic + 2 * np * (np + 1) / (nd - np - 1) : .infinity
        return ETSFit(spec: spec, alpha: alpha, beta: beta, phi: phi, initialLevel: initL, initialTrend: initB,
                      level: l, trend: b, innovations: innov, fitted: fitted,
                      sigma2: sse / max(1, nd - Double(k)), logLikelihood: loglik, aic: aic, aicc: aicc)
    }

    /// For an additive-error model with given smoothing parameters: the initial level and trend
    /// minimising the sum of squared one-step errors, and that sum. The errors are
    /// e_t = e⁰_t + l₀ u_t + b₀ v_t, with e⁰ from a pass started at zero states and u, v the
    /// sensitivities to l₀ and b₀ (which follow the same recursions without the data).
    @inline(__always)
    static func additiveProfile(_ y: UnsafeBufferPointer<Double>, _ alpha: Double, _ beta: Double, _ phi: Double,
                                trended: Bool) -> (sse: Double, l0: Double, b0: Double) {
        var l = 0.0, b = 0.0
        var dl1 = 1.0, db1 = 0.0  // ∂state/∂l₀
        var dl2 = 0.0, db2 = 1.0  // ∂state/∂b₀
        var see = 0.0, seu = 0.0, sev = 0.0, suu = 0.0, suv = 0.0, svv = 0.0
        for t in 0..<y.count {
            let yhat = l + phi * b
            let e = y[t] - yhat
            l = yhat + alpha * e
            b = phi * b + beta * e
            let dy1 = dl1 + phi * db1, dy2 = dl2 + phi * db2
            let u = -dy1, v = -dy2
            // Sensitivities: de = −dŷ, dl' = dŷ + α de = (1−α) dŷ, db' = φ db + β de.
            dl1 = (1 - alpha) * dy1; db1 = phi * db1 - beta * dy1
            dl2 = (1 - alpha) * dy2; db2 = phi * db2 - beta * dy2
            see += e * e; seu += e * u; sev += e * v
            suu += u * u; suv += u * v; svv += v * v
        }
        if !trended {
            let l0 = suu > 0 ? -seu / suu : 0
            return (max(0, see + l0 * seu), l0, 0)
        }
        let det = suu * svv - suv * suv
        if !(abs(det) > 1e-300) {
            let l0 = suu > 0 ? -seu / suu : 0
            return (max(0, see + l0 * seu), l0, 0)
        }
        let l0 = (-seu * svv + sev * suv) / det
        let b0 = (-sev * suu + seu * suv) / det
        return (max(0, see + l0 * seu + b0 * sev), l0, b0)
    }

    /// −2 log L up to a constant: n log Σε² (+ 2 Σ log|ŷ| for multiplicative error).
    @inline(__always)
    static func criterion(_ y: UnsafeBufferPointer<Double>, _ spec: ETSSpec, _ alpha: Double, _ beta: Double,
                          _ phi: Double, _ l0: Double, _ b0: Double) -> Double {
        var l = l0, b = b0
        var sse = 0.0, logSum = 0.0
        if spec.error == .additive {
            for t in 0..<y.count {
                let yhat = l + phi * b
                let e = y[t] - yhat
                sse += e * e
                l = yhat + alpha * e
                b = phi * b + beta * e
            }
        } else {
            // Σ log ŷ as the log of a running product (one log per ~20 steps, not one per step).
            // The states move by the error in the data's units, d = y − ŷ = ŷ ε: l' = ŷ(1 + αε) =
            // ŷ + α d, b' = φ b + β ŷ ε = φ b + β d. Written so, the division that gives ε is off
            // the recursion's critical path (it only feeds Σε²); it was the loop's latency.
            var product = 1.0
            for t in 0..<y.count {
                let yhat = l + phi * b
                if yhat <= 0 { return .infinity }
                let d = y[t] - yhat
                let e = d / yhat
                sse += e * e
                product *= yhat
                if product > 1e250 || product < 1e-250 { logSum += log(product); product = 1 }
                l = yhat + alpha * d
                b = phi * b + beta * d
            }
            logSum += log(product)
        }
        if !(sse > 0) { return sse == 0 ? -1e300 : .infinity }
        return Double(y.count) * log(sse) + 2 * logSum
    }

    /// AutoETS: fits every applicable model and keeps the one with the smallest AICc.
    public static func auto(_ y: [Double], models: [ETSSpec] = ETSSpec.all) -> ETSFit? {
        fitAll(y, models: models).best
    }

    /// Every applicable model of `models`, and the best by AICc (ties: `ETSSpec.all` order).
    /// The default combination reads ETS(A,N,N) (for Theta) and ETS(A,Ad,N) from here instead of
    /// fitting them again.
    public static func fitAll(_ y: [Double], models: [ETSSpec] = ETSSpec.all) -> (best: ETSFit?, fits: [ETSSpec: ETSFit]) {
        var best: ETSFit?
        var fits: [ETSSpec: ETSFit] = [:]
        // Additive-error models first: each multiplicative model starts from its additive twin.
        for spec in models.sorted(by: { ($0.error == .additive ? 0 : 1) < ($1.error == .additive ? 0 : 1) }) {
            let twin = spec.error == .multiplicative ? fits[ETSSpec(error: .additive, trend: spec.trend)] : nil
            guard let f = fit(y, spec, startingFrom: twin) else { continue }
            fits[spec] = f
            if best == nil || f.aicc < best!.aicc || (f.aicc == best!.aicc && ETSSpec.all.firstIndex(of: f.spec)! < ETSSpec.all.firstIndex(of: best!.spec)!) {
                best = f
            }
        }
        return (best, fits)
    }
}
