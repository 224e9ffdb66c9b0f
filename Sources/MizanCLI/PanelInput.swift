import ArgumentParser
import Foundation
import LabourData

/// `--columns map.toml`: the planner's own column names, for every command that reads a panel.
struct ColumnsOption: ParsableArguments {
    @Option(help: ArgumentHelp("A TOML file naming your own columns: [columns] then \"your name\" = \"employment\". French and English names (année, région, code_isco, emploi, demandeurs, offres, …) need no map.",
                               valueName: "map.toml"))
    var columns: String?

    @Option(help: ArgumentHelp("The sheet of an .xlsx panel to read (default: the first).", valueName: "name"))
    var sheet: String?

    /// The reader's options with the map loaded, or exit 65/66 with its problems.
    func readOptions() throws -> PanelReadOptions {
        var o = PanelReadOptions()
        o.sheet = sheet
        if let columns {
            o.columnNames = try dataStep(columns) { try ColumnMap.load(URL(fileURLWithPath: columns)) }
        }
        return o
    }
}

/// A `--region` value as a planner types it — a code or a name, French or English — resolved to
/// its code, or a usage error (64) with the closest regions.
func resolveRegion(_ raw: String?, option: String = "--region") throws -> String? {
    guard let raw else { return nil }
    switch RegionNames.resolve(raw) {
    case .code(let code): return code
    case .unknown(let suggestions): throw ValidationError("\(option): " + RegionNames.unknownMessage(raw, suggestions: suggestions))
    }
}

/// `--lang fr|en|ar`, one type for every command (ArgumentParser refuses anything else, listing the
/// values). Arabic: shortage reasons in Arabic, every other text in French.
extension Language: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
