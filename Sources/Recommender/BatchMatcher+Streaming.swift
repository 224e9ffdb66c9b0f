import Foundation
import LabourData
import MizanSupport

/// Profile files of any size through bounded memory.
extension BatchMatcher {
    /// Streams a profile file of any size through bounded memory: blocks of whole profiles are
    /// read, scored and appended to a temporary file, which replaces `output` at the end.
    /// Returns the number of profiles.
    public func stream(profiles url: URL, top n: Int, to output: URL, blockBytes: Int = 8 << 20) throws -> Int {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "cannot read the file"))
        }
        defer { close(fd) }
        let out: AtomicFile.Stream
        do { out = try AtomicFile.Stream(output) } catch {
            throw InputError(Diagnostic(file: output.path, line: 0, column: 0, message: "cannot write"))
        }
        // One buffer for the whole file, refilled in place: blocks of 8 MB keep every working
        // array small enough to be reused, where fresh 64 MB blocks cost more in page faults than
        // in scoring. It grows only for a profile longer than itself.
        // Blocks are written on a serial queue while the next is read and scored (at most two
        // waiting): the file's 92 MB of writes no longer leave a core idle. Same bytes, in order.
        let pool = OutputBuffers()
        let writer = BlockWriter(out, pool: pool)
        var buffer = [UInt8](repeating: 0, count: max(16, blockBytes))
        var filled = 0
        var eof = false
        var first = true
        var profiles = 0
        var line = 1  // the file line the buffer starts on
        var dialect = CSVDialect.standard
        while true {
            while !eof && filled < buffer.count {
                let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
                if got < 0 { throw InputError(Diagnostic(file: url.path, line: 0, column: 0, message: "cannot read the file")) }
                if got == 0 { eof = true } else { filled += got }
            }
            if filled == 0 { break }
            // The block ends at the last line end after which a new profile begins.
            var end = filled
            if !eof {
                end = Self.lastProfileStart(buffer, filled)
                if end == 0 || (first && end <= (buffer[0..<filled].firstIndex(of: 10) ?? 0) + 1) {
                    buffer += [UInt8](repeating: 0, count: buffer.count)  // one profile fills the buffer
                    continue
                }
            }
            let result: Swift.Result<(parts: [OutputBuffers.Buffer], profiles: Int, lineEnds: Int), InputError> = buffer.withUnsafeBufferPointer { whole in
                let bytes = UnsafeBufferPointer(rebasing: whole[0..<end])
                var body = 0
                if first {
                    dialect = CSVDialect.detect(bytes)
                    switch Self.headerEnd(bytes, dialect: dialect, file: url.path) {
                    case .failure(let e): return .failure(e)
                    case .success(let b): body = b
                    }
                }
                return scoreToCSV(bytes, from: body, dialect: CSVDialect(separator: dialect.separator, decimalComma: dialect.decimalComma),
                                  top: n, file: url.path, header: first, firstLine: line, pool: pool)
            }
            let r = try result.get()
            try writer.enqueue(r.parts)
            profiles += r.profiles
            line += r.lineEnds
            first = false
            buffer.withUnsafeMutableBytes { b in _ = memmove(b.baseAddress!, b.baseAddress! + end, filled - end) }
            filled -= end
            if eof && filled == 0 { break }
        }
        do { try writer.finish(); try out.commit() } catch {
            throw InputError(Diagnostic(file: output.path, line: 0, column: 0, message: "cannot write"))
        }
        return profiles
    }

    /// Where the last profile of `buffer[0..<count]` begins: the block can end there, since
    /// that profile may continue past the buffer. 0 when the buffer holds one profile or less.
    static func lastProfileStart(_ buffer: [UInt8], _ count: Int) -> Int {
        guard let lastNL = buffer[0..<count].lastIndex(of: 10) else { return 0 }
        let end = lastNL + 1
        func idEnd(_ from: Int) -> Int { var j = from; while j < count && buffer[j] != UInt8(ascii: ",") && buffer[j] != 10 { j += 1 }; return j }
        var lineStart = end - 1
        while lineStart > 0 && buffer[lineStart - 1] != 10 { lineStart -= 1 }
        // Back off to the start of the last profile in the block (it may continue).
        let lastID = buffer[lineStart..<idEnd(lineStart)]
        while lineStart > 0 {
            var prev = lineStart - 1
            while prev > 0 && buffer[prev - 1] != 10 { prev -= 1 }
            if buffer[prev..<idEnd(prev)] != lastID { break }
            lineStart = prev
        }
        return lineStart
    }
}

/// Output buffers reused from block to block. Formatted into fresh allocations, a batch's 92 MB
/// of CSV cost a tenth of its time in page faults (the kernel zeroing each new page); these stay
/// mapped. Taken by the scoring tasks, given back by the writer once written.
final class OutputBuffers: @unchecked Sendable {
    struct Buffer: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0
        var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
    }
    private var free: [Buffer] = []
    private let lock = NSLock()

    /// A buffer of at least `capacity` bytes (a free one when it is large enough).
    func take(capacity: Int) -> Buffer {
        lock.lock()
        let reused = free.popLast()
        lock.unlock()
        if let reused {
            if reused.capacity >= capacity { return Buffer(base: reused.base, capacity: reused.capacity) }
            reused.base.deallocate()
        }
        let size = capacity + capacity / 4  // the next block's run may be a little larger
        return Buffer(base: .allocate(capacity: size), capacity: size)
    }

    func give(_ buffer: Buffer) {
        lock.lock()
        free.append(buffer)
        lock.unlock()
    }

    deinit { for b in free { b.base.deallocate() } }
}

/// Writes blocks to a stream in order on one background queue, at most two blocks waiting; the
/// first failure is reported by the next `enqueue` or by `finish`. Written buffers go back to
/// the pool.
final class BlockWriter: @unchecked Sendable {
    private let stream: AtomicFile.Stream
    private let pool: OutputBuffers
    private let queue = DispatchQueue(label: "mizan.match.writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var failure: Error?

    init(_ stream: AtomicFile.Stream, pool: OutputBuffers) { self.stream = stream; self.pool = pool }

    private var firstFailure: Error? { lock.lock(); defer { lock.unlock() }; return failure }

    func enqueue(_ parts: [OutputBuffers.Buffer]) throws {
        if let failure = firstFailure { parts.forEach(pool.give); throw failure }
        slots.wait()
        queue.async { [self] in
            defer { parts.forEach(pool.give); slots.signal() }
            guard firstFailure == nil else { return }
            do { for part in parts { try stream.write(part.bytes) } } catch {
                lock.lock(); failure = error; lock.unlock()
            }
        }
    }

    /// Waits for every block to be written.
    func finish() throws {
        queue.sync {}
        if let failure = firstFailure { throw failure }
    }
}
