/// One column of a profiling model's design, and the group it belongs to when reasons are told
/// (the three age bands are one reason: the person's age).
public struct RiskFeature: Sendable, Equatable {
    public enum Group: String, Sendable, CaseIterable {
        case age, education, monthsBefore = "months_unemployed_before", priorSpells = "prior_spells"
        case migration, languages, region, occupation, extra, sex, nationality

        /// Position in `allCases`.
        public var ordinal: Int { Self.allCases.firstIndex(of: self)! }
    }

    public enum Kind: Sendable, Equatable {
        case ageBand(ClosedRange<Int>)
        case educationBand(ClosedRange<Int>)
        case logMonthsBefore, priorSpells, returnee, logMonthsAbroad, languages
        case region(String)
        /// 1 when the column's value is in [lower, upper): one bin of a binned effect.
        case bin(RegistryNumber, lower: Double, upper: Double)
        /// 1 when the occupation sought falls in this ISCO group (a sub-major group, or a major
        /// group pooling its sparse sub-majors, or "other"): `FunctionalForms.soughtLevel`.
        case occupationSought(String)
        case occupationOutlook, occupationTension
        case extraNumber(String)
        case extraLevel(String, String)
        case female, foreign
    }

    public let key: String
    public let kind: Kind
    public let group: Group
    /// Sex and nationality: excluded from the score unless the spec includes them.
    public var isProtected: Bool { group == .sex || group == .nationality }
}
