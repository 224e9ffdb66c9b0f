import Foundation
import LabourData

/// Interns byte strings (URIs, ids) without making a `String` per occurrence: open addressing
/// on an FNV-1a hash of the bytes, keys kept in one byte arena.
struct ByteInterner {
    private var arena: [UInt8] = []
    /// Per id: the key's start in the arena (high 32 bits) and its length (low 32).
    private var keys: [UInt64] = []
    /// Open addressing: 0 is empty, else the hash's high 32 bits (a tag that rejects most
    /// mismatches without reading the key) above id + 1. One 8-byte read per probe where three
    /// arrays were read: a lookup of 1.5 million profile rows waited on the cache, not the hash.
    private var table: [UInt64]
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { keys.count }

    /// FNV-1a style, eight bytes a step (ESCO URIs are ~75 bytes, looked up 1.5 million times
    /// for 100,000 profiles), then a final mix. Only slots depend on it, never ids or output.
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let raw = UnsafeRawPointer(p.baseAddress!)
        var i = s
        while i + 8 <= e {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
            h ^= h >> 32
            i += 8
        }
        while i < e { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3; i += 1 }
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// Whether `n` bytes at `a` and `b` are equal, eight at a time: keys are short, and a call to
    /// `memcmp` cost more than the comparison.
    @inline(__always)
    static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i += 8
        }
        while i < n { if a[i] != b[i] { return false }; i += 1 }
        return true
    }

    /// The slot holding bytes[s..<e], or the empty slot where it would go; and the hash's tag.
    @inline(__always)
    private func find(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (slot: Int, id: Int?, tag: UInt64) {
        let h = Self.hash(p, s, e), tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        return table.withUnsafeBufferPointer { table in
            keys.withUnsafeBufferPointer { keys in
                arena.withUnsafeBufferPointer { arena in
                    while true {
                        let entry = table[slot]
                        if entry == 0 { return (slot, nil, tag) }
                        if entry >> 32 == tag {
                            let id = Int(entry & 0xFFFF_FFFF) - 1, key = keys[id]
                            let length = Int(key & 0xFFFF_FFFF)
                            if length == e - s && Self.sameBytes(arena.baseAddress! + Int(key >> 32), p.baseAddress! + s, length) {
                                return (slot, id, tag)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// The id of bytes[s..<e], added when new.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        if keys.count * 2 >= table.count { grow() }
        let (slot, found, tag) = find(p, s, e)
        if let found { return found }
        let id = keys.count
        table[slot] = tag << 32 | UInt64(id + 1)
        keys.append(UInt64(arena.count) << 32 | UInt64(e - s))
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[s..<e]))
        return id
    }

    /// The id of bytes[s..<e] if known.
    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? { find(p, s, e).id }

    private func range(_ id: Int) -> Range<Int> {
        let start = Int(keys[id] >> 32)
        return start..<(start + Int(keys[id] & 0xFFFF_FFFF))
    }

    /// The key as text; nil when its bytes are not UTF-8.
    func validString(_ id: Int) -> String? {
        arena.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[range(id)]), as: UTF8.self) }
    }

    func string(_ id: Int) -> String {
        arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(id)]), as: UTF8.self) }
    }

    private mutating func grow() {
        let size = table.count * 2
        var grown = [UInt64](repeating: 0, count: size)
        mask = size - 1
        arena.withUnsafeBufferPointer { a in
            for id in keys.indices {
                let r = range(id), h = Self.hash(a, r.lowerBound, r.upperBound)
                var slot = Int(truncatingIfNeeded: h) & mask
                while grown[slot] != 0 { slot = (slot + 1) & mask }
                grown[slot] = (h >> 32) << 32 | UInt64(id + 1)
            }
        }
        table = grown
    }
}

/// A base pointer handed to worker threads that only read through it.
struct UnsafeSendableBytes: @unchecked Sendable {
    let pointer: UnsafePointer<UInt8>
    init(_ p: UnsafePointer<UInt8>) { pointer = p }
}
