/// An ETS fit is a model: its recursion forecasts and simulates.
extension ETSFit: ForecastModel, KernelModel {
    public var name: String { spec.description }
    public func mean(_ h: Int) -> [Double] { forecast(h) }

    /// Multiplicative ETS as its additive twin around the point forecast (first order).
    public func approximateVariance(_ h: Int) -> [Double] {
        if let v = variance(h) { return v }
        let m = forecast(h)
        var acc = 0.0, phiSum = 0.0, p = 1.0
        return (0..<h).map { k in
            let v = sigma2 * (1 + acc) * m[k] * m[k]
            p *= phi
            phiSum += spec.trend == .none ? 0 : p
            let c = alpha + beta * phiSum
            acc += c * c
            return v
        }
    }

    /// y − ŷ: the innovations of an additive-error model, relative errors × fitted otherwise.
    public var residuals: [Double] { spec.error == .additive ? innovations : zip(innovations, fitted).map { $0 * $1 } }
    public var innovationSD: Double { sigma2.squareRoot() }
    var kernel: PathSimulator.Kernel { .ets(ETSRecursion(self)) }
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) { kernel.run(draws, into: out) }
}
