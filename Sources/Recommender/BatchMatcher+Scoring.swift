import Foundation
import LabourData
import MizanSupport

/// Scoring blocks of profiles through the inverted index, and the top-N table.
extension BatchMatcher {
    public struct Result: Sendable {
        public var profileIDs: [String]
        public var n: Int
        /// Profile i's top occupations and scores, best first, at [i·n ..< (i+1)·n].
        public var occupations: [Int32]
        public var scores: [Float]
        /// Line ends in the bytes read (to place a later block's errors on their file line).
        var lineEnds = 0
        public func top(_ i: Int) -> [(occupation: Int, score: Float)] {
            (0..<n).map { (Int(occupations[i * n + $0]), scores[i * n + $0]) }
        }
    }

    /// Reads `profile_id,skill,level` (rows of a profile contiguous) and keeps the top N of each.
    public func match(profiles url: URL, top n: Int) throws(InputError) -> Result {
        // Mapped, not copied: 100 MB of profiles need not pass through a second buffer.
        let data = try InputFile.contents(of: url, mapped: true)
        let file = url.path
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Swift.Result<Result, InputError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            let dialect = CSVDialect.detect(bytes)
            switch Self.headerEnd(bytes, dialect: dialect, file: file) {
            case .failure(let e): return .failure(e)
            case .success(let body): return score(bytes, from: body, dialect: dialect, top: n, file: file)
            }
        }
        return try result.get()
    }

    static func headerEnd(_ bytes: UnsafeBufferPointer<UInt8>, dialect: CSVDialect, file: String) -> Swift.Result<Int, InputError> {
        var header = CSVScanner(bytes: bytes, dialect: dialect)
        var fields: [CSVField] = []
        guard (try? header.nextRecord(into: &fields)) == true, fields.count == 3,
              header.string(fields[0]) == "profile_id", header.string(fields[1]) == "skill" else {
            return .failure(InputError(Diagnostic(file: file, line: 1, column: 1, message: "header must be profile_id,skill,level")))
        }
        return .success(header.position)
    }

    /// Parses and scores the profiles in `bytes[body...]`.
    func score(_ bytes: UnsafeBufferPointer<UInt8>, from body: Int, dialect: CSVDialect, top n: Int, file: String) -> Swift.Result<Result, InputError> {
        let runs = Self.runs(bytes, from: body, parts: availableCores)
        let base = UnsafeSendableBytes(bytes.baseAddress!)
        let results = parallelMap(runs.count) { c in
            scoreRun(UnsafeBufferPointer(start: base.pointer + runs[c].0, count: runs[c].1 - runs[c].0), dialect: dialect, top: n, file: file)
        }
        var out = Result(profileIDs: [], n: n, occupations: [], scores: [])
        for (c, r) in results.enumerated() {
            switch r {
            case .failure(let e): return .failure(Self.located(e, in: bytes, runStart: runs[c].0, firstLine: 1))
            case .success(let part):
                out.profileIDs += part.profileIDs; out.occupations += part.occupations; out.scores += part.scores
            }
        }
        return .success(out)
    }

    /// Scores `bytes[body...]` and formats the CSV of each run in the same parallel task (one
    /// pass over the cores per block, where parsing, scoring and writing took three), into
    /// buffers taken from `pool`. Returns the parts in order and the number of profiles; on
    /// failure every buffer is back in the pool.
    /// `firstLine` is the file line `bytes` starts on; the result counts the line ends read.
    func scoreToCSV(_ bytes: UnsafeBufferPointer<UInt8>, from body: Int, dialect: CSVDialect, top n: Int, file: String,
                    header: Bool, firstLine: Int, pool: OutputBuffers)
        -> Swift.Result<(parts: [OutputBuffers.Buffer], profiles: Int, lineEnds: Int), InputError> {
        let runs = Self.runs(bytes, from: body, parts: availableCores)
        let base = UnsafeSendableBytes(bytes.baseAddress!)
        let names = encodedNames
        let results = parallelMap(runs.count) { c -> Swift.Result<(OutputBuffers.Buffer, Int, Int), InputError> in
            scoreRun(UnsafeBufferPointer(start: base.pointer + runs[c].0, count: runs[c].1 - runs[c].0), dialect: dialect, top: n, file: file)
                .map { r in
                    let range = 0..<r.profileIDs.count, withHeader = header && c == 0
                    var buffer = pool.take(capacity: Self.csvRoom(r, names: names, header: withHeader, range: range))
                    buffer.count = Self.formatCSV(r, names: names, decimals: 6, header: withHeader, range: range, into: buffer.base)
                    return (buffer, r.profileIDs.count, r.lineEnds)
                }
        }
        var parts: [OutputBuffers.Buffer] = [], profiles = 0, failure: InputError?
        var lineEnds = Self.lineEnds(UnsafeBufferPointer(rebasing: bytes[0..<(runs.first?.0 ?? body)]))
        for (c, r) in results.enumerated() {
            switch r {
            case .failure(let e):
                if failure == nil { failure = Self.located(e, in: bytes, runStart: runs[c].0, firstLine: firstLine) }
            case .success(let (part, count, ends)): parts.append(part); profiles += count; lineEnds += ends
            }
        }
        if let failure {
            parts.forEach(pool.give)
            return .failure(failure)
        }
        return .success((parts, profiles, lineEnds))
    }

    /// Line ends (LF) in `bytes`.
    static func lineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes where b == 10 { n += 1 }
        return n
    }

    /// An error of the run starting at `bytes[runStart]`, whose lines count from 1 at the run's
    /// start, placed on its line of the file (`bytes` starts on line `firstLine`). Counting the
    /// lines before it costs a pass over the block, paid only on failure.
    static func located(_ error: InputError, in bytes: UnsafeBufferPointer<UInt8>, runStart: Int, firstLine: Int) -> InputError {
        let before = lineEnds(UnsafeBufferPointer(rebasing: bytes[0..<runStart]))
        var error = error
        for k in error.diagnostics.indices where error.diagnostics[k].line > 0 {
            error.diagnostics[k].line += firstLine - 1 + before
        }
        return error
    }

    /// Byte ranges of `bytes[body...]` cut after a line end where the next line starts another
    /// profile, about `parts` of them.
    static func runs(_ bytes: UnsafeBufferPointer<UInt8>, from body: Int, parts: Int) -> [(Int, Int)] {
        var cuts = [body]
        for k in 1..<max(1, parts) {
            var i = body + (bytes.count - body) * k / parts
            while i < bytes.count && bytes[i - 1] != 10 { i += 1 }
            // Move on while the next line continues the previous line's profile.
            func idEnd(_ from: Int) -> Int { var j = from; while j < bytes.count && bytes[j] != UInt8(ascii: ",") && bytes[j] != 10 { j += 1 }; return j }
            while i < bytes.count {
                var prev = i - 1
                while prev > body && bytes[prev - 1] != 10 { prev -= 1 }
                let a0 = prev, a1 = idEnd(prev), b0 = i, b1 = idEnd(i)
                if a1 - a0 != b1 - b0 || !ByteInterner.sameBytes(bytes.baseAddress! + a0, bytes.baseAddress! + b0, a1 - a0) { break }
                while i < bytes.count && bytes[i] != 10 { i += 1 }
                i += 1
            }
            if i > cuts.last! && i < bytes.count { cuts.append(i) }
        }
        cuts.append(bytes.count)
        return (0..<(cuts.count - 1)).map { (cuts[$0], cuts[$0 + 1]) }
    }

    /// The largest skill level read: a profile's norm Σ level² is kept in Float, and a level whose
    /// square overflowed made every score NaN (a crash when written; a silent 0 once the top N
    /// ignored NaN). Proficiency levels are small numbers; this bound only refuses nonsense. It
    /// bounds occupation weights too (`load`): an occupation's norm Σ weight² overflowing made
    /// its weights 0 after normalising.
    static let largestLevel = 1e9

    /// Profiles parsed from one run of whole profiles: ids, the start of each one's rows, and the
    /// rows' skill columns (−1: no occupation lists it) and levels.
    struct ParsedRun {
        var ids: [String] = [], starts: [Int] = [], cols: [Int32] = [], levels: [Float] = []
        /// Byte range of the last profile id seen.
        var last = (-1, -1)
        /// Line ends in the run.
        var lineEnds = 0

        /// Starts a new profile when the row's id, `slice[ps..<pe]`, differs from the last one.
        @inline(__always)
        mutating func noteID(_ slice: UnsafeBufferPointer<UInt8>, _ ps: Int, _ pe: Int) {
            guard pe - ps != last.1 - last.0 || !ByteInterner.sameBytes(slice.baseAddress! + ps, slice.baseAddress! + last.0, pe - ps) else { return }
            ids.append(String(decoding: UnsafeBufferPointer(rebasing: slice[ps..<pe]), as: UTF8.self))
            starts.append(cols.count)
            last = (ps, pe)
        }
    }

    /// The fast reading of a run: plain lines `id<sep>skill<sep>level` with no quotes or carriage
    /// returns, fields trimmed of blanks as the scanner trims them. Nil when any line is not
    /// plain; the scanner then reads the run.
    func parsePlain(_ slice: UnsafeBufferPointer<UInt8>, dialect: CSVDialect) -> ParsedRun? {
        let interner = skills.interner
        let sep = dialect.separator, count = slice.count
        var run = ParsedRun()
        var lineEnds = 0
        // The skills are looked up after the lines are read, in a loop of their own: each lookup
        // waits on the cache for its slot and key, and short independent iterations let those
        // waits overlap where the line scanning between them kept them apart.
        var skillFields: [Int32] = []
        skillFields.reserveCapacity(count / 40)
        var i = 0
        @inline(__always) func trim(_ s: inout Int, _ e: inout Int) {
            while s < e && (slice[s] == 0x20 || slice[s] == 0x09) { s += 1 }
            while e > s && (slice[e - 1] == 0x20 || slice[e - 1] == 0x09) { e -= 1 }
        }
        while i < count {
            var f = (i, 0, 0, 0, 0)  // line start, first and second separator, line end
            var seps = 0, j = i
            while j < count {
                let b = slice[j]
                if b == 10 { break }
                if b == UInt8(ascii: "\"") || b == 13 { return nil }
                if b == sep { seps += 1; if seps == 1 { f.1 = j } else if seps == 2 { f.2 = j } }
                j += 1
            }
            guard seps == 2 else { return nil }
            f.3 = j
            var (ps, pe) = (i, f.1), (ss, se) = (f.1 + 1, f.2), (ls, le) = (f.2 + 1, f.3)
            trim(&ps, &pe); trim(&ss, &se); trim(&ls, &le)
            run.noteID(slice, ps, pe)
            run.cols.append(-1)  // looked up below (a profile's start is its first row's index here)
            skillFields.append(Int32(truncatingIfNeeded: ss)); skillFields.append(Int32(truncatingIfNeeded: se))
            guard let level = DecimalParser.parse(slice, ls, le, decimalComma: dialect.decimalComma),
                  abs(level) <= Self.largestLevel else { return nil }  // the scanner reports it
            run.levels.append(Float(level))
            if j < count { lineEnds += 1 }
            i = j + 1
        }
        run.lineEnds = lineEnds
        guard count < Int(Int32.max) else { return nil }  // offsets kept in 32 bits; the scanner reads larger runs
        skillFields.withUnsafeBufferPointer { f in
            run.cols.withUnsafeMutableBufferPointer { cols in
                for r in 0..<cols.count {
                    cols[r] = Int32(interner.lookup(slice, Int(f[2 * r]), Int(f[2 * r + 1])) ?? -1)
                }
            }
        }
        return run
    }

    /// A run read by the CSV scanner (quoted fields and every other case the fast reading leaves).
    /// An error's line counts from 1 at the run's start (`located` places it in the file).
    func parseScanned(_ slice: UnsafeBufferPointer<UInt8>, dialect: CSVDialect, file: String) -> Swift.Result<ParsedRun, InputError> {
        let interner = skills.interner
        var scanner = CSVScanner(bytes: slice, dialect: dialect, line: 1)
        var fields: [CSVField] = []
        var run = ParsedRun()
        do {
            while try scanner.nextRecord(into: &fields) {
                guard fields.count == 3 else {
                    let last = fields[min(fields.count, 4) - 1]
                    return .failure(InputError(Diagnostic(file: file, line: fields[0].line, column: last.column,
                                                          message: "a row has \(fields.count) fields where profile_id,skill,level has 3")))
                }
                let (ps, pe) = scanner.trimmed(fields[0])
                run.noteID(slice, ps, pe)
                let (ss, se) = scanner.trimmed(fields[1])
                // Skills no occupation lists count in the profile's norm only.
                run.cols.append(Int32(interner.lookup(slice, ss, se) ?? -1))
                guard let level = scanner.double(fields[2]) else {
                    return .failure(InputError(Diagnostic(file: file, line: fields[2].line, column: fields[2].column,
                                                          message: "level '\(scanner.excerpt(fields[2]))' is not a number")))
                }
                guard abs(level) <= Self.largestLevel else {
                    return .failure(InputError(Diagnostic(file: file, line: fields[2].line, column: fields[2].column,
                                                          message: "level '\(scanner.excerpt(fields[2]))' is outside ±1e9")))
                }
                run.levels.append(Float(level))
            }
        } catch {
            return .failure(InputError(Diagnostic(file: file, line: error.line, column: error.column, message: error.message)))
        }
        run.lineEnds = Self.lineEnds(slice)
        return .success(run)
    }

    /// One run of whole profiles parsed and scored: each profile's top n.
    func scoreRun(_ slice: UnsafeBufferPointer<UInt8>, dialect: CSVDialect, top n: Int, file: String) -> Swift.Result<Result, InputError> {
        let parsed: ParsedRun
        if let plain = parsePlain(slice, dialect: dialect) { parsed = plain } else {
            switch parseScanned(slice, dialect: dialect, file: file) {
            case .failure(let e): return .failure(e)
            case .success(let run): parsed = run
            }
        }
        let skillCount = postingStart.count - 1
        let k = occupationNames.count
        let profiles = parsed.ids.count
        var starts = parsed.starts
        starts.append(parsed.cols.count)
        let cols = parsed.cols, levels = parsed.levels
        var outOcc = [Int32](repeating: 0, count: profiles * n)
        var outScore = [Float](repeating: 0, count: profiles * n)
        // The score row, the occupations it touched (each once: `mark` holds the profile that
        // last touched it) and the running top n, all used through pointers: this loop is the
        // whole product, ~10⁸ multiply-adds for 100,000 profiles.
        var acc = [Float](repeating: 0, count: k)
        var mark = [Int32](repeating: -1, count: k)
        var touched = [Int32](repeating: 0, count: k + 1)
        var bestOcc = [Int](repeating: 0, count: n + 1), bestScore = [Float](repeating: 0, count: n + 1)
        acc.withUnsafeMutableBufferPointer { acc in
        mark.withUnsafeMutableBufferPointer { mark in
        touched.withUnsafeMutableBufferPointer { touched in
        bestOcc.withUnsafeMutableBufferPointer { bestOcc in
        bestScore.withUnsafeMutableBufferPointer { bestScore in
        postingStart.withUnsafeBufferPointer { pStart in
        postingOccupation.withUnsafeBufferPointer { pOcc in
        postingWeight.withUnsafeBufferPointer { pWeight in
        outOcc.withUnsafeMutableBufferPointer { outOcc in
        outScore.withUnsafeMutableBufferPointer { outScore in
            for p in 0..<profiles {
                let stamp = Int32(truncatingIfNeeded: p)
                var norm: Float = 0
                var touchedCount = 0
                for r in starts[p]..<starts[p + 1] {
                    let l = levels[r]
                    norm += l * l
                    let col = Int(cols[r])
                    guard col >= 0 && col < skillCount else { continue }
                    for j in pStart[col]..<pStart[col + 1] {
                        let o = Int(pOcc[j])
                        // Branch-free: whether o is new to this profile is a coin toss the
                        // predictor loses; write it always and advance only when it was new.
                        touched[touchedCount] = pOcc[j]
                        touchedCount &+= mark[o] != stamp ? 1 : 0
                        mark[o] = stamp
                        acc[o] += l * pWeight[j]
                    }
                }
                let inv = norm > 0 ? 1 / norm.squareRoot() : 0
                // Top n by (score desc, occupation asc); untouched occupations score 0.
                // The n-th best so far in locals: read from the arrays, it was reloaded after
                // every store to `acc` (the pointers may alias), and most candidates lose to it.
                var count = 0
                var floorScore = -Float.infinity, floorOcc = Int.max
                for t in 0..<touchedCount {
                    let o = Int(touched[t]), s = acc[o] * inv
                    acc[o] = 0
                    if s > floorScore || (s == floorScore && o < floorOcc) {
                        var i = count
                        while i > 0 && (bestScore[i - 1] < s || (bestScore[i - 1] == s && bestOcc[i - 1] > o)) {
                            bestOcc[i] = bestOcc[i - 1]; bestScore[i] = bestScore[i - 1]; i -= 1
                        }
                        bestOcc[i] = o; bestScore[i] = s
                        if count < n { count += 1 }
                        if count == n && n > 0 { floorScore = bestScore[n - 1]; floorOcc = bestOcc[n - 1] }
                    }
                }
                if count < n {
                    var o = 0
                    while count < n && o < k {
                        if mark[o] != stamp { bestOcc[count] = o; bestScore[count] = 0; count += 1 }
                        o += 1
                    }
                }
                for r in 0..<count { outOcc[p * n + r] = Int32(bestOcc[r]); outScore[p * n + r] = bestScore[r] }
            }
        } } } } } } } } } }
        return .success(Result(profileIDs: parsed.ids, n: n, occupations: outOcc, scores: outScore, lineEnds: parsed.lineEnds))
    }

    /// Occupation names as CSV fields in one arena, name o at `bytes[ends[o] ..< ends[o + 1]]`:
    /// written a million times, encoded once, read without reference counting.
    var encodedNames: (bytes: [UInt8], ends: [Int]) {
        var arena: [UInt8] = [], offsets = [0]
        for name in occupationNames { arena += CSVWriter.field(name); offsets.append(arena.count) }
        return (arena, offsets)
    }

    private static let csvHeader = Array("profile_id,rank,occupation,score\n".utf8)

    /// Bytes `formatCSV` may write: every row at the longest name and id.
    static func csvRoom(_ r: Result, names: (bytes: [UInt8], ends: [Int]), header: Bool, range: Range<Int>) -> Int {
        var longestName = 0
        for o in 0..<(names.ends.count - 1) { longestName = max(longestName, names.ends[o + 1] - names.ends[o]) }
        var longestID = 0
        for i in range { longestID = max(longestID, r.profileIDs[i].utf8.count * 2 + 2) }  // quoted, quotes doubled
        return range.count * r.n * (longestID + longestName + CSVWriter.numberRoom + 24) + csvHeader.count
    }

    /// Writes the `profile_id,rank,occupation,score` rows of profiles `range` of `r` at `p`
    /// (room for `csvRoom` bytes) and returns their length: the bytes `CSVWriter` would make,
    /// written through a pointer (a million rows appended field by field were a tenth of a
    /// batch's time).
    static func formatCSV(_ r: Result, names: (bytes: [UInt8], ends: [Int]), decimals: Int, header: Bool, range: Range<Int>,
                          into p: UnsafeMutablePointer<UInt8>) -> Int {
        let decimals = max(0, min(9, decimals))  // as CSVWriter clamps them
        var at = 0
        if header {
            for b in csvHeader { p[at] = b; at += 1 }
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        names.bytes.withUnsafeBufferPointer { bytes in
            let ends = names.ends
            for i in range {
                let id = CSVWriter.field(r.profileIDs[i])
                for rank in 0..<r.n {
                    let o = Int(r.occupations[i * r.n + rank])
                    id.withUnsafeBufferPointer { (p + at).update(from: $0.baseAddress!, count: $0.count) }
                    at += id.count
                    p[at] = UInt8(ascii: ","); at += 1
                    at += CSVWriter.write(UInt(rank + 1), to: p + at)
                    p[at] = UInt8(ascii: ","); at += 1
                    let name = ends[o]..<ends[o + 1]
                    (p + at).update(from: bytes.baseAddress! + name.lowerBound, count: name.count)
                    at += name.count
                    p[at] = UInt8(ascii: ","); at += 1
                    at += CSVWriter.write(Double(r.scores[i * r.n + rank]), scale: scale, decimals: decimals, to: p + at)
                    p[at] = 10; at += 1
                }
            }
        }
        return at
    }

    /// `profile_id,rank,occupation,score` rows of profiles `range` of `r`.
    static func csvBytes(_ r: Result, names: (bytes: [UInt8], ends: [Int]), decimals: Int, header: Bool, range: Range<Int>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: csvRoom(r, names: names, header: header, range: range)) { buffer, count in
            count = formatCSV(r, names: names, decimals: decimals, header: header, range: range, into: buffer.baseAddress!)
        }
    }

    /// `profile_id,rank,occupation,score`, written in parallel blocks (same bytes as serially).
    public func csv(_ r: Result, decimals: Int = 6, header: Bool = true) -> [UInt8] {
        let blocks = csvParts(r, decimals: decimals, header: header)
        var out: [UInt8] = []
        out.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
        for b in blocks { out.append(contentsOf: b) }
        return out
    }

    /// The same CSV in consecutive parts, made in parallel (written one after another, they are
    /// the file without a copy into one buffer first).
    func csvParts(_ r: Result, decimals: Int = 6, header: Bool = true) -> [[UInt8]] {
        let count = r.profileIDs.count
        let chunks = max(1, min(count, availableCores * 4))
        let names = encodedNames
        return parallelMap(chunks) { c in
            Self.csvBytes(r, names: names, decimals: decimals, header: c == 0 && header, range: (count * c / chunks)..<(count * (c + 1) / chunks))
        }
    }
}
