import Foundation
import LabourData

/// Profiles kept as a table — a CSV or an Excel workbook, one person a row — as employment
/// agencies keep registers: `id,region` and any of `isco` or `esco` (the occupation held),
/// `years`, `abroad` (0/1), `education_isced`, `languages`, `skills` (ESCO skill URIs or names, declared),
/// `certified_skills`, `regions` (where the person would move), `max_training_hours`, `sex`,
/// `nationality`. Lists are separated by `|`. Headers are matched case-insensitively.
extension MigrantProfile {
    /// The columns a profile table may have.
    static let tableColumns = ["id", "region", "isco", "esco", "years", "abroad", "education_isced", "languages", "skills",
                               "certified_skills", "regions", "max_training_hours", "sex", "nationality"]

    public static func readTable(contentsOf url: URL, sheet: String? = nil) throws(InputError) -> [MigrantProfile] {
        let t = try TextTable.read(contentsOf: url, required: ["id", "region"], sheet: sheet)
        // A column the format does not have is refused, not skipped: "yeras" would otherwise
        // leave every person without their years in the trade.
        if let unknown = t.unknownColumn(allowed: tableColumns, kind: "a profile table") { throw InputError(unknown) }
        var out: [MigrantProfile] = []
        var problems: [Diagnostic] = []
        var ids = Set<String>()
        func cell(_ i: Int, _ name: String) -> String? {
            guard let k = t.columns.firstIndex(of: name) else { return nil }
            let v = t.rows[i][k].trimmingCharacters(in: .whitespaces)
            return v.isEmpty ? nil : v
        }
        func list(_ i: Int, _ name: String) -> [String]? {
            cell(i, name).map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        for i in t.rows.indices {
            /// A problem at the cell of `field` (column 1 when the table has no such column).
            func fail(_ m: String, _ field: String = "id") { problems.append(t.problem(i, field, m)) }
            var p = MigrantProfile(id: cell(i, "id") ?? "", region: cell(i, "region") ?? "")
            p.line = t.lines[i]
            if cell(i, "isco") != nil || cell(i, "esco") != nil {
                var held = HeldOccupation(esco: cell(i, "esco"), isco: cell(i, "isco"))
                if let y = cell(i, "years") {
                    guard let v = Double(y.replacingOccurrences(of: ",", with: ".")) else { fail("years '\(y)' is not a number", "years"); continue }
                    held.years = v
                }
                if let a = cell(i, "abroad") { held.abroad = ["1", "true", "yes", "oui"].contains(a.lowercased()) }
                p.occupations = [held]
            }
            if let e = cell(i, "education_isced") {
                guard let v = Int(e) else { fail("education_isced '\(e)' is not a whole number", "education_isced"); continue }
                p.educationIsced = v
            }
            p.languages = list(i, "languages")
            let declared = (list(i, "skills") ?? []).map { Skill(esco: $0, evidence: .declared) }
            let certified = (list(i, "certified_skills") ?? []).map { Skill(esco: $0, evidence: .certified) }
            if !declared.isEmpty || !certified.isEmpty { p.skills = certified + declared }
            if let h = cell(i, "max_training_hours") {
                guard let v = Double(h.replacingOccurrences(of: ",", with: ".")) else { fail("max_training_hours '\(h)' is not a number", "max_training_hours"); continue }
                p.constraints = Constraints(maxTrainingHours: v)
            }
            if let r = list(i, "regions") { p.constraints = Constraints(maxTrainingHours: p.constraints?.maxTrainingHours, regions: r) }
            p.sex = cell(i, "sex")
            p.nationality = cell(i, "nationality")
            if let problem = p.normalise() {
                // The profile's field, as the table's column: occupations[0].isco → isco.
                let field: String
                switch problem.path.last {
                case .key(let k)?: field = k
                case .index?: field = problem.path.contains(.key("regions")) ? "regions" : "isco"
                case nil: field = "id"
                }
                fail(problem.message, field)
                continue
            }
            guard ids.insert(p.id).inserted else { fail("profile id '\(p.id)' appears twice"); continue }
            out.append(p)
            if problems.count >= 50 { break }
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: problems.count >= 50) }
        if out.isEmpty { throw InputError(Diagnostic(file: t.file, line: 1, column: 1, message: "no profile in the table")) }
        return out
    }

    /// JSON (one object), JSON Lines, or a table (.csv, .xlsx) by the file's extension.
    public static func readAny(contentsOf url: URL) throws(InputError) -> [MigrantProfile] {
        switch url.pathExtension.lowercased() {
        case "csv", "xlsx", "tsv": return try readTable(contentsOf: url)
        default: return try read(contentsOf: url)
        }
    }
}
