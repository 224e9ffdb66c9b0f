import Foundation

/// What the panel reader accepts.
public struct PanelReadOptions: Sendable {
    /// Stop listing problems after this many (they are usually the same mistake repeated).
    public var maxDiagnostics = 50
    public var years: ClosedRange<Int> = 1950...2100
    /// ISCO codes must exist in this taxonomy (nil: only their shape is checked).
    public var taxonomy: ISCO08? = .standard
    /// Unknown columns are errors unless this is set (then they are skipped).
    public var ignoreUnknownColumns = false
    public init() {}
}

/// Reads and validates a panel CSV in one pass over its bytes.
///
/// Every problem is collected as `file:line:column: message` (up to `maxDiagnostics`) and the
/// whole read fails if there is any: a panel with a bad cell is never half-used.
public enum PanelReader {
    public static func read(contentsOf url: URL, options: PanelReadOptions = .init()) throws(InputError) -> Panel {
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0,
                                        message: "cannot read the file (\(error.localizedDescription))"))
        }
        return try read(data: data, fileName: url.path, options: options)
    }

    public static func read(data: Data, fileName: String, options: PanelReadOptions = .init()) throws(InputError) -> Panel {
        let result: Result<Panel, InputError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var parser = PanelParser(bytes: bytes, fileName: fileName, options: options)
            return parser.run()
        }
        return try result.get()
    }

    public static func read(text: String, fileName: String = "<input>", options: PanelReadOptions = .init()) throws(InputError) -> Panel {
        try read(data: Data(text.utf8), fileName: fileName, options: options)
    }
}

/// The state of one read. Kept apart from `PanelReader` so the hot loop sees only locals.
struct PanelParser {
    let fileName: String
    let options: PanelReadOptions
    var scanner: CSVScanner
    var diagnostics: [Diagnostic] = []
    var truncated = false

    init(bytes: UnsafeBufferPointer<UInt8>, fileName: String, options: PanelReadOptions) {
        self.fileName = fileName
        self.options = options
        scanner = CSVScanner(bytes: bytes, dialect: CSVDialect.detect(bytes))
    }

    mutating func report(_ line: Int, _ column: Int, _ message: String) {
        if diagnostics.count < options.maxDiagnostics {
            diagnostics.append(Diagnostic(file: fileName, line: line, column: column, message: message))
        } else {
            truncated = true
        }
    }

    mutating func run() -> Result<Panel, InputError> {
        var fields: [CSVField] = []
        fields.reserveCapacity(32)

        // Header.
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
        var measureCols: [Int] = []
        var seen: [String: Int] = [:]
        for (k, f) in fields.enumerated() {
            guard let raw = scanner.string(f) else { report(f.line, f.column, "header is not valid UTF-8"); continue }
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if let prev = seen[name] { report(f.line, f.column, "column '\(name)' appears twice (also column \(prev + 1))"); continue }
            seen[name] = k
            switch name {
            case "year": yearCol = k
            case "region": regionCol = k
            case "isco": iscoCol = k
            default:
                if PanelSchema.knownMeasures.contains(name) {
                    measureNames.append(name); measureCols.append(k)
                } else if !options.ignoreUnknownColumns {
                    report(f.line, f.column, "unknown column '\(name)'; measures are \(PanelSchema.baseMeasures.joined(separator: ", ")) (with _female/_male, employment_15_24 … employment_65_plus, in_shortage)")
                }
            }
        }
        let missingKeys = [("year", yearCol), ("region", regionCol), ("isco", iscoCol)].filter { $0.1 < 0 }.map(\.0)
        if !missingKeys.isEmpty {
            report(1, 1, "header lacks \(missingKeys.map { "'\($0)'" }.joined(separator: ", ")) (found: \(fields.compactMap { scanner.string($0) }.joined(separator: ",")))")
        }
        if measureCols.isEmpty && missingKeys.isEmpty {
            report(1, 1, "header has no measure column (e.g. employment)")
        }
        if !diagnostics.isEmpty { return .failure(InputError(diagnostics: diagnostics, truncated: truncated)) }

        let columnCount = fields.count
        let measureCount = measureCols.count
        // Which column holds which measure (or -1); a flat table avoids a dictionary per cell.
        var measureOfColumn = [Int](repeating: -1, count: columnCount)
        for (m, c) in measureCols.enumerated() { measureOfColumn[c] = m }
        let isCount = measureNames.map(PanelSchema.isCount)
        let labelMeasure = measureNames.firstIndex(of: PanelSchema.shortageLabel) ?? -1

        var regionIdx: [Int32] = [], occIdx: [Int32] = [], yearValues: [Int32] = []
        var values = [[Double]](repeating: [], count: measureCount)
        let estimate = max(16, scanner.bytes.count / max(8, 10 * columnCount))
        regionIdx.reserveCapacity(estimate); occIdx.reserveCapacity(estimate); yearValues.reserveCapacity(estimate)
        for m in 0..<measureCount { values[m].reserveCapacity(estimate) }
        var rowLines: [Int32] = []
        rowLines.reserveCapacity(estimate)

        var regionNames: [String] = []
        var regionLookup: [String: Int32] = [:]
        var lastRegion: (start: Int, end: Int, index: Int32) = (0, 0, -1)
        // ISCO codes are 1–4 digits: key = length · 10⁴ + value indexes a flat table, no hashing.
        var iscoTable = [Int32](repeating: -1, count: 50_000)
        var iscoNames: [String] = []

        let bytes = scanner.bytes
        while true {
            let more: Bool
            do { more = try scanner.nextRecord(into: &fields) } catch {
                report(error.line, error.column, error.message)
                break
            }
            if !more { break }
            let line = fields[0].line
            if fields.count != columnCount {
                // Point at the first extra field, or at the last one present when fields are missing.
                let f = fields[min(fields.count - 1, columnCount)]
                report(line, f.column, "expected \(columnCount) fields as in the header, found \(fields.count)"
                       + (scanner.dialect.separator == UInt8(ascii: ",") && fields.count > columnCount ? " (a decimal comma in a comma-separated file? use ';' as separator)" : ""))
                continue
            }
            var rowOK = true

            // year
            let yf = fields[yearCol]
            var year: Int32 = 0
            if let y = scanner.integer(yf) {
                if options.years.contains(y) { year = Int32(y) } else {
                    report(yf.line, yf.column, "year \(y) is out of range \(options.years.lowerBound)–\(options.years.upperBound)")
                    rowOK = false
                }
            } else {
                report(yf.line, yf.column, scanner.isBlank(yf) ? "year is empty" : "year '\(scanner.excerpt(yf))' is not a whole number")
                rowOK = false
            }

            // region (cached: consecutive rows usually share it)
            let rf = fields[regionCol]
            let (rs, re) = scanner.trimmed(rf)
            var region: Int32 = -1
            if lastRegion.index >= 0 && re - rs == lastRegion.end - lastRegion.start
                && memcmp(bytes.baseAddress! + rs, bytes.baseAddress! + lastRegion.start, re - rs) == 0 {
                region = lastRegion.index
            } else if let name = scanner.string(rf)?.trimmingCharacters(in: .whitespaces), Regions.isWellFormed(name) {
                if let idx = regionLookup[name] { region = idx } else {
                    region = Int32(regionNames.count)
                    regionNames.append(name)
                    regionLookup[name] = region
                }
                lastRegion = (rs, re, region)
            } else {
                report(rf.line, rf.column, rs == re ? "region is empty"
                       : "region '\(scanner.excerpt(rf))' is not a code (letters, digits, '-', e.g. MA-04)")
                rowOK = false
            }

            // isco
            let cf = fields[iscoCol]
            let (cs, ce) = scanner.trimmed(cf)
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
                report(cf.line, cf.column, cs == ce ? "isco is empty" : "isco '\(scanner.excerpt(cf))' is not an ISCO-08 code (1 to 4 digits)")
                rowOK = false
            } else if iscoTable[iscoKey] >= 0 {
                occupation = iscoTable[iscoKey]
            } else {
                let code = String(decoding: UnsafeBufferPointer(rebasing: bytes[cs..<ce]), as: UTF8.self)
                if let tax = options.taxonomy, !tax.contains(code) {
                    report(cf.line, cf.column, "isco '\(code)' is not in ISCO-08")
                    rowOK = false
                } else {
                    occupation = Int32(iscoNames.count)
                    iscoNames.append(code)
                    iscoTable[iscoKey] = occupation
                }
            }

            // measures
            for c in 0..<columnCount {
                let m = measureOfColumn[c]
                if m < 0 { continue }
                let f = fields[c]
                var v = Double.nan
                if !scanner.isBlank(f) {
                    if let x = scanner.double(f) {
                        if x < 0 && isCount[m] {
                            report(f.line, f.column, "\(measureNames[m]) is negative (\(scanner.excerpt(f))); counts cannot be")
                            rowOK = false
                        } else if x < 0 {
                            report(f.line, f.column, "\(measureNames[m]) is negative (\(scanner.excerpt(f)))")
                            rowOK = false
                        } else if m == labelMeasure && x != 0 && x != 1 {
                            report(f.line, f.column, "\(PanelSchema.shortageLabel) must be 0 or 1, found \(scanner.excerpt(f))")
                            rowOK = false
                        }
                        v = x
                    } else {
                        let text = scanner.excerpt(f)
                        let lower = text.lowercased()
                        let hint = ["nan", "na", "n/a", "null", "-", "..", "inf", "-inf"].contains(lower)
                            ? " (leave the cell empty for a missing value)" : ""
                        report(f.line, f.column, "\(measureNames[m]) '\(text)' is not a number\(hint)")
                        rowOK = false
                    }
                }
                if rowOK { values[m].append(v) }
            }
            if !rowOK {
                // Keep columns aligned: drop what this row appended.
                for m in 0..<measureCount where values[m].count > regionIdx.count { values[m].removeLast() }
                continue
            }
            regionIdx.append(region); occIdx.append(occupation); yearValues.append(year)
            rowLines.append(Int32(clamping: line))
        }

        if rowLines.isEmpty && diagnostics.isEmpty {
            report(1, 1, "the file has a header but no data rows")
        }
        if !diagnostics.isEmpty { return .failure(InputError(diagnostics: diagnostics, truncated: truncated)) }

        // Sort codes, remap, and order rows by (region, isco, year) for a canonical panel.
        let regionOrder = regionNames.indices.sorted { regionNames[$0] < regionNames[$1] }
        var regionRank = [Int32](repeating: 0, count: regionNames.count)
        for (rank, old) in regionOrder.enumerated() { regionRank[old] = Int32(rank) }
        let occOrder = iscoNames.indices.sorted { iscoNames[$0] < iscoNames[$1] }
        var occRank = [Int32](repeating: 0, count: iscoNames.count)
        for (rank, old) in occOrder.enumerated() { occRank[old] = Int32(rank) }

        let n = regionIdx.count
        let yearBase = Int64(options.years.lowerBound)
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            keys[i] = UInt64(regionRank[Int(regionIdx[i])]) << 40 | UInt64(occRank[Int(occIdx[i])]) << 16
                | UInt64(Int64(yearValues[i]) - yearBase)
        }
        var order = Array(0..<n)
        var sorted = true
        for i in 1..<max(1, n) where keys[i] < keys[i - 1] { sorted = false; break }
        if !sorted { order.sort { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) } }

        // Duplicate keys are adjacent after sorting.
        for k in 1..<max(1, n) where keys[order[k]] == keys[order[k - 1]] {
            let i = order[k], j = order[k - 1]
            let (later, earlier) = rowLines[i] > rowLines[j] ? (i, j) : (j, i)
            report(Int(rowLines[later]), 1,
                   "duplicate row for year \(yearValues[later]), region \(regionNames[Int(regionIdx[later])]), isco \(iscoNames[Int(occIdx[later])]) (first at line \(rowLines[earlier]))")
        }
        if !diagnostics.isEmpty { return .failure(InputError(diagnostics: diagnostics, truncated: truncated)) }

        let outRegion = order.map { regionRank[Int(regionIdx[$0])] }
        let outOcc = order.map { occRank[Int(occIdx[$0])] }
        let outYears = order.map { yearValues[$0] }
        let outValues = sorted ? values : values.map { col in order.map { col[$0] } }
        return .success(Panel(
            measures: measureNames,
            regions: regionOrder.map { regionNames[$0] },
            occupations: occOrder.map { iscoNames[$0] },
            regionIndex: outRegion, occupationIndex: outOcc, years: outYears, values: outValues))
    }
}
