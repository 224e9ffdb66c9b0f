import Foundation

/// The countries Mizan knows by name: each one's subdivisions (codes, French and Arabic names,
/// the other names accepted in files, profiles, configurations and `--region`).
///
/// A country is a data file, `code,name_fr,name_ar,other_names` (other names separated by `|`),
/// named by its ISO 3166-1 code: `Datasets/countries/MA.csv`. Morocco and Tunisia ship built in
/// (`CountryTable+Builtin.swift`, generated from their files by `scripts/make_countries.py`);
/// any other country is a file in the folder named by the environment variable
/// `MIZAN_COUNTRIES` — no Swift to change (Datasets/countries/README.md).
public struct CountryTable: Sendable {
    /// One subdivision of a country.
    public struct Subdivision: Sendable, Hashable {
        public let code: String
        public let nameFR: String
        public let nameAR: String
        public let otherNames: [String]
    }

    public struct Country: Sendable {
        /// ISO 3166-1 alpha-2, e.g. "MA".
        public let code: String
        public let subdivisions: [Subdivision]
    }

    public let countries: [Country]

    public init(_ countries: [Country]) { self.countries = countries }

    /// Every subdivision, countries in order.
    public var subdivisions: [Subdivision] { countries.flatMap(\.subdivisions) }

    /// The variable naming a folder of further country files.
    public static let environmentVariable = "MIZAN_COUNTRIES"

    /// The table every reader uses: the built-in countries and those of `MIZAN_COUNTRIES`
    /// (a file there replaces a built-in country of the same code). A folder that cannot be read
    /// leaves the built-in table and is reported by `activeProblem` (the CLI checks it first).
    public static let active: CountryTable = activeLoad.table
    /// Why the `MIZAN_COUNTRIES` files could not be used, with file, line and column.
    public static var activeProblem: InputError? { activeLoad.problem }

    private static let activeLoad: (table: CountryTable, problem: InputError?) = {
        guard let folder = ProcessInfo.processInfo.environment[environmentVariable], !folder.isEmpty else { return (builtin, nil) }
        do throws(InputError) {
            let extra = try read(folder: URL(fileURLWithPath: folder))
            let replaced = Set(extra.map(\.code))
            return (CountryTable(builtin.countries.filter { !replaced.contains($0.code) } + extra), nil)
        } catch {
            return (builtin, error)
        }
    }()

    /// Every `XX.csv` of a folder (or one such file), in name order.
    public static func read(folder url: URL) throws(InputError) -> [Country] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "\(environmentVariable): no such file or folder"))
        }
        guard isFolder.boolValue else { return [try read(contentsOf: url)] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
        guard !names.isEmpty else {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "\(environmentVariable): the folder has no country file (XX.csv)"))
        }
        var out: [Country] = []
        for name in names { out.append(try read(contentsOf: url.appendingPathComponent(name))) }
        return out
    }

    /// One country file; the country's code is the file's name (`SN.csv` → SN).
    public static func read(contentsOf url: URL) throws(InputError) -> Country {
        let country = url.deletingPathExtension().lastPathComponent.uppercased()
        guard country.utf8.count == 2, country.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0,
                                        message: "a country file is named by its ISO 3166-1 code, e.g. SN.csv"))
        }
        let t = try TextTable.read(contentsOf: url, required: ["code", "name_fr", "name_ar", "other_names"])
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        var subdivisions: [Subdivision] = []
        for i in t.rows.indices {
            let code = t.rows[i][t.index("code")].uppercased()
            if !code.hasPrefix(country + "-") || !Regions.isWellFormed(code) {
                problems.append(t.problem(i, "code", "code '\(code)' is not a subdivision of \(country) (\(country)-…, letters, digits, - _ .)"))
                continue
            }
            if !seen.insert(code).inserted { problems.append(t.problem(i, "code", "\(code) is listed twice")); continue }
            let name = t.rows[i][t.index("name_fr")]
            if name.isEmpty { problems.append(t.problem(i, "name_fr", "\(code) has no name")); continue }
            let others = t.rows[i][t.index("other_names")].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            subdivisions.append(Subdivision(code: code, nameFR: name, nameAR: t.rows[i][t.index("name_ar")], otherNames: others))
        }
        if subdivisions.isEmpty && problems.isEmpty { problems.append(Diagnostic(file: url.path, line: 1, column: 1, message: "the file lists no subdivision")) }
        if !problems.isEmpty { throw InputError(diagnostics: problems) }
        return Country(code: country, subdivisions: subdivisions)
    }
}
