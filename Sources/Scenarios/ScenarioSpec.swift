import Foundation
import LabourData
import Shortage

/// A scenario file (TOML), checked against the outlook it changes. Annotated example:
/// Datasets/morocco/scenarios/kenitra_plant.toml.
///
///     name = "Automotive plant in Kénitra"
///     [[shock]]
///     kind = "sector_jobs"          # sector_jobs | occupation_jobs | sector_growth | returnees
///     sector = "C"                  #   | immigrants | training_places | demography
///     region = "MA-04"
///     jobs = { 2027 = 10000 }       # added from 2027 on (a second year adds again)
///
/// Every problem is reported at its `file:line:column`, all of them at once.
public struct ScenarioSpec: Sendable {
    public var name: String
    public var description: String?
    public var shocks: [ScenarioShock]
    /// The file's text (its hash identifies the scenario beside the outlook's).
    public var text: String
    public var file: String

    /// What a scenario is checked against: the forecast's years, the panel's regions and unit
    /// groups, and the staffing matrix when sectors are named.
    public struct Context: Sendable {
        public var years: [Int]
        public var regions: [String]
        public var occupations: [String]
        public var staffing: StaffingMatrix?
        public init(years: [Int], regions: [String], occupations: [String], staffing: StaffingMatrix?) {
            (self.years, self.regions, self.occupations, self.staffing) = (years, regions, occupations, staffing)
        }
    }

    static let common = ["kind", "name"]
    static let settings: [ScenarioShock.Kind: [String]] = [
        .sectorJobs: ["sector", "region", "jobs"],
        .occupationJobs: ["isco", "shares", "region", "jobs"],
        .sectorGrowth: ["sector", "region", "percent", "from"],
        .returnees: ["region", "sector", "isco", "shares", "arrivals"],
        .immigrants: ["region", "sector", "isco", "shares", "arrivals"],
        .trainingPlaces: ["region", "isco", "shares", "graduates"],
        .demography: ExitComponent.allCases.map(\.rawValue),
    ]

    public static func load(_ url: URL, context: Context) throws(InputError) -> ScenarioSpec {
        let text = try InputFile.text(of: url)
        return try parse(text: text, file: url.path, context: context)
    }

    public static func parse(text: String, file: String, context: Context) throws(InputError) -> ScenarioSpec {
        var reader = try TOMLSettings(text: text, file: file, arraysOfTables: ["shock"], inlineTables: true)
        // A shock's keys are numbered inside (shock.1.kind); messages name them as written (kind).
        reader.keyName = { String($0.split(separator: ".").last ?? Substring($0)) }
        let toml = reader.toml
        func at(_ key: String, _ message: String) { reader.problem(key, message) }
        func string(_ key: String) -> String? { reader.string(key) }
        // Keys of [[shock]] tables are numbered (shock.1.kind); a [shock] table's are not.
        func inShockTable(_ key: String) -> Bool {
            let parts = key.split(separator: ".")
            return parts.count >= 3 && parts[0] == "shock" && Int(parts[1]) != nil
        }
        for key in toml.values.keys.sorted() where !inShockTable(key) && !["name", "description"].contains(key) {
            at(key, "unknown setting '\(key)'; a scenario has name, description and [[shock]] tables (two brackets: one table per shock)")
        }
        var spec = ScenarioSpec(name: string("name") ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
                                description: string("description"), shocks: [], text: text, file: file)
        for n in 1...max(1, toml.count(of: "shock")) where toml.count(of: "shock") > 0 {
            if let shock = Self.shock(n, &reader, context: context) { spec.shocks.append(shock) }
        }
        try reader.finish(inFileOrder: true)
        return spec
    }

    /// The `n`-th `[[shock]]` table: its kind, name, region, sector, ISCO codes and shares;
    /// problems go to `reader`, and a shock whose kind is missing or unknown is not read further.
    static func shock(_ n: Int, _ reader: inout TOMLSettings, context: Context) -> ScenarioShock? {
        let toml = reader.toml
        func at(_ key: String, _ message: String) { reader.problem(key, message) }
        func string(_ key: String) -> String? { reader.string(key) }
        let t = "shock.\(n)"
        let header = t
        guard let kindText = string("\(t).kind") else {
            if toml.values["\(t).kind"] == nil { at(header, "shock \(n) has no kind; kinds are " + ScenarioShock.Kind.allCases.map(\.rawValue).joined(separator: ", ")) }
            return nil
        }
        guard let kind = ScenarioShock.Kind(rawValue: kindText) else {
            at("\(t).kind", "unknown kind '\(kindText)'; kinds are " + ScenarioShock.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        var shock = ScenarioShock(kind: kind, label: string("\(t).name") ?? "shock \(n): \(kind.rawValue)")
        let allowed = common + settings[kind]!
        let amountKey = ["jobs", "arrivals", "graduates"].first { allowed.contains($0) }
        for key in toml.keys(in: t) {
            let top = String(key.split(separator: ".").first!)
            if !allowed.contains(top) || (key.contains(".") && top != amountKey) {
                at("\(t).\(key)", "'\(top)' is not a setting of \(kind.rawValue); it takes " + settings[kind]!.joined(separator: ", "))
            }
        }
        // Region: one of the outlook's, or none (every region).
        if let r = string("\(t).region") {
            if context.regions.contains(r) { shock.region = r } else {
                at("\(t).region", "unknown region '\(r)'; the outlook's regions are " + context.regions.joined(separator: ", "))
            }
        }
        // Sector: one of the staffing matrix's.
        if allowed.contains("sector"), let s = string("\(t).sector") {
            if let staffing = context.staffing {
                if staffing.sectors.contains(s) {
                    shock.sector = s
                    if let r = shock.region, staffing.staffing(region: r, sector: s, year: staffing.baseYear) == nil {
                        at("\(t).sector", "sector \(s) has no employment in \(r) in the staffing table (\(staffing.file))")
                    }
                } else {
                    at("\(t).sector", "unknown sector '\(s)'; the staffing table (\(staffing.file)) has " + staffing.sectors.joined(separator: ", "))
                }
            } else {
                at("\(t).sector", "a sector needs a staffing table: set inputs.staffing in the outlook's configuration, or give the panel a sector column")
            }
        }
        // ISCO codes: unit groups of the panel or their aggregates; optional shares.
        if allowed.contains("isco"), let v = toml.values["\(t).isco"] {
            var codes: [String] = []
            switch v {
            case .string(let s): codes = [s]
            case .strings(let list): codes = list
            default: at("\(t).isco", "isco must be a \"code\" or a list of codes")
            }
            for c in codes {
                if !context.occupations.contains(where: { $0.hasPrefix(c) }) || c.isEmpty {
                    at("\(t).isco", "ISCO code '\(c)' is not in the outlook (not a unit group of the panel nor a group above them)")
                }
            }
            if Set(codes).count != codes.count { at("\(t).isco", "an ISCO code is listed twice") }
            shock.isco = codes
        }
        if let v = toml.values["\(t).shares"] {
            if case .numbers(let xs) = v, xs.count == shock.isco.count, xs.allSatisfy({ $0.isFinite && $0 >= 0 }) {
                let sum = xs.reduce(0, +)
                if abs(sum - 1) > 1e-6 { at("\(t).shares", "shares must sum to 1 (they sum to \(sum))") } else { shock.shares = xs }
            } else {
                at("\(t).shares", "shares must be a list of \(shock.isco.count) numbers ≥ 0, one per ISCO code, summing to 1")
            }
        }
        amountsAndRules(of: &shock, n, kind: kind, amountKey: amountKey, &reader, context: context)
        return shock
    }

    /// The shock's amounts by year and what its kind requires (a sector, ISCO codes, a
    /// multiplier, a growth rate).
    static func amountsAndRules(of shock: inout ScenarioShock, _ n: Int, kind: ScenarioShock.Kind, amountKey: String?,
                                _ reader: inout TOMLSettings, context: Context) {
        let toml = reader.toml
        func at(_ key: String, _ message: String) { reader.problem(key, message) }
        let t = "shock.\(n)", header = t
        let years = context.years
        let yearRange = "\(years.first ?? 0)–\(years.last ?? 0)"
        // Amounts by year.
        if let key = amountKey {
            let years = toml.keys(in: "\(t).\(key)")
            if years.isEmpty {
                at(toml.values["\(t).\(key)"] == nil && toml.positions["\(t).\(key)"] == nil ? header : "\(t).\(key)",
                   "\(kind.rawValue) needs \(key) = { year = number, … } with years in the horizon \(yearRange)")
            }
            for y in years {
                let full = "\(t).\(key).\(y)"
                guard let year = Int(y), context.years.contains(year) else {
                    at(full, "year \(y) is outside the outlook's horizon \(yearRange)"); continue
                }
                guard case .number(let x) = toml.values[full]!, x.isFinite, abs(x) <= 1e9 else {
                    at(full, "\(key) in \(y) must be a number of persons (at most 1e9 in size)"); continue
                }
                if kind != .sectorJobs && kind != .occupationJobs && x < 0 {
                    at(full, "\(key) cannot be negative (\(x)): arrivals and graduates are counts"); continue
                }
                shock.amounts[year] = x
            }
        }
        switch kind {
        case .sectorJobs, .sectorGrowth:
            if shock.sector == nil && toml.values["\(t).sector"] == nil { at(header, "\(kind.rawValue) needs sector = \"…\"") }
        case .occupationJobs, .trainingPlaces:
            if shock.isco.isEmpty && toml.values["\(t).isco"] == nil { at(header, "\(kind.rawValue) needs isco = \"code\" or a list") }
        case .returnees, .immigrants:
            if toml.values["\(t).sector"] != nil && toml.values["\(t).isco"] != nil {
                at("\(t).isco", "give sector or isco, not both")
            }
        case .demography:
            for cause in ExitComponent.allCases {
                guard let v = toml.values["\(t).\(cause.rawValue)"] else { continue }
                if case .number(let x) = v, x.isFinite, x >= 0, x <= 10 { shock.exitMultiplier[cause] = x } else {
                    at("\(t).\(cause.rawValue)", "\(cause.rawValue) is a multiplier of the exit rate, a number in 0…10")
                }
            }
            if toml.keys(in: t).allSatisfy({ common.contains($0) }) {
                at(header, "demography needs at least one multiplier: " + ExitComponent.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        if kind == .sectorGrowth {
            if case .number(let x)? = toml.values["\(t).percent"], x.isFinite, x > -100, x <= 100 { shock.percent = x } else {
                at(toml.values["\(t).percent"] == nil ? header : "\(t).percent", "sector_growth needs percent = a number above −100 and at most 100 (points a year)")
            }
            if let v = toml.values["\(t).from"] {
                if case .number(let x) = v, let y = Int(exactly: x), context.years.contains(y) { shock.from = y } else {
                    at("\(t).from", "from must be a year in the horizon \(yearRange)")
                }
            }
        }
    }
}
