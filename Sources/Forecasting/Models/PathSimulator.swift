import Foundation

/// A fitted model prepared for many sample paths.
///
/// A national forecast draws 400 paths for each of ~8,000 series, and a combination runs four
/// models per path: 13 million model recursions. Read through the models each one switched on an
/// indirect enum and copied the innovation arrays out of it, and the reference counting of those
/// copies took a sixth of the whole forecast (perf, issue 30). Here each model is reduced once to
/// its recursion's scalars (`Kernel`) and its innovations to one flat array, so a path touches no
/// reference count. Each model's `simulate(draws:into:)` runs through the same kernels: one implementation.
struct PathSimulator: Sendable {
    /// The recursion of one single model, scalars only (ARIMA keeps its fit: it is never a part
    /// of the default and simulates through its own state arrays).
    enum Kernel: Sendable {
        case constant(Double)
        case naive(last: Double)
        case drift(last: Double, slope: Double)
        case logLinear(intercept: Double, slope: Double, n: Int)
        case ets(ETSRecursion)
        case theta(ETSRecursion, drift: Double, tail: Double)
        case arima(ARIMAFit)
        /// A combination inside a combination: its parts draw their own innovations.
        indirect case combination(PathSimulator)

        /// A model defined outside this module: its own `simulate(draws:into:)`.
        case other(BaseModel)

        /// A single model's kernel (a combination's: its own simulator).
        init(_ model: BaseModel) {
            if let k = model as? any KernelModel { self = k.kernel }
            else if model is Combination { self = .combination(PathSimulator(model)) }
            else { self = .other(model) }
        }

        /// One path for 1…h from innovations on the model's own scale (`draws[k]` at step k).
        @inline(__always)
        func run(_ draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
            let h = out.count
            switch self {
            case .constant(let v): for k in 0..<h { out[k] = v }
            case .naive(let last):
                var y = last
                for k in 0..<h { y += draws[k]; out[k] = y }
            case .drift(let last, let slope):
                var y = last
                for k in 0..<h { y += slope + draws[k]; out[k] = y }
            case .logLinear(let a, let b, let n):
                for k in 0..<h { out[k] = exp(a + b * Double(n + k) + draws[k]) }
            case .ets(let r): r.run(draws, into: out)
            case .theta(let r, let drift, let tail):
                r.run(draws, into: out)
                for k in 0..<h { out[k] += drift * (Double(k) + tail) }
            case .arima(let f): f.simulate(draws: draws, into: out)
            case .other(let m): m.simulate(draws: draws, into: out)
            case .combination: preconditionFailure("a nested combination is simulated from indices, not draws")
            }
        }
    }

    /// Part j's kernel, its innovations at `innovations[offsets[j] ..< offsets[j + 1]]` and the
    /// Gaussian scale for a step whose drawn position has none.
    private let kernels: [Kernel]
    private let offsets: [Int]
    private let innovations: [Double]
    private let sds: [Double]
    /// How the parts' paths are combined (nil: one model).
    private let combiner: Combiner?

    init(_ model: BaseModel) {
        let parts: [BaseModel]
        if let c = model as? Combination {
            parts = c.parts
            combiner = c.combiner
        } else {
            parts = [model]
            combiner = nil
        }
        kernels = parts.map(Kernel.init)
        var offsets = [0], innovations: [Double] = []
        for p in parts {
            innovations += p.innovations
            offsets.append(innovations.count)
        }
        self.offsets = offsets
        self.innovations = innovations
        sds = parts.map(\.innovationSD)
    }

    /// Scratch doubles `simulate` needs for paths of h steps.
    func scratchCount(steps h: Int) -> Int { (kernels.count + 1) * h + kernels.count }

    /// A path driven by resampled residuals (see `ForecastModel.simulate(indices:normals:into:)`):
    /// each part at step k takes its own innovation at position `indices[k]`, or
    /// `sd · normals[k]` where it has none; a combination combines its parts step by step.
    /// `scratch` holds at least `scratchCount(steps:)` doubles.
    func simulate(indices: UnsafeBufferPointer<Int>, normals: UnsafeBufferPointer<Double>,
                  into out: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) {
        let h = out.count, parts = kernels.count
        innovations.withUnsafeBufferPointer { innov in
            let draws = UnsafeMutableBufferPointer(rebasing: scratch[(parts * h)..<((parts + 1) * h)])
            for j in 0..<parts {
                let lo = offsets[j], count = offsets[j + 1] - lo, sd = sds[j]
                for k in 0..<h {
                    let idx = indices[k]
                    draws[k] = idx >= 0 && idx < count && innov[lo + idx].isFinite ? innov[lo + idx] : sd * normals[k]
                }
                let slot = combiner == nil ? out : UnsafeMutableBufferPointer(rebasing: scratch[(j * h)..<((j + 1) * h)])
                if case .combination(let inner) = kernels[j] {
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: inner.scratchCount(steps: h)) {
                        inner.simulate(indices: indices, normals: normals, into: slot, scratch: $0)
                    }
                    continue
                }
                kernels[j].run(UnsafeBufferPointer(draws), into: slot)
            }
        }
        guard let combiner else { return }
        let column = UnsafeMutableBufferPointer(rebasing: scratch[((parts + 1) * h)..<((parts + 1) * h + parts)])
        for k in 0..<h {
            for j in 0..<parts { column[j] = scratch[j * h + k] }
            out[k] = combiner.combine(column)
        }
    }
}

extension PathSimulator {
    /// P paths of `steps` steps for one series of a joint bootstrap, the last `keep` steps of
    /// path p written to `out[k · P + p]`. Path p, step k draws the year `years[p · stride + k]`
    /// (at innovation position year + `shift`) and, where that position has none, the normal
    /// `normals[p · stride + k]`. One call a series: the working arrays are set up once, not per
    /// path (18.5 million paths on the national panel).
    func simulatePaths(_ P: Int, steps: Int, years: UnsafePointer<Int>, normals: UnsafePointer<Double>, stride: Int, shift: Int,
                       keep: Int, into out: UnsafeMutablePointer<Float>) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: steps) { indices in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: steps) { normal in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: steps) { path in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: scratchCount(steps: steps)) { scratch in
            for p in 0..<P {
                for k in 0..<steps {
                    indices[k] = years[p * stride + k] + shift
                    normal[k] = normals[p * stride + k]
                }
                simulate(indices: UnsafeBufferPointer(indices), normals: UnsafeBufferPointer(normal), into: path, scratch: scratch)
                for k in 0..<keep { out[k * P + p] = Float(path[steps - keep + k]) }
            }
        } } } }
    }
}

/// The recursion of a fitted ETS model from its last state, scalars only.
struct ETSRecursion: Sendable {
    let multiplicative: Bool, trended: Bool
    let alpha: Double, beta: Double, phi: Double
    let level: Double, trend: Double

    init(_ f: ETSFit) {
        multiplicative = f.spec.error == .multiplicative
        trended = f.spec.trend != .none
        alpha = f.alpha; beta = f.beta; phi = f.phi
        level = f.level; trend = f.trend
    }

    @inline(__always)
    func run(_ draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        var l = level, b = trend
        for k in 0..<out.count {
            let yhat = l + (trended ? phi * b : 0)
            let e = draws[k]
            let y: Double
            if !multiplicative {
                y = yhat + e
                l = yhat + alpha * e
                if trended { b = phi * b + beta * e }
            } else {
                y = yhat * (1 + e)
                l = yhat * (1 + alpha * e)
                if trended { b = phi * b + beta * yhat * e }
            }
            out[k] = y
        }
    }
}
