/// One line of a published shortage list: what `shortages.csv` (and its siblings in an outlook
/// or scenario bundle, and `mizan shortages`) holds, as every reader after the Shortage stage
/// sees it — the workspace, the vintages store, profiling and the recommender.
///
/// Fields a hand-made list may lack are optional: a list with only `region,isco,p_shortage`
/// is a valid input to `mizan profile-risk --shortages`. A reader that needs a column says so
/// (`ShortageListFile.read(_:required:)`), and a row then always has it.
import LabourData

public struct PublishedShortage: Sendable, Equatable {
    public var region: String
    public var isco: String
    /// The ISCO title in the list's language ("" when the list has no titles).
    public var title: String
    /// The score the list is sorted by (the calibrated log-odds, or the composite of z-scores).
    public var score: Double?
    /// Rank in the region's list (national rows: in the national list) and its 90 % interval.
    public var rank: Int?
    public var rankLow: Int?, rankHigh: Int?
    /// Rank among all regional cells of the country.
    public var rankNational: Int?
    /// Calibrated probability that demand exceeds supply in the target year.
    public var pShortage: Double?
    /// What p_shortage rests on, in words ("lists 2015-2024", "forward balance (tau 0.02)", "none").
    public var basis: String?
    /// Share of forward draws in which openings exceed new supply by more than τ × employment.
    public var pForward: Double?
    /// Vacancies per job seeker.
    public var tensionRatio: Double?
    /// The region's registry coverage relative to the national level.
    public var registryCoverage: Double?
    public var employment: Double?
    public var openings: Double?
    public var replacement: Double?
    public var newSupply: Double?
    public var imbalance: Double?
    public var imbalanceLow: Double?, imbalanceHigh: Double?
    /// The supply measures new supply counts (empty: none observed, written "none").
    public var supplyObserved: [String]
    /// The reasons, in the list's language, joined by "; ".
    public var reasons: String
    /// The reasons in every language the list carries (French, English, Arabic), for readers that
    /// show another language than the list's (the workspace's three).
    public var reasonsByLanguage: [Language: String] = [:]

    /// The reasons in `language`, else in the list's own.
    public func reasons(in language: Language) -> String { reasonsByLanguage[language] ?? reasons }

    public init(region: String, isco: String, title: String = "", score: Double? = nil, rank: Int? = nil, rankLow: Int? = nil,
                rankHigh: Int? = nil, rankNational: Int? = nil, pShortage: Double? = nil, basis: String? = nil, pForward: Double? = nil,
                tensionRatio: Double? = nil, registryCoverage: Double? = nil, employment: Double? = nil, openings: Double? = nil,
                replacement: Double? = nil, newSupply: Double? = nil, imbalance: Double? = nil, imbalanceLow: Double? = nil,
                imbalanceHigh: Double? = nil, supplyObserved: [String] = [], reasons: String = "",
                reasonsByLanguage: [Language: String] = [:]) {
        self.region = region; self.isco = isco; self.title = title; self.score = score; self.rank = rank
        self.rankLow = rankLow; self.rankHigh = rankHigh; self.rankNational = rankNational; self.pShortage = pShortage
        self.basis = basis; self.pForward = pForward; self.tensionRatio = tensionRatio; self.registryCoverage = registryCoverage
        self.employment = employment; self.openings = openings; self.replacement = replacement; self.newSupply = newSupply
        self.imbalance = imbalance; self.imbalanceLow = imbalanceLow; self.imbalanceHigh = imbalanceHigh
        self.supplyObserved = supplyObserved; self.reasons = reasons; self.reasonsByLanguage = reasonsByLanguage
    }

    /// "region/isco": the key every index of a list uses.
    public var key: String { "\(region)/\(isco)" }
}
