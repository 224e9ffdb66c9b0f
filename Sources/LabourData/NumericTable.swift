import Foundation

/// Selected numeric columns of any CSV, read with the same dialect detection and diagnostics as
/// panels. Every selected cell must be a number.
public struct NumericTable: Sendable {
    public let names: [String]
    public let columns: [[Double]]
    public var rowCount: Int { columns.first?.count ?? 0 }

    public static func read(contentsOf url: URL, columns wanted: [String], maxDiagnostics: Int = 50) throws(InputError) -> NumericTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "cannot read the file (\(error.localizedDescription))"))
        }
        let file = url.path
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<NumericTable, InputError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = CSVScanner(bytes: bytes, dialect: .detect(bytes))
            var fields: [CSVField] = []
            var diags: [Diagnostic] = []
            func report(_ l: Int, _ c: Int, _ m: String) {
                if diags.count < maxDiagnostics { diags.append(Diagnostic(file: file, line: l, column: c, message: m)) }
            }
            do {
                guard try scanner.nextRecord(into: &fields) else {
                    return .failure(InputError(Diagnostic(file: file, line: 1, column: 1, message: "the file is empty")))
                }
                let header = fields.map { scanner.string($0)?.trimmingCharacters(in: .whitespaces) ?? "" }
                var index: [Int] = []
                for name in wanted {
                    if let k = header.firstIndex(of: name) { index.append(k) } else {
                        report(1, 1, "no column '\(name)' (columns: \(header.joined(separator: ", ")))")
                    }
                }
                if !diags.isEmpty { return .failure(InputError(diagnostics: diags)) }
                var cols = [[Double]](repeating: [], count: wanted.count)
                while try scanner.nextRecord(into: &fields) {
                    if fields.count != header.count {
                        report(fields[0].line, fields[0].column, "expected \(header.count) fields, found \(fields.count)")
                        continue
                    }
                    for (j, k) in index.enumerated() {
                        let f = fields[k]
                        if let v = scanner.double(f) { cols[j].append(v) } else {
                            report(f.line, f.column, "\(wanted[j]) '\(scanner.excerpt(f))' is not a number")
                        }
                    }
                }
                if !diags.isEmpty { return .failure(InputError(diagnostics: diags)) }
                return .success(NumericTable(names: wanted, columns: cols))
            } catch {
                if let e = error as? CSVSyntaxError { report(e.line, e.column, e.message) }
                return .failure(InputError(diagnostics: diags))
            }
        }
        return try result.get()
    }
}
