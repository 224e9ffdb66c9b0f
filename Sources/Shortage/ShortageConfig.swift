import Foundation
import LabourData

/// The indicators the composite score combines. Each is standardised within its region, and
/// signed so that a higher value means more shortage.
public enum Indicator: String, CaseIterable, Sendable {
    /// Vacancies per registered job seeker (COPS, UK MAC).
    case tension
    /// Log change of the tension ratio against the cell's own previous three years.
    case tensionChange = "tension_change"
    /// Annualised employment growth over three years.
    case employmentGrowth = "employment_growth"
    /// Annualised median-wage growth over three years minus the region's median occupation's.
    case wageGrowth = "wage_growth"
    /// Job seekers / (employment + job seekers), entering with a minus sign.
    case jobseekerRate = "jobseeker_rate"
    /// Forward imbalance: (openings − new supply) / employment over the horizon.
    case imbalance
}

/// Settings of the shortage model; every default is documented (Sources/Shortage/README.md)
/// and can be overridden by a TOML file.
public struct ShortageConfig: Sendable {
    /// Weights of the composite score. Defaults put the forward balance first (it is what
    /// planners act on), then the two registry signals of current pressure, then the market's
    /// own responses (employment and wage growth), which lag and are noisier.
    public var weights: [Indicator: Double] = [
        .imbalance: 0.30, .tension: 0.20, .tensionChange: 0.15,
        .jobseekerRate: 0.15, .employmentGrowth: 0.10, .wageGrowth: 0.10,
    ]
    /// Annual exit rates by age band (retirement, death, leaving the occupation): the usual
    /// Cedefop-style profile, low in prime age, rising sharply after 55.
    public var exitRates: [String: Double] = ["15_24": 0.01, "25_54": 0.01, "55_64": 0.06, "65_plus": 0.15]
    /// Annual exit rate where a cell has no age bands.
    public var defaultExitRate = 0.025
    /// Share of registered job seekers counted as new supply for their occupation.
    public var jobseekerAvailability = 0.5
    /// A cell is "in shortage" in a draw when it ranks in this top share of its region.
    public var topShare = 0.2
    /// Weight draws (Dirichlet around `weights`, concentration below) combined with forecast paths.
    public var draws = 200
    public var weightConcentration = 50.0
    public var seed: UInt64 = 20_251_123

    public init() {}

    /// Reads overrides from TOML:
    ///     [weights]     imbalance = 0.3, tension = 0.2, …  (unknown names are errors)
    ///     [exit_rates]  "55_64" = 0.06, default = 0.025
    ///     [supply]      jobseeker_availability = 0.5
    ///     [ranking]     top_share = 0.2, draws = 200, weight_concentration = 50, seed = 1
    public static func load(_ url: URL) throws(InputError) -> ShortageConfig {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "cannot read the file (\(error.localizedDescription))"))
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String = "<config>") throws(InputError) -> ShortageConfig {
        let toml = try SimpleTOML(text: text, file: file)
        var c = ShortageConfig()
        var problems: [Diagnostic] = []
        let known: Set<String> = ["weights", "exit_rates", "supply", "ranking"]
        for key in toml.values.keys.sorted() {
            let table = key.split(separator: ".").first.map(String.init) ?? ""
            if !key.contains(".") || !known.contains(table) {
                problems.append(toml.diagnostic(key, "unknown setting '\(key)'; tables are [weights], [exit_rates], [supply], [ranking]"))
            }
        }
        func number(_ key: String, min lo: Double, max hi: Double) -> Double? {
            guard let v = toml.values[key] else { return nil }
            guard case .number(let x) = v else { problems.append(toml.diagnostic(key, "\(key) must be a number")); return nil }
            guard x >= lo && x <= hi else { problems.append(toml.diagnostic(key, "\(key) = \(x) is outside \(lo)…\(hi)")); return nil }
            return x
        }
        let weightKeys = toml.keys(in: "weights")
        if !weightKeys.isEmpty {
            var w: [Indicator: Double] = [:]
            for name in weightKeys {
                guard let ind = Indicator(rawValue: name) else {
                    problems.append(toml.diagnostic("weights.\(name)", "unknown indicator '\(name)'; indicators are \(Indicator.allCases.map(\.rawValue).joined(separator: ", "))"))
                    continue
                }
                if let x = number("weights.\(name)", min: 0, max: 1e6) { w[ind] = x }
            }
            if w.values.reduce(0, +) <= 0 && problems.isEmpty {
                problems.append(toml.diagnostic("weights.\(weightKeys[0])", "the weights sum to zero"))
            }
            c.weights = w
        }
        for band in toml.keys(in: "exit_rates") {
            let key = "exit_rates.\(band)"
            if band == "default" {
                if let x = number(key, min: 0, max: 1) { c.defaultExitRate = x }
            } else if PanelSchema.ageBands.contains(band) {
                if let x = number(key, min: 0, max: 1) { c.exitRates[band] = x }
            } else {
                problems.append(toml.diagnostic(key, "unknown age band '\(band)'; bands are \(PanelSchema.ageBands.joined(separator: ", ")) and default"))
            }
        }
        if let x = number("supply.jobseeker_availability", min: 0, max: 1) { c.jobseekerAvailability = x }
        if let x = number("ranking.top_share", min: 0.001, max: 1) { c.topShare = x }
        if let x = number("ranking.draws", min: 1, max: 100_000) { c.draws = Int(x) }
        if let x = number("ranking.weight_concentration", min: 1, max: 1e9) { c.weightConcentration = x }
        if let x = number("ranking.seed", min: 0, max: 9e15) { c.seed = UInt64(x) }
        for key in toml.keys(in: "supply") where key != "jobseeker_availability" {
            problems.append(toml.diagnostic("supply.\(key)", "unknown setting 'supply.\(key)'"))
        }
        for key in toml.keys(in: "ranking") where !["top_share", "draws", "weight_concentration", "seed"].contains(key) {
            problems.append(toml.diagnostic("ranking.\(key)", "unknown setting 'ranking.\(key)'"))
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems) }
        return c
    }
}
