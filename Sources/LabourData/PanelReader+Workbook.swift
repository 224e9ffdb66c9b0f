import Foundation

extension PanelParser {
    /// A large workbook panel read without the CSV hand-off: each stretch of the sheet becomes
    /// CSV and then panel rows on the core that parsed it (`XLSXReader.convertInStretches`), so
    /// the sheet's CSV is never joined, copied or scanned for line breaks again.
    ///
    /// The general path (`WorkbookInput.read`) stays the one that explains problems: this one
    /// returns nil when it does not apply or when any row has something to report, and the
    /// caller reads the workbook that way, with every problem put back on its cell.
    static func readWorkbookInStretches(_ url: URL, options: PanelReadOptions) throws(InputError) -> Panel? {
        let reader = try XLSXReader(url: url)
        let fileName = url.path
        var header: PanelHeader?
        let chunks = try reader.convertInStretches(sheet: options.sheet) { headerCSV -> (@Sendable (UnsafeBufferPointer<UInt8>) -> PanelChunk)? in
            // The header row alone, read as the general path reads the first line of its CSV.
            let parsed = headerCSV.withUnsafeBufferPointer { b -> (PanelHeader, CSVDialect)? in
                let dialect = CSVDialect.detect(b)
                var scanner = CSVScanner(bytes: b, dialect: dialect)
                guard case .success(let h) = parseHeader(&scanner, fileName: fileName, options: options) else { return nil }
                var rest: [CSVField] = []
                guard (try? scanner.nextRecord(into: &rest)) == false else { return nil }
                return (h, dialect)
            }
            guard let (h, dialect) = parsed else { return nil }
            header = h
            return { csv in
                var scanner = CSVScanner(bytes: csv, dialect: dialect, line: 1)
                return parseRows(&scanner, header: h, fileName: fileName, options: options)
            }
        }
        guard var chunks, let header, chunks.allSatisfy({ $0.diagnostics.isEmpty }) else { return nil }
        // Line numbers only name duplicates, and a duplicate sends the read down the general path.
        var offset = 1
        for k in chunks.indices {
            chunks[k].shiftLines(by: offset)
            offset += chunks[k].endLine - 1
        }
        return try? merge(chunks, header: header, fileName: fileName, options: options).get()
    }
}
