/// An ARIMA fit is a model; it simulates through its own state arrays.
extension ARIMAFit: ForecastModel, KernelModel {
    public func mean(_ h: Int) -> [Double] { forecast(h) }
    public var innovationSD: Double { sigma2.squareRoot() }
    var kernel: PathSimulator.Kernel { .arima(self) }
}
