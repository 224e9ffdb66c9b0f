import Dispatch
import Foundation

/// CRC-32 (IEEE 802.3, as zip uses), slicing by eight, computed on its own queue while the
/// sheet is parsed: checking every inflated byte then costs no wall time on two cores.
final class ConcurrentCRC32: @unchecked Sendable {
    private var value: UInt32 = 0
    private let queue = DispatchQueue(label: "mizan.crc32")

    private static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[i] = c
        }
        for k in 1..<8 { for i in 0..<256 { t[k * 256 + i] = (t[(k - 1) * 256 + i] >> 8) ^ t[Int(t[(k - 1) * 256 + i] & 0xFF)] } }
        return t
    }()

    func update(_ chunk: Data) {
        queue.async { [self] in
            value = chunk.withUnsafeBytes { Self.crc(value, $0) }
        }
    }

    /// Waits for the chunks handed over so far.
    func finish() -> UInt32 { queue.sync { value } }

    static func crc(_ start: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = ~start
        table.withUnsafeBufferPointer { t in
            var p = 0
            let n = bytes.count
            while p + 8 <= n {
                let lo = c ^ bytes.loadUnaligned(fromByteOffset: p, as: UInt32.self).littleEndian
                let hi = bytes.loadUnaligned(fromByteOffset: p + 4, as: UInt32.self).littleEndian
                c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)] ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)] ^ t[256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                p += 8
            }
            while p < n { c = t[Int((c ^ UInt32(bytes[p])) & 0xFF)] ^ (c >> 8); p += 1 }
        }
        return ~c
    }
}
