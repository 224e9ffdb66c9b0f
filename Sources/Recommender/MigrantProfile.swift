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
        enum CodingKeys: String, CodingKey, CaseIterable { case esco, isco, label, years, abroad }

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
        /// One of the skills a typed phrase could mean (set when names are resolved, never read
        /// from a file): weaker evidence than a skill named exactly.
        public var ambiguous = false
        public init(esco: String, evidence: Evidence) { self.esco = esco; self.evidence = evidence }
        enum CodingKeys: String, CodingKey, CaseIterable { case esco, label, lang, evidence }

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
        enum CodingKeys: String, CodingKey, CaseIterable { case maxTrainingHours = "max_training_hours", regions }
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, region, occupations, skills, languages, sex, nationality, constraints
        case educationIsced = "education_isced"
    }

    /// A working life: no one has held a trade, or lived abroad, for longer.
    public static let maximumYears = 50.0

    /// What is wrong with a profile, and the field it is in.
    struct Problem {
        var message: String
        var path: [JSONLocator.Step]
    }

    /// Region names become codes (as planners type them, French or English); what is wrong with
    /// the profile, if anything.
    mutating func normalise() -> Problem? {
        if id.isEmpty { return Problem(message: "id is empty", path: [.key("id")]) }
        switch RegionNames.resolve(region) {
        case .code(let code): region = code
        case .unknown(let s): return Problem(message: RegionNames.unknownMessage(region, suggestions: s), path: [.key("region")])
        }
        if var c = constraints, let rs = c.regions {
            var codes: [String] = []
            for (k, r) in rs.enumerated() {
                switch RegionNames.resolve(r) {
                case .code(let code): codes.append(code)
                case .unknown(let s):
                    return Problem(message: "constraints.regions: " + RegionNames.unknownMessage(r, suggestions: s),
                                   path: [.key("constraints"), .key("regions"), .index(k)])
                }
            }
            c.regions = codes
            constraints = c
        }
        if let e = educationIsced, !(0...8).contains(e) {
            return Problem(message: "education_isced \(e) is not an ISCED level (0–8)", path: [.key("education_isced")])
        }
        if let h = constraints?.maxTrainingHours, !(h >= 0) || !h.isFinite {
            return Problem(message: "max_training_hours must be a number ≥ 0", path: [.key("constraints"), .key("max_training_hours")])
        }
        for (k, o) in (occupations ?? []).enumerated() {
            let here: [JSONLocator.Step] = [.key("occupations"), .index(k)]
            if o.esco == nil && o.isco == nil { return Problem(message: "occupations[\(k)] needs esco or isco", path: here) }
            if let c = o.isco {
                // "7212 - Soudeurs et oxycoupeurs": the code is the leading digits.
                let cell = c.trimmingCharacters(in: .whitespaces)
                let code = String(cell.prefix(while: \.isNumber))
                // The title follows a separator; "72x2" is a typo, not group 72 with a title.
                let title = cell.dropFirst(code.count)
                guard !code.isEmpty, ISCO08.standard.contains(code), title.isEmpty || " -–—:/".contains(title.first!) else {
                    return Problem(message: "occupations[\(k)].isco '\(c)' is not in ISCO-08", path: here + [.key("isco")])
                }
                occupations![k].isco = code
            }
            if let y = o.years {
                if !(y >= 0) || !y.isFinite {
                    return Problem(message: "occupations[\(k)].years is \(y): years held cannot be negative", path: here + [.key("years")])
                }
                if y > Self.maximumYears {
                    return Problem(message: "occupations[\(k)].years is \(y): longer than a working life (\(Int(Self.maximumYears)) years)",
                                   path: here + [.key("years")])
                }
            }
        }
        return nil
    }
}
