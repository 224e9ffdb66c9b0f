/// A numeric registry column a profiling model can shape: by its fixed form (log months, age
/// bands, …) or by binned effects chosen on the training cohorts (`FunctionalForms`).
public enum RegistryNumber: String, Sendable, CaseIterable, Hashable {
    case age, education = "education_isced", monthsBefore = "months_unemployed_before"
    case priorSpells = "prior_spells", monthsAbroad = "months_abroad", languages

    /// The column's value for spell `i`.
    @inline(__always)
    public func value(_ r: Registry, _ i: Int) -> Double {
        switch self {
        case .age: return r.ages[i]
        case .education: return r.educationISCED[i]
        case .monthsBefore: return r.monthsUnemployedBefore[i]
        case .priorSpells: return r.priorSpells[i]
        case .monthsAbroad: return r.monthsAbroad[i]
        case .languages: return r.languageCounts[i]
        }
    }

    /// The reason group a feature made from this column belongs to.
    public var group: RiskFeature.Group {
        switch self {
        case .age: return .age
        case .education: return .education
        case .monthsBefore: return .monthsBefore
        case .priorSpells: return .priorSpells
        case .monthsAbroad: return .migration
        case .languages: return .languages
        }
    }
}
