import Foundation
import LabourData

/// A training module: what it teaches (ESCO skills), where, how long.
public struct TrainingModule: Sendable, Equatable {
    public let id: String
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

    public func title(_ language: Language) -> String { language == .french ? titleFrench : titleEnglish }
    public func offered(in region: String) -> Bool { regions?.contains(region) ?? true }
}

/// `module_id,title_fr,title_en,provider,regions,hours,cost,min_isced,prerequisites,skills`.
public struct TrainingCatalogue: Sendable {
    public let modules: [TrainingModule]
    public let index: [String: Int]

    public init(modules: [TrainingModule]) {
        self.modules = modules
        index = Dictionary(uniqueKeysWithValues: modules.enumerated().map { ($1.id, $0) })
    }

    /// Reads and checks a catalogue: unknown skills, unknown or circular prerequisites, bad
    /// numbers are reported as `file:line:column`.
    public static func read(contentsOf url: URL, esco: ESCO) throws(InputError) -> TrainingCatalogue {
        let t = try TextTable.read(contentsOf: url, required: ["module_id", "title_fr", "title_en", "provider", "regions",
                                                              "hours", "cost", "min_isced", "prerequisites", "skills"])
        var modules: [TrainingModule] = []
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for i in t.rows.indices {
            let row = t.rows[i]
            func col(_ n: String) -> String { row[t.index(n)] }
            let id = col("module_id")
            if id.isEmpty { problems.append(Diagnostic(file: t.file, line: t.lines[i], column: 1, message: "module_id is empty")); continue }
            if let prev = seen[id] {
                problems.append(Diagnostic(file: t.file, line: t.lines[i], column: 1, message: "module '\(id)' appears twice (first at line \(prev))"))
                continue
            }
            seen[id] = t.lines[i]
            var skills: [Int] = []
            for uri in col("skills").split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) where !uri.isEmpty {
                if let s = esco.skillIndex[uri] { skills.append(s) } else {
                    problems.append(Diagnostic(file: t.file, line: t.lines[i], column: 1, message: "module '\(id)': unknown ESCO skill \(uri)"))
                }
            }
            let hours: Double, cost: Double, isced: Double
            do {
                hours = try t.number(i, "hours"); cost = try t.number(i, "cost"); isced = try t.number(i, "min_isced")
            } catch {
                problems.append(contentsOf: error.diagnostics); continue
            }
            if hours <= 0 { problems.append(Diagnostic(file: t.file, line: t.lines[i], column: 1, message: "module '\(id)': hours must be positive")) }
            let regionText = col("regions")
            let regions: Set<String>? = regionText == "*" || regionText.isEmpty ? nil
                : Set(regionText.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) })
            modules.append(TrainingModule(
                id: id, titleFrench: col("title_fr"), titleEnglish: col("title_en"), provider: col("provider"), regions: regions,
                hours: hours, cost: cost, minISCED: Int(isced),
                prerequisites: col("prerequisites").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                skills: skills))
        }
        let catalogue = TrainingCatalogue(modules: modules)
        for (i, m) in modules.enumerated() {
            for p in m.prerequisites where catalogue.index[p] == nil {
                problems.append(Diagnostic(file: t.file, line: t.lines[i], column: 1, message: "module '\(m.id)': unknown prerequisite '\(p)'"))
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

    /// The module and every prerequisite it needs, transitively (indices).
    public func closure(_ i: Int) -> [Int] {
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
