import ArgumentParser
import Foundation
import LabourData

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check panel files and summarise them.",
        discussion: """
        A panel is a CSV with one row per year, region and ISCO-08 code, and measures as columns:
          year,region,isco,employment,jobseekers,vacancies,median_wage,graduates,returnees,immigrants
        (any subset of the measures; _female/_male splits; employment_15_24 … employment_65_plus). Separators ',' or ';', decimal point or comma, UTF-8 with or without BOM: a French Excel export reads as is. An empty cell is a missing value.

        Every problem is printed as file:line:column: message, all in one pass; the exit code is then 65. Example:
          mizan validate Datasets/morocco/panel.csv
        """
    )

    @Argument(help: "Panel CSV files to check.")
    var files: [String]

    @Flag(help: "Skip columns Mizan does not know instead of rejecting them.")
    var ignoreUnknownColumns = false

    @OptionGroup var columnNames: ColumnsOption

    func run() throws {
        var failed = false
        var missing = false
        for file in files {
            var options = try columnNames.readOptions()
            options.ignoreUnknownColumns = ignoreUnknownColumns
            do {
                let panel = try PanelReader.read(contentsOf: URL(fileURLWithPath: file), options: options)
                print("\(file): ok")
                print(PanelSummary(panel).text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            } catch {
                printDiagnostics(error)
                if error.isUnreadable { missing = true } else { failed = true }
            }
        }
        if failed { throw MizanExit.dataError }
        if missing { throw MizanExit.noInput }
    }
}
