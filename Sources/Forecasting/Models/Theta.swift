import Foundation

/// The standard Theta method as forecast::thetaf: SES (ETS(A,N,N) by MLE) plus half the slope of
/// a linear trend, b/2 · (h − 1 + (1 − (1−α)ⁿ)/α).
public struct ThetaModel: ForecastModel, KernelModel {
    public let ses: ETSFit
    public let drift: Double
    public let n: Int

    public var name: String { "theta" }
    /// (1 − (1−α)ⁿ)/α: the trend's offset at the first step, shared by the forecast and the paths.
    var tail: Double { (1 - pow(1 - ses.alpha, Double(n))) / ses.alpha }
    public func mean(_ h: Int) -> [Double] {
        let base = ses.forecast(h)
        let tail = self.tail
        return (0..<h).map { base[$0] + drift * (Double($0) + tail) }
    }
    /// As forecast::thetaf: the SES variance σ²(1 + α²(h−1)).
    public func variance(_ h: Int) -> [Double]? { (0..<h).map { ses.sigma2 * (1 + ses.alpha * ses.alpha * Double($0)) } }
    public var residuals: [Double] { ses.residuals }
    public var innovations: [Double] { ses.innovations }
    public var innovationSD: Double { ses.sigma2.squareRoot() }
    var kernel: PathSimulator.Kernel { .theta(ETSRecursion(ses), drift: drift, tail: tail) }
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) { kernel.run(draws, into: out) }

    /// `ses`: an ETS(A,N,N) fit of `y` already at hand.
    public static func fit(_ y: [Double], ses given: ETSFit? = nil) -> ThetaModel? {
        let n = y.count
        guard n >= 3, let ses = given ?? ETS.fit(y, ETSSpec(error: .additive, trend: .none)) else { return nil }
        let tm = Double(n - 1) / 2
        var ym = 0.0
        for v in y { ym += v }
        ym /= Double(n)
        var sty = 0.0, stt = 0.0
        for t in 0..<n { let dt = Double(t) - tm; sty += dt * (y[t] - ym); stt += dt * dt }
        return ThetaModel(ses: ses, drift: sty / stt / 2, n: n)
    }
}
