import LinearAlgebra
import LabourData

/// Turns registry spells into the model's design matrix. The levels (regions, extra categories)
/// are fixed on the training spells so that later cohorts are encoded the same way; values a
/// later cohort has and training did not (a new region) fall to the reference level.
public struct FeatureEncoder: Sendable {
    public let features: [RiskFeature]
    /// Each feature's group as a position in `RiskFeature.Group.allCases` (for the reasons).
    public let groupOrdinals: [Int]
    public let outlook: OccupationOutlook?
    /// Means of each numeric extra on the training spells, put in for empty cells.
    let extraMeans: [String: Double]
    let spec: ProfilingSpec

    /// How each column enters (`FunctionalForms`): fixed forms, binned effects, the occupation sought.
    public let forms: FunctionalForms

    /// - Parameter rows: the training spells that fix levels and fill-in means.
    /// - Parameter forms: measured on the same training spells (`FunctionalForms.choose`).
    public init(registry: Registry, rows: [Int], spec: ProfilingSpec, outlook: OccupationOutlook?, forms: FunctionalForms = .fixed) {
        var f: [RiskFeature] = []
        func binned(_ column: RegistryNumber) -> Bool {
            guard let e = forms.bins[column] else { return false }
            let reference = forms.referenceBins[column] ?? 0
            let bounds = [-Double.infinity] + e + [Double.infinity]
            for k in 0...e.count where k != reference {
                let (lo, hi) = (bounds[k], bounds[k + 1])
                let name = lo == -.infinity ? "<\(Self.number(hi))" : hi == .infinity ? "≥\(Self.number(lo))" : "[\(Self.number(lo)),\(Self.number(hi)))"
                f.append(RiskFeature(key: "\(column.rawValue)_\(name)", kind: .bin(column, lower: lo, upper: hi), group: column.group))
            }
            return true
        }
        // Fixed forms' reference levels: aged 25–34, no diploma beyond primary (ISCED 0–1).
        if !binned(.age) {
            f.append(RiskFeature(key: "age_15_24", kind: .ageBand(15...24), group: .age))
            f.append(RiskFeature(key: "age_35_44", kind: .ageBand(35...44), group: .age))
            f.append(RiskFeature(key: "age_45_plus", kind: .ageBand(45...200), group: .age))
        }
        if !binned(.education) {
            f.append(RiskFeature(key: "education_isced_2_4", kind: .educationBand(2...4), group: .education))
            f.append(RiskFeature(key: "education_isced_5_plus", kind: .educationBand(5...8), group: .education))
        }
        if !binned(.monthsBefore) {
            f.append(RiskFeature(key: "log1p_months_unemployed_before", kind: .logMonthsBefore, group: .monthsBefore))
        }
        if !binned(.priorSpells) { f.append(RiskFeature(key: "prior_spells_capped_5", kind: .priorSpells, group: .priorSpells)) }
        f.append(RiskFeature(key: "returnee", kind: .returnee, group: .migration))
        if !binned(.monthsAbroad) { f.append(RiskFeature(key: "log1p_months_abroad", kind: .logMonthsAbroad, group: .migration)) }
        if !binned(.languages) { f.append(RiskFeature(key: "languages", kind: .languages, group: .languages)) }
        // Regions: the most frequent training region is the reference.
        var counts: [String: Int] = [:]
        for i in rows { counts[registry.regions[i], default: 0] += 1 }
        let byCount = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        for (code, _) in byCount.dropFirst().sorted(by: { $0.key < $1.key }) {
            f.append(RiskFeature(key: "region_\(code)", kind: .region(code), group: .region))
        }
        // The occupation sought, by ISCO group; the most frequent group is the reference.
        for level in forms.soughtFeatures {
            f.append(RiskFeature(key: "isco_sought_\(level)", kind: .occupationSought(level), group: .occupation))
        }
        if let outlook {
            f.append(RiskFeature(key: "occupation_logit_p_shortage", kind: .occupationOutlook, group: .occupation))
            if outlook.hasTension { f.append(RiskFeature(key: "occupation_log_tension", kind: .occupationTension, group: .occupation)) }
        }
        var means: [String: Double] = [:]
        for e in spec.extras {
            switch e.kind {
            case .numeric:
                let values = rows.map { registry.extraNumbers[e.name]![$0] }.filter(\.isFinite)
                means[e.name] = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
                f.append(RiskFeature(key: e.name, kind: .extraNumber(e.name), group: .extra))
            case .categorical:
                var levels: [String: Int] = [:]
                for i in rows { levels[registry.extraCategories[e.name]![i], default: 0] += 1 }
                let ordered = levels.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                for (level, _) in ordered.dropFirst().sorted(by: { $0.key < $1.key }) {
                    f.append(RiskFeature(key: "\(e.name)=\(level)", kind: .extraLevel(e.name, level), group: .extra))
                }
            case .ignore: break
            }
        }
        if spec.includeProtected {
            f.append(RiskFeature(key: "female", kind: .female, group: .sex))
            f.append(RiskFeature(key: "foreign_national", kind: .foreign, group: .nationality))
        }
        features = f
        groupOrdinals = f.map(\.group.ordinal)
        self.outlook = outlook
        self.forms = forms
        extraMeans = means
        self.spec = spec
    }

    /// The value of feature `f` for spell `i`.
    @inline(__always)
    public func value(_ f: RiskFeature, _ r: Registry, _ i: Int) -> Double {
        switch f.kind {
        case .ageBand(let band): return band.contains(Int(r.ages[i])) ? 1 : 0
        case .educationBand(let band): return band.contains(Int(r.educationISCED[i])) ? 1 : 0
        case .logMonthsBefore: return log1p(r.monthsUnemployedBefore[i])
        case .priorSpells: return min(r.priorSpells[i], 5)
        case .returnee: return r.returnees[i]
        case .logMonthsAbroad: return log1p(r.monthsAbroad[i])
        case .languages: return r.languageCounts[i]
        case .region(let code): return r.regions[i] == code ? 1 : 0
        case .bin(let column, let lower, let upper):
            let v = column.value(r, i)
            return v >= lower && v < upper ? 1 : 0
        case .occupationSought(let level): return forms.soughtLevel(r.iscoSought[i]) == level ? 1 : 0
        case .occupationOutlook:
            // On the log-odds scale, as the model is: p = 0.5 → 0.9 matters as much as 0.1 → 0.5.
            let p = min(max(outlook!.probability(region: r.regions[i], isco: r.iscoSought[i]), 0.005), 0.995)
            return log(p / (1 - p))
        case .occupationTension:
            // Vacancies per job seeker on a log scale (+0.01 so that none is finite).
            return log(outlook!.tension(region: r.regions[i], isco: r.iscoSought[i]) + 0.01)
        case .extraNumber(let name):
            let v = r.extraNumbers[name]![i]
            return v.isFinite ? v : extraMeans[name] ?? 0
        case .extraLevel(let name, let level): return r.extraCategories[name]![i] == level ? 1 : 0
        case .female: return r.sexes[i] == "F" ? 1 : 0
        case .foreign: return spec.nationalityGroup(r.nationalities[i]) == "foreign" ? 1 : 0
        }
    }

    /// A bin edge as written in a feature's name: 35, 2.5.
    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    /// rows.count × features.count, column-major (one feature a column).
    public func matrix(_ r: Registry, rows: [Int]) -> Matrix {
        var m = Matrix(rows: rows.count, columns: features.count)
        let n = rows.count
        m.storage.withUnsafeMutableBufferPointer { s in
            for (j, f) in features.enumerated() {
                let o = j * n
                switch f.kind {
                case .region(let code):
                    for (k, i) in rows.enumerated() { s[o + k] = r.regions[i] == code ? 1 : 0 }
                default:
                    for (k, i) in rows.enumerated() { s[o + k] = value(f, r, i) }
                }
            }
        }
        return m
    }
}

import Foundation
