/// Why profiling cannot go on, in words for the person running it.
public enum ProfilingError: Error, Sendable, CustomStringConvertible {
    /// No labelled spells to fit on (or only one outcome).
    case noTrainingData(String)
    /// A setting or argument that cannot be honoured.
    case badRequest(String)

    public var description: String {
        switch self {
        case .noTrainingData(let s), .badRequest(let s): return s
        }
    }
}
