/// Builds CSV text quickly and deterministically: numbers are rounded to a fixed number of
/// decimals with trailing zeros trimmed (no locale, no exponent for ordinary magnitudes), text
/// fields are quoted only when they must be.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []
    public let decimals: Int
    private let scale: Double

    public init(decimals: Int = 4, reserve: Int = 1 << 16) {
        self.decimals = max(0, min(9, decimals))
        var s = 1.0
        for _ in 0..<self.decimals { s *= 10 }
        scale = s
        bytes.reserveCapacity(reserve)
    }

    public mutating func text(_ s: String) {
        var str = s
        let fast: Bool? = str.withUTF8 { u in
            for b in u where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return false }
            bytes.append(contentsOf: u)
            return true
        }
        if fast == true { return }
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func int(_ v: Int) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(v.magnitude, width: 0)
    }

    /// Bytes already encoded as a CSV field (e.g. a name written a million times, encoded once
    /// with `CSVWriter.field`).
    public mutating func raw(_ field: [UInt8]) { bytes.append(contentsOf: field) }
    public mutating func raw(_ field: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: field) }

    /// A text field's bytes as `text` writes them.
    public static func field(_ s: String) -> [UInt8] {
        var w = CSVWriter(reserve: s.utf8.count + 2)
        w.text(s)
        return w.bytes
    }

    /// The decimal digits of u, left-padded with zeros to `width`, without making a String
    /// (a million-row file writes several numbers a row).
    private mutating func digits(_ u: UInt, width: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            let n = Self.write(u, width: width, to: buf.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buf.baseAddress!, count: n))
        }
    }

    /// Writes the decimal digits of u, left-padded with zeros to `width` (at most 20), at `p`
    /// (room for 20 bytes); returns how many were written.
    @inline(__always)
    public static func write(_ u: UInt, width: Int = 0, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 1, x = u / 10
        while x > 0 { n += 1; x /= 10 }
        n = max(n, width)
        var i = n, y = u
        repeat { i -= 1; p[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: y % 10); y /= 10 } while i > 0
        return n
    }

    /// Room `write(_:scale:decimals:to:)` needs.
    public static let numberRoom = 48

    /// Writes `number(v)` of a writer with `decimals` decimals (`scale` = 10^decimals) at `p`
    /// (room for `numberRoom` bytes); returns how many bytes were written. The one formatting
    /// of numbers: `number` appends what this writes.
    public static func write(_ v: Double, scale: Double, decimals: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(v.isFinite, "CSVWriter.number: non-finite value")
        let r = (v * scale).rounded()
        if abs(r) >= 9e15 {  // beyond exact integers: fall back to Swift's shortest form
            var n = 0
            for b in "\(v)".utf8 { p[n] = b; n += 1 }
            return n
        }
        var units = Int64(r)
        if units == 0 { p[0] = UInt8(ascii: "0"); return 1 }
        var n = 0
        if units < 0 { p[0] = UInt8(ascii: "-"); n = 1; units = -units }
        let s = Int64(scale)
        let whole = units / s
        var frac = units % s
        n += write(UInt(whole), to: p + n)
        if frac != 0 {
            var count = decimals
            while frac % 10 == 0 { frac /= 10; count -= 1 }
            p[n] = UInt8(ascii: "."); n += 1
            n += write(UInt(frac), width: count, to: p + n)
        }
        return n
    }

    /// The value a reader parses back from `number(v)` with `decimals` decimals: the nearest
    /// double to the rounded decimal (an exact integer divided by an exact power of ten).
    public static func readBack(_ v: Double, decimals: Int = 4) -> Double {
        var scale = 1.0
        for _ in 0..<max(0, min(9, decimals)) { scale *= 10 }
        let r = (v * scale).rounded()
        return abs(r) >= 9e15 ? v : r / scale
    }

    /// A finite number. Callers check finiteness first: a NaN is never written.
    public mutating func number(_ v: Double) {
        let (scale, decimals) = (self.scale, self.decimals)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.numberRoom) { buf in
            let n = Self.write(v, scale: scale, decimals: decimals, to: buf.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buf.baseAddress!, count: n))
        }
    }

    public mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    public mutating func newline() { bytes.append(10) }

    /// A whole row of text fields.
    public mutating func row(_ fields: [String]) {
        for (k, f) in fields.enumerated() {
            if k > 0 { comma() }
            text(f)
        }
        newline()
    }
}
