import Foundation

/// A planner's own column names, for headers no alias covers: a TOML file with a `[columns]`
/// table mapping each of their names to Mizan's (`mizan … --columns map.toml`):
///
///     [columns]
///     "Effectif salarié" = "employment"
///     "Inscrits ANAPEC" = "jobseekers"
public enum ColumnMap {
    public static func load(_ url: URL) throws(InputError) -> [String: String] {
        try parse(InputFile.text(of: url), file: url.path)
    }

    public static func parse(_ text: String, file: String = "<columns>") throws(InputError) -> [String: String] {
        let toml = try SimpleTOML(text: text, file: file)
        var map: [String: String] = [:]
        var problems: [Diagnostic] = []
        for key in toml.values.keys.sorted() {
            guard key.hasPrefix("columns.") else {
                problems.append(toml.diagnostic(key, "'\(key)' is not in a [columns] table"))
                continue
            }
            let theirs = String(key.dropFirst("columns.".count))
            guard case .string(let ours)? = toml.values[key] else {
                problems.append(toml.diagnostic(key, "'\(theirs)' must map to a column name in quotes, e.g. \"employment\""))
                continue
            }
            guard let canonical = ColumnNames.canonical(ours) else {
                let near = ColumnNames.suggestions(ours)
                problems.append(toml.diagnostic(key, "'\(ours)' is not a column Mizan knows" + (near.isEmpty ? "" : "; closest: \(near.joined(separator: ", "))")))
                continue
            }
            map[ColumnNames.fold(theirs)] = canonical
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems, truncated: false) }
        // A map that maps nothing was meant to (an empty or truncated file): say so rather than
        // read the panel as if no map had been given.
        if map.isEmpty {
            throw InputError(Diagnostic(file: file, line: 1, column: 1,
                                        message: "the map names no column: write [columns] then \"your name\" = \"employment\""))
        }
        return map
    }
}
