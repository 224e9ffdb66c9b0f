import Foundation
import LabourData

/// A CSV table of an outlook bundle read by column name (shortages, forecasts, accuracy): the
/// workspace reads what `mizan outlook` wrote, whatever columns a version added.
struct BundleTable: Sendable {
    let header: [String]
    let rows: [[String]]

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    static func read(_ url: URL) throws(InputError) -> BundleTable {
        let data = try InputFile.contents(of: url)
        let parsed: Result<BundleTable, InputError> = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var sc = CSVScanner(bytes: bytes, dialect: CSVDialect.detect(bytes))
            var fields: [CSVField] = []
            var header: [String] = [], rows: [[String]] = []
            do {
                guard try sc.nextRecord(into: &fields) else { return .success(BundleTable(header: [], rows: [])) }
                header = fields.map { sc.string($0) ?? "" }
                while try sc.nextRecord(into: &fields) {
                    guard fields.count == header.count else {
                        return .failure(InputError(Diagnostic(file: url.path, line: fields[0].line, column: 1,
                                                              message: "\(fields.count) fields where the header has \(header.count)")))
                    }
                    rows.append(fields.map { sc.string($0) ?? "" })
                }
            } catch let error as CSVSyntaxError {
                return .failure(InputError(Diagnostic(file: url.path, line: error.line, column: error.column, message: error.message)))
            } catch {
                return .failure(InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "\(error)")))
            }
            return .success(BundleTable(header: header, rows: rows))
        }
        return try parsed.get()
    }
}
