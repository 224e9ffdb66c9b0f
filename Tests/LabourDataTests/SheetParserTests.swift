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
        let outcome = bytes.withUnsafeBufferPointer { SheetParser.parseInParallel($0, Self.parser(), into: &parallel) }
        #expect(parallel == serial)
        #expect(outcome.rowNumbers == one.rowNumbers && outcome.rowNumbers.count == 12_000)
        #expect(outcome.merged == ["D5:D6"] && outcome.problems.isEmpty)
        let lines = String(decoding: parallel, as: UTF8.self).split(separator: "\n")
        #expect(lines[0] == "region,year,employment,note" && lines[1] == #"MA-03,2002,14.5,"a, ""b"" & c""#)
        #expect(bytes.withUnsafeBufferPointer { SheetParser.cutPoints($0, parts: 4).count } == 6)
    }

    @Test("cells as Excel writes them (shared strings, style and type in any order) read as the general path reads them")
    func plainCells() {
        let strings = ["region", "year", "employment", "MA-06", "Casablanca, Settat"]
        var xml = #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#
        // r, s, t (Excel's order); t before r; t="n"; a style on a number; a quoted shared string; a
        // number in exponent form; a skipped column; the general path (a formula with its value).
        xml += #"<row r="2"><c r="A2" s="1" t="s"><v>3</v></c><c t="n" r="B2"><v>2019</v></c><c r="C2" s="2"><v>1.5E3</v></c></row>"#
        xml += #"<row r="3"><c t="s" r="A3"><v>4</v></c><c r="C3"><v>12</v></c></row>"#
        xml += #"<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><f>2000+20</f><v>2020</v></c><c r="C4"><v>7</v></c></row>"#
        xml += "</sheetData></worksheet>"
        var out: [UInt8] = []
        var p = SheetParser(strings: strings, dateStyles: [], isDateColumn: { $0 == "year" })
        Array(xml.utf8).withUnsafeBufferPointer { p.parseWhole($0, into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "region,year,employment\nMA-06,2019,1500\n\"Casablanca, Settat\",,12\nMA-06,2020,7\n")
        #expect(p.outcome.problems.isEmpty && p.outcome.rowNumbers == [1, 2, 3, 4])
        // A year formatted as a date is still refused on the fast path.
        var dated = SheetParser(strings: strings, dateStyles: [5], isDateColumn: { $0 == "year" })
        let sheet = #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c></row><row r="2"><c r="A2" s="5"><v>43831</v></c></row></sheetData></worksheet>"#
        out = []
        Array(sheet.utf8).withUnsafeBufferPointer { dated.parseWhole($0, into: &out) }
        #expect(dated.outcome.problems.map(\.message) == ["the year is a date (2020-01-01); format the year column as a number"])
    }
}

@Suite("A sheet's XML cut off is refused, not read as a shorter sheet")
struct SheetCompletenessTests {
    @Test("ends as a worksheet ends, with or without a namespace prefix; a cut inside a row does not")
    func completeness() {
        func complete(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer(SheetParser.isComplete) }
        #expect(complete("<worksheet><sheetData><row r=\"1\"/></sheetData></worksheet>"))
        #expect(complete("<x:worksheet><x:sheetData/></x:worksheet>\r\n  "))
        #expect(!complete("<worksheet><sheetData><row r=\"45\"><c r=\"A45\"><v>20"))
        #expect(!complete("<worksheet><sheetData></sheetData>"))
        #expect(!complete(""))
        #expect(!complete("<worksheet>"))
    }
}
