import LabourData
import MizanSupport

/// Recommendations for many profiles, in blocks computed on every core, each block handed on as
/// soon as it is done: `mizan recommend --profiles` streams it to its file so memory does not
/// grow with the number of profiles; the outlook collects it for its summary. One loop for both.
public enum RecommendationBatch {
    public typealias Result = (recommendations: [Recommendation], reason: String?)
    /// Profiles a block: enough to keep every core busy, few enough to stream.
    public static let blockSize = 2000

    /// Calls `consume(range, results)` for consecutive ranges of `people`, in order; never for
    /// an empty batch.
    public static func run(_ people: [MigrantProfile], engine: Recommender, block: Int = blockSize,
                           _ consume: (Range<Int>, [Result]) throws -> Void) rethrows {
        var done = 0
        while done < people.count {
            let range = done..<min(people.count, done + max(1, block))
            let results = parallelMap(range.count) { engine.recommend(people[range.lowerBound + $0]) }
            try consume(range, results)
            done = range.upperBound
        }
    }
}
