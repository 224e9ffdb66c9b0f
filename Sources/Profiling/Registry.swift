import Foundation

/// A job-seeker registry: one row per registration spell, held column by column (a million spells
/// are a million rows; a struct per spell would cost more than the model).
///
/// Registry rows are personal data: nothing here is logged or written anywhere except the scores
/// a user asks for, keyed by the registry's own pseudonymous `id`.
public struct Registry: Sendable {
    /// The columns every registry has, in the order the issue of the SURE programme lists them.
    public static let requiredColumns = [
        "id", "year", "region", "isco_sought", "age", "sex", "nationality", "education_isced", "returnee",
        "months_abroad", "prior_spells", "months_unemployed_before", "languages", "ltu_12m",
    ]

    public var ids: [String] = []
    public var years: [Int] = []
    /// Region codes (names resolved to codes on reading).
    public var regions: [String] = []
    public var iscoSought: [String] = []
    public var ages: [Double] = []
    /// "F" or "M" as written (upper-cased); kept for the audit, not the score.
    public var sexes: [String] = []
    /// ISO 3166 alpha-2 as written (upper-cased); kept for the audit, not the score.
    public var nationalities: [String] = []
    public var educationISCED: [Double] = []
    public var returnees: [Double] = []
    public var monthsAbroad: [Double] = []
    public var priorSpells: [Double] = []
    public var monthsUnemployedBefore: [Double] = []
    /// Number of languages listed (codes separated by ';' or '|').
    public var languageCounts: [Double] = []
    /// 1 = still registered 12 months later, 0 = left before, NaN = not yet known.
    public var ltu12m: [Double] = []
    /// Declared extra columns, by name: numbers (NaN where empty) or category text.
    public var extraNumbers: [String: [Double]] = [:]
    public var extraCategories: [String: [String]] = [:]
    /// Where each row starts in the file (1-based line), for messages about a row.
    public var lines: [Int] = []

    public init() {}

    public var count: Int { ids.count }

    public func isLabelled(_ row: Int) -> Bool { !ltu12m[row].isNaN }

    /// Appends another block of spells read with the same header.
    public mutating func append(_ o: Registry) {
        ids += o.ids; years += o.years; regions += o.regions; iscoSought += o.iscoSought; ages += o.ages
        sexes += o.sexes; nationalities += o.nationalities; educationISCED += o.educationISCED; returnees += o.returnees
        monthsAbroad += o.monthsAbroad; priorSpells += o.priorSpells; monthsUnemployedBefore += o.monthsUnemployedBefore
        languageCounts += o.languageCounts; ltu12m += o.ltu12m; lines += o.lines
        for (k, v) in o.extraNumbers { extraNumbers[k, default: []] += v }
        for (k, v) in o.extraCategories { extraCategories[k, default: []] += v }
    }
}
