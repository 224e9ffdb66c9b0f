import Foundation
import LinearAlgebra

/// The log-linear trend: OLS of log y on time, forecast back on the data scale.
public struct LogLinearModel: ForecastModel, KernelModel {
    public let intercept: Double, slope: Double, n: Int, s2: Double
    /// (X'X)⁻¹ of the regression, row-major 2 × 2.
    public let xtxInverse: [Double]
    /// On the log scale (they are also the bootstrap's innovations).
    public let residuals: [Double]

    public var name: String { "loglinear" }
    public func mean(_ h: Int) -> [Double] { (0..<h).map { exp(intercept + slope * Double(n + $0)) } }
    public func variance(_ h: Int) -> [Double]? { nil }

    /// 1 + x'(X'X)⁻¹x at time t, x = (1, t): the prediction variance of log y in units of s².
    func predictionFactor(at t: Double) -> Double {
        let xi = xtxInverse
        return 1 + (xi[0] + 2 * t * xi[1] + t * t * xi[3])
    }

    /// μ² · var(log y), the delta method.
    public func approximateVariance(_ h: Int) -> [Double] {
        (0..<h).map { k in
            let t = Double(n + k)
            let mu = exp(intercept + slope * t)
            return mu * mu * s2 * predictionFactor(at: t)
        }
    }

    /// Prediction interval on the log scale, then back: exp(â + b̂t ± z s √(1 + x'(X'X)⁻¹x)).
    public func interval(_ h: Int, level: Double) -> (lower: [Double], upper: [Double])? {
        let z = NormalDistribution.z(level: level)
        var lo = [Double](), hi = [Double]()
        for k in 0..<h {
            let t = Double(n + k)
            let se = (s2 * predictionFactor(at: t)).squareRoot()
            lo.append(exp(intercept + slope * t - z * se)); hi.append(exp(intercept + slope * t + z * se))
        }
        return (lo, hi)
    }

    public var innovationSD: Double { s2.squareRoot() }
    var kernel: PathSimulator.Kernel { .logLinear(intercept: intercept, slope: slope, n: n) }
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) { kernel.run(draws, into: out) }

    /// OLS of log y on (1, t) by `LeastSquares` (QR); nil when a value is ≤ 0 or n < 3.
    public static func fit(_ y: [Double]) -> LogLinearModel? {
        let n = y.count
        guard n >= 3, y.allSatisfy({ $0 > 0 }) else { return nil }
        let x = Matrix(columns: [[Double](repeating: 1, count: n), (0..<n).map(Double.init)])
        let ly = y.map { log($0) }
        guard let fit = try? LeastSquares.fit(x, ly, refine: false) else { return nil }
        // (X'X)⁻¹ for the prediction variance, closed form for the 2 × 2 case.
        let st = Double(n * (n - 1)) / 2, stt = Double((n - 1) * n * (2 * n - 1)) / 6
        let det = Double(n) * stt - st * st
        let xi = [stt / det, -st / det, -st / det, Double(n) / det]
        let s2 = fit.residualStandardDeviation * fit.residualStandardDeviation
        return LogLinearModel(intercept: fit.coefficients[0], slope: fit.coefficients[1], n: n,
                              s2: s2.isFinite ? s2 : 0, xtxInverse: xi, residuals: fit.residuals)
    }
}
