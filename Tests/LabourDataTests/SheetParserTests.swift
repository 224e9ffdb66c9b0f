import Foundation
@testable import LabourData
import Testing

/// The worksheet parser cut into stretches parsed on every core gives the bytes one stretch
/// gives, including sheets whose rows do not carry their numbers.
@Suite("Worksheet parsing in parallel")
struct SheetParserTests {
    /// A sheet of `rows` rows × 4 cells (inline text, a year, two numbers), over 1 MB.
    static func sheet(rows: Int, numbered: Bool) -> [UInt8] {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        xml += #"<row r="1"><c r="A1" t="inlineStr"><is><t>region</t></is></c><c r="B1" t="inlineStr"><is><t>year</t></is></c><c r="C1" t="inlineStr"><is><t>employment</t></is></c><c r="D1" t="inlineStr"><is><t>note</t></is></c></row>"#
        for k in 2...rows {
            let r = numbered ? #" r="\#(k)""# : ""
            let ref = { (c: String) in numbered ? #" r="\#(c)\#(k)""# : "" }
            xml += "<row\(r)><c\(ref("A")) t=\"inlineStr\"><is><t>MA-0\(k % 9 + 1)</t></is></c><c\(ref("B"))><v>\(2000 + k % 25)</v></c>"
            xml += "<c\(ref("C"))><v>\(k * 7 % 1000).5</v></c><c\(ref("D")) t=\"inlineStr\"><is><t xml:space=\"preserve\">a, \"b\" &amp; c</t></is></c></row>"
        }
        xml += "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"D5:D6\"/></mergeCells></worksheet>"
        return Array(xml.utf8)
    }

    static func parser() -> SheetParser {
        SheetParser(strings: [], dateStyles: [], isDateColumn: { $0 == "year" })
    }

    @Test("rows numbered or not: the stretches joined equal one stretch, rows and merged cells included", arguments: [true, false])
    func sameAsSerial(numbered: Bool) {
        let bytes = Self.sheet(rows: 12_000, numbered: numbered)
        #expect(bytes.count > 1 << 20)
        var serial: [UInt8] = []
        var one = Self.parser()
        bytes.withUnsafeBufferPointer { one.parseWhole($0, into: &serial) }
        var parallel: [UInt8] = []
        let outcome = SheetParser.parseInParallel(bytes, Self.parser(), into: &parallel)
        #expect(parallel == serial)
        #expect(outcome.rowNumbers == one.rowNumbers && outcome.rowNumbers.count == 12_000)
        #expect(outcome.merged == ["D5:D6"] && outcome.problems.isEmpty)
        let lines = String(decoding: parallel, as: UTF8.self).split(separator: "\n")
        #expect(lines[0] == "region,year,employment,note" && lines[1] == #"MA-03,2002,14.5,"a, ""b"" & c""#)
        #expect(bytes.withUnsafeBufferPointer { SheetParser.cutPoints($0, parts: 4).count } == 6)
    }
}
