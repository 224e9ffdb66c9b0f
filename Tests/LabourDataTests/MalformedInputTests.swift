import Foundation
import LabourData
import TestSupport
import Testing

/// Each malformed input must be rejected with the right `file:line:column: message`.
@Suite("Malformed panels")
struct MalformedInputTests {
    typealias Case = HostileCorpus.Case
    static let cases = HostileCorpus.panels
    static let h = "year,region,isco,employment,jobseekers,vacancies,median_wage\n"

    @Test("each malformed input names file, line and column", arguments: cases)
    func rejected(_ c: Case) {
        do {
            _ = try PanelReader.read(text: c.text, fileName: "panel.csv")
            Issue.record("\(c.name): accepted")
        } catch {
            let first = error.diagnostics.first?.description ?? ""
            #expect(first.hasPrefix("panel.csv:\(c.at): "), "\(c.name): got \(first)")
            #expect(first.contains(c.says), "\(c.name): got \(first)")
        }
    }

    @Test("a 2 MB cell or a 1 MB value is quoted by its start and its length, not echoed whole")
    func longValueShortened() {
        let cell = String(repeating: "x", count: 2_000_000)
        do {
            _ = try PanelReader.read(text: "year,region,isco,employment\n2020,MA-01,7212,\(cell)\n", fileName: "panel.csv")
            Issue.record("accepted a 2 MB cell as employment")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("panel.csv:2:17: "), "\(message.prefix(200))")
            #expect(message.count < 400, "\(message.count) characters")
        }
        // Any reader's message quoting a long value is shortened where it is made (Diagnostic).
        let long = Diagnostic(file: "r.csv", line: 2, column: 5, message: "'sex' must be F, M or empty, not '\(String(repeating: "X", count: 1_000_000))'")
        #expect(long.message == "'sex' must be F, M or empty, not '\(String(repeating: "X", count: 80))… (1000000 characters)'")
        // A short message stays exactly as written.
        #expect(Diagnostic(file: "f", line: 1, column: 1, message: "'abc' is not a number").message == "'abc' is not a number")
    }

    @Test("all problems are reported in one pass, up to the cap")
    func allInOnePass() {
        let text = Self.h + "2020,MA-01,9999,5,1,1,100\n2020,MA-01,2221,-1,1,1,100\n2020,MA-01,2222,x,y,1,100\n"
        do {
            _ = try PanelReader.read(text: text, fileName: "p.csv")
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map { "\($0.line):\($0.column)" } == ["2:12", "3:17", "4:17", "4:19"])
        }
        var many = Self.h
        for y in 1960..<2060 { many += "\(y),MA-01,2221,bad,1,1,100\n" }
        var options = PanelReadOptions()
        options.maxDiagnostics = 10
        do {
            _ = try PanelReader.read(text: many, fileName: "p.csv", options: options)
        } catch {
            #expect(error.diagnostics.count == 10)
            #expect(error.truncated)
        }
    }

    @Test("a missing file is reported without a line number")
    func missingFile() {
        do {
            _ = try PanelReader.read(contentsOf: URL(fileURLWithPath: "/nonexistent/panel.csv"))
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.first?.line == 0)
            #expect(error.description == "/nonexistent/panel.csv: does not exist")
        }
    }
}
