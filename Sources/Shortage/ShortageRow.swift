/// One region × occupation line of a shortage list.
public struct ShortageRow: Sendable {
    public var region: String
    public var isco: String
    /// The score the list is sorted by: the calibrated log-odds, or the composite of z-scores.
    public var score: Double
    /// Rank in the region's list (national cells: in the national list), and its 90 % interval.
    public var rank: Int
    public var rankLow: Int, rankHigh: Int
    /// Rank among all regional cells of the country.
    public var rankNational: Int
    /// Probability that demand exceeds supply in the target year; nil when nothing supports one
    /// (no labelled lists and no forward view). `basis` says what it rests on.
    public var pShortage: Double?
    public var basis: ShortageBasis
    /// Share of forward draws in which openings exceed new supply by more than τ × employment.
    public var pForward: Double?
    public var tensionRatio: Double?
    /// The region's registry coverage relative to the national level.
    public var coverage: Double
    public var employment: Double
    public var openings: Double?
    public var replacement: Double?
    public var newSupply: Double?
    public var imbalance: Double?
    public var imbalanceLow: Double?, imbalanceHigh: Double?
    /// Standardised, signed indicator values (higher = more shortage).
    public var z: [Indicator: Double]
    /// Indicator values as a planner reads them.
    public var raw: [Indicator: Double]
    /// The indicators that push the score up most, strongest first.
    public var drivers: [Indicator]
    /// The supply measures the panel has (graduates, school_leavers, returnees, immigrants, jobseekers): new
    /// supply counts only these; empty when none is observed (then no imbalance is given).
    public var supplyObserved: [String] = []
}

/// What a row's `p_shortage` rests on.
public enum ShortageBasis: Sendable, Equatable {
    /// A logistic regression on past shortage lists of these years.
    case lists(ClosedRange<Int>)
    /// The forward balance alone (no usable labelled lists), at threshold τ.
    case forwardBalance(threshold: Double)
    /// Neither: no labelled lists and no forward view (horizon 0).
    case none

    public var description: String {
        switch self {
        case .lists(let y): return "lists \(y.lowerBound)-\(y.upperBound)"
        case .forwardBalance(let t): return "forward balance (tau \(t))"
        case .none: return "none"
        }
    }
}

/// A shortage list: every region's rows and the national rows (region `TOTAL`), with how its
/// probabilities were obtained.
public struct ShortageList: Sendable {
    public var rows: [ShortageRow]
    public var listYear: Int
    public var targetYear: Int
    /// The model learned from past lists, when the panel had enough of them.
    public var calibration: ListCalibration?
    /// Why there is no calibration, in words (nil when there is one).
    public var calibrationNote: String?
    /// Without a calibration: the weights the composite score used (learned from the panel by
    /// default, `ShortageConfig.weighting`), summing to 1.
    public var compositeWeights: [Indicator: Double]?
    /// The supply measures the panel observes.
    public var supplyObserved: [String] = []
    /// The imbalance of each draw by "region/isco", in draw order (paired across lists made
    /// from the same forecast paths and seed): kept only for a list made with adjustments, where
    /// a scenario's difference from the baseline is measured draw by draw.
    public var imbalanceDraws: [String: [Double]] = [:]
}
