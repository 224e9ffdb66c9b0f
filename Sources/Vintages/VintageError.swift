/// A vintage that does not exist, a store or bundle that cannot be used: said in one sentence.
public struct VintageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
