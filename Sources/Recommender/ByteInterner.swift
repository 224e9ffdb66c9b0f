import Foundation
import LabourData

/// Interns byte strings (URIs, ids) without making a `String` per occurrence: open addressing
/// on an FNV-1a hash of the bytes, keys kept in one byte arena.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var table: [Int32]
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count }

    /// FNV-1a style, eight bytes a step (ESCO URIs are ~75 bytes, looked up 1.5 million times
    /// for 100,000 profiles), then a final mix. Only slots depend on it, never ids or output.
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
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
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The id of bytes[s..<e], added when new.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        if starts.count * 2 >= table.count { grow() }
        var slot = Self.hash(p, s, e) & mask
        while true {
            let id = Int(table[slot])
            if id < 0 {
                table[slot] = Int32(starts.count)
                starts.append(arena.count); lengths.append(e - s)
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[s..<e]))
                return starts.count - 1
            }
            if lengths[id] == e - s && arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + starts[id], p.baseAddress! + s, e - s) == 0 }) {
                return id
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of bytes[s..<e] if known.
    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        var slot = Self.hash(p, s, e) & mask
        while true {
            let id = Int(table[slot])
            if id < 0 { return nil }
            if lengths[id] == e - s && arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + starts[id], p.baseAddress! + s, e - s) == 0 }) {
                return id
            }
            slot = (slot + 1) & mask
        }
    }

    /// The key as text; nil when its bytes are not UTF-8.
    func validString(_ id: Int) -> String? {
        arena.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[starts[id]..<(starts[id] + lengths[id])]), as: UTF8.self) }
    }

    func string(_ id: Int) -> String {
        arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[id]..<(starts[id] + lengths[id])]), as: UTF8.self) }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
        arena.withUnsafeBufferPointer { a in
            for id in starts.indices {
                var slot = Self.hash(a, starts[id], starts[id] + lengths[id]) & mask
                while table[slot] >= 0 { slot = (slot + 1) & mask }
                table[slot] = Int32(id)
            }
        }
    }
}

/// A base pointer handed to worker threads that only read through it.
struct UnsafeSendableBytes: @unchecked Sendable {
    let pointer: UnsafePointer<UInt8>
    init(_ p: UnsafePointer<UInt8>) { pointer = p }
}
