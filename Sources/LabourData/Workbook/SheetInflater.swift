internal import CDeflate
import Foundation

/// The worksheet of a workbook inflated in one piece by libdeflate, when the archive allows it:
/// a DEFLATE entry with its sizes in the central directory (no ZIP64), within the size limits.
/// Otherwise nil, and the reader streams the part through ZIPFoundation and zlib instead.
///
/// The declared inflated size is the output buffer: an entry that would inflate beyond it fails
/// (a zip bomb cannot grow past what it declared), one that inflates to less is damaged, and the
/// CRC-32 of the result must match the archive's.
enum SheetInflater {
    struct Located { let method: UInt16; let crc: UInt32; let packed: Int; let size: Int; let offset: Int }

    enum Failure: Error { case bomb, damaged }

    /// Larger sheets are streamed instead: the one-piece path holds the inflated sheet in memory
    /// (the 310 MB sheet of the peer kit's large panel: 393 MB peak against 108 MB streamed).
    static let maximumInMemory = 1 << 30

    /// Inflated bytes in memory of their own, mapped anonymously and, on Linux, offered huge
    /// pages: a 232 MB sheet is otherwise 57,000 page faults, each zeroing a fresh 4 KB page,
    /// a fifth of the read's time.
    final class Buffer: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let capacity: Int
        private(set) var count = 0
        init?(capacity: Int) {
            let length = max(1, capacity)
            guard let p = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else { return nil }
            #if os(Linux)
            _ = madvise(p, length, MADV_HUGEPAGE)
            #endif
            base = p
            self.capacity = length
        }
        /// Unmapped on another core: returning a few hundred MB to the kernel stops every core
        /// that ran the parse to flush its TLB, and the reader need not wait for that.
        deinit {
            let mapping = (address: UInt(bitPattern: base), length: capacity)
            DispatchQueue.global(qos: .utility).async { munmap(UnsafeMutableRawPointer(bitPattern: mapping.address), mapping.length) }
        }
        func setCount(_ n: Int) { count = n }

        /// Faults in the pages beyond the first `lead` bytes on another core while the caller
        /// fills the buffer from the front: the kernel zeroes each fresh page before handing it
        /// over, and on one core that zeroing is a sixth of inflating a large sheet. The helper
        /// writes nothing (MADV_POPULATE_WRITE only maps the pages), so it cannot race the
        /// inflater; on kernels without it (before Linux 5.14) pages fault in as they are written.
        func prefaultBehind(lead: Int) -> DispatchGroup {
            let group = DispatchGroup()
            #if os(Linux)
            if capacity > 4 * lead {
                DispatchQueue.global().async(group: group) { [self] in
                    _ = madvise(base + lead, capacity - lead, MADV_POPULATE_WRITE)
                }
            }
            #endif
            return group
        }
        var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count) }
    }

    /// The inflated part, nil when this path does not apply.
    static func inflate(file: URL, entry path: String, maximum: Int64, maximumRatio: Int64) throws(Failure) -> Buffer? {
        guard let data = try? Data(contentsOf: file, options: .alwaysMapped) else { return nil }
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<Buffer?, Failure> in
            guard let e = locate(raw, path), e.method == 8, e.size <= maximumInMemory else { return .success(nil) }
            let declared = Int64(e.size), packed = max(1, Int64(e.packed))
            if declared > maximum || (declared > 64 << 20 && declared / packed > maximumRatio) { return .failure(.bomb) }
            guard e.offset + e.packed <= raw.count else { return .failure(.damaged) }
            guard let d = libdeflate_alloc_decompressor() else { return .success(nil) }
            defer { libdeflate_free_decompressor(d) }
            var produced = 0
            guard let out = Buffer(capacity: e.size) else { return .success(nil) }
            let prefault = out.prefaultBehind(lead: 8 << 20)
            defer { prefault.wait() }
            let status = libdeflate_deflate_decompress(d, raw.baseAddress! + e.offset, e.packed, out.base, e.size, &produced)
            switch status {
            case LIBDEFLATE_SUCCESS: break
            case LIBDEFLATE_INSUFFICIENT_SPACE: return .failure(.bomb)
            default: return .failure(.damaged)
            }
            guard produced == e.size else { return .failure(.damaged) }
            out.setCount(produced)
            let crc = UInt32(libdeflate_crc32(0, out.base, produced))
            guard crc == e.crc else { return .failure(.damaged) }
            return .success(out)
        }
        return try result.get()
    }

    /// Finds `path` through the end-of-central-directory record and the central directory.
    static func locate(_ b: UnsafeRawBufferPointer, _ path: String) -> Located? {
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        let n = b.count
        guard n >= 22 else { return nil }
        var eocd = -1
        var i = n - 22
        while i >= max(0, n - 22 - 65_535) {
            if b[i] == 0x50 && b[i + 1] == 0x4b && b[i + 2] == 5 && b[i + 3] == 6 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { return nil }
        let count = u16(eocd + 10), directory = u32(eocd + 16)
        guard count != 0xFFFF, directory != 0xFFFF_FFFF else { return nil }   // ZIP64
        let wanted = Array(path.utf8)
        var p = directory
        for _ in 0..<count {
            guard p + 46 <= n, u32(p) == 0x0201_4b50 else { return nil }
            let nameLength = u16(p + 28), extra = u16(p + 30), comment = u16(p + 32)
            guard p + 46 + nameLength <= n else { return nil }
            if nameLength == wanted.count && wanted.indices.allSatisfy({ b[p + 46 + $0] == wanted[$0] }) {
                let flags = u16(p + 8), method = UInt16(u16(p + 10)), crc = UInt32(u32(p + 16))
                let packed = u32(p + 20), size = u32(p + 24), local = u32(p + 42)
                guard flags & 1 == 0, packed != 0xFFFF_FFFF, size != 0xFFFF_FFFF, local != 0xFFFF_FFFF,
                      local + 30 <= n, u32(local) == 0x0403_4b50 else { return nil }
                let offset = local + 30 + u16(local + 26) + u16(local + 28)
                return Located(method: method, crc: crc, packed: packed, size: size, offset: offset)
            }
            p += 46 + nameLength + extra + comment
        }
        return nil
    }
}
