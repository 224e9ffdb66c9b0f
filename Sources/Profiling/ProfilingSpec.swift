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
        let toml = try SimpleTOML(text: text, file: file)
        var spec = ProfilingSpec()
        var problems: [Diagnostic] = []
        let known: Set<String> = ["model.kind", "model.forms", "model.penalty", "model.include_protected", "tiers.cutoffs",
                                  "audit.national", "hazard.duration"]
        for key in toml.values.keys.sorted() where !known.contains(key) && !key.hasPrefix("extra.") {
            problems.append(toml.diagnostic(key, "unknown setting '\(key)'; known: \(known.sorted().joined(separator: ", ")), extra.<column>.kind"))
        }
        if case .string(let s)? = toml.values["model.kind"] {
            if let k = ModelKind(rawValue: s) { spec.model = k } else {
                problems.append(toml.diagnostic("model.kind", "model.kind is one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let v = toml.values["model.forms"] {
            if case .string(let s) = v, let f = Forms(rawValue: s) { spec.forms = f } else {
                problems.append(toml.diagnostic("model.forms", "model.forms is one of \(Forms.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let v = toml.values["model.penalty"] {
            if case .number(let x) = v, x >= 0, x.isFinite { spec.penalty = x } else {
                problems.append(toml.diagnostic("model.penalty", "model.penalty is a number ≥ 0"))
            }
        }
        if let v = toml.values["model.include_protected"] {
            if case .bool(let b) = v { spec.includeProtected = b } else {
                problems.append(toml.diagnostic("model.include_protected", "model.include_protected is true or false"))
            }
        }
        if let v = toml.values["tiers.cutoffs"] {
            if case .numbers(let xs) = v, !xs.isEmpty, xs.allSatisfy({ $0 > 0 && $0 < 1 }), zip(xs, xs.dropFirst()).allSatisfy({ $0 < $1 }) {
                spec.tierCutoffs = xs
            } else {
                problems.append(toml.diagnostic("tiers.cutoffs", "tiers.cutoffs is an increasing list of probabilities in (0, 1), such as [0.5, 0.75]"))
            }
        }
        if case .string(let s)? = toml.values["audit.national"] { spec.nationalCode = s.uppercased() }
        if case .string(let s)? = toml.values["hazard.duration"] { spec.durationColumn = s }
        let names = Set(toml.keys(in: "extra").compactMap { $0.split(separator: ".").first.map(String.init) })
        for name in names.sorted() {
            let base = "extra.\(name)"
            for key in toml.keys(in: base) where !["kind", "label_fr", "label_en"].contains(key) {
                problems.append(toml.diagnostic("\(base).\(key)", "unknown setting '\(key)' for extra column '\(name)'; known: kind, label_fr, label_en"))
            }
            guard case .string(let k)? = toml.values["\(base).kind"], let kind = ExtraKind(rawValue: k) else {
                problems.append(toml.diagnostic("\(base).kind", "extra column '\(name)' needs kind = \"numeric\", \"categorical\" or \"ignore\""))
                continue
            }
            if Registry.requiredColumns.contains(name) {
                problems.append(toml.diagnostic("\(base).kind", "'\(name)' is a standard registry column, not an extra one"))
                continue
            }
            var fr = name, en = name
            if case .string(let s)? = toml.values["\(base).label_fr"] { fr = s }
            if case .string(let s)? = toml.values["\(base).label_en"] { en = s }
            spec.extras.append(Extra(name: name, kind: kind, labelFR: fr, labelEN: en))
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems) }
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
