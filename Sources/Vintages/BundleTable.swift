import Foundation
import LabourData

/// A CSV table of an outlook bundle read by column name (the bundle is Mizan's own output, so a
/// missing column is an error in the bundle, reported with the file).
struct BundleTable {
    let header: [String]
    let rows: [[String]]

    init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw VintageError("\(url.path): cannot read the file")
        }
        var records: [[String]] = []
        var fields: [CSVField] = []
        try [UInt8](data).withUnsafeBufferPointer { (bytes: UnsafeBufferPointer<UInt8>) throws -> Void in
            var scanner = CSVScanner(bytes: bytes, dialect: CSVDialect.detect(bytes))
            do {
                while try scanner.nextRecord(into: &fields) {
                    records.append(fields.map { scanner.string($0) ?? "" })
                }
            } catch let error as CSVSyntaxError {
                throw VintageError("\(url.path):\(error.line):\(error.column): \(error.message)")
            }
        }
        guard let first = records.first else { throw VintageError("\(url.path): empty table") }
        header = first
        rows = Array(records.dropFirst())
    }

    func column(_ name: String, in url: URL) throws -> Int {
        guard let i = header.firstIndex(of: name) else { throw VintageError("\(url.path): no column '\(name)'") }
        return i
    }
}

public struct VintageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
