import Foundation
import LabourData
import LinearAlgebra
import MizanSupport
import Statistics

/// The profiling stage: fit on the spells registered up to `trainUntil` whose outcome is known,
/// score every later spell, and judge the scores on the later spells whose outcome is known —
/// later cohorts, never a random split, as a service would use it.
public enum RiskProfiler {
    public struct ScoredSpell: Sendable, Equatable {
        public let id: String
        public let pLTU: Double
        public let tier: String
        public let reasons: String
    }

    public struct Result: Sendable {
        public let spec: ProfilingSpec
        public let trainUntil: Int
        public let trainingSpells: Int
        public let trainingBaseRate: Double
        public let features: [RiskFeature]
        /// How the columns entered, as chosen on the training cohorts.
        public let forms: FunctionalForms
        public let model: any RiskModel
        public let scored: [ScoredSpell]
        /// Later spells with a known outcome: Mizan's model, the rule baseline (months unemployed
        /// before + education), and the lottery (everyone the training base rate).
        public let evaluation: [RiskScores]
        public let evaluatedSpells: Int
        public let audit: FairnessAudit?
        public let drift: CohortDrift
        public let outlookSource: String?
    }

    public static func run(_ r: Registry, spec given: ProfilingSpec, trainUntil: Int, outlook: OccupationOutlook?,
                           language: Language = .french) throws -> Result {
        let spec = resolvingNationality(given, r)
        let training = (0..<r.count).filter { r.years[$0] <= trainUntil && r.isLabelled($0) }
        let later = (0..<r.count).filter { r.years[$0] > trainUntil }
        let years = Set(r.years).sorted()
        guard !training.isEmpty else {
            throw ProfilingError.noTrainingData("no spell registered in or before \(trainUntil) has a known outcome (ltu_12m); the registry covers \(years.first ?? 0)–\(years.last ?? 0)")
        }
        let positives = training.filter { r.ltu12m[$0] == 1 }.count
        guard positives > 0, positives < training.count else {
            throw ProfilingError.noTrainingData("the \(training.count) labelled spells up to \(trainUntil) all have ltu_12m = \(positives > 0 ? 1 : 0): nothing to learn from")
        }
        guard !later.isEmpty else {
            throw ProfilingError.noTrainingData("no spell registered after \(trainUntil) to score; the registry ends in \(years.last ?? 0)")
        }
        let forms = spec.forms == .chosen ? FunctionalForms.choose(r, training: training, spec: spec, outlook: outlook) : .fixed
        let encoder = FeatureEncoder(registry: r, rows: training, spec: spec, outlook: outlook, forms: forms)
        let xTrain = encoder.matrix(r, rows: training)
        let yTrain = training.map { r.ltu12m[$0] }
        let model: any RiskModel
        switch spec.model {
        case .logit:
            model = try LogitRiskModel(design: xTrain, labels: yTrain, features: encoder.features, penalty: spec.penalty)
        case .hazard:
            guard let months = r.extraNumbers[spec.durationColumn] else {
                throw ProfilingError.badRequest("the hazard model needs the months on the register: a '\(spec.durationColumn)' column (or [hazard] duration = \"…\" in the spec)")
            }
            // Every spell up to trainUntil counts, the unfinished ones censored where they stand.
            let hazardRows = (0..<r.count).filter { r.years[$0] <= trainUntil }
            model = try HazardRiskModel(design: encoder.matrix(r, rows: hazardRows), months: hazardRows.map { months[$0] },
                                        labels: hazardRows.map { r.ltu12m[$0] }, features: encoder.features, penalty: spec.penalty)
        }
        let xLater = encoder.matrix(r, rows: later)
        let pLater = model.probabilities(xLater)
        // Reasons are words for every scored spell: the costliest part of scoring, shared over the cores.
        let blocks = max(1, min(availableCores * 4, later.count / 5000))
        let scored = parallelMap(blocks) { b -> [ScoredSpell] in
            let range = (b * later.count / blocks)..<((b + 1) * later.count / blocks)
            return range.map { k in
                let i = later[k]
                return ScoredSpell(id: r.ids[i], pLTU: pLater[k], tier: spec.tier(pLater[k]),
                                   reasons: RiskReasons.reasons(row: i, registry: r, design: xLater, row: k, encoder: encoder, model: model, language: language))
            }
        }.flatMap { $0 }

        // Judged on the later spells whose outcome is known.
        let known = later.indices.filter { r.isLabelled(later[$0]) }
        var evaluation: [RiskScores] = []
        var audit: FairnessAudit?
        let base = Double(positives) / Double(training.count)
        if !known.isEmpty {
            let y = known.map { r.ltu12m[later[$0]] }
            let p = known.map { pLater[$0] }
            evaluation.append(RiskScores(name: "mizan", Array(zip(p, y))))
            // The rule a counsellor would use without a model: months unemployed before and education.
            let ruleFeatures = encoder.features.enumerated().filter { $0.element.group == .monthsBefore || $0.element.group == .education }.map(\.offset)
            let rule = try PenalizedLogit.fit(columns(xTrain, ruleFeatures), yTrain, lambda: spec.penalty)
            let xr = columns(xLater, ruleFeatures)
            let pr = known.map { k in rule.probability(ruleFeatures.indices.map { xr[k, $0] }) }
            evaluation.append(RiskScores(name: "rule (months before + education)", Array(zip(pr, y))))
            evaluation.append(RiskScores(name: "lottery (base rate)", y.map { (base, $0) }))
            audit = FairnessAudit(p: p, y: y, sexes: known.map { r.sexes[later[$0]] },
                                  nationalityGroups: known.map { spec.nationalityGroup(r.nationalities[later[$0]]) },
                                  cutoff: spec.tierCutoffs.last!)
        }
        let drift = CohortDrift(features: encoder.features, training: xTrain, scoring: xLater,
                                trainingP: model.probabilities(xTrain), scoringP: pLater, trainingBaseRate: base)
        return Result(spec: spec, trainUntil: trainUntil, trainingSpells: training.count, trainingBaseRate: base,
                      features: encoder.features, forms: forms, model: model, scored: scored, evaluation: evaluation,
                      evaluatedSpells: known.count, audit: audit, drift: drift, outlookSource: outlook?.source)
    }

    /// Without `[audit] national`, the registry's own country: its most frequent nationality
    /// (ties by code).
    static func resolvingNationality(_ given: ProfilingSpec, _ r: Registry) -> ProfilingSpec {
        guard given.nationalCode.isEmpty else { return given }
        var spec = given
        var counts: [String: Int] = [:]
        for n in r.nationalities where !n.isEmpty { counts[n, default: 0] += 1 }
        spec.nationalCode = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? ""
        return spec
    }

    static func columns(_ x: Matrix, _ js: [Int]) -> Matrix {
        var m = Matrix(rows: x.rows, columns: js.count)
        for (c, j) in js.enumerated() {
            m.storage.replaceSubrange((c * x.rows)..<((c + 1) * x.rows), with: x.storage[(j * x.rows)..<((j + 1) * x.rows)])
        }
        return m
    }
}
