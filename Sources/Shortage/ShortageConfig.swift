import Foundation
import LabourData

/// Settings of the shortage model. Every default is documented with its source in
/// Sources/Shortage/README.md and can be overridden in TOML (`ShortageConfig.load`).
public struct ShortageConfig: Sendable {
    /// Weights of the composite score used when the panel has no labelled past lists to learn
    /// from: the forward balance first (it is what a training plan acts on), then the registry's
    /// present pressure, then the market's lagging responses. With labels, the calibrated
    /// logistic regression replaces them.
    public var weights: [Indicator: Double] = Dictionary(uniqueKeysWithValues: Indicator.allCases.map { ($0, $0.formula.defaultWeight) })
    /// How the composite weighs the present indicators: learned from the panel (how cleanly each
    /// reads the signal they share, shrunk toward `weights`; the forward imbalance keeps its
    /// share) or `weights` as given. Setting `[weights]` in TOML means fixed unless
    /// `[ranking] weighting = "learned"` says otherwise.
    public var weighting: Weighting = .learned
    public enum Weighting: String, Sendable, CaseIterable { case learned, fixed }
    /// The stock-flow rates of the forward balance (exits by age, entry into the occupation).
    public var rates = StockFlowRates()
    /// A cell is short when openings exceed new supply by more than this share of employment
    /// over the horizon: a frictional margin, since every market has some unfilled openings.
    public var threshold = 0.02
    /// L2 penalty of the logistic regression on labelled lists (on standardised indicators).
    public var penalty = 1.0
    /// Draws: forecast sample paths × stock-flow rate draws × coefficient (or weight) draws.
    public var draws = 200
    /// Dirichlet concentration of the weight draws of the composite score (no labels).
    public var weightConcentration = 50.0
    public var seed: UInt64 = 20_251_123

    public init() {}

    /// Reads overrides from TOML:
    ///     [weights]       imbalance = 0.3, tension = 0.2, …            (composite without labels)
    ///     [exit_rates.retirement]  "55_64" = 0.04 …  (also mortality, emigration, mobility)
    ///     [exit_rates]    default = 0.025                              (cells without age bands)
    ///     [supply]        graduate_entry, school_leaver_entry, returnee_entry, returnee_downgrading, immigrant_entry,
    ///                     jobseeker_attachment, jobseeker_availability   (shares in [0, 1])
    ///     [uncertainty]   rate_concentration = 30, exit_rate_sd = 0.2
    ///     [probability]   threshold = 0.02, penalty = 1
    ///     [ranking]       draws = 200, weight_concentration = 50, seed = 1,
    ///                     weighting = "learned" | "fixed"   (default learned; fixed when [weights] is set)
    public static func load(_ url: URL) throws(InputError) -> ShortageConfig {
        try parse(InputFile.text(of: url), file: url.path)
    }

    public static func parse(_ text: String, file: String = "<config>") throws(InputError) -> ShortageConfig {
        var settings = try TOMLSettings(text: text, file: file)
        let toml = settings.toml
        var c = ShortageConfig()
        let tables = ["weights", "exit_rates", "supply", "uncertainty", "probability", "ranking"]
        for key in toml.values.keys.sorted() {
            let table = key.split(separator: ".").first.map(String.init) ?? ""
            if !key.contains(".") || !tables.contains(table) {
                settings.problem(key, "unknown setting '\(key)'; tables are " + tables.map { "[\($0)]" }.joined(separator: ", "))
            }
        }
        func number(_ key: String, min lo: Double, max hi: Double) -> Double? { settings.number(key, in: lo...hi) }
        func known(_ table: String, _ names: [String]) {
            for key in toml.keys(in: table) where !names.contains(key) {
                settings.problem("\(table).\(key)", "unknown setting '\(table).\(key)'; known: \(names.joined(separator: ", "))")
            }
        }
        let weightKeys = toml.keys(in: "weights")
        if !weightKeys.isEmpty {
            var w: [Indicator: Double] = [:]
            for name in weightKeys {
                guard let ind = Indicator(rawValue: name) else {
                    settings.problem("weights.\(name)", "unknown indicator '\(name)'; indicators are \(Indicator.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                if let x = number("weights.\(name)", min: 0, max: 1e6) { w[ind] = x }
            }
            if w.values.reduce(0, +) <= 0 && settings.problems.isEmpty {
                settings.problem("weights.\(weightKeys[0])", "the weights sum to zero")
            }
            c.weights = w
            c.weighting = .fixed
        }
        let components = ExitComponent.allCases.map(\.rawValue)
        for key in toml.keys(in: "exit_rates") {
            let full = "exit_rates.\(key)"
            if key == "default" {
                if let x = number(full, min: 0, max: 1) { c.rates.defaultExitRate = x }
                continue
            }
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let component = ExitComponent(rawValue: parts[0]) else {
                let hint = PanelSchema.ageBands.contains(key) ? " (rates are per cause: [exit_rates.retirement] \(key) = …)" : ""
                settings.problem(full, "unknown exit rate '\(key)'\(hint); tables are " + components.map { "[exit_rates.\($0)]" }.joined(separator: ", ") + " and exit_rates.default")
                continue
            }
            guard let band = PanelSchema.ageBands.firstIndex(of: parts[1]) else {
                settings.problem(full, "unknown age band '\(parts[1])'; bands are \(PanelSchema.ageBands.joined(separator: ", "))")
                continue
            }
            if let x = number(full, min: 0, max: 1) { c.rates.exits[component]![band] = x }
        }
        for (name, path) in StockFlowRates.supplyKeys {
            if let x = number("supply.\(name)", min: 0, max: 1) { c.rates[keyPath: path] = x }
        }
        known("supply", StockFlowRates.supplyKeys.map(\.0))
        if let x = number("uncertainty.rate_concentration", min: 1, max: 1e9) { c.rates.rateConcentration = x }
        if let x = number("uncertainty.exit_rate_sd", min: 0, max: 2) { c.rates.exitRateSD = x }
        known("uncertainty", ["rate_concentration", "exit_rate_sd"])
        if let x = number("probability.threshold", min: -1, max: 1) { c.threshold = x }
        if let x = number("probability.penalty", min: 0, max: 1e6) { c.penalty = x }
        known("probability", ["threshold", "penalty"])
        if let x = number("ranking.draws", min: 1, max: 100_000) { c.draws = Int(x) }
        if let x = number("ranking.weight_concentration", min: 1, max: 1e9) { c.weightConcentration = x }
        if let x = number("ranking.seed", min: 0, max: 9e15) { c.seed = UInt64(x) }
        if let w = settings.choice("ranking.weighting", Weighting.self) { c.weighting = w }
        known("ranking", ["draws", "weight_concentration", "seed", "weighting"])
        try settings.finish()
        return c
    }
}
