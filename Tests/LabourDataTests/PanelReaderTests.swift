import Foundation
import LabourData
import Testing

@Suite("Panel reader")
struct PanelReaderTests {
    static let plain = """
        year,region,isco,employment,jobseekers,vacancies,median_wage
        2023,MA-04,2221,1520.5,40,12,6200
        2024,MA-04,2221,1580.25,38,15,6350.75
        2023,MA-06,7212,980,120,,4100
        2024,MA-06,7212,1010,,8,4200

        """

    /// The same data as French Excel writes it: BOM, ';', decimal comma, CRLF, rows shuffled,
    /// a quoted field.
    static let french = "\u{FEFF}year;region;isco;employment;jobseekers;vacancies;median_wage\r\n"
        + "2024;MA-06;7212;1010;;8;4200\r\n"
        + "2023;MA-04;2221;1520,5;40;12;6200\r\n"
        + "2023;MA-06;7212;980;120;;4100\r\n"
        + "2024;\"MA-04\";2221;\"1580,25\";38;15;6350,75\r\n"

    @Test("a French Excel export and the plain CSV give identical panels")
    func frenchEqualsPlain() throws {
        let a = try PanelReader.read(text: Self.plain)
        let b = try PanelReader.read(text: Self.french)
        #expect(a == b)
        #expect(a.rowCount == 4)
        #expect(a.regions == ["MA-04", "MA-06"])
        #expect(a.occupations == ["2221", "7212"])
        #expect(a.column("employment")! == [1520.5, 1580.25, 980, 1010])
        #expect(a.column("jobseekers")![3].isNaN)
        #expect(a.column("median_wage")![1] == 6350.75)
    }

    @Test("dialect detection: separator, decimal mark and BOM")
    func dialect() {
        func detect(_ s: String) -> CSVDialect {
            Array(s.utf8).withUnsafeBufferPointer { CSVDialect.detect($0) }
        }
        #expect(detect("a,b,c\n1,2,3") == CSVDialect(separator: UInt8(ascii: ","), decimalComma: false))
        #expect(detect("a;b;c\n1,5;2;3") == CSVDialect(separator: UInt8(ascii: ";"), decimalComma: true))
        #expect(detect("\u{FEFF}a;b\n") == CSVDialect(separator: UInt8(ascii: ";"), decimalComma: true, hasByteOrderMark: true))
        #expect(detect("a\tb\tc\n") .separator == UInt8(ascii: "\t"))
        // Separators inside quotes do not count.
        #expect(detect("\"a;b;c\",d,e\n").separator == UInt8(ascii: ","))
    }

    @Test("quoted fields may hold separators, doubled quotes and newlines")
    func quotedFields() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n3,4,5\n"
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        defer { buffer.deallocate() }
        _ = buffer.initialize(from: bytes)
        var scanner = CSVScanner(bytes: UnsafeBufferPointer(buffer), dialect: .standard)
        var fields: [CSVField] = []
        #expect(try scanner.nextRecord(into: &fields))
        #expect(try scanner.nextRecord(into: &fields))
        #expect(fields.map { scanner.string($0)! } == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(try scanner.nextRecord(into: &fields))
        #expect(fields[0].line == 4)  // the quoted newline moved the line count on
        #expect(try !scanner.nextRecord(into: &fields))
    }

    @Test("numbers parse exactly, as strtod would, in both decimal conventions")
    func numbers() {
        #expect(DecimalParser.parse("1520.5") == 1520.5)
        #expect(DecimalParser.parse("0.1") == 0.1)
        #expect(DecimalParser.parse("-3.25") == -3.25)
        #expect(DecimalParser.parse("1,5", decimalComma: true) == 1.5)
        #expect(DecimalParser.parse("1,5") == nil)
        #expect(DecimalParser.parse("2.5e3") == 2500)
        #expect(DecimalParser.parse("123456789012345678901234") == 123456789012345678901234.0)
        #expect(DecimalParser.parse("0.30000000000000004") == 0.30000000000000004)
        #expect(DecimalParser.parse(".5") == 0.5)
        #expect(DecimalParser.parse("5.") == 5)
        for bad in ["", "-", ".", "nan", "NaN", "inf", "1e", "0x10", "1.2.3", "12a", "1 000"] {
            #expect(DecimalParser.parse(bad) == nil, "\(bad) must not parse")
        }
        // Random decimals agree with Double(String) bit for bit.
        var state: UInt64 = 42
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let digits = String(state % 10_000_000_000_000)
            let split = Int(state >> 60) % digits.count
            let text = String(digits.prefix(split)) + "." + String(digits.dropFirst(split))
            #expect(DecimalParser.parse(text) == Double(text), "\(text)")
        }
    }

    @Test("unbalanced panels, ISCO codes at several levels, aggregates recognised")
    func hierarchy() throws {
        let text = """
            year,region,isco,employment
            2020,MA-01,2,100
            2020,MA-01,22,60
            2020,MA-01,2221,60
            2021,MA-01,2221,62
            2019,MA-02,7212,5
            2021,MA-02,7212,7
            2020,TOTAL,2221,80
            """
        let p = try PanelReader.read(text: text)
        #expect(p.aggregateOccupations == ["2", "22"])
        #expect(p.aggregateRegions == ["TOTAL"])
        let series = p.series("employment")
        #expect(series.map { "\($0.region)/\($0.isco)" } == ["MA-01/2221", "MA-02/7212"])
        #expect(series[1].firstYear == 2019)
        #expect(series[1].values.count == 3 && series[1].values[1].isNaN)  // the 2020 gap
        let summary = PanelSummary(p)
        #expect(summary.occupationsByLevel == [1, 1, 0, 2])
        #expect(summary.firstYear == 2019 && summary.lastYear == 2021)
    }

    @Test("empty cells are missing values, counted in the summary")
    func missingShare() throws {
        let p = try PanelReader.read(text: Self.plain)
        let s = PanelSummary(p)
        #expect(s.missingShare.map(\.measure) == ["employment", "jobseekers", "vacancies", "median_wage"])
        #expect(s.missingShare.map(\.share) == [0, 0.25, 0.25, 0])
    }

    @Test("chunked parallel parsing gives the same panel and the same line numbers")
    func parallelChunks() throws {
        var text = "year,region,isco,employment,vacancies\r\n"
        for r in 1...6 { for y in 2000...2030 { text += "\(y),MA-0\(r),2221,\(r * 100 + y - 2000),\(y % 7)\r\n" } }
        var serial = PanelReadOptions()
        serial.parallelMinimumBytes = .max
        var chunked = PanelReadOptions()
        chunked.parallelMinimumBytes = 1
        let a = try PanelReader.read(text: text, options: serial)
        let b = try PanelReader.read(text: text, options: chunked)
        #expect(a == b)
        #expect(a.rowCount == 186)
        // A bad cell near the end, and a duplicate spanning the two halves, are located exactly.
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        lines[180] = "2025,MA-06,2221,x,1"
        lines[170] = lines[2]
        let broken = lines.joined(separator: "\r\n")
        for options in [serial, chunked] {
            do {
                _ = try PanelReader.read(text: broken, fileName: "p.csv", options: options)
                Issue.record("accepted")
            } catch {
                #expect(error.diagnostics.map(\.description) == ["p.csv:181:17: employment 'x' is not a number"])
            }
        }
        lines[180] = "2025,MA-06,2221,5,1"
        do {
            _ = try PanelReader.read(text: lines.joined(separator: "\r\n"), fileName: "p.csv", options: chunked)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("p.csv:171:1: duplicate row for year 2001, region MA-01, isco 2221 (first at line 3)") == true)
        }
    }
}
