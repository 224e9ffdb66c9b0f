import Foundation
import LabourData

/// Scoring blocks of profiles through the inverted index, and the top-N table.
extension BatchMatcher {
    public struct Result: Sendable {
        public var profileIDs: [String]
        public var n: Int
        /// Profile i's top occupations and scores, best first, at [i·n ..< (i+1)·n].
        public var occupations: [Int32]
        public var scores: [Float]
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
        let interner = skills.interner
        let skillCount = postingStart.count - 1
        let k = occupationNames.count
        let parsed: Swift.Result<([String], [Int], [Int32], [Float]), InputError> = {
            // Split points: after a line end where the next line starts a different profile.
            var cuts = [body]
            let parts = availableCores
            for k in 1..<max(1, parts) {
                var i = body + (bytes.count - body) * k / parts
                while i < bytes.count && bytes[i - 1] != 10 { i += 1 }
                // Move on while the next line continues the previous line's profile.
                func idEnd(_ from: Int) -> Int { var j = from; while j < bytes.count && bytes[j] != UInt8(ascii: ",") && bytes[j] != 10 { j += 1 }; return j }
                while i < bytes.count {
                    var prev = i - 1
                    while prev > body && bytes[prev - 1] != 10 { prev -= 1 }
                    let a0 = prev, a1 = idEnd(prev), b0 = i, b1 = idEnd(i)
                    if a1 - a0 != b1 - b0 || memcmp(bytes.baseAddress! + a0, bytes.baseAddress! + b0, a1 - a0) != 0 { break }
                    while i < bytes.count && bytes[i] != 10 { i += 1 }
                    i += 1
                }
                if i > cuts.last! && i < bytes.count { cuts.append(i) }
            }
            cuts.append(bytes.count)
            let base = UnsafeSendableBytes(bytes.baseAddress!)
            let ranges = (0..<(cuts.count - 1)).map { (cuts[$0], cuts[$0 + 1]) }
            let chunks = parallelMap(ranges.count) { c -> Swift.Result<([String], [Int], [Int32], [Float]), InputError> in
                let (lo, hi) = ranges[c]
                let slice = UnsafeBufferPointer(start: base.pointer + lo, count: hi - lo)
                var scanner = CSVScanner(bytes: slice, dialect: dialect, line: 0)
                var fields: [CSVField] = []
                var ids: [String] = [], starts: [Int] = []
                var cols: [Int32] = [], levels: [Float] = []
                var last: (Int, Int) = (-1, -1)
                do {
                    while try scanner.nextRecord(into: &fields) {
                        guard fields.count == 3 else {
                            return .failure(InputError(Diagnostic(file: file, line: 0, column: 1, message: "a row does not have 3 fields")))
                        }
                        let (ps, pe) = scanner.trimmed(fields[0])
                        if pe - ps != last.1 - last.0 || memcmp(slice.baseAddress! + ps, slice.baseAddress! + last.0, pe - ps) != 0 {
                            ids.append(String(decoding: UnsafeBufferPointer(rebasing: slice[ps..<pe]), as: UTF8.self))
                            starts.append(cols.count)
                            last = (ps, pe)
                        }
                        let (ss, se) = scanner.trimmed(fields[1])
                        // Skills no occupation lists count in the profile's norm only.
                        cols.append(Int32(interner.lookup(slice, ss, se) ?? -1))
                        guard let level = scanner.double(fields[2]) else {
                            return .failure(InputError(Diagnostic(file: file, line: 0, column: 1,
                                                                  message: "level '\(scanner.excerpt(fields[2]))' is not a number")))
                        }
                        levels.append(Float(level))
                    }
                } catch {
                    return .failure(InputError(Diagnostic(file: file, line: 0, column: 1, message: "malformed CSV: \(error)")))
                }
                return .success((ids, starts, cols, levels))
            }
            var ids: [String] = [], starts: [Int] = [], cols: [Int32] = [], levels: [Float] = []
            for chunk in chunks {
                switch chunk {
                case .failure(let e): return .failure(e)
                case .success(let (i, s, c, l)):
                    let offset = cols.count
                    ids += i; starts += s.map { $0 + offset }; cols += c; levels += l
                }
            }
            starts.append(cols.count)
            return .success((ids, starts, cols, levels))
        }()
        guard case .success(let (ids, starts, cols, levels)) = parsed else {
            if case .failure(let e) = parsed { return .failure(e) }
            return .failure(InputError(Diagnostic(file: file, line: 0, column: 0, message: "unreadable")))
        }
        let profiles = ids.count
        let chunks = max(1, min(profiles, availableCores * 4))
        let pStart = postingStart, pOcc = postingOccupation, pWeight = postingWeight
        let parts: [([Int32], [Float])] = parallelMap(chunks) { c in
            let lo = profiles * c / chunks, hi = profiles * (c + 1) / chunks
            var outOcc = [Int32](repeating: 0, count: (hi - lo) * n)
            var outScore = [Float](repeating: 0, count: (hi - lo) * n)
            // Per worker: the score row, the occupations it touched (each once: `mark` holds the
            // profile that last touched it) and the running top n, all used through pointers —
            // this loop is the whole product, ~10⁸ multiply-adds for 100,000 profiles.
            var acc = [Float](repeating: 0, count: k)
            var mark = [Int32](repeating: -1, count: k)
            var touched = [Int32](repeating: 0, count: k + 1)
            var bestOcc = [Int](repeating: 0, count: n + 1), bestScore = [Float](repeating: 0, count: n + 1)
            acc.withUnsafeMutableBufferPointer { acc in
            mark.withUnsafeMutableBufferPointer { mark in
            touched.withUnsafeMutableBufferPointer { touched in
            bestOcc.withUnsafeMutableBufferPointer { bestOcc in
            bestScore.withUnsafeMutableBufferPointer { bestScore in
            pStart.withUnsafeBufferPointer { pStart in
            pOcc.withUnsafeBufferPointer { pOcc in
            pWeight.withUnsafeBufferPointer { pWeight in
            outOcc.withUnsafeMutableBufferPointer { outOcc in
            outScore.withUnsafeMutableBufferPointer { outScore in
                for p in lo..<hi {
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
                            touchedCount &+= mark[o] != Int32(truncatingIfNeeded: p) ? 1 : 0
                            mark[o] = Int32(truncatingIfNeeded: p)
                            acc[o] += l * pWeight[j]
                        }
                    }
                    let inv = norm > 0 ? 1 / norm.squareRoot() : 0
                    // Top n by (score desc, occupation asc); untouched occupations score 0.
                    var count = 0
                    for t in 0..<touchedCount {
                        let o = Int(touched[t]), s = acc[o] * inv
                        acc[o] = 0
                        if count < n || s > bestScore[count - 1] || (s == bestScore[count - 1] && o < bestOcc[count - 1]) {
                            var i = count
                            while i > 0 && (bestScore[i - 1] < s || (bestScore[i - 1] == s && bestOcc[i - 1] > o)) {
                                bestOcc[i] = bestOcc[i - 1]; bestScore[i] = bestScore[i - 1]; i -= 1
                            }
                            bestOcc[i] = o; bestScore[i] = s
                            if count < n { count += 1 }
                        }
                    }
                    if count < n {
                        var o = 0
                        while count < n && o < k {
                            if mark[o] != Int32(truncatingIfNeeded: p) { bestOcc[count] = o; bestScore[count] = 0; count += 1 }
                            o += 1
                        }
                    }
                    let base = (p - lo) * n
                    for r in 0..<count { outOcc[base + r] = Int32(bestOcc[r]); outScore[base + r] = bestScore[r] }
                }
            } } } } } } } } } }
            return (outOcc, outScore)
        }
        return .success(Result(profileIDs: ids, n: n, occupations: parts.flatMap { $0.0 }, scores: parts.flatMap { $0.1 }))
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
        // Names encoded once into one arena (written a million times, no reference counting).
        var arena: [UInt8] = [], offsets = [0]
        for name in occupationNames { arena += CSVWriter.field(name); offsets.append(arena.count) }
        let names = arena, ends = offsets
        let blocks: [[UInt8]] = parallelMap(chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            var w = CSVWriter(decimals: decimals, reserve: (hi - lo) * r.n * 90)
            if c == 0 && header { w.row(["profile_id", "rank", "occupation", "score"]) }
            names.withUnsafeBufferPointer { names in
                for i in lo..<hi {
                    let id = CSVWriter.field(r.profileIDs[i])
                    for rank in 0..<r.n {
                        let o = Int(r.occupations[i * r.n + rank])
                        w.raw(id); w.comma(); w.int(rank + 1); w.comma()
                        w.raw(UnsafeBufferPointer(rebasing: names[ends[o]..<ends[o + 1]])); w.comma()
                        w.number(Double(r.scores[i * r.n + rank])); w.newline()
                    }
                }
            }
            return w.bytes
        }
        return blocks
    }
}
