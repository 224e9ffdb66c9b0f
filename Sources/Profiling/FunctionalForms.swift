import Foundation

/// How the registry's columns enter the profiling model, chosen on the training cohorts only.
///
/// A public employment service's model should not assume that risk grows with the log of the
/// months unemployed or falls in three age steps: on registries where it does not, fixed forms
/// lose to a plain logistic regression. Each numeric column can enter either in its fixed form
/// (log months, age and education bands, capped counts) or as binned effects (one level per
/// value for columns with few values, else about eight quantile bins, every bin holding at least
/// `minimumSpells` training spells), penalised like every coefficient. The occupation sought
/// enters as its ISCO sub-major group (two digits), a sparse sub-major pooled into its major
/// group, a sparse major group into "other".
///
/// The choice is made by time, as the model is used: the forms are fitted on the training
/// cohorts before the last training year and judged by their deviance on that year; each
/// alternative (binning a column, leaving out the occupation sought) is kept only when it
/// lowers that deviance. The chosen forms are then refitted on every training cohort. The
/// scored cohorts play no part.
public struct FunctionalForms: Sendable, Equatable {
    /// Columns entered as binned effects: their inner bin edges, ascending (bins (−∞, e₀),
    /// [e₀, e₁), …, [eₖ, ∞)); the most populous bin is the reference.
    public var bins: [RegistryNumber: [Double]] = [:]
    /// The reference bin's position per binned column.
    public var referenceBins: [RegistryNumber: Int] = [:]
    /// The occupation sought's level per two-digit ISCO prefix; nil: not used.
    public var soughtLevels: [String: String]?
    /// The levels that get a coefficient (every level but the most frequent), sorted.
    public var soughtFeatures: [String] = []

    public init() {}

    /// The forms fixed in advance, without the occupation sought.
    public static let fixed = FunctionalForms()

    /// A bin or a level needs this many training spells.
    public static let minimumSpells = 100

    /// In words, for the command's summary: "binned: age, education_isced; occupation sought by
    /// ISCO group (29 levels)".
    public var summary: String {
        let binned = bins.keys.map(\.rawValue).sorted()
        let b = binned.isEmpty ? "fixed forms" : "binned: " + binned.joined(separator: ", ")
        return b + (soughtLevels == nil ? "; occupation sought not used" : "; occupation sought by ISCO group (\(soughtFeatures.count + 1) levels)")
    }

    /// The level of an occupation sought: its sub-major group, its pooled major group or "other".
    /// A code of one digit (a major group only) takes its major group's level where there is one.
    public func soughtLevel(_ isco: String) -> String {
        guard let levels = soughtLevels else { return "other" }
        if isco.count >= 2 { return levels[String(isco.prefix(2))] ?? "other" }
        return levels.values.contains(isco) ? isco : "other"
    }

    /// Levels of the occupation sought on `rows`: sub-major groups with enough spells, the rest
    /// of each major group pooled when that has enough, else "other".
    static func soughtLevels(_ r: Registry, rows: [Int]) -> [String: String] {
        var subMajor: [String: Int] = [:]
        for i in rows {
            let code = r.iscoSought[i]
            guard code.count >= 2, code.prefix(2).allSatisfy(\.isNumber) else { continue }
            subMajor[String(code.prefix(2)), default: 0] += 1
        }
        var pooled: [String: Int] = [:]
        for (p, c) in subMajor where c < minimumSpells { pooled[String(p.prefix(1)), default: 0] += c }
        var levels: [String: String] = [:]
        for (p, c) in subMajor {
            if c >= minimumSpells { levels[p] = p } else if pooled[String(p.prefix(1)), default: 0] >= minimumSpells { levels[p] = String(p.prefix(1)) }
        }
        return levels
    }

    /// Inner bin edges of a column on `rows`: a level per value when it has at most 10 values,
    /// else cuts at the eighths; bins with fewer than `minimumSpells` merged into the next.
    static func edges(_ column: RegistryNumber, _ r: Registry, rows: [Int]) -> [Double] {
        let values = rows.map { column.value(r, $0) }.filter(\.isFinite).sorted()
        guard values.count >= 2 * minimumSpells else { return [] }
        var distinct: [Double] = []
        for v in values where distinct.last != v { distinct.append(v) }
        var cuts: [Double]
        if distinct.count <= 10 {
            cuts = Array(distinct.dropFirst())
        } else {
            cuts = (1..<8).map { values[$0 * values.count / 8] }
            cuts = cuts.enumerated().filter { $0.offset == 0 || $0.element != cuts[$0.offset - 1] }.map(\.element)
            cuts.removeAll { $0 == values[0] }
        }
        // Merge forward until every bin has enough spells (the last bin into its left neighbour).
        var kept: [Double] = []
        var start = 0
        for c in cuts {
            let upTo = lowerBound(values, c)
            if upTo - start >= minimumSpells { kept.append(c); start = upTo }
        }
        while let last = kept.last, values.count - lowerBound(values, last) < minimumSpells { kept.removeLast() }
        return kept
    }

    static func lowerBound(_ sorted: [Double], _ x: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// The bin of a value among inner edges `e`: 0 below e₀, k for [eₖ₋₁, eₖ).
    public static func bin(_ x: Double, _ e: [Double]) -> Int {
        var k = 0
        while k < e.count && x >= e[k] { k += 1 }
        return k
    }

    /// These forms' levels and edges measured on `rows`, for the columns and options they use.
    func measured(on r: Registry, rows: [Int]) -> FunctionalForms {
        var f = FunctionalForms()
        for column in bins.keys {
            let e = Self.edges(column, r, rows: rows)
            guard !e.isEmpty else { continue }
            var counts = [Int](repeating: 0, count: e.count + 1)
            for i in rows { let v = column.value(r, i); if v.isFinite { counts[Self.bin(v, e)] += 1 } }
            f.bins[column] = e
            f.referenceBins[column] = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        }
        if soughtLevels != nil {
            let levels = Self.soughtLevels(r, rows: rows)
            var counts: [String: Int] = [:]
            f.soughtLevels = levels
            for i in rows { counts[f.soughtLevel(r.iscoSought[i]), default: 0] += 1 }
            let reference = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
            f.soughtFeatures = counts.keys.filter { $0 != reference }.sorted()
        }
        return f
    }

    /// The forms for a training set, chosen by the deviance on its last year of a model fitted
    /// on the years before (see the type's note). Too little data to judge by (under 1,000
    /// spells before the last year, under 300 in it, or no outcome of one kind): binned effects
    /// are not tried and the occupation sought is used.
    public static func choose(_ r: Registry, training: [Int], spec: ProfilingSpec, outlook: OccupationOutlook?) -> FunctionalForms {
        var start = FunctionalForms()
        start.soughtLevels = [:]
        guard let lastYear = training.map({ r.years[$0] }).max() else { return start.measured(on: r, rows: training) }
        let fitRows = training.filter { r.years[$0] < lastYear }, judged = training.filter { r.years[$0] == lastYear }
        func bothKinds(_ rows: [Int]) -> Bool {
            let p = rows.filter { r.ltu12m[$0] == 1 }.count
            return p > 0 && p < rows.count
        }
        guard fitRows.count >= 1000, judged.count >= 300, bothKinds(fitRows), bothKinds(judged) else {
            return start.measured(on: r, rows: training)
        }
        let y = fitRows.map { r.ltu12m[$0] }, yJudged = judged.map { r.ltu12m[$0] }
        func deviance(_ forms: FunctionalForms) -> Double {
            let measured = forms.measured(on: r, rows: fitRows)
            let encoder = FeatureEncoder(registry: r, rows: fitRows, spec: spec, outlook: outlook, forms: measured)
            guard let model = try? LogitRiskModel(design: encoder.matrix(r, rows: fitRows), labels: y,
                                                  features: encoder.features, penalty: spec.penalty) else { return .infinity }
            let p = model.probabilities(encoder.matrix(r, rows: judged))
            var d = 0.0
            for (pk, yk) in zip(p, yJudged) {
                let q = min(max(pk, 1e-12), 1 - 1e-12)
                d -= 2 * (yk == 1 ? log(q) : log(1 - q))
            }
            return d
        }
        var best = start, bestDeviance = deviance(start)
        // Greedy, one pass: each alternative is tried on top of those already kept.
        let alternatives: [(inout FunctionalForms) -> Void] = [{ $0.soughtLevels = nil }]
            + RegistryNumber.allCases.map { column in { $0.bins[column] = [] } }
        for alternative in alternatives {
            var trial = best
            alternative(&trial)
            let d = deviance(trial)
            if d < bestDeviance { best = trial; bestDeviance = d }
        }
        return best.measured(on: r, rows: training)
    }
}
