import LabourData
/// The indicators a shortage judgement rests on. Each has its own file in this folder with its
/// formula, its sign, its default weight and the sentence a planner reads.
public enum Indicator: String, CaseIterable, Sendable {
    /// Vacancies per registered job seeker (COPS, UK MAC).
    case tension
    /// Log change of the tension ratio against the cell's own previous three years.
    case tensionChange = "tension_change"
    /// Annualised employment growth over three years.
    case employmentGrowth = "employment_growth"
    /// Annualised median-wage growth over three years, against the region's median occupation.
    case wageGrowth = "wage_growth"
    /// Job seekers / (employment + job seekers), registry coverage taken out; enters negatively.
    case jobseekerRate = "jobseeker_rate"
    /// Forward balance: (openings − new supply) / employment over the horizon.
    case imbalance

    /// The indicators read from the present year (everything but the forward balance).
    public static let present: [Indicator] = [.tension, .tensionChange, .employmentGrowth, .wageGrowth, .jobseekerRate]

    var formula: any IndicatorFormula.Type {
        switch self {
        case .tension: return Tension.self
        case .tensionChange: return TensionChange.self
        case .employmentGrowth: return EmploymentGrowth.self
        case .wageGrowth: return WageGrowth.self
        case .jobseekerRate: return JobseekerRate.self
        case .imbalance: return ForwardImbalance.self
        }
    }
}

/// What each indicator file provides.
protocol IndicatorFormula {
    /// Weight in the composite score used when no labelled lists are at hand.
    static var defaultWeight: Double { get }
    /// The value a planner reads (a ratio, a growth rate) in year index `k`, nil where the data
    /// are missing. `coverage` is the region's registry coverage (1 = the national level).
    static func value(_ cell: CellData, at k: Int, coverage: Double) -> Double?
    /// The value on the scale the score uses, signed so that higher means more shortage.
    static func signal(_ value: Double) -> Double
    /// True when the signal is read against the region's median occupation.
    static var relativeToRegion: Bool { get }
    static func reason(_ value: Double, language: Language, targetYear: Int) -> String
}

extension IndicatorFormula {
    static var relativeToRegion: Bool { false }
}

extension CellData {
    /// The value of `measure` in year index `k`, nil when missing.
    func at(_ measure: String, _ k: Int) -> Double? {
        guard let s = series[measure], k >= 0, k < s.count, s[k].isFinite else { return nil }
        return s[k]
    }
}
