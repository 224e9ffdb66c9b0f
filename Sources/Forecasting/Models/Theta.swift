import Foundation

extension SimpleModels {
    /// The standard Theta method as forecast::thetaf: SES (ETS(A,N,N) by MLE) plus half the
    /// slope of a linear trend, b/2 · (h − 1 + (1 − (1−α)ⁿ)/α). `ses`: an ETS(A,N,N) fit of `y`
    /// already at hand.
    public static func theta(_ y: [Double], ses given: ETSFit? = nil) -> BaseModel? {
        let n = y.count
        guard n >= 3, let ses = given ?? ETS.fit(y, ETSSpec(error: .additive, trend: .none)) else { return nil }
        let tm = Double(n - 1) / 2
        var ym = 0.0
        for v in y { ym += v }
        ym /= Double(n)
        var sty = 0.0, stt = 0.0
        for t in 0..<n { let dt = Double(t) - tm; sty += dt * (y[t] - ym); stt += dt * dt }
        return .theta(ses: ses, drift: sty / stt / 2, n: n)
    }
}
