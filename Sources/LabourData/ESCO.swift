import Foundation

/// An ESCO occupation, linked to its ISCO-08 unit group.
public struct ESCOOccupation: Sendable, Hashable {
    public let uri: String
    /// ISCO-08 unit group (4 digits).
    public let isco: String
    public let labelEnglish: String
    public let labelFrench: String
    /// Alternative labels (English, then French), as people name the occupation.
    public var alternativeLabels: [String] = []
    public func label(_ language: Language) -> String {
        language.usesFrench && !labelFrench.isEmpty ? labelFrench : labelEnglish
    }
}

/// An ESCO skill or knowledge concept.
public struct ESCOSkill: Sendable, Hashable {
    public let uri: String
    public let labelEnglish: String
    public let labelFrench: String
    /// "skill/competence" or "knowledge".
    public let type: String
    /// "transversal", "cross-sector", "sector-specific" or "occupation-specific".
    public let reuseLevel: String
    public func label(_ language: Language) -> String {
        language.usesFrench && !labelFrench.isEmpty ? labelFrench : labelEnglish
    }
}

/// The ESCO classification (occupations, skills, which skills each occupation needs, the skill
/// hierarchy), read from an ESCO CSV download or the project's shared copy. Mizan uses the ESCO
/// classification of the European Commission; it is read from a path, never bundled.
public struct ESCO: Sendable {
    public let occupations: [ESCOOccupation]
    public let skills: [ESCOSkill]
    /// Per occupation (index into `occupations`): skill indices and whether each is essential.
    public let relations: [[(skill: Int, essential: Bool)]]
    /// Per skill: the indices of its broader skills (the hierarchy, skills only; skill groups
    /// that are not themselves skills are left out).
    public let broader: [[Int]]
    public let occupationIndex: [String: Int]
    public let skillIndex: [String: Int]

    /// The files of an ESCO download, under the names of the project's shared copy or of the
    /// official CSV export (first found wins).
    static let occupationFiles = ["occupations_bilingual_DERIVED.csv", "occupations_en.csv"]
    static let skillFiles = ["skills_bilingual_DERIVED.csv", "skills_en.csv"]
    static let relationFiles = ["occupation_skill_relations_DERIVED.csv", "occupationSkillRelations_en.csv"]
    static let hierarchyFile = "broaderRelationsSkillPillar_en.csv"

    /// Reads ESCO from `directory`. Every occupation must link to an ISCO-08 unit group and every
    /// relation to a known occupation and skill; problems are reported as `file:line:column`.
    public static func load(directory: URL, taxonomy: ISCO08 = .standard) throws(InputError) -> ESCO {
        func find(_ names: [String]) throws(InputError) -> URL {
            for n in names {
                let u = directory.appendingPathComponent(n)
                if FileManager.default.fileExists(atPath: u.path) { return u }
            }
            throw InputError(Diagnostic(file: directory.path, line: 0, column: 0,
                                        message: "no ESCO file \(names.joined(separator: " or ")) in this folder"))
        }
        var problems: [Diagnostic] = []

        let occFile = try find(occupationFiles)
        let occ = try TextTable.read(contentsOf: occFile, required: ["concepturi", "iscogroup"])
        let enCol = occ.columns.firstIndex(of: "preferredlabel_en") ?? occ.columns.firstIndex(of: "preferredlabel")
        let frCol = occ.columns.firstIndex(of: "preferredlabel_fr_v1_0")
        let altCols = ["altlabels_en", "altlabels_fr_v1_0", "altlabels"].compactMap { occ.columns.firstIndex(of: $0) }
        var occupations: [ESCOOccupation] = []
        var occupationIndex: [String: Int] = [:]
        for (i, row) in occ.rows.enumerated() {
            let uri = row[occ.index("concepturi")], isco = row[occ.index("iscogroup")]
            guard isco.count == 4, taxonomy.contains(isco) else {
                problems.append(Diagnostic(file: occFile.path, line: occ.lines[i], column: 1,
                                           message: "occupation \(uri): iscoGroup '\(isco)' is not an ISCO-08 unit group"))
                continue
            }
            occupationIndex[uri] = occupations.count
            var o = ESCOOccupation(uri: uri, isco: isco, labelEnglish: enCol.map { row[$0] } ?? uri, labelFrench: frCol.map { row[$0] } ?? "")
            o.alternativeLabels = altCols.flatMap { row[$0].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            occupations.append(o)
        }

        let skillFile = try find(skillFiles)
        let sk = try TextTable.read(contentsOf: skillFile, required: [])
        let uriCol = sk.columns.firstIndex(of: "skilluri") ?? sk.columns.firstIndex(of: "concepturi")
        guard let uriCol else {
            throw InputError(Diagnostic(file: skillFile.path, line: 1, column: 1, message: "header lacks skillUri or conceptUri"))
        }
        let skEn = sk.columns.firstIndex(of: "preferredlabel_en_v1_2") ?? sk.columns.firstIndex(of: "preferredlabel")
        let skFr = sk.columns.firstIndex(of: "preferredlabel_fr_v1_0")
        let skType = sk.columns.firstIndex(of: "skilltype_v1_0") ?? sk.columns.firstIndex(of: "skilltype")
        let skReuse = sk.columns.firstIndex(of: "reuselevel_v1_0") ?? sk.columns.firstIndex(of: "reuselevel")
        var skills: [ESCOSkill] = []
        var skillIndex: [String: Int] = [:]
        for row in sk.rows {
            let uri = row[uriCol]
            skillIndex[uri] = skills.count
            skills.append(ESCOSkill(uri: uri, labelEnglish: skEn.map { row[$0] } ?? uri, labelFrench: skFr.map { row[$0] } ?? "",
                                    type: skType.map { row[$0] } ?? "", reuseLevel: skReuse.map { row[$0] } ?? ""))
        }

        let relFile = try find(relationFiles)
        let rel = try TextTable.read(contentsOf: relFile, required: ["occupationuri", "relationtype", "skilluri"])
        var relations = [[(skill: Int, essential: Bool)]](repeating: [], count: occupations.count)
        for (i, row) in rel.rows.enumerated() {
            let o = row[rel.index("occupationuri")], s = row[rel.index("skilluri")], t = row[rel.index("relationtype")]
            guard let oi = occupationIndex[o] else {
                if problems.count < 50 { problems.append(Diagnostic(file: relFile.path, line: rel.lines[i], column: 1, message: "unknown occupation \(o)")) }
                continue
            }
            guard let si = skillIndex[s] else {
                if problems.count < 50 { problems.append(Diagnostic(file: relFile.path, line: rel.lines[i], column: 1, message: "unknown skill \(s)")) }
                continue
            }
            guard t == "essential" || t == "optional" else {
                if problems.count < 50 { problems.append(Diagnostic(file: relFile.path, line: rel.lines[i], column: 1, message: "relationType '\(t)' is neither essential nor optional")) }
                continue
            }
            relations[oi].append((si, t == "essential"))
        }

        var broader = [[Int]](repeating: [], count: skills.count)
        let hierUrl = directory.appendingPathComponent(hierarchyFile)
        if FileManager.default.fileExists(atPath: hierUrl.path) {
            let h = try TextTable.read(contentsOf: hierUrl, required: ["concepturi", "broaderuri"])
            for row in h.rows {
                if let c = skillIndex[row[h.index("concepturi")]], let b = skillIndex[row[h.index("broaderuri")]], c != b {
                    broader[c].append(b)
                }
            }
        }
        if !problems.isEmpty { throw InputError(diagnostics: Array(problems.prefix(50)), truncated: problems.count > 50) }
        return ESCO(occupations: occupations, skills: skills, relations: relations, broader: broader,
                    occupationIndex: occupationIndex, skillIndex: skillIndex)
    }

    /// ESCO occupations in an ISCO unit group (or under any ISCO code, by prefix).
    public func occupations(inISCO code: String) -> [ESCOOccupation] {
        occupations.filter { $0.isco.hasPrefix(code) }
    }
}
