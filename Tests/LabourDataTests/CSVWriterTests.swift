import Foundation
import LabourData
import Testing

/// Numbers are written by hand (no String per number: a million-row file writes several a row);
/// these pin the bytes to what the String-based writer gave.
@Suite("CSV writer")
struct CSVWriterTests {
    static func written(_ body: (inout CSVWriter) -> Void, decimals: Int = 6) -> String {
        var w = CSVWriter(decimals: decimals)
        body(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test("integers of every sign and size, as String(v) writes them")
    func integers() {
        for v in [0, 7, -7, 10, 100, -1_000_000, 123_456_789, Int.max, Int.min] {
            #expect(Self.written { $0.int(v) } == String(v))
        }
    }

    @Test("numbers: rounded to the decimals, trailing zeros trimmed, leading zeros of the fraction kept")
    func numbers() {
        let cases: [(Double, Int, String)] = [
            (0.000123, 6, "0.000123"), (1.5, 6, "1.5"), (-2.05, 4, "-2.05"), (2837.7, 1, "2837.7"),
            (0.0000004, 6, "0"), (0.0000005, 6, "0.000001"), (-0.0000004, 6, "0"), (42, 6, "42"),
            (1e15 / 7, 0, "142857142857143"), (123.000001, 6, "123.000001"), (0.1 + 0.2, 6, "0.3"), (-1e-9, 9, "-0.000000001"),
        ]
        for (v, d, text) in cases { #expect(Self.written({ $0.number(v) }, decimals: d) == text, "\(v) at \(d) decimals") }
    }

    @Test("a field encoded once is written as text writes it, quoted where it must be")
    func rawFields() {
        for s in ["plain", "with,comma", "say \"hi\"", "métier – soudeur"] {
            #expect(Self.written { $0.raw(CSVWriter.field(s)) } == Self.written { $0.text(s) })
        }
        #expect(Self.written { $0.raw(CSVWriter.field("a,b")) } == "\"a,b\"")
    }
}
