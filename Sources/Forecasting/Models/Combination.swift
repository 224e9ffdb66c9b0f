/// A model of models: the parts' forecasts (and sample paths, step by step) combined by median or
/// mean. The default forecast is the median of drift, damped trend, Theta and AutoETS.
public struct Combination: ForecastModel {
    public let parts: [BaseModel]
    public let combiner: Combiner
    public init(_ parts: [BaseModel], _ combiner: Combiner) { self.parts = parts; self.combiner = combiner }

    public var name: String { "\(combiner.rawValue)(" + parts.map(\.name).joined(separator: "+") + ")" }
    public func mean(_ h: Int) -> [Double] {
        let means = parts.map { $0.mean(h) }
        return (0..<h).map { k in combiner.combine(means.map { $0[k] }) }
    }
    public func variance(_ h: Int) -> [Double]? { nil }
    /// The mean of the parts' variances.
    public func approximateVariance(_ h: Int) -> [Double] {
        let vs = parts.map { $0.approximateVariance(h) }
        return (0..<h).map { k in vs.reduce(0) { $0 + $1[k] } / Double(vs.count) }
    }
    public var residuals: [Double] {
        let rs = parts.map(\.residuals)
        let n = rs.map(\.count).min() ?? 0
        return (0..<n).map { t in combiner.combine(rs.map { $0[$0.count - n + t] }) }
    }
    public var residualCount: Int { parts.map(\.residualCount).max() ?? 0 }
    /// None of its own: its parts are simulated separately.
    public var innovationSD: Double { 0 }
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        combiner.combine(parts.count, steps: out.count, into: out) { j, slot in parts[j].simulate(draws: draws, into: slot) }
    }
}
