import Foundation
import Shortage

/// One change a scenario makes, as a planner states it (ILO/Cedefop scenario practice: each
/// shock a deviation from the baseline, shown alone and together).
public struct ScenarioShock: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// Jobs added (negative: lost) in a sector and region, a level change from each year on,
        /// spread over occupations by the staffing matrix.
        case sectorJobs = "sector_jobs"
        /// The same for named ISCO codes.
        case occupationJobs = "occupation_jobs"
        /// A sector's employment grows this many percentage points a year faster (slower if
        /// negative) than in the baseline.
        case sectorGrowth = "sector_growth"
        /// Arrivals who enter new supply with the supply model's entry rates.
        case returnees, immigrants
        /// Extra graduates of training programmes.
        case trainingPlaces = "training_places"
        /// Multipliers of the exit rates by cause (retirement, mortality, emigration, mobility).
        case demography
    }

    public var kind: Kind
    /// As the drivers table names it: the TOML's `name`, else "shock N: kind".
    public var label: String
    /// Region code; nil = every region (spread by the sector's or occupation's employment).
    public var region: String?
    public var sector: String?
    /// Unit groups or aggregates (an aggregate is spread over its unit groups by employment).
    public var isco: [String] = []
    /// How `amounts` divide over `isco` (summing to 1); nil = by employment.
    public var shares: [Double]?
    /// Jobs, arrivals or graduates by year.
    public var amounts: [Int: Double] = [:]
    /// sector_growth: percentage points a year, from `from` on.
    public var percent: Double = 0
    public var from: Int?
    /// demography: multiplier per exit cause.
    public var exitMultiplier: [ExitComponent: Double] = [:]

    public init(kind: Kind, label: String) {
        self.kind = kind
        self.label = label
    }

    /// Does the shock move employment (the forecast) rather than supply or exits?
    public var movesEmployment: Bool { [.sectorJobs, .occupationJobs, .sectorGrowth].contains(kind) }
}
