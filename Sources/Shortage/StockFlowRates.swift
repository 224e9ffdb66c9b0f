import LabourData

/// Why a worker leaves an occupation. Each cause has its own rates by age band; the sum is the
/// band's exit rate, the source of replacement demand.
public enum ExitComponent: String, CaseIterable, Sendable {
    case retirement, mortality, emigration
    /// Net moves to other occupations (Cedefop counts them in replacement demand).
    case mobility
}

/// The rates of the stock-flow balance. Defaults and their sources: Sources/Shortage/README.md.
public struct StockFlowRates: Sendable {
    /// Annual exit rate per cause, per age band (`PanelSchema.ageBands`: 15–24, 25–54, 55–64, 65+).
    public var exits: [ExitComponent: [Double]] = [
        .retirement: [0, 0.001, 0.05, 0.15],
        .mortality: [0.001, 0.002, 0.008, 0.03],
        .emigration: [0.008, 0.004, 0.001, 0],
        .mobility: [0.02, 0.008, 0.003, 0],
    ]
    /// Share of each band that moves to the next band in a year (1 / band width).
    public var ageing: [Double] = [1.0 / 10, 1.0 / 30, 1.0 / 10, 0]
    /// Annual exit rate of a cell without age bands.
    public var defaultExitRate = 0.025
    /// Share of graduates of the mapped programmes who take a job in the occupation.
    public var graduateEntry = 0.5
    /// Share of school leavers (young people entering the labour force from school, beyond the
    /// graduates counted) who take a job over the horizon: 1 − the youth unemployment rate (HCP
    /// 2022: 32.7 % of the active 15–24-year-olds; Tunisia's INS reports 35–38 %), as the rest
    /// wait in unemployment, where the job-seeker stock of later years counts them.
    public var schoolLeaverEntry = 0.67
    /// Share of returnees who take a job …
    public var returneeEntry = 0.6
    /// … of whom this share works below their skill level, hence not in the occupation they held.
    public var returneeDowngrading = 0.3
    /// Share of immigrants who take a job in the occupation.
    public var immigrantEntry = 0.4
    /// Share of registered job seekers attached to the occupation they are registered in …
    public var jobseekerAttachment = 0.7
    /// … and available to take a job in it over the horizon.
    public var jobseekerAvailability = 0.5
    /// Beta concentration of the share draws (mean = the share above): 30 gives a share of 0.5
    /// a standard deviation of 0.09.
    public var rateConcentration = 30.0
    /// Log standard deviation of the multiplier drawn for each exit cause.
    public var exitRateSD = 0.2

    public init() {}

    nonisolated(unsafe) static let supplyKeys: [(String, WritableKeyPath<StockFlowRates, Double>)] = [
        ("graduate_entry", \.graduateEntry), ("school_leaver_entry", \.schoolLeaverEntry), ("returnee_entry", \.returneeEntry),
        ("returnee_downgrading", \.returneeDowngrading), ("immigrant_entry", \.immigrantEntry),
        ("jobseeker_attachment", \.jobseekerAttachment), ("jobseeker_availability", \.jobseekerAvailability),
    ]
}
