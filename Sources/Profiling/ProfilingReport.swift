import Foundation
import LabourData
import MizanSupport
import Statistics

/// The profiling report: the same content as JSON (for programs) and as one self-contained HTML
/// page with inline SVG (for the people who decide whether to use the score). No personal data
/// goes in: only counts, rates and coefficients.
public struct ProfilingReport: Sendable {
    public let result: RiskProfiler.Result

    public init(_ result: RiskProfiler.Result) { self.result = result }

    // MARK: JSON

    public func json() throws -> Data {
        let r = result
        func num(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
        let scores: [[String: Any]] = r.evaluation.map { s in
            ["name": s.name, "spells": s.count, "auc": num(s.auc), "pr_auc": num(s.prAUC), "brier": num(s.brier),
             "calibration_intercept": num(s.calibrationIntercept), "calibration_slope": num(s.calibrationSlope),
             "top_decile_lift": num(s.topDecileLift),
             "reliability": s.reliability.filter { $0.count > 0 }.map { ["low": $0.low, "high": $0.high, "spells": $0.count,
                                                                        "mean_predicted": num($0.meanPredicted), "observed": num($0.observed)] }]
        }
        var audit: [String: Any] = [:]
        if let a = r.audit {
            audit = ["cutoff": a.cutoff, "findings": a.findings, "national": r.spec.nationalCode,
                     "groups": a.groups.map { g in
                         ["attribute": g.attribute, "group": g.group, "spells": g.count, "mean_predicted": num(g.meanPredicted),
                          "observed": num(g.observed), "calibration_gap": num(g.calibrationGap), "gap_standard_error": num(g.gapStandardError),
                          "flagged_share": num(g.flaggedShare), "false_positive_rate": num(g.falsePositiveRate),
                          "false_negative_rate": num(g.falseNegativeRate), "false_positive_ratio": num(g.falsePositiveRatio),
                          "false_negative_ratio": num(g.falseNegativeRatio), "reference": g.isReference] as [String: Any]
                     },
                     "accuracy_equity_curve": a.curve.map { ["flagged_share": $0.share, "cutoff": num($0.cutoff), "accuracy": num($0.accuracy),
                                                             "fpr_ratio_women_men": num($0.sexFalsePositiveRatio),
                                                             "fpr_ratio_foreign_national": num($0.nationalityFalsePositiveRatio)] }]
        }
        let object: [String: Any] = [
            "model": r.spec.model.rawValue, "penalty": r.spec.penalty, "protected_attributes_in_score": r.spec.includeProtected,
            "tier_cutoffs": r.spec.tierCutoffs, "train_until": r.trainUntil, "training_spells": r.trainingSpells,
            "training_base_rate": r.trainingBaseRate, "scored_spells": r.scored.count, "evaluated_spells": r.evaluatedSpells,
            "occupation_outlook": r.outlookSource ?? NSNull(),
            "coefficients": r.model.coefficients.map { ["term": $0.term, "estimate": num($0.estimate), "standard_error": num($0.standardError)] },
            "evaluation": scores, "audit": audit,
            "drift": ["score_psi": num(r.drift.scorePSI),
                      "features": r.drift.shifts.map { ["feature": $0.feature, "training_mean": num($0.trainingMean), "scoring_mean": num($0.scoringMean),
                                                        "standardised_difference": num($0.standardisedDifference)] }],
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    }

    // MARK: HTML

    static func f(_ x: Double, _ digits: Int = 3) -> String { x.isFinite ? String(format: "%.\(digits)f", x) : "–" }

    public func html() -> String {
        let r = result
        var h = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mizan — job-seeker profiling report</title>
        <style>body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
        td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:right}th:first-child,td:first-child{text-align:left}
        .note{background:#f5f5f0;padding:.6em 1em;border-left:4px solid #b58900}.finding{color:#8b0000}</style></head><body>
        <h1>Job-seeker profiling: risk of long-term unemployment</h1>
        <p class="note">The score suggests; the counsellor decides. Overrides are recorded with <code>mizan profile-risk override</code>.
        Model: <b>\(r.spec.model.rawValue)</b>, fitted on \(r.trainingSpells) spells registered up to \(r.trainUntil) (base rate \(Self.f(r.trainingBaseRate))),
        judged on \(r.evaluatedSpells) later spells whose outcome is known; \(r.scored.count) later spells scored.
        Sex and nationality are \(r.spec.includeProtected ? "<b>INCLUDED in the score (explicit request)</b>" : "excluded from the score and used for the audit only").
        Occupation sought enters through \(r.outlookSource.map { "Mizan's shortage probability (" + HTMLText.escape($0) + ")" } ?? "nothing (no shortage list given)").</p>
        """
        h += "<h2>Discrimination and calibration on later cohorts</h2><table><tr><th>score</th><th>AUC</th><th>PR-AUC</th><th>Brier</th><th>calibration intercept</th><th>calibration slope</th><th>top-decile lift</th></tr>"
        for s in r.evaluation {
            h += "<tr><td>\(HTMLText.escape(s.name))</td><td>\(Self.f(s.auc))</td><td>\(Self.f(s.prAUC))</td><td>\(Self.f(s.brier, 4))</td><td>\(Self.f(s.calibrationIntercept))</td><td>\(Self.f(s.calibrationSlope))</td><td>\(Self.f(s.topDecileLift, 2))</td></tr>"
        }
        h += "</table>"
        if let m = r.evaluation.first { h += "<h3>Reliability</h3>" + Self.reliabilityPlot(m.reliability) }
        if let a = r.audit {
            h += "<h2>Fairness audit (flagged = p ≥ \(Self.f(a.cutoff, 2)))</h2>"
            h += a.findings.isEmpty ? "<p>No calibration gap or error-rate ratio beyond the thresholds.</p>"
                : "<ul>" + a.findings.map { "<li class=\"finding\">\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
            h += "<table><tr><th>group</th><th>spells</th><th>mean p</th><th>observed</th><th>gap</th><th>flagged</th><th>FPR</th><th>FNR</th><th>FPR ratio</th><th>FNR ratio</th></tr>"
            for g in a.groups {
                h += "<tr><td>\(g.attribute): \(HTMLText.escape(g.group))\(g.isReference ? " (reference)" : "")</td><td>\(g.count)</td><td>\(Self.f(g.meanPredicted))</td><td>\(Self.f(g.observed))</td><td>\(Self.f(g.calibrationGap))</td><td>\(Self.f(g.flaggedShare))</td><td>\(Self.f(g.falsePositiveRate))</td><td>\(Self.f(g.falseNegativeRate))</td><td>\(Self.f(g.falsePositiveRatio, 2))</td><td>\(Self.f(g.falseNegativeRatio, 2))</td></tr>"
            }
            h += "</table><h3>Accuracy–equity curve</h3>" + Self.equityPlot(a.curve)
        }
        h += "<h2>Coefficients (log-odds\(r.spec.model == .hazard ? " of leaving the register per quarter" : " of long-term unemployment"))</h2><table><tr><th>term</th><th>estimate</th><th>standard error</th></tr>"
        for c in r.model.coefficients { h += "<tr><td>\(HTMLText.escape(c.term))</td><td>\(Self.f(c.estimate, 4))</td><td>\(Self.f(c.standardError, 4))</td></tr>" }
        h += "</table><h2>Drift between training and scored cohorts</h2><p>Population stability index of the score: \(Self.f(r.drift.scorePSI))</p>"
        h += "<table><tr><th>feature</th><th>training mean</th><th>scored mean</th><th>standardised difference</th></tr>"
        for s in r.drift.shifts { h += "<tr><td>\(HTMLText.escape(s.feature))</td><td>\(Self.f(s.trainingMean))</td><td>\(Self.f(s.scoringMean))</td><td>\(Self.f(s.standardisedDifference))</td></tr>" }
        return h + "</table></body></html>\n"
    }

    static func reliabilityPlot(_ bins: [BinaryScores.ReliabilityBin]) -> String {
        let w = 320.0, pad = 30.0
        func x(_ v: Double) -> Double { pad + v * (w - 2 * pad) }
        func y(_ v: Double) -> Double { w - pad - v * (w - 2 * pad) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(w))\" role=\"img\" aria-label=\"reliability\">"
        s += "<line x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(1))\" y2=\"\(y(1))\" stroke=\"#999\" stroke-dasharray=\"4\"/>"
        s += "<rect x=\"\(pad)\" y=\"\(pad)\" width=\"\(w - 2 * pad)\" height=\"\(w - 2 * pad)\" fill=\"none\" stroke=\"#ccc\"/>"
        for b in bins where b.count > 0 {
            s += "<circle cx=\"\(f(x(b.meanPredicted), 1))\" cy=\"\(f(y(b.observed), 1))\" r=\"\(f(2 + min(6, log(Double(b.count))), 1))\" fill=\"#268bd2\"><title>\(b.count) spells: p \(f(b.meanPredicted)), observed \(f(b.observed))</title></circle>"
        }
        return s + "<text x=\"\(pad)\" y=\"\(w - 8)\" font-size=\"11\">predicted p → (observed ↑)</text></svg>"
    }

    static func equityPlot(_ curve: [FairnessAudit.EquityPoint]) -> String {
        let w = 480.0, hgt = 260.0, pad = 34.0
        let maxRatio = max(2, curve.flatMap { [$0.sexFalsePositiveRatio, $0.nationalityFalsePositiveRatio] }.filter(\.isFinite).max() ?? 2)
        func x(_ v: Double) -> Double { pad + v * (w - 2 * pad) }
        func y(_ v: Double, _ top: Double) -> Double { hgt - pad - v / top * (hgt - 2 * pad) }
        func line(_ pts: [(Double, Double)], _ colour: String) -> String {
            let d = pts.filter { $0.1.isFinite }.map { "\(f(x($0.0), 1)),\(f($0.1, 1))" }.joined(separator: " ")
            return "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(d)\"/>"
        }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(hgt))\" role=\"img\" aria-label=\"accuracy-equity curve\">"
        s += "<rect x=\"\(pad)\" y=\"\(pad)\" width=\"\(w - 2 * pad)\" height=\"\(hgt - 2 * pad)\" fill=\"none\" stroke=\"#ccc\"/>"
        s += "<line x1=\"\(pad)\" x2=\"\(w - pad)\" y1=\"\(f(y(1, maxRatio), 1))\" y2=\"\(f(y(1, maxRatio), 1))\" stroke=\"#999\" stroke-dasharray=\"4\"/>"
        s += line(curve.map { ($0.share, y($0.accuracy * maxRatio, maxRatio)) }, "#268bd2")
        s += line(curve.map { ($0.share, y($0.nationalityFalsePositiveRatio, maxRatio)) }, "#dc322f")
        s += line(curve.map { ($0.share, y($0.sexFalsePositiveRatio, maxRatio)) }, "#859900")
        s += "<text x=\"\(pad)\" y=\"\(hgt - 8)\" font-size=\"11\">share flagged →</text></svg>"
        return s + "<p style=\"font-size:.85em;color:#555\">Blue: accuracy (× \(f(maxRatio, 1)), so that 1 is the top); red: false-positive rate of foreign over national registrants; green: of women over men; dashed: parity.</p>"
    }
}
