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
    /// indexes are built only when some profile names a skill or occupation in words.
    public static func read(contentsOf url: URL, esco: ESCO) throws(InputError) -> [MigrantProfile] {
        let people = try MigrantProfile.readAny(contentsOf: url)
        let named = people.contains { p in
            (p.skills ?? []).contains { esco.skillIndex[$0.esco] == nil } || (p.occupations ?? []).contains { o in o.esco.map { esco.occupationIndex[$0] == nil } ?? false }
        }
        return named ? try ProfileLabels(esco: esco).resolve(people, file: url.path) : people
    }

    /// Profiles with every skill and occupation named by URI (or ISCO code).
    public func resolve(_ profiles: [MigrantProfile], file: String) throws(InputError) -> [MigrantProfile] {
        var problems: [Diagnostic] = []
        var out = profiles
        for k in out.indices {
            var p = out[k]
            func fail(_ m: String) { problems.append(Diagnostic(file: file, line: p.line, column: 1, message: m)) }
            for (j, s) in (p.skills ?? []).enumerated() where esco.skillIndex[s.esco] == nil {
                if s.esco.hasPrefix("http") { fail("skills[\(j)]: \(s.esco) is not an ESCO skill URI"); continue }
                switch skills.resolve(s.esco) {
                case .match(let i): p.skills![j].esco = esco.skills[i].uri
                case .ambiguous(let c): fail("skills[\(j)]: '\(s.esco)' could be " + names(c, skill: true) + "; say which")
                case .unknown(let c): fail("skills[\(j)]: '\(s.esco)' is not an ESCO skill" + (c.isEmpty ? "" : "; did you mean " + names(c, skill: true) + "?"))
                }
            }
            for (j, o) in (p.occupations ?? []).enumerated() {
                guard let name = o.esco, esco.occupationIndex[name] == nil else { continue }
                if name.hasPrefix("http") { fail("occupations[\(j)]: \(name) is not an ESCO occupation URI"); continue }
                switch occupations.resolve(name) {
                case .match(let i): p.occupations![j].esco = esco.occupations[i].uri
                case .ambiguous(let c): fail("occupations[\(j)]: '\(name)' could be " + names(c, skill: false) + "; say which, or give the ISCO code")
                case .unknown(let c): fail("occupations[\(j)]: '\(name)' is not an ESCO occupation" + (c.isEmpty ? "" : "; did you mean " + names(c, skill: false) + "?"))
                }
            }
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
