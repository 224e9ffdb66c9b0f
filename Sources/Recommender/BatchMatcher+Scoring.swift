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
            var acc = [Float](repeating: 0, count: k)
            var touched: [Int32] = []
            var outOcc = [Int32](repeating: 0, count: (hi - lo) * n)
            var outScore = [Float](repeating: 0, count: (hi - lo) * n)
            var best: [(occupation: Int, score: Float)] = []
            best.reserveCapacity(n + 1)
            for p in lo..<hi {
                var norm: Float = 0
                for r in starts[p]..<starts[p + 1] {
                    let l = levels[r]
                    norm += l * l
                    let col = Int(cols[r])
                    guard col >= 0 && col < skillCount else { continue }
                    for j in pStart[col]..<pStart[col + 1] {
                        let o = Int(pOcc[j])
                        if acc[o] == 0 { touched.append(pOcc[j]) }
                        acc[o] += l * pWeight[j]
                    }
                }
                let inv = norm > 0 ? 1 / norm.squareRoot() : 0
                // Top n by (score desc, occupation asc); untouched occupations score 0.
                best.removeAll(keepingCapacity: true)
                for o32 in touched {
                    let o = Int(o32), s = acc[o] * inv
                    acc[o] = 0
                    if best.count < n || s > best[best.count - 1].score || (s == best[best.count - 1].score && o < best[best.count - 1].occupation) {
                        var i = best.count
                        best.append((o, s))
                        while i > 0 && (best[i - 1].score < s || (best[i - 1].score == s && best[i - 1].occupation > o)) {
                            best[i] = best[i - 1]; i -= 1
                        }
                        best[i] = (o, s)
                        if best.count > n { best.removeLast() }
                    }
                }
                if best.count < n {
                    var o = 0
                    while best.count < n && o < k {
                        if !best.contains(where: { $0.occupation == o }) { best.append((o, 0)) }
                        o += 1
                    }
                }
                touched.removeAll(keepingCapacity: true)
                let base = (p - lo) * n
                for (r, b) in best.enumerated() { outOcc[base + r] = Int32(b.occupation); outScore[base + r] = b.score }
            }
            return (outOcc, outScore)
        }
        return .success(Result(profileIDs: ids, n: n, occupations: parts.flatMap { $0.0 }, scores: parts.flatMap { $0.1 }))
    }

    /// `profile_id,rank,occupation,score`, written in parallel blocks (same bytes as serially).
    public func csv(_ r: Result, decimals: Int = 6, header: Bool = true) -> [UInt8] {
        let count = r.profileIDs.count
        let chunks = max(1, min(count, availableCores * 4))
        let names = occupationNames
        let blocks: [[UInt8]] = parallelMap(chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            var w = CSVWriter(decimals: decimals, reserve: (hi - lo) * r.n * 90)
            if c == 0 && header { w.row(["profile_id", "rank", "occupation", "score"]) }
            for i in lo..<hi {
                let id = r.profileIDs[i]
                for rank in 0..<r.n {
                    w.text(id); w.comma(); w.int(rank + 1); w.comma(); w.text(names[Int(r.occupations[i * r.n + rank])]); w.comma()
                    w.number(Double(r.scores[i * r.n + rank])); w.newline()
                }
            }
            return w.bytes
        }
        var out: [UInt8] = []
        out.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
        for b in blocks { out.append(contentsOf: b) }
        return out
    }
}
