/// The random walk with drift: the line from the first to the last point, continued.
public struct DriftModel: ForecastModel, KernelModel {
    public let last: Double, slope: Double, sigma2: Double, n: Int
    public let residuals: [Double]
    public init(last: Double, slope: Double, sigma2: Double, n: Int, residuals: [Double]) {
        self.last = last; self.slope = slope; self.sigma2 = sigma2; self.n = n; self.residuals = residuals
    }
    public var name: String { "drift" }
    public func mean(_ h: Int) -> [Double] { (1...max(1, h)).prefix(h).map { last + Double($0) * slope } }
    /// forecast::rwf: se_h = σ √(h (1 + h/(n−1))), the drift estimated from n−1 differences.
    public func variance(_ h: Int) -> [Double]? {
        (1...max(1, h)).prefix(h).map { sigma2 * Double($0) * (1 + Double($0) / Double(max(1, n - 1))) }
    }
    public var innovationSD: Double { sigma2.squareRoot() }
    var kernel: PathSimulator.Kernel { .drift(last: last, slope: slope) }
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) { kernel.run(draws, into: out) }

    /// Fits the drift; below two points, the random walk.
    public static func fit(_ y: [Double]) -> BaseModel {
        let n = y.count
        guard n >= 2 else { return NaiveModel.fit(y) }
        let slope = (y[n - 1] - y[0]) / Double(n - 1)
        var r = [Double](repeating: .nan, count: n)
        var ss = 0.0
        for t in 1..<n { r[t] = y[t] - y[t - 1] - slope; ss += r[t] * r[t] }
        return DriftModel(last: y[n - 1], slope: slope, sigma2: n > 2 ? ss / Double(n - 2) : 0, n: n, residuals: r)
    }
}
