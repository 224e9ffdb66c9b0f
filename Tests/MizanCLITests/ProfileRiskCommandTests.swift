import Foundation
import Testing
import TestSupport

/// `mizan profile-risk` as a PES analyst runs it: scores for the later cohorts, a report, and on
/// bad input a located message, exit 65 and nothing written. Registry rows never reach the terminal.
@Suite("mizan profile-risk (the real binary)")
struct ProfileRiskCommandTests {
    static let registry = SharedData.repository("Datasets/morocco/registry.csv").path
    static let shortages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ProfilingTests/Fixtures/morocco_shortages_2024.csv").path

    @Test("scores every later spell, writes the report, prints counts and scores only")
    func scores() throws {
        let dir = try MizanProcess.scratch()
        let run = try MizanProcess.run(["profile-risk", "--registry", Self.registry, "--train-until", "2021", "--shortages", Self.shortages,
                                        "--out", dir.appendingPathComponent("scores.csv").path, "--report", dir.appendingPathComponent("report").path,
                                        "--lang", "en"])
        #expect(run.status == 0, "\(run.stderr)")
        let scores = try String(contentsOf: dir.appendingPathComponent("scores.csv"), encoding: .utf8).split(separator: "\n")
        #expect(scores.first == "id,p_ltu,tier,reasons" && scores.count == 12_001)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report/report.html").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report/report.json").path))
        #expect(run.stdout.contains("on 8000 later spells with known outcome") && run.stdout.contains("audit: nationality foreign"))
        // No id from the registry in what the terminal shows.
        for line in scores.dropFirst().prefix(500) { #expect(!run.stdout.contains(String(line.prefix(12))) && !run.stderr.contains(String(line.prefix(12)))) }
        // Same input, same bytes.
        let again = try MizanProcess.run(["profile-risk", "--registry", Self.registry, "--train-until", "2021", "--shortages", Self.shortages,
                                          "--out", dir.appendingPathComponent("again.csv").path, "--lang", "en"])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("scores.csv")) == Data(contentsOf: dir.appendingPathComponent("again.csv")))
    }

    @Test("bad registries: a located message, exit 65, nothing written", arguments: [
        ("", "registry.csv:1:1: the registry is empty"),
        ("id,year,region,isco_sought,age,sex,nationality,education_isced,returnee,months_abroad,prior_spells,months_unemployed_before,languages,ltu_12m,canal\n",
         "registry.csv:1:143: unknown column 'canal'"),
        ("id,year,region,isco_sought,age,sex,nationality,education_isced,returnee,months_abroad,prior_spells,months_unemployed_before,languages,ltu_12m\na,2020,MA-06,7212,30,M,MA,3,0,0,0,2,ar,yes\n",
         "registry.csv:2:40: 'ltu_12m' must be 0, 1 or empty"),
        ("id,year,region,isco_sought,age,sex,nationality,education_isced,returnee,months_abroad,prior_spells,months_unemployed_before,languages,ltu_12m\na,2020,MA-06,7212,30,M,MA,3,0,0,0,2,ar,1\nb,2023,MA-06,7212,30,M,MA,3,0,0,0,2,ar,\n",
         "no spell registered in or before 2019 has a known outcome"),
    ])
    func badInput(text: String, message: String) throws {
        let dir = try MizanProcess.scratch()
        let file = dir.appendingPathComponent("registry.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("scores.csv")
        let run = try MizanProcess.run(["profile-risk", "--registry", file.path, "--train-until", "2019", "--out", out.path,
                                        "--report", dir.appendingPathComponent("rep").path])
        #expect(run.status == 65, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("rep").path))
    }

    @Test("an override is recorded hashed; a free-text reason is refused")
    func override() throws {
        let dir = try MizanProcess.scratch()
        let log = dir.appendingPathComponent("overrides.csv").path
        let ok = try MizanProcess.run(["profile-risk", "override", "--log", log, "--id", "923f83de0b93", "--from", "high", "--to", "medium",
                                       "--reason", "job_offer_pending", "--date", "2026-11-30"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let text = try String(contentsOf: URL(fileURLWithPath: log), encoding: .utf8)
        #expect(text.hasPrefix("id_sha256,from_tier,to_tier,reason,date\n") && !text.contains("923f83de0b93"))
        let bad = try MizanProcess.run(["profile-risk", "override", "--log", log, "--id", "x", "--from", "high", "--to", "low",
                                        "--reason", "she is pregnant"])
        #expect(bad.status == 64 && bad.stderr.contains("--reason must be one of"))
    }
}
