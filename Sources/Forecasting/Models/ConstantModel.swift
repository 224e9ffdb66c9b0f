/// A series that cannot move: a single point, all zeros or all equal.
public struct ConstantModel: ForecastModel, KernelModel {
    public let value: Double
    public init(value: Double) { self.value = value }
    public var name: String { "constant" }
    public func mean(_ h: Int) -> [Double] { [Double](repeating: value, count: h) }
    public func variance(_ h: Int) -> [Double]? { [Double](repeating: 0, count: h) }
    public var residuals: [Double] { [] }
    public var residualCount: Int { 0 }
    public var innovationSD: Double { 0 }
    var kernel: PathSimulator.Kernel { .constant(value) }
    public func simulate(draws: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) { kernel.run(draws, into: out) }
}
