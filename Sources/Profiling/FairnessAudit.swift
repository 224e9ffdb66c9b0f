import Foundation

/// The audit the OECD review (Working Paper 224) and Desiere & Struyven (2020) ask of a profiling
/// tool: per sex and per nationality group, is the score calibrated, and who is wrongly flagged
/// (flagged high-risk yet found work: the false-positive rate) or wrongly passed over. Sex and
/// nationality are read for this audit even when the score does not use them.
public struct FairnessAudit: Sendable {
    public struct Group: Sendable, Equatable {
        public let attribute: String
        public let group: String
        public let count: Int
        public let meanPredicted: Double
        public let observed: Double
        /// observed − mean predicted, and its standard error (binomial).
        public let calibrationGap: Double
        public let gapStandardError: Double
        public let flaggedShare: Double
        public let falsePositiveRate: Double
        public let falseNegativeRate: Double
        /// Against the reference group (men; nationals): 1 is parity.
        public let falsePositiveRatio: Double
        public let falseNegativeRatio: Double
        public let isReference: Bool
    }

    /// One point of the accuracy–equity curve: flag the top `share` by p.
    public struct EquityPoint: Sendable, Equatable {
        public let share: Double
        public let cutoff: Double
        public let accuracy: Double
        /// False-positive rate of women over men, of foreign over national registrants.
        public let sexFalsePositiveRatio: Double
        public let nationalityFalsePositiveRatio: Double
    }

    /// The probability from which a registrant is flagged high-risk (the top tier).
    public let cutoff: Double
    public let groups: [Group]
    public let curve: [EquityPoint]
    /// What a reader must know, in words: under- or over-prediction beyond noise, error-rate
    /// ratios outside [0.8, 1.25] (the four-fifths rule both ways).
    public let findings: [String]

    /// - Parameters: sexes and nationality groups ("national", "foreign", "" unknown) per scored spell.
    public init(p: [Double], y: [Double], sexes: [String], nationalityGroups: [String], cutoff: Double) {
        self.cutoff = cutoff
        var groups: [Group] = []
        var findings: [String] = []
        for (attribute, values, reference) in [("sex", sexes, "M"), ("nationality", nationalityGroups, "national")] {
            let names = Array(Set(values)).sorted { ($0 == reference ? "" : $0) < ($1 == reference ? "" : $1) }
            func rates(_ g: String) -> (n: Int, mp: Double, obs: Double, flagged: Double, fpr: Double, fnr: Double) {
                var n = 0, sp = 0.0, sy = 0.0, flagged = 0, fp = 0, neg = 0, fn = 0, pos = 0
                for i in p.indices where values[i] == g {
                    n += 1; sp += p[i]; sy += y[i]
                    let f = p[i] >= cutoff
                    if f { flagged += 1 }
                    if y[i] == 0 { neg += 1; if f { fp += 1 } } else { pos += 1; if !f { fn += 1 } }
                }
                return (n, sp / Double(max(n, 1)), sy / Double(max(n, 1)), Double(flagged) / Double(max(n, 1)),
                        neg > 0 ? Double(fp) / Double(neg) : .nan, pos > 0 ? Double(fn) / Double(pos) : .nan)
            }
            let ref = rates(reference)
            for g in names {
                let r = rates(g)
                let se = (r.obs * (1 - r.obs) / Double(max(r.n, 1))).squareRoot()
                let shown = g.isEmpty ? "unknown" : g
                groups.append(Group(attribute: attribute, group: shown, count: r.n, meanPredicted: r.mp, observed: r.obs,
                                    calibrationGap: r.obs - r.mp, gapStandardError: se, flaggedShare: r.flagged,
                                    falsePositiveRate: r.fpr, falseNegativeRate: r.fnr,
                                    falsePositiveRatio: r.fpr / ref.fpr, falseNegativeRatio: r.fnr / ref.fnr, isReference: g == reference))
                guard r.n >= 30 else { continue }
                let gap = r.obs - r.mp
                if abs(gap) >= 0.03 && abs(gap) >= 3 * se {
                    findings.append(String(format: "%@ %@: %@ — observed %.3f against %.3f predicted (%+.3f, %.1f standard errors; %d spells)",
                                           attribute, shown, gap > 0 ? "risk under-predicted" : "risk over-predicted", r.obs, r.mp, gap, abs(gap) / max(se, 1e-12), r.n))
                }
                if g != reference, r.fpr.isFinite, ref.fpr > 0, r.fpr / ref.fpr > 1.25 || r.fpr / ref.fpr < 0.8 {
                    findings.append(String(format: "%@ %@: among those who found work, %.1f%% were flagged high-risk against %.1f%% for %@ (ratio %.2f)",
                                           attribute, shown, 100 * r.fpr, 100 * ref.fpr, reference, r.fpr / ref.fpr))
                }
                if g != reference, r.fnr.isFinite, ref.fnr > 0, r.fnr / ref.fnr > 1.25 || r.fnr / ref.fnr < 0.8 {
                    findings.append(String(format: "%@ %@: among the long-term unemployed, %.1f%% were not flagged against %.1f%% for %@ (ratio %.2f)",
                                           attribute, shown, 100 * r.fnr, 100 * ref.fnr, reference, r.fnr / ref.fnr))
                }
            }
        }
        self.groups = groups
        self.findings = findings
        // The accuracy–equity curve: as more are flagged, accuracy and error-rate parity move.
        let order = p.indices.sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var curve: [EquityPoint] = []
        for step in 1...19 {
            let share = Double(step) / 20
            let k = max(1, Int((share * Double(p.count)).rounded()))
            var flagged = [Bool](repeating: false, count: p.count)
            for i in order.prefix(k) { flagged[i] = true }
            var correct = 0
            for i in p.indices where flagged[i] == (y[i] == 1) { correct += 1 }
            func fpr(_ values: [String], _ g: String) -> Double {
                var fp = 0, neg = 0
                for i in p.indices where values[i] == g && y[i] == 0 { neg += 1; if flagged[i] { fp += 1 } }
                return neg > 0 ? Double(fp) / Double(neg) : .nan
            }
            curve.append(EquityPoint(share: share, cutoff: p[order[k - 1]], accuracy: Double(correct) / Double(max(p.count, 1)),
                                     sexFalsePositiveRatio: fpr(sexes, "F") / fpr(sexes, "M"),
                                     nationalityFalsePositiveRatio: fpr(nationalityGroups, "foreign") / fpr(nationalityGroups, "national")))
        }
        self.curve = curve
    }
}
