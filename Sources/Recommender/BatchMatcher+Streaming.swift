import Foundation
import LabourData

/// Profile files of any size through bounded memory.
extension BatchMatcher {
    /// Streams a profile file of any size through bounded memory: blocks of whole profiles are
    /// read, scored and appended to a temporary file, which replaces `output` at the end.
    /// Returns the number of profiles.
    public func stream(profiles url: URL, top n: Int, to output: URL, blockBytes: Int = 64 << 20) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "cannot read the file"))
        }
        defer { try? handle.close() }
        let out: AtomicFile.Stream
        do { out = try AtomicFile.Stream(output) } catch {
            throw InputError(Diagnostic(file: output.path, line: 0, column: 0, message: "cannot write"))
        }
        var carry: [UInt8] = []
        var first = true
        var profiles = 0
        var dialect = CSVDialect.standard
        while true {
            let chunk = try handle.read(upToCount: blockBytes) ?? Data()
            let eof = chunk.isEmpty
            carry.append(contentsOf: chunk)
            if carry.isEmpty { break }
            // The block ends at the last line end after which a new profile begins.
            var end = carry.count
            if !eof {
                guard let lastNL = carry.lastIndex(of: 10) else { continue }
                end = lastNL + 1
                let idEnd = { (from: Int) -> Int in var j = from; while j < carry.count && carry[j] != UInt8(ascii: ",") && carry[j] != 10 { j += 1 }; return j }
                var lineStart = end - 1
                while lineStart > 0 && carry[lineStart - 1] != 10 { lineStart -= 1 }
                // Back off to the start of the last profile in the block (it may continue).
                let lastID = Array(carry[lineStart..<idEnd(lineStart)])
                while lineStart > 0 {
                    var prev = lineStart - 1
                    while prev > 0 && carry[prev - 1] != 10 { prev -= 1 }
                    if Array(carry[prev..<idEnd(prev)]) != lastID { break }
                    lineStart = prev
                }
                end = lineStart
                if end == 0 || (first && end <= (carry.firstIndex(of: 10) ?? 0) + 1) { continue }
            }
            let result: Swift.Result<Result, InputError> = carry.withUnsafeBufferPointer { whole in
                let bytes = UnsafeBufferPointer(rebasing: whole[0..<end])
                var body = 0
                if first {
                    dialect = CSVDialect.detect(bytes)
                    switch Self.headerEnd(bytes, dialect: dialect, file: url.path) {
                    case .failure(let e): return .failure(e)
                    case .success(let b): body = b
                    }
                }
                return score(bytes, from: body, dialect: CSVDialect(separator: dialect.separator, decimalComma: dialect.decimalComma), top: n, file: url.path)
            }
            let r = try result.get()
            try out.write(csv(r, header: first))
            profiles += r.profileIDs.count
            first = false
            carry.removeFirst(end)
            if eof { break }
        }
        do { try out.commit() } catch {
            throw InputError(Diagnostic(file: output.path, line: 0, column: 0, message: "cannot write"))
        }
        return profiles
    }
}
