import Foundation
import MizanSupport

/// What the panel reader accepts.
public struct PanelReadOptions: Sendable {
    /// Stop listing problems after this many (they are usually the same mistake repeated).
    public var maxDiagnostics = 50
    public var years: ClosedRange<Int> = 1950...2100
    /// ISCO codes must exist in this taxonomy (nil: only their shape is checked).
    public var taxonomy: ISCO08? = .standard
    /// Unknown columns are errors unless this is set (then they are skipped).
    public var ignoreUnknownColumns = false
    /// The sheet of an .xlsx panel (nil: the first).
    public var sheet: String?
    /// The user's own column names (folded, see `ColumnNames.fold`) → Mizan's names.
    public var columnNames: [String: String] = [:]
    /// Parse files of at least this many bytes in parallel chunks, one per core (only files
    /// without quotes: a quoted field may hold a newline). `Int.max` turns it off.
    public var parallelMinimumBytes = 4 << 20
    public init() {}
}

/// Reads and validates a panel CSV in one pass over its bytes.
///
/// Every problem is collected as `file:line:column: message` (up to `maxDiagnostics`) and the
/// whole read fails if there is any: a panel with a bad cell is never half-used.
public enum PanelReader {
    public static func read(contentsOf url: URL, options: PanelReadOptions = .init()) throws(InputError) -> Panel {
        // A sheet named for a file that has none: the user meant another file, or a workbook.
        if let sheet = options.sheet, !WorkbookInput.isWorkbook(url) {
            throw InputError(Diagnostic(file: url.path, line: 1, column: 1,
                                        message: "--sheet '\(sheet.prefix(40))' is for .xlsx workbooks; this file is read as CSV and has no sheets"))
        }
        if WorkbookInput.isWorkbook(url) {
            // A large sheet straight into panel rows on every core; otherwise (or when a cell
            // has a problem) the sheet read as the CSV it holds, problems put back on cells.
            if let panel = try PanelParser.readWorkbookInStretches(url, options: options) { return panel }
            return try WorkbookInput.read(url, sheet: options.sheet) { (csv: Data) throws(InputError) -> Panel in
                try read(data: csv, fileName: url.path, options: options)
            }
        }
        if let head = try? FileHandle(forReadingFrom: url).read(upToCount: 4096), SectorPanel.hasSectorColumn(head) {
            return try SectorPanel.read(data: try InputFile.contents(of: url), fileName: url.path, options: options)
        }
        // The file's bytes are dropped before the chunks are merged, so they and the finished
        // columns are never in memory together.
        let parsed = try InputFile.contents(of: url).withUnsafeBytes { raw in
            PanelParser.parse(raw.bindMemory(to: UInt8.self), fileName: url.path, options: options)
        }
        let (header, chunks) = try parsed.get()
        return try PanelParser.merge(chunks, header: header, fileName: url.path, options: options).get()
    }

    public static func read(data: Data, fileName: String, options: PanelReadOptions = .init()) throws(InputError) -> Panel {
        if SectorPanel.hasSectorColumn(data) { return try SectorPanel.read(data: data, fileName: fileName, options: options) }
        let parsed = data.withUnsafeBytes { raw in
            PanelParser.parse(raw.bindMemory(to: UInt8.self), fileName: fileName, options: options)
        }
        let (header, chunks) = try parsed.get()
        return try PanelParser.merge(chunks, header: header, fileName: fileName, options: options).get()
    }

    public static func read(text: String, fileName: String = "<input>", options: PanelReadOptions = .init()) throws(InputError) -> Panel {
        try read(data: Data(text.utf8), fileName: fileName, options: options)
    }
}

/// The header: which column is which.
struct PanelHeader: Sendable {
    var columnCount: Int
    var yearColumn: Int, regionColumn: Int, iscoColumn: Int
    var measureNames: [String]
    /// For each column, the measure it holds or -1.
    var measureOfColumn: [Int]
    var isCount: [Bool]
    var labelMeasure: Int
}

/// What one chunk of rows parsed into; codes are local to the chunk until merged.
struct PanelChunk: Sendable {
    var regionNames: [String] = []
    var iscoNames: [String] = []
    let regionIndex: GrowableBuffer<Int32>
    let occupationIndex: GrowableBuffer<Int32>
    let years: GrowableBuffer<Int32>
    let lines: GrowableBuffer<Int32>
    /// One buffer per measure (NaN = empty cell).
    let columns: [GrowableBuffer<Double>]
    var diagnostics: [Diagnostic] = []
    var truncated = false
    /// The scanner's line number after the last record (1 + line breaks consumed).
    var endLine = 1

    init(measureCount: Int, estimatedRows: Int) {
        regionIndex = GrowableBuffer(capacity: estimatedRows)
        occupationIndex = GrowableBuffer(capacity: estimatedRows)
        years = GrowableBuffer(capacity: estimatedRows)
        lines = GrowableBuffer(capacity: estimatedRows)
        columns = (0..<measureCount).map { _ in GrowableBuffer(capacity: estimatedRows) }
    }

    var rowCount: Int { years.count }

    mutating func shiftLines(by offset: Int) {
        if offset == 0 { return }
        let o = Int32(offset)
        for i in 0..<lines.count { lines.base[i] += o }
        for k in diagnostics.indices { diagnostics[k].line += offset }
    }
}

enum PanelParser {
    /// Header and row chunks (the bytes are needed only here).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, options: PanelReadOptions) -> Result<(PanelHeader, [PanelChunk]), InputError> {
        let dialect = CSVDialect.detect(bytes)
        var scanner = CSVScanner(bytes: bytes, dialect: dialect)
        let header: PanelHeader
        switch parseHeader(&scanner, fileName: fileName, options: options) {
        case .success(let h): header = h
        case .failure(let e): return .failure(e)
        }
        let bodyStart = scanner.position
        let bodyLine = scanner.line

        // Split the body at line ends into one chunk per core when it is large and has no quotes
        // (a quoted field could hold a newline, so a split point could fall inside a record).
        var ranges: [(start: Int, end: Int)] = [(bodyStart, bytes.count)]
        let cores = availableCores
        if cores > 1 && bytes.count - bodyStart >= max(1, options.parallelMinimumBytes)
            && memchr(bytes.baseAddress! + bodyStart, Int32(UInt8(ascii: "\"")), bytes.count - bodyStart) == nil {
            ranges = []
            var start = bodyStart
            for k in 1...cores {
                var end = k == cores ? bytes.count : bodyStart + (bytes.count - bodyStart) * k / cores
                while end < bytes.count && bytes[end - 1] != UInt8(ascii: "\n") { end += 1 }
                if end <= start { continue }
                ranges.append((start, end))
                start = end
            }
        }
        let base = UnsafeSendablePointer(bytes.baseAddress!)
        let chunkRanges = ranges
        // Each chunk counts lines from 1; they are shifted to file lines once all are done, so no
        // pass is spent counting line breaks up front.
        var chunks = parallelMap(chunkRanges.count) { k in
            let r = chunkRanges[k]
            let slice = UnsafeBufferPointer(start: base.pointer + r.start, count: r.end - r.start)
            var chunkScanner = CSVScanner(bytes: slice, dialect: dialect, line: 1)
            return parseRows(&chunkScanner, header: header, fileName: fileName, options: options)
        }
        var offset = bodyLine - 1
        for k in chunks.indices {
            chunks[k].shiftLines(by: offset)
            offset += chunks[k].endLine - 1
        }
        return .success((header, chunks))
    }

    static func parseHeader(_ scanner: inout CSVScanner, fileName: String, options: PanelReadOptions) -> Result<PanelHeader, InputError> {
        var fields: [CSVField] = []
        var diagnostics: [Diagnostic] = []
        func report(_ line: Int, _ column: Int, _ message: String) {
            diagnostics.append(Diagnostic(file: fileName, line: line, column: column, message: message))
        }
        let hasHeader: Bool
        do { hasHeader = try scanner.nextRecord(into: &fields) } catch {
            return .failure(InputError(Diagnostic(file: fileName, line: error.line, column: error.column, message: error.message)))
        }
        guard hasHeader else {
            return .failure(InputError(Diagnostic(file: fileName, line: 1, column: 1,
                                                  message: "the file is empty: expected a header with year,region,isco and measures")))
        }
        var yearCol = -1, regionCol = -1, iscoCol = -1
        var measureNames: [String] = []
        var measureOfColumn = [Int](repeating: -1, count: fields.count)
        var seen: [String: Int] = [:]
        for (k, f) in fields.enumerated() {
            guard let raw = scanner.string(f) else { report(f.line, scanner.characterColumn(f), "header is not valid UTF-8"); continue }
            let given = raw.trimmingCharacters(in: .whitespaces)
            // French or English, any case and accents (ColumnNames), or the user's own map.
            guard let name = ColumnNames.canonical(given, extra: options.columnNames) else {
                if !options.ignoreUnknownColumns {
                    let near = ColumnNames.suggestions(given)
                    report(f.line, scanner.characterColumn(f), "unknown column '\(given)'" + (near.isEmpty ? "" : "; closest known: \(near.joined(separator: ", "))")
                           + "; columns are year, region, isco and \(PanelSchema.baseMeasures.joined(separator: ", ")) (with _female/_male, employment_15_24 … employment_65_plus, in_shortage), in English or French (année, région, code_isco, emploi, demandeurs, offres, …), or named in a --columns map")
                }
                continue
            }
            if let prev = seen[name] {
                report(f.line, scanner.characterColumn(f), "column '\(given)'" + (ColumnNames.fold(given) == name ? "" : " (\(name))") + " appears twice (also column \(prev + 1))"); continue
            }
            seen[name] = k
            switch name {
            case "year": yearCol = k
            case "region": regionCol = k
            case "isco": iscoCol = k
            default:
                measureOfColumn[k] = measureNames.count
                measureNames.append(name)
            }
        }
        let missingKeys = [("year", yearCol), ("region", regionCol), ("isco", iscoCol)].filter { $0.1 < 0 }.map(\.0)
        if !missingKeys.isEmpty {
            report(1, 1, "header lacks \(missingKeys.map { "'\($0)'" }.joined(separator: ", ")) (found: \(fields.compactMap { scanner.string($0) }.joined(separator: ",")))")
        }
        if measureNames.isEmpty && missingKeys.isEmpty {
            report(1, 1, "header has no measure column (e.g. employment)")
        }
        if !diagnostics.isEmpty {
            return .failure(InputError(diagnostics: Array(diagnostics.prefix(options.maxDiagnostics)),
                                       truncated: diagnostics.count > options.maxDiagnostics))
        }
        return .success(PanelHeader(
            columnCount: fields.count, yearColumn: yearCol, regionColumn: regionCol, iscoColumn: iscoCol,
            measureNames: measureNames, measureOfColumn: measureOfColumn,
            isCount: measureNames.map(PanelSchema.isCount),
            labelMeasure: measureNames.firstIndex(of: PanelSchema.shortageLabel) ?? -1))
    }

    /// Parses and checks every row the scanner has left. The hot loop: no `String` is made unless
    /// a region code changes or a problem is reported.
    static func parseRows(_ scanner: inout CSVScanner, header: PanelHeader, fileName: String, options: PanelReadOptions) -> PanelChunk {
        let estimate = 16 + scanner.bytes.count / max(4, 2 * header.columnCount)
        var out = PanelChunk(measureCount: header.measureNames.count, estimatedRows: estimate)
        // Problems go to their own value, not through a closure capturing `out`: a captured
        // variable would be boxed on the heap and slow every access in the loop.
        var sink = DiagnosticSink(fileName: fileName, limit: options.maxDiagnostics)
        let columnCount = header.columnCount
        let measureCount = header.measureNames.count
        let yearCol = header.yearColumn, regionCol = header.regionColumn, iscoCol = header.iscoColumn
        // (The chunk's buffers are over-reserved: untouched pages are never faulted in; growing is not.)

        var fields: [CSVField] = []
        fields.reserveCapacity(columnCount + 4)
        var rowValues = [Double](repeating: .nan, count: measureCount)
        // The chunk's buffers as locals, and the measure columns as unretained references: read
        // out of an array, each column would be retained and released around every append, a
        // fifth of a read's time. `out` holds them all until the loop is over.
        let regionIndex = out.regionIndex, occupationIndex = out.occupationIndex, years = out.years, lines = out.lines
        let columns = out.columns.map { Unmanaged.passUnretained($0) }
        var regionLookup: [String: Int32] = [:]
        var lastRegion: (start: Int, end: Int, index: Int32) = (0, 0, -1)
        // ISCO codes are 1–4 digits: key = length · 10⁴ + value indexes a flat table, no hashing.
        var iscoTable = [Int32](repeating: -1, count: 50_000)
        let bytes = scanner.bytes
        let decimalComma = scanner.dialect.decimalComma
        let measureOfColumn = header.measureOfColumn

        while true {
            let more: Bool
            do { more = try scanner.nextRecord(into: &fields) } catch {
                sink.report(error.line, error.column, error.message)
                break
            }
            if !more { break }
            let line = fields[0].line
            if fields.count != columnCount {
                // Point at the first extra field, or at the last one present when fields are missing.
                let f = fields[min(fields.count - 1, columnCount)]
                sink.report(line, f.column, "expected \(columnCount) fields as in the header, found \(fields.count)"
                       + (scanner.dialect.separator == UInt8(ascii: ",") && fields.count > columnCount ? " (a decimal comma in a comma-separated file? use ';' as separator)" : ""))
                continue
            }
            var rowOK = true

            let yf = fields[yearCol]
            var year: Int32 = 0
            if let y = scanner.integer(yf) {
                if options.years.contains(y) { year = Int32(y) } else {
                    sink.report(yf.line, scanner.characterColumn(yf), "year \(y) is out of range \(options.years.lowerBound)–\(options.years.upperBound)")
                    rowOK = false
                }
            } else {
                sink.report(yf.line, scanner.characterColumn(yf), scanner.isBlank(yf) ? "year is empty" : "year '\(scanner.excerpt(yf))' is not a whole number")
                rowOK = false
            }

            // Region: consecutive rows usually share it, so compare bytes with the last one first.
            let rf = fields[regionCol]
            let (rs, re) = scanner.trimmed(rf)
            var region: Int32 = -1
            if lastRegion.index >= 0 && re - rs == lastRegion.end - lastRegion.start
                && memcmp(bytes.baseAddress! + rs, bytes.baseAddress! + lastRegion.start, re - rs) == 0 {
                region = lastRegion.index
            } else if rs < re, let raw = scanner.string(rf)?.trimmingCharacters(in: .whitespaces) {
                // Codes or names, French or English (RegionNames); unknown ones refused.
                switch RegionNames.resolve(raw) {
                case .code(let code):
                    if let idx = regionLookup[code] { region = idx } else {
                        region = Int32(out.regionNames.count)
                        out.regionNames.append(code)
                        regionLookup[code] = region
                    }
                    lastRegion = (rs, re, region)
                case .unknown(let suggestions):
                    sink.report(rf.line, scanner.characterColumn(rf), RegionNames.unknownMessage(raw, suggestions: suggestions))
                    rowOK = false
                }
            } else {
                sink.report(rf.line, scanner.characterColumn(rf), rs == re ? "region is empty" : "region '\(scanner.excerpt(rf))' is not valid UTF-8")
                rowOK = false
            }

            let cf = fields[iscoCol]
            var (cs, ce) = scanner.trimmed(cf)
            // "7212 - Soudeurs et oxycoupeurs", "7212: Welders": the code is the leading digits.
            if ce - cs > 4 {
                var k = cs
                while k < ce && k - cs < 5 && bytes[k] &- 48 <= 9 { k += 1 }
                if k > cs && k - cs <= 4 && k < ce && [32, 45, 58, 0xE2, 9].contains(bytes[k]) { ce = k }
            }
            var occupation: Int32 = -1
            var iscoKey = 0
            var wellFormed = ce - cs >= 1 && ce - cs <= 4
            if wellFormed {
                var v = 0
                for k in cs..<ce {
                    let d = bytes[k] &- 48
                    if d > 9 { wellFormed = false; break }
                    v = v * 10 + Int(d)
                }
                iscoKey = (ce - cs) * 10_000 + v
            }
            if !wellFormed {
                sink.report(cf.line, scanner.characterColumn(cf), cs == ce ? "isco is empty" : "isco '\(scanner.excerpt(cf))' is not an ISCO-08 code (1 to 4 digits)")
                rowOK = false
            } else if iscoTable[iscoKey] >= 0 {
                occupation = iscoTable[iscoKey]
            } else {
                let code = String(decoding: UnsafeBufferPointer(rebasing: bytes[cs..<ce]), as: UTF8.self)
                if let tax = options.taxonomy, !tax.contains(code) {
                    sink.report(cf.line, scanner.characterColumn(cf), "isco '\(code)' is not in ISCO-08")
                    rowOK = false
                } else {
                    occupation = Int32(out.iscoNames.count)
                    out.iscoNames.append(code)
                    iscoTable[iscoKey] = occupation
                }
            }

            for c in 0..<columnCount {
                let m = measureOfColumn[c]
                if m < 0 { continue }
                let f = fields[c]
                var v = Double.nan
                let (fs, fe) = scanner.trimmed(f)
                if fs != fe {
                    if let x = DecimalParser.parse(bytes, fs, fe, decimalComma: decimalComma) {
                        if x < 0 {
                            sink.report(f.line, scanner.characterColumn(f), "\(header.measureNames[m]) is negative (\(scanner.excerpt(f)))" + (header.isCount[m] ? "; counts cannot be" : ""))
                            rowOK = false
                        } else if m == header.labelMeasure && x != 0 && x != 1 {
                            sink.report(f.line, scanner.characterColumn(f), "\(PanelSchema.shortageLabel) must be 0 or 1, found \(scanner.excerpt(f))")
                            rowOK = false
                        }
                        v = x
                    } else {
                        let text = scanner.excerpt(f)
                        let hint = ["nan", "na", "n/a", "null", "-", "..", "inf", "-inf"].contains(text.lowercased())
                            ? " (leave the cell empty for a missing value)" : ""
                        sink.report(f.line, scanner.characterColumn(f), "\(header.measureNames[m]) '\(text)' is not a number\(hint)")
                        rowOK = false
                    }
                }
                rowValues[m] = v
            }
            if !rowOK { continue }
            regionIndex.append(region)
            occupationIndex.append(occupation)
            years.append(year)
            lines.append(Int32(clamping: line))
            for m in 0..<measureCount { columns[m]._withUnsafeGuaranteedRef { $0.append(rowValues[m]) } }
        }
        out.endLine = scanner.line
        out.diagnostics = sink.diagnostics
        out.truncated = sink.truncated
        return out
    }

    /// Joins chunks: unions the codes, sorts rows canonically, finds duplicate keys, makes
    /// columns, releasing each chunk buffer as soon as it has been copied.
    static func merge(_ chunks: [PanelChunk], header: PanelHeader, fileName: String, options: PanelReadOptions) -> Result<Panel, InputError> {
        let diagnostics = chunks.flatMap(\.diagnostics)
        if !diagnostics.isEmpty {
            return .failure(InputError(diagnostics: Array(diagnostics.prefix(options.maxDiagnostics)),
                                       truncated: chunks.contains { $0.truncated } || diagnostics.count > options.maxDiagnostics))
        }
        let n = chunks.reduce(0) { $0 + $1.rowCount }
        if n == 0 {
            return .failure(InputError(Diagnostic(file: fileName, line: 1, column: 1, message: "the file has a header but no data rows")))
        }
        let regions = Array(Set(chunks.flatMap(\.regionNames))).sorted()
        let occupations = Array(Set(chunks.flatMap(\.iscoNames))).sorted()
        let regionRank = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1, Int32($0)) })
        let occRank = Dictionary(uniqueKeysWithValues: occupations.enumerated().map { ($1, Int32($0)) })

        var regionIndex = [Int32](), occIndex = [Int32](), years = [Int32](), lines = [Int32]()
        regionIndex.reserveCapacity(n); occIndex.reserveCapacity(n); years.reserveCapacity(n); lines.reserveCapacity(n)
        for chunk in chunks {
            let rmap = chunk.regionNames.map { regionRank[$0]! }
            let omap = chunk.iscoNames.map { occRank[$0]! }
            for r in chunk.regionIndex.buffer { regionIndex.append(rmap[Int(r)]) }
            for o in chunk.occupationIndex.buffer { occIndex.append(omap[Int(o)]) }
            years.append(contentsOf: chunk.years.buffer)
            lines.append(contentsOf: chunk.lines.buffer)
            chunk.regionIndex.release(); chunk.occupationIndex.release(); chunk.years.release(); chunk.lines.release()
        }
        let yearBase = Int64(options.years.lowerBound)
        @inline(__always) func key(_ i: Int) -> UInt64 {
            UInt64(regionIndex[i]) << 40 | UInt64(occIndex[i]) << 16 | UInt64(Int64(years[i]) - yearBase)
        }
        var sorted = true
        for i in 1..<n where key(i) <= key(i - 1) { sorted = false; break }
        // Strictly increasing keys: already canonical and free of duplicates.
        var order: [Int] = []
        if !sorted {
            let keys = (0..<n).map(key)
            order = Array(0..<n)
            order.sort { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            var dups: [Diagnostic] = []
            for k in 1..<n where keys[order[k]] == keys[order[k - 1]] {
                let i = order[k], j = order[k - 1]
                let (later, earlier) = lines[i] > lines[j] ? (i, j) : (j, i)
                dups.append(Diagnostic(file: fileName, line: Int(lines[later]), column: 1,
                                       message: "duplicate row for year \(years[later]), region \(regions[Int(regionIndex[later])]), isco \(occupations[Int(occIndex[later])]) (first at line \(lines[earlier]))"))
            }
            if !dups.isEmpty {
                dups.sort { $0.line < $1.line }
                return .failure(InputError(diagnostics: Array(dups.prefix(options.maxDiagnostics)), truncated: dups.count > options.maxDiagnostics))
            }
        }
        lines = []

        let measureCount = header.measureNames.count
        var columns = [[Double]](repeating: [], count: measureCount)
        for m in 0..<measureCount {
            if sorted {
                columns[m] = [Double](unsafeUninitializedCapacity: n) { col, initialized in
                    var at = 0
                    for chunk in chunks {
                        let src = chunk.columns[m].buffer
                        _ = UnsafeMutableBufferPointer(rebasing: col[at..<(at + src.count)]).initialize(from: src)
                        at += src.count
                    }
                    initialized = n
                }
            } else {
                var flat = [Double]()
                flat.reserveCapacity(n)
                for chunk in chunks { flat.append(contentsOf: chunk.columns[m].buffer) }
                columns[m] = order.map { flat[$0] }
            }
            for chunk in chunks { chunk.columns[m].release() }
        }
        return .success(Panel(
            measures: header.measureNames, regions: regions, occupations: occupations,
            regionIndex: sorted ? regionIndex : order.map { regionIndex[$0] },
            occupationIndex: sorted ? occIndex : order.map { occIndex[$0] },
            years: sorted ? years : order.map { years[$0] }, values: columns))
    }
}

/// A base pointer handed to worker threads that only read through it.
public struct UnsafeSendablePointer: @unchecked Sendable {
    public let pointer: UnsafePointer<UInt8>
    public init(_ p: UnsafePointer<UInt8>) { pointer = p }
}

/// Collects problems up to a cap.
struct DiagnosticSink {
    let fileName: String
    let limit: Int
    var diagnostics: [Diagnostic] = []
    var truncated = false

    init(fileName: String, limit: Int) {
        self.fileName = fileName
        self.limit = limit
    }

    mutating func report(_ line: Int, _ column: Int, _ message: String) {
        if diagnostics.count < limit {
            diagnostics.append(Diagnostic(file: fileName, line: line, column: column, message: message))
        } else {
            truncated = true
        }
    }
}
