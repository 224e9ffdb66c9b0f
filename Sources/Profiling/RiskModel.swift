import LinearAlgebra

/// The contract every profiling model keeps (as each statsforecast model keeps fit/forecast):
/// fitted on the training spells' design, it gives each spell's probability of still being
/// registered 12 months on, and each feature's push on that risk for the reasons.
public protocol RiskModel: Sendable {
    /// Coefficients on the original feature scale, with standard errors, in `features` order.
    var coefficients: [RiskCoefficient] { get }
    /// P(ltu_12m = 1) for each row of a design built by the same encoder.
    func probabilities(_ design: Matrix) -> [Double]
    /// The push of feature j, valued at x, on the log-odds of long-term unemployment, against
    /// the training mean (positive raises the risk).
    func riskContribution(feature j: Int, value x: Double) -> Double
}

public struct RiskCoefficient: Sendable, Equatable {
    public let term: String
    public let estimate: Double
    public let standardError: Double
}

/// Column means and standard deviations of the training design: features are fitted on
/// z-scores (so one penalty means the same for months and for a 0/1 flag) and reported back on
/// their own scale.
struct Standardisation: Sendable {
    let means: [Double]
    let scales: [Double]

    init(_ x: Matrix) {
        let n = x.rows
        var means = [Double](repeating: 0, count: x.columns), scales = means
        x.storage.withUnsafeBufferPointer { s in
            for j in 0..<x.columns {
                var sum = 0.0
                for i in 0..<n { sum += s[j * n + i] }
                let m = n > 0 ? sum / Double(n) : 0
                var ss = 0.0
                for i in 0..<n { let d = s[j * n + i] - m; ss += d * d }
                let sd = n > 1 ? (ss / Double(n - 1)).squareRoot() : 0
                means[j] = m
                scales[j] = sd > 1e-12 ? sd : 1  // a constant column stays as it is (its coefficient is penalised to 0)
            }
        }
        self.means = means
        self.scales = scales
    }

    func apply(_ x: Matrix) -> Matrix {
        var z = x
        let n = x.rows
        z.storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<x.columns {
                let m = means[j], sd = scales[j]
                for i in 0..<n { s[j * n + i] = (s[j * n + i] - m) / sd }
            }
        }
        return z
    }

    /// β on the original scale from β̃ on z-scores (intercept first, `leading` unscaled columns
    /// after it such as period dummies), and the covariance by the same linear map: β = A β̃.
    func unscale(_ beta: [Double], covariance: Matrix, leading: Int = 0) -> (beta: [Double], covariance: Matrix) {
        let k = beta.count
        var a = Matrix.identity(k)
        for j in 0..<means.count {
            let c = 1 + leading + j
            a[c, c] = 1 / scales[j]
            a[0, c] = -means[j] / scales[j]
        }
        let b = (try? BLAS.product(.none, a, beta)) ?? beta
        let cov = (try? BLAS.product(.none, BLAS.product(.none, a, .none, covariance), .transpose, a)) ?? covariance
        return (b, cov)
    }
}
