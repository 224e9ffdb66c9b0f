/// The random walk: the last value, variance growing linearly with the step.
public struct NaiveModel: ForecastModel, KernelModel {
    public let last: Double, sigma2: Double
    public let residuals: [Double]
    public init(last: Double, sigma2: Double, residuals: [Double]) { self.last = last; self.sigma2 = sigma2; self.residuals = residuals }
    public var name: String { "naive" }
    public func mean(_ h: Int) -> [Double] { [Double](repeating: last, count: h) }
    public func variance(_ h: Int) -> [Double]? { (1...max(1, h)).prefix(h).map { sigma2 * Double($0) } }
    public var innovationSD: Double { sigma2.squareRoot() }
    var kernel: PathSimulator.Kernel { .naive(last: last) }
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) { kernel.run(draws, into: out) }

    /// Fits the random walk: residuals are the first differences.
    public static func fit(_ y: [Double]) -> NaiveModel {
        let n = y.count
        var r = [Double](repeating: .nan, count: n)
        var ss = 0.0
        for t in 1..<max(1, n) { r[t] = y[t] - y[t - 1]; ss += r[t] * r[t] }
        return NaiveModel(last: y[n - 1], sigma2: n > 1 ? ss / Double(n - 1) : 0, residuals: r)
    }
}
