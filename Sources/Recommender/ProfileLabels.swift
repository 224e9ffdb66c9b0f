import Foundation
import LabourData

/// Profiles name skills and occupations as people type them; this turns every name into its
/// ESCO URI before anything is scored, or says which names it cannot place and what they might
/// be: `file:line:1: skills[2]: 'souder a l ark' is not an ESCO skill; did you mean 'souder à
/// l'arc' (apply arc welding techniques)?`.
public struct ProfileLabels: Sendable {
    public let esco: ESCO
    public let skills: LabelIndex
    public let occupations: LabelIndex

    public init(esco: ESCO) {
        self.esco = esco
        skills = esco.skillLabels()
        occupations = esco.occupationLabels()
    }

    /// Reads profiles (JSON, JSON Lines, .csv or .xlsx) and resolves their names. The label
    /// indexes are built only when some profile names a skill or occupation in words. A name
    /// that could be several things is kept (see `resolve`) and told to `warn`; a name that is
    /// nothing ESCO knows is an error.
    public static func read(contentsOf url: URL, esco: ESCO, warn: (Diagnostic) -> Void = { _ in }) throws(InputError) -> [MigrantProfile] {
        let people = try MigrantProfile.readAny(contentsOf: url)
        let named = people.contains { p in
            (p.skills ?? []).contains { esco.skillIndex[$0.esco] == nil } || (p.occupations ?? []).contains { o in o.esco.map { esco.occupationIndex[$0] == nil } ?? false }
        }
        return named ? try ProfileLabels(esco: esco).resolve(people, file: url.path, warn: warn) : people
    }

    /// A name in a profile that is not resolved: the field, what was typed, why, and the closest
    /// ESCO entries (skills or occupations) — for messages in any language.
    public struct Problem: Sendable, Equatable {
        public enum Field: Sendable, Equatable { case skill(Int), occupation(Int) }
        public enum Kind: Sendable, Equatable { case notAnESCOURI, ambiguous, unknown }
        public let field: Field
        public let typed: String
        public let kind: Kind
        public let candidates: [Int]
        /// An ambiguous name is kept (see `resolve`): a batch goes on, a form asks.
        public var isWarning: Bool { kind == .ambiguous }
    }

    /// The profile with every name it can resolve replaced by its URI, and what it cannot.
    /// A skill that could be several ESCO skills stands for all of them as weaker (inferred)
    /// evidence: it counts wherever one of them is what a destination needs, but less than a
    /// skill named exactly ("lire des plans" could be three; a file of 5,000 profiles must not
    /// stop on it). An occupation that could be several is read as the likeliest (the unit group
    /// most candidates are in, and its representative). Both are reported as warnings.
    public func resolve(_ profile: MigrantProfile) -> (profile: MigrantProfile, problems: [Problem]) {
        var p = profile
        var problems: [Problem] = []
        for (j, s) in (p.skills ?? []).enumerated() where esco.skillIndex[s.esco] == nil {
            if s.esco.hasPrefix("http") { problems.append(.init(field: .skill(j), typed: s.esco, kind: .notAnESCOURI, candidates: [])); continue }
            switch skills.resolve(s.esco) {
            case .match(let i): p.skills![j].esco = esco.skills[i].uri
            case .ambiguous(let c):
                problems.append(.init(field: .skill(j), typed: s.esco, kind: .ambiguous, candidates: c))
                let candidates = c.map { i -> MigrantProfile.Skill in
                    var skill = MigrantProfile.Skill(esco: esco.skills[i].uri, evidence: s.evidence)
                    skill.ambiguous = true
                    return skill
                }
                p.skills![j] = candidates[0]
                p.skills! += candidates.dropFirst()
            case .unknown(let c): problems.append(.init(field: .skill(j), typed: s.esco, kind: .unknown, candidates: c))
            }
        }
        for (j, o) in (p.occupations ?? []).enumerated() {
            guard let name = o.esco, esco.occupationIndex[name] == nil else { continue }
            if name.hasPrefix("http") { problems.append(.init(field: .occupation(j), typed: name, kind: .notAnESCOURI, candidates: [])); continue }
            switch occupations.resolve(name) {
            case .match(let i): p.occupations![j].esco = esco.occupations[i].uri
            case .ambiguous(let c):
                let chosen = esco.likeliest(c) ?? c[0]
                problems.append(.init(field: .occupation(j), typed: name, kind: .ambiguous, candidates: [chosen] + c.filter { $0 != chosen }))
                p.occupations![j].esco = esco.occupations[chosen].uri
            case .unknown(let c): problems.append(.init(field: .occupation(j), typed: name, kind: .unknown, candidates: c))
            }
        }
        return (p, problems)
    }

    /// A problem as the command line says it.
    public func message(_ problem: Problem) -> String {
        switch (problem.field, problem.kind) {
        case (.skill(let j), .notAnESCOURI): return "skills[\(j)]: \(problem.typed) is not an ESCO skill URI"
        case (.skill(let j), .ambiguous):
            return "skills[\(j)]: '\(problem.typed)' could be " + names(problem.candidates, skill: true)
                + "; counted as any of them, as weaker evidence (name it exactly to count it in full)"
        case (.skill(let j), .unknown):
            return "skills[\(j)]: '\(problem.typed)' is not an ESCO skill"
                + (problem.candidates.isEmpty ? "" : "; did you mean " + names(problem.candidates, skill: true) + "?")
        case (.occupation(let j), .notAnESCOURI): return "occupations[\(j)]: \(problem.typed) is not an ESCO occupation URI"
        case (.occupation(let j), .ambiguous):
            return "occupations[\(j)]: '\(problem.typed)' could be " + names(problem.candidates, skill: false)
                + "; read as the first (give the full name or the ESCO URI to choose another)"
        case (.occupation(let j), .unknown):
            return "occupations[\(j)]: '\(problem.typed)' is not an ESCO occupation"
                + (problem.candidates.isEmpty ? "" : "; did you mean " + names(problem.candidates, skill: false) + "?")
        }
    }

    /// Profiles with every skill and occupation named by URI (or ISCO code).
    public func resolve(_ profiles: [MigrantProfile], file: String, warn: (Diagnostic) -> Void = { _ in }) throws(InputError) -> [MigrantProfile] {
        var problems: [Diagnostic] = []
        var out = profiles
        for k in out.indices {
            let (p, found) = resolve(out[k])
            for w in found where w.isWarning { warn(Diagnostic(file: file, line: p.line, column: 1, message: message(w))) }
            problems += found.filter { !$0.isWarning }.map { Diagnostic(file: file, line: p.line, column: 1, message: message($0)) }
            out[k] = p
            if problems.count >= 50 { break }
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: problems.count >= 50) }
        return out
    }

    /// "'souder à l'arc' (apply arc welding techniques)", "… or …".
    func names(_ indices: [Int], skill: Bool) -> String {
        indices.prefix(3).map { i in
            let (fr, en) = skill ? (esco.skills[i].labelFrench, esco.skills[i].labelEnglish) : (esco.occupations[i].labelFrench, esco.occupations[i].labelEnglish)
            return fr.isEmpty || fr == en ? "'\(en)'" : "'\(fr)' (\(en))"
        }.joined(separator: " or ")
    }
}
