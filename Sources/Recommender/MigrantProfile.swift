import Foundation
import LabourData

/// One person a counsellor works with. Personal data: never logged; `id` is pseudonymous.
/// `sex` and `nationality` are kept for auditing only and never enter a score.
public struct MigrantProfile: Codable, Sendable, Equatable {
    /// An occupation held. In a profile: an object `{"isco": "7212", "years": 6, "abroad": true}`
    /// (or `"esco"`: a URI, or `"label"`: its name as typed), or just a string — an ISCO code, an
    /// ESCO URI or the occupation's name in French or English ("soudeur").
    public struct HeldOccupation: Codable, Sendable, Equatable {
        /// An ESCO occupation URI (a typed name until the profile is resolved against ESCO), or
        public var esco: String?
        /// an ISCO-08 code (any level).
        public var isco: String?
        public var years: Double?
        public var abroad: Bool?
        public init(esco: String? = nil, isco: String? = nil, years: Double? = nil, abroad: Bool? = nil) {
            self.esco = esco; self.isco = isco; self.years = years; self.abroad = abroad
        }
        enum CodingKeys: String, CodingKey { case esco, isco, label, years, abroad }

        public init(from decoder: Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                let t = text.trimmingCharacters(in: .whitespaces)
                if t.first?.isNumber == true { isco = t } else { esco = t }
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            esco = try c.decodeIfPresent(String.self, forKey: .esco) ?? c.decodeIfPresent(String.self, forKey: .label)
            isco = try c.decodeIfPresent(String.self, forKey: .isco)
            years = try c.decodeIfPresent(Double.self, forKey: .years)
            abroad = try c.decodeIfPresent(Bool.self, forKey: .abroad)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(esco, forKey: .esco); try c.encodeIfPresent(isco, forKey: .isco)
            try c.encodeIfPresent(years, forKey: .years); try c.encodeIfPresent(abroad, forKey: .abroad)
        }
    }
    public enum Evidence: String, Codable, Sendable { case declared, certified, inferred }
    /// A skill. In a profile: a string (an ESCO URI, or the skill in words, French or English:
    /// "souder à l'arc"), or `{"label": "souder à l'arc", "lang": "fr", "evidence": "certified"}`
    /// (`"esco"` for a URI). Evidence defaults to declared.
    public struct Skill: Codable, Sendable, Equatable {
        /// ESCO skill URI (a typed name until the profile is resolved against ESCO).
        public var esco: String
        public var evidence: Evidence
        public init(esco: String, evidence: Evidence) { self.esco = esco; self.evidence = evidence }
        enum CodingKeys: String, CodingKey { case esco, label, lang, evidence }

        public init(from decoder: Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                esco = text
                evidence = .declared
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard let name = try c.decodeIfPresent(String.self, forKey: .esco) ?? c.decodeIfPresent(String.self, forKey: .label) else {
                throw DecodingError.keyNotFound(CodingKeys.label, .init(codingPath: decoder.codingPath, debugDescription: "a skill needs a label or an esco URI"))
            }
            esco = name
            evidence = try c.decodeIfPresent(Evidence.self, forKey: .evidence) ?? .declared
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(esco, forKey: .esco); try c.encode(evidence, forKey: .evidence)
        }
    }
    public struct Constraints: Codable, Sendable, Equatable {
        public var maxTrainingHours: Double?
        /// Regions the person would move to (besides their own).
        public var regions: [String]?
        public init(maxTrainingHours: Double? = nil, regions: [String]? = nil) { self.maxTrainingHours = maxTrainingHours; self.regions = regions }
        enum CodingKeys: String, CodingKey { case maxTrainingHours = "max_training_hours", regions }
    }

    public var id: String
    public var region: String
    public var occupations: [HeldOccupation]?
    public var skills: [Skill]?
    /// ISCED 2011 level 0–8.
    public var educationIsced: Int?
    public var languages: [String]?
    public var sex: String?
    public var nationality: String?
    public var constraints: Constraints?
    /// Where the profile was read (line of the file, or row of the sheet), for messages; not
    /// data, so not compared.
    public var line = 0

    public static func == (a: MigrantProfile, b: MigrantProfile) -> Bool {
        (a.id, a.region, a.occupations, a.skills, a.educationIsced) == (b.id, b.region, b.occupations, b.skills, b.educationIsced)
            && (a.languages, a.sex, a.nationality, a.constraints) == (b.languages, b.sex, b.nationality, b.constraints)
    }

    public init(id: String, region: String, occupations: [HeldOccupation]? = nil, skills: [Skill]? = nil, educationIsced: Int? = nil,
                languages: [String]? = nil, sex: String? = nil, nationality: String? = nil, constraints: Constraints? = nil) {
        self.id = id; self.region = region; self.occupations = occupations; self.skills = skills
        self.educationIsced = educationIsced; self.languages = languages; self.sex = sex; self.nationality = nationality
        self.constraints = constraints
    }

    enum CodingKeys: String, CodingKey {
        case id, region, occupations, skills, languages, sex, nationality, constraints
        case educationIsced = "education_isced"
    }

    /// Reads one profile (a JSON object) or many (JSON Lines, one object a line). Problems are
    /// reported as `file:line:column` with the line of the offending record.
    public static func read(contentsOf url: URL) throws(InputError) -> [MigrantProfile] {
        try read(data: InputFile.contents(of: url), file: url.path)
    }

    public static func read(data: Data, file: String) throws(InputError) -> [MigrantProfile] {
        // What the JSON parser would let through in silence: bytes that are not UTF-8, a key
        // given twice, a trailing comma.
        if let p = JSONStrictness.firstProblem(in: data) {
            throw InputError(Diagnostic(file: file, line: p.line, column: p.column, message: p.message))
        }
        let text = String(decoding: data, as: UTF8.self)
        let decoder = JSONDecoder()
        var out: [MigrantProfile] = []
        var problems: [Diagnostic] = []
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A single pretty-printed object, or one object per line.
        let records: [(line: Int, text: String)]
        if trimmed.hasPrefix("{") && !trimmed.contains("}\n{") && !trimmed.contains("}\r\n{") {
            records = [(1, trimmed)]
        } else {
            records = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { ($0.offset + 1, String($0.element)) }
                .filter { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        var ids = Set<String>()
        for (line, record) in records {
            do {
                var p = try decoder.decode(MigrantProfile.self, from: Data(record.utf8))
                p.line = line
                if let problem = p.normalise() {
                    problems.append(Diagnostic(file: file, line: line, column: 1, message: problem))
                } else if !ids.insert(p.id).inserted {
                    problems.append(Diagnostic(file: file, line: line, column: 1, message: "profile id '\(p.id)' appears twice"))
                } else {
                    out.append(p)
                }
            } catch {
                problems.append(Diagnostic(file: file, line: line, column: 1, message: "not a profile: \(Self.describe(error))"))
            }
            if problems.count >= 50 { break }
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: problems.count >= 50) }
        if out.isEmpty { throw InputError(Diagnostic(file: file, line: 1, column: 1, message: "no profile in the file")) }
        return out
    }

    /// A working life: no one has held a trade, or lived abroad, for longer.
    public static let maximumYears = 50.0

    /// Region names become codes (as planners type them, French or English); what is wrong with
    /// the profile, if anything.
    mutating func normalise() -> String? {
        if id.isEmpty { return "id is empty" }
        switch RegionNames.resolve(region) {
        case .code(let code): region = code
        case .unknown(let s): return RegionNames.unknownMessage(region, suggestions: s)
        }
        if var c = constraints, let rs = c.regions {
            var codes: [String] = []
            for r in rs {
                switch RegionNames.resolve(r) {
                case .code(let code): codes.append(code)
                case .unknown(let s): return "constraints.regions: " + RegionNames.unknownMessage(r, suggestions: s)
                }
            }
            c.regions = codes
            constraints = c
        }
        if let e = educationIsced, !(0...8).contains(e) { return "education_isced \(e) is not an ISCED level (0–8)" }
        if let h = constraints?.maxTrainingHours, !(h >= 0) || !h.isFinite { return "max_training_hours must be a number ≥ 0" }
        for (k, o) in (occupations ?? []).enumerated() {
            if o.esco == nil && o.isco == nil { return "occupations[\(k)] needs esco or isco" }
            if let c = o.isco {
                // "7212 - Soudeurs et oxycoupeurs": the code is the leading digits.
                let code = String(c.trimmingCharacters(in: .whitespaces).prefix(while: \.isNumber))
                guard !code.isEmpty, ISCO08.standard.contains(code) else { return "occupations[\(k)].isco '\(c)' is not in ISCO-08" }
                occupations![k].isco = code
            }
            if let y = o.years {
                if !(y >= 0) || !y.isFinite { return "occupations[\(k)].years is \(y): years held cannot be negative" }
                if y > Self.maximumYears { return "occupations[\(k)].years is \(y): longer than a working life (\(Int(Self.maximumYears)) years)" }
            }
        }
        return nil
    }

    /// `skills[0].esco`, not `skills.Index 0.esco`.
    static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("") { acc, k in
            if let i = k.intValue { return acc + "[\(i)]" }
            return acc.isEmpty ? k.stringValue : acc + "." + k.stringValue
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            let at = path(ctx.codingPath)
            return "missing '\(key.stringValue)'" + (at.isEmpty ? "" : " in \(at)")
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            let at = path(ctx.codingPath)
            return "'\(at)' should be \(expected(at))"
        case DecodingError.dataCorrupted(let ctx):
            let at = path(ctx.codingPath)
            if at.hasSuffix("evidence") { return "'\(at)' should be declared, certified or inferred" }
            return at.isEmpty ? "not valid JSON (a profile is one JSON object a line, or one object)" : "'\(at)' is not valid"
        default: return "not valid JSON"
        }
    }

    /// What a field holds, in a counsellor's words.
    static func expected(_ field: String) -> String {
        let last = field.split(separator: ".").last.map(String.init) ?? field
        let name = last.split(separator: "[").first.map(String.init) ?? last
        switch name {
        case "skills": return last.contains("[") ? "a skill: its name as text (\"souder à l'arc\"), an ESCO URI, or {\"label\": …, \"evidence\": \"certified\"}" : "a list of skills"
        case "occupations": return last.contains("[") ? "an occupation: an ISCO code, its name as text, or {\"isco\": \"7212\", \"years\": 6}" : "a list of occupations"
        case "years", "education_isced", "max_training_hours": return "a number"
        case "abroad": return "true or false"
        case "languages", "regions": return "a list of text values"
        case "label", "esco", "isco", "id", "region", "sex", "nationality", "lang": return "text"
        default: return "of another kind"
        }
    }
}
