import Foundation
import LabourData
import LinearAlgebra

/// Fitting of the simple models.
public enum SimpleModels {
    public static func naive(_ y: [Double]) -> BaseModel {
        let n = y.count
        var r = [Double](repeating: .nan, count: n)
        var ss = 0.0
        for t in 1..<max(1, n) { r[t] = y[t] - y[t - 1]; ss += r[t] * r[t] }
        return .naive(last: y[n - 1], sigma2: n > 1 ? ss / Double(n - 1) : 0, residuals: r)
    }

    public static func drift(_ y: [Double]) -> BaseModel {
        let n = y.count
        guard n >= 2 else { return naive(y) }
        let slope = (y[n - 1] - y[0]) / Double(n - 1)
        var r = [Double](repeating: .nan, count: n)
        var ss = 0.0
        for t in 1..<n { r[t] = y[t] - y[t - 1] - slope; ss += r[t] * r[t] }
        return .drift(last: y[n - 1], slope: slope, sigma2: n > 2 ? ss / Double(n - 2) : 0, n: n, residuals: r)
    }

    /// OLS of log y on (1, t) by `LeastSquares` (QR); nil when a value is ≤ 0 or n < 3.
    public static func logLinear(_ y: [Double]) -> BaseModel? {
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
        return .logLinear(intercept: fit.coefficients[0], slope: fit.coefficients[1], n: n,
                          s2: s2.isFinite ? s2 : 0, xtxInverse: xi, residuals: fit.residuals)
    }
}
