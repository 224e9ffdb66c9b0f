import Foundation

/// Selected numeric columns of any CSV, read with the same dialect detection and diagnostics as
/// panels. Every selected cell must be a number.
public struct NumericTable: Sendable {
    public let names: [String]
    public let columns: [[Double]]
    public var rowCount: Int { columns.first?.count ?? 0 }

    public static func read(contentsOf url: URL, columns wanted: [String], maxDiagnostics: Int = 50) throws(InputError) -> NumericTable {
        let table = try TextTable.read(contentsOf: url, required: wanted, lowercaseHeader: false)
        var cols = [[Double]](repeating: [], count: wanted.count)
        var problems: [Diagnostic] = []
        for i in table.rows.indices {
            for (j, name) in wanted.enumerated() {
                do { cols[j].append(try table.number(i, name)) } catch {
                    if problems.count < maxDiagnostics { problems.append(contentsOf: error.diagnostics) }
                }
            }
        }
        if !problems.isEmpty { throw InputError(diagnostics: problems) }
        return NumericTable(names: wanted, columns: cols)
    }
}
