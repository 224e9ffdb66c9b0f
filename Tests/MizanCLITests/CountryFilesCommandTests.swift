import Foundation
import LabourData
import Testing
import TestSupport

/// A third country is a data file (`Datasets/countries/README.md`): with `MIZAN_COUNTRIES`
/// pointing at Senegal's, a panel written with Senegalese region names reads as their ISO codes;
/// without it the same panel is refused; a broken country file stops any command first.
@Suite("Countries as data, through mizan (the real binary)")
struct CountryFilesCommandTests {
    @Test("Senegal from its file: names read as SN codes in the forecast; without the file the names are refused; a broken file stops with its line")
    func senegal() throws {
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var panel = "year,region,isco,employment\n"
        for y in 2015...2024 {
            for (r, name) in ["Dakar", "Thiès", "Saint Louis"].enumerated() {
                for (i, isco) in ["7212", "6111"].enumerated() { panel += "\(y),\(name),\(isco),\(500 + 20 * (y - 2015) * (i + 1) + 7 * r + (y * 3 + r + i) % 5)\n" }
            }
        }
        let panelURL = dir.appendingPathComponent("senegal.csv")
        try panel.write(to: panelURL, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("f.csv").path
        let countries = SharedData.repository("Datasets/countries/examples").path
        let run = try MizanProcess.run(["forecast", "--panel", panelURL.path, "--horizon", "2", "--out", out], environment: ["MIZAN_COUNTRIES": countries])
        #expect(run.status == 0, "\(run.stderr)")
        let regions = Set(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(regions == ["SN-DK", "SN-SL", "SN-TH", "TOTAL"])
        // Without Senegal's file, "Saint Louis" is no region Mizan can place.
        let without = try MizanProcess.run(["validate", panelURL.path], unsetting: ["MIZAN_COUNTRIES"], via: [])
        #expect(without.status == 65 && without.stderr.contains("unknown region 'Saint Louis'"), "\(without.stderr)")
        // A broken country file: every command stops before reading anything, at the line.
        let broken = dir.appendingPathComponent("countries")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try "code,name_fr,name_ar,other_names\nSN-DK,Dakar,,\nDK,Dakar,,\n".write(to: broken.appendingPathComponent("SN.csv"), atomically: true, encoding: .utf8)
        let stopped = try MizanProcess.run(["validate", panelURL.path], environment: ["MIZAN_COUNTRIES": broken.path])
        #expect(stopped.status == 65 && stopped.stderr.contains("SN.csv:3:1: code 'DK' is not a subdivision of SN"), "\(stopped.stderr)")
    }
}
