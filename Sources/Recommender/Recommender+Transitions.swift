import LabourData

/// The catalogue modules that take a person from the skills they hold to a destination.
public struct TrainingPath: Sendable {
    /// Modules in the order to take them (prerequisites first).
    public let modules: [Int]
    public let hours: Double
    /// Essential skills of the destination no available module teaches.
    public let untaught: [Int]
}

extension Recommender {
    /// A minimum-hours path to destination `d` for someone holding `held`: the essential skills
    /// of `d` not held, taught by modules offered in one of `regions` and open at ISCED level
    /// `isced` — the same search `recommend` uses. What `mizan transitions --catalogue` shows on
    /// each line, so a move one skill level up comes with the training it takes.
    public func trainingPath(toward d: Int, held: Set<Int>, regions: [String], isced: Int = 8) -> TrainingPath {
        let missing = essential[d].map(\.skill).filter { !held.contains($0) }
        let path = trainingPath(missing: missing, regions: regions, isced: isced)
        return TrainingPath(modules: path.modules, hours: path.hours, untaught: path.untaught)
    }
}
