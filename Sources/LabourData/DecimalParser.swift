import Foundation

/// Parses decimal numbers straight from bytes.
///
/// The fast path covers what statistics files hold — an optional sign, up to 15 significant
/// digits, one decimal mark — and is exact: the digits form an integer below 2⁵³ and dividing by
/// an exactly representable power of ten rounds once, as `strtod` does. Anything else (exponents,
/// more digits) goes to `strtod` on a copy. NaN, infinity and hexadecimal are refused: a missing
/// value is an empty cell.
public enum DecimalParser {
    static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    public static func parse(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool) -> Double? {
        var i = start
        if i >= end { return nil }
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if p[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var seenMark = false, anyDigit = false
        while i < end {
            let b = p[i]
            let d = b &- 48
            if d <= 9 {
                anyDigit = true
                if mantissa != 0 || d != 0 { digits += 1 }
                if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
                if seenMark { fractionDigits += 1 }
            } else if (b == UInt8(ascii: ".") || (decimalComma && b == UInt8(ascii: ","))) && !seenMark {
                seenMark = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                return anyDigit ? slowPath(p, start, end, decimalComma: decimalComma) : nil
            } else {
                return nil
            }
            i += 1
        }
        if !anyDigit { return nil }
        if digits <= 15 && fractionDigits <= 22 {
            let v = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -v : v
        }
        return slowPath(p, start, end, decimalComma: decimalComma)
    }

    /// `strtod` on a NUL-terminated copy with the decimal mark normalised to `.`.
    static func slowPath(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool) -> Double? {
        let length = end - start
        if length > 400 { return nil }
        // Only digits, sign, one mark and an exponent: strtod would otherwise accept "nan", "inf", hex.
        for k in start..<end {
            let b = p[k]
            let ok = (b &- 48) <= 9 || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || (decimalComma && b == UInt8(ascii: ","))
            if !ok { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buf -> Double? in
            for k in 0..<length {
                let b = p[start + k]
                buf[k] = CChar(bitPattern: b == UInt8(ascii: ",") ? UInt8(ascii: ".") : b)
            }
            buf[length] = 0
            var endPtr: UnsafeMutablePointer<CChar>?
            let v = strtod(buf.baseAddress!, &endPtr)
            guard let e = endPtr, e - buf.baseAddress! == length, v.isFinite else { return nil }
            return v
        }
    }

    /// Convenience for strings (tests, configuration values).
    public static func parse(_ text: String, decimalComma: Bool = false) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            parse(UnsafeBufferPointer(b), 0, b.count, decimalComma: decimalComma)
        }
    }
}
