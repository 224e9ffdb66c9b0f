import Foundation
import LabourData

/// What a profiling model uses and how its scores are cut into tiers: the TOML model spec
/// (`--spec`), with defaults a user gets without one. Documented in Sources/Profiling/README.md.
public struct ProfilingSpec: Sendable, Equatable {
    public enum ModelKind: String, Sendable, CaseIterable {
        /// Penalised logistic regression of `ltu_12m` on the features (the default).
        case logit
        /// Discrete-time hazard: a logit per quarter on the register, from `months_registered`
        /// (or the column named in `[hazard] duration`); uses spells not yet followed 12 months.
        case hazard
    }

    /// How an extra column enters.
    public enum ExtraKind: String, Sendable {
        case numeric, categorical
        /// Read and checked, never used (kept in the file for other purposes).
        case ignore
    }

    public struct Extra: Sendable, Equatable {
        public var name: String
        public var kind: ExtraKind
        public var labelFR: String
        public var labelEN: String
    }

    /// How the columns enter the model.
    public enum Forms: String, Sendable, CaseIterable {
        /// Fixed forms or binned effects per column, and the occupation sought or not, each
        /// chosen by its deviance on the last training year (`FunctionalForms`; the default).
        case chosen
        /// Log months, age and education bands, capped counts; no occupation sought (rounds 1–2).
        case fixed
    }

    public var model: ModelKind = .logit
    public var forms: Forms = .chosen
    /// Ridge penalty on standardised features (the intercept is free). 1 is negligible against
    /// thousands of spells and keeps sparse regions finite.
    public var penalty: Double = 1
    /// Sex and nationality enter the score only when this is set, and the report says so.
    public var includeProtected = false
    /// Tier cut-offs on the probability: below the first is "low", from the last up "high".
    public var tierCutoffs: [Double] = [0.5, 0.75]
    /// The country of the registry: nationality equal to it is "national" in the audit. Unset
    /// (`[audit] national` absent), the registry's most frequent nationality is taken.
    public var nationalCode = ""
    /// The column of months on the register, for the hazard model.
    public var durationColumn = "months_registered"
    public var extras: [Extra] = []

    public init() {}

    public static func read(_ url: URL) throws -> ProfilingSpec {
        try parse(InputFile.text(of: url), file: url.path)
    }

    public static func parse(_ text: String, file: String = "<spec>") throws -> ProfilingSpec {
        var settings = try TOMLSettings(text: text, file: file)
        let toml = settings.toml
        var spec = ProfilingSpec()
        let known: Set<String> = ["model.kind", "model.forms", "model.penalty", "model.include_protected", "tiers.cutoffs",
                                  "audit.national", "hazard.duration"]
        settings.refuseUnknown(known: known, prefixes: ["extra."], hint: "known: \(known.sorted().joined(separator: ", ")), extra.<column>.kind")
        if let k = settings.choice("model.kind", ModelKind.self) { spec.model = k }
        if let f = settings.choice("model.forms", Forms.self) { spec.forms = f }
        if let x = settings.number("model.penalty", in: 0...Double.greatestFiniteMagnitude) { spec.penalty = x }
        if let b = settings.bool("model.include_protected") { spec.includeProtected = b }
        if let v = toml.values["tiers.cutoffs"] {
            if case .numbers(let xs) = v, !xs.isEmpty, xs.allSatisfy({ $0 > 0 && $0 < 1 }), zip(xs, xs.dropFirst()).allSatisfy({ $0 < $1 }) {
                spec.tierCutoffs = xs
            } else {
                settings.problem("tiers.cutoffs", "tiers.cutoffs is an increasing list of probabilities in (0, 1), such as [0.5, 0.75]")
            }
        }
        if let s = settings.string("audit.national") { spec.nationalCode = s.uppercased() }
        if let s = settings.string("hazard.duration") { spec.durationColumn = s }
        let names = Set(toml.keys(in: "extra").compactMap { $0.split(separator: ".").first.map(String.init) })
        for name in names.sorted() {
            let base = "extra.\(name)"
            for key in toml.keys(in: base) where !["kind", "label_fr", "label_en"].contains(key) {
                settings.problem("\(base).\(key)", "unknown setting '\(key)' for extra column '\(name)'; known: kind, label_fr, label_en")
            }
            guard case .string(let k)? = toml.values["\(base).kind"], let kind = ExtraKind(rawValue: k) else {
                settings.problem("\(base).kind", "extra column '\(name)' needs kind = \"numeric\", \"categorical\" or \"ignore\"")
                continue
            }
            if Registry.requiredColumns.contains(name) {
                settings.problem("\(base).kind", "'\(name)' is a standard registry column, not an extra one")
                continue
            }
            var fr = name, en = name
            if let s = settings.string("\(base).label_fr") { fr = s }
            if let s = settings.string("\(base).label_en") { en = s }
            spec.extras.append(Extra(name: name, kind: kind, labelFR: fr, labelEN: en))
        }
        try settings.finish()
        return spec
    }

    /// "national", "foreign" or "" (unknown), for the audit and the (opt-in) feature; a country's
    /// alpha-3 code counts as its alpha-2 one.
    public func nationalityGroup(_ code: String) -> String {
        if code.isEmpty { return "" }
        if nationalCode.isEmpty { return "national" }
        let alpha3 = ["MA": "MAR", "TN": "TUN", "DZ": "DZA", "FR": "FRA", "ES": "ESP", "SN": "SEN"]
        let same = code == nationalCode || code == alpha3[nationalCode] || alpha3[code] == nationalCode
        return same ? "national" : "foreign"
    }

    /// The tier of a probability: "low", "medium", "high" for two cut-offs; "tier 1"… otherwise.
    public func tier(_ p: Double) -> String {
        let k = tierCutoffs.filter { p >= $0 }.count
        if tierCutoffs.count == 2 { return ["low", "medium", "high"][k] }
        if tierCutoffs.count == 1 { return ["low", "high"][k] }
        return "tier \(k + 1)"
    }
}
