import Foundation
import LabourData

/// What a module does for a person.
public enum ModuleKind: String, Sendable, Equatable, CaseIterable {
    /// Teaches its skills.
    case training
    /// Assesses what a person already knows (positionnement, validation des acquis de
    /// l'expérience): turns declared or inferred skills of the occupations it covers into
    /// evidence a certification can rest on. Teaches nothing.
    case assessment
    /// An examination that certifies the trade (the occupations it covers): the recognised
    /// qualification an employer asks for. Teaches nothing.
    case certification
}

/// A training module: what it teaches (ESCO skills), where, how long.
public struct TrainingModule: Sendable, Equatable {
    public let id: String
    /// Training (the default), assessment or certification.
    public var kind: ModuleKind = .training
    /// For assessments and certifications: the ISCO groups (any level) whose trades they cover.
    public var occupations: [String] = []
    public let titleFrench: String
    public let titleEnglish: String
    public let provider: String
    /// nil: offered everywhere.
    public let regions: Set<String>?
    public let hours: Double
    public let cost: Double
    public let minISCED: Int
    public let prerequisites: [String]
    /// Skill indices in the ESCO model.
    public let skills: [Int]

    public init(id: String, titleFrench: String, titleEnglish: String, provider: String, regions: Set<String>?, hours: Double,
                cost: Double, minISCED: Int, prerequisites: [String], skills: [Int]) {
        self.id = id; self.titleFrench = titleFrench; self.titleEnglish = titleEnglish; self.provider = provider
        self.regions = regions; self.hours = hours; self.cost = cost; self.minISCED = minISCED
        self.prerequisites = prerequisites; self.skills = skills
    }

    public func title(_ language: Language) -> String { language.usesFrench ? titleFrench : titleEnglish }
    public func offered(in region: String) -> Bool { regions?.contains(region) ?? true }
}

/// `module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills`,
/// and optionally `type` (training, assessment, certification) and `isco` (the ISCO groups an
/// assessment or certification covers, `|`-separated).
public struct TrainingCatalogue: Sendable {
    public let modules: [TrainingModule]
    public let index: [String: Int]
    /// Each module's prerequisite closure, worked out once: training paths ask for it thousands of
    /// times per profile.
    let closures: [[Int]]

    public init(modules: [TrainingModule]) {
        self.modules = modules
        let index = Dictionary(modules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.index = index
        closures = modules.indices.map { Self.closure(of: $0, modules: modules, index: index) }
    }

    /// Reads and checks a catalogue: unknown skills, unknown or circular prerequisites, bad
    /// numbers are reported as `file:line:column`.
    static let requiredColumns = ["module_id", "title_fr", "title_en", "provider", "regions", "hours", "cost", "min_isced", "prerequisites", "skills"]
    /// Five years of full-time study: no module is longer.
    static let maximumHours = 10_000.0

    public static func read(contentsOf url: URL, esco: ESCO) throws(InputError) -> TrainingCatalogue {
        let t = try TextTable.read(contentsOf: url, required: Self.requiredColumns)
        // A column the catalogue does not have is a typo ("hour"), not extra data to skip.
        if let unknown = t.unknownColumn(allowed: Self.requiredColumns + ["type", "isco"], kind: "a catalogue") { throw InputError(unknown) }
        var modules: [TrainingModule] = []
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        var rowOf: [Int] = []  // the table row of each module
        for i in t.rows.indices {
            let row = t.rows[i]
            func col(_ n: String) -> String { row[t.index(n)] }
            func fail(_ n: String, _ m: String) { problems.append(t.problem(i, n, m)) }
            let id = col("module_id")
            if id.isEmpty { fail("module_id", "module_id is empty"); continue }
            if let prev = seen[id] { fail("module_id", "module '\(id)' appears twice (first at line \(prev))"); continue }
            seen[id] = t.lines[i]
            var skills: [Int] = []
            for uri in col("skills").split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) where !uri.isEmpty {
                if let s = esco.skillIndex[uri] { skills.append(s) } else { fail("skills", "module '\(id)': unknown ESCO skill \(uri)") }
            }
            let hours: Double, cost: Double, isced: Double
            do {
                hours = try t.number(i, "hours"); cost = try t.number(i, "cost"); isced = try t.number(i, "min_isced")
            } catch {
                problems.append(contentsOf: error.diagnostics); continue
            }
            // A module is a course: more than five years of full-time study is a typo.
            if !(hours > 0 && hours <= Self.maximumHours) { fail("hours", "module '\(id)': hours must be above 0 and at most \(Int(Self.maximumHours)), not \(t.rows[i][t.index("hours")])"); continue }
            if cost < 0 { fail("cost", "module '\(id)': cost cannot be negative"); continue }
            guard isced == isced.rounded(), (0...8).contains(isced) else { fail("min_isced", "module '\(id)': min_isced must be an ISCED level 0–8"); continue }
            let regionText = col("regions")
            var regions: Set<String>?
            if !(regionText == "*" || regionText.isEmpty) {
                var codes = Set<String>()
                for r in regionText.split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) where !r.isEmpty {
                    switch RegionNames.resolve(r) {
                    case .code(let c): codes.insert(c)
                    case .unknown(let near): fail("regions", "module '\(id)': " + RegionNames.unknownMessage(r, suggestions: near))
                    }
                }
                regions = codes
            }
            var module = TrainingModule(
                id: id, titleFrench: col("title_fr"), titleEnglish: col("title_en"), provider: col("provider"), regions: regions,
                hours: hours, cost: cost, minISCED: Int(isced),
                prerequisites: col("prerequisites").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                skills: skills)
            if t.columns.contains("type"), !col("type").isEmpty {
                guard let kind = ModuleKind(rawValue: col("type").lowercased()) else {
                    fail("type", "module '\(id)': type '\(col("type"))' is not training, assessment or certification")
                    continue
                }
                module.kind = kind
            }
            if t.columns.contains("isco") {
                for code in col("isco").split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty {
                    if ISCO08.standard.contains(code) { module.occupations.append(code) } else { fail("isco", "module '\(id)': isco '\(code)' is not in ISCO-08") }
                }
            }
            if module.kind != .training && module.occupations.isEmpty {
                fail("isco", "module '\(id)': an \(module.kind.rawValue) names the trades it covers in the isco column")
            }
            modules.append(module)
            rowOf.append(i)
        }
        let catalogue = TrainingCatalogue(modules: modules)
        for (k, m) in modules.enumerated() {
            for p in m.prerequisites where catalogue.index[p] == nil {
                problems.append(t.problem(rowOf[k], "prerequisites", "module '\(m.id)': unknown prerequisite '\(p)'"))
            }
        }
        if problems.isEmpty, let cycle = catalogue.prerequisiteCycle() {
            problems.append(Diagnostic(file: t.file, line: seen[cycle] ?? 1, column: 1, message: "module '\(cycle)' requires itself through its prerequisites"))
        }
        if !problems.isEmpty { throw InputError(diagnostics: Array(problems.prefix(50)), truncated: problems.count > 50) }
        return catalogue
    }

    /// A module on a prerequisite cycle, if any.
    func prerequisiteCycle() -> String? {
        var state = [Int](repeating: 0, count: modules.count)  // 0 new, 1 visiting, 2 done
        func visit(_ i: Int) -> Bool {
            if state[i] == 1 { return true }
            if state[i] == 2 { return false }
            state[i] = 1
            for p in modules[i].prerequisites { if let j = index[p], visit(j) { return true } }
            state[i] = 2
            return false
        }
        for i in modules.indices where visit(i) { return modules[i].id }
        return nil
    }

    /// Whether a module assesses or certifies the trade of ISCO unit group `isco`.
    public func recognises(_ m: Int, isco: String) -> Bool {
        modules[m].kind != .training && modules[m].occupations.contains { isco.hasPrefix($0) }
    }

    /// The module and every prerequisite it needs, transitively (indices).
    public func closure(_ i: Int) -> [Int] { closures[i] }

    static func closure(of i: Int, modules: [TrainingModule], index: [String: Int]) -> [Int] {
        var out: [Int] = [], seen = Set<Int>()
        func add(_ k: Int) {
            guard seen.insert(k).inserted else { return }
            for p in modules[k].prerequisites { if let j = index[p] { add(j) } }
            out.append(k)
        }
        add(i)
        return out
    }
}
