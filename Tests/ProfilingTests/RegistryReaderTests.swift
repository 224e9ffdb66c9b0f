import Foundation
import LabourData
import Profiling
import Testing

@Suite("Registry files: every problem located")
struct RegistryReaderTests {
    static let header = Registry.requiredColumns.joined(separator: ",")
    static let good = "a1,2020,MA-06,7212,31,M,MA,3,1,24,0,6,ar;fr,1"

    func problems(_ text: String, spec: ProfilingSpec = .init()) -> [String] {
        do { _ = try RegistryReader.read(text: text, fileName: "r.csv", spec: spec); return [] } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("a sound registry reads, names and codes alike")
    func reads() throws {
        let r = try RegistryReader.read(text: "\(Self.header)\n\(Self.good)\na2,2021,Casablanca-Settat,7212 - Soudeurs,40,f,SN,6,0,,1,0,fr,\n")
        #expect(r.count == 2 && r.regions == ["MA-06", "MA-06"] && r.iscoSought == ["7212", "7212"])
        #expect(r.sexes == ["M", "F"] && r.languageCounts == [2, 1] && r.ltu12m[0] == 1 && r.ltu12m[1].isNaN)
    }

    @Test("an unknown column is refused with the closest names, unless the spec declares it")
    func unknownColumn() throws {
        let text = "\(Self.header),month_registred\n\(Self.good),3\n"
        #expect(problems(text).first?.hasPrefix("r.csv:1:\(Self.header.count + 2): unknown column 'month_registred'; did you mean months_registered?") == true)
        let spec = try ProfilingSpec.parse("[extra.month_registred]\nkind = \"numeric\"\n")
        #expect(problems(text, spec: spec).isEmpty)
    }

    @Test("labels other than 0/1, impossible ages and unknown regions are located to the cell")
    func badCells() {
        let p = problems("\(Self.header)\na1,2020,MA-06,7212,31,M,MA,3,1,24,0,6,ar;fr,2\na2,2020,MA-99,7212,7,M,MA,3,1,24,0,6,ar,0\n")
        #expect(p.contains("r.csv:2:\(Self.good.count): 'ltu_12m' must be 0, 1 or empty (outcome not yet known), not '2'"))
        #expect(p.contains { $0.hasPrefix("r.csv:3:9: unknown region 'MA-99'") })
        #expect(p.contains("r.csv:3:20: 'age' must be an age between 15 and 80, not '7'"))
    }

    @Test("an empty file, a header alone and a missing column are refused")
    func emptyAndMissing() {
        #expect(problems("") == ["r.csv:1:1: the registry is empty: expected a header with \(Self.header)"])
        #expect(problems("\(Self.header)\n") == ["r.csv:2:1: the registry has a header but no spells"])
        #expect(problems("id,year\n1,2020\n").first?.hasPrefix("r.csv:1:1: the header lacks region, isco_sought") == true)
    }

    @Test("a train-until year with no labelled spells is refused in words")
    func noTrainingSpells() throws {
        let r = try RegistryReader.read(text: "\(Self.header)\n\(Self.good)\n")
        #expect(throws: ProfilingError.self) { try RiskProfiler.run(r, spec: ProfilingSpec(), trainUntil: 2015, outlook: nil) }
        do { _ = try RiskProfiler.run(r, spec: ProfilingSpec(), trainUntil: 2015, outlook: nil) } catch {
            #expect("\(error)" == "no spell registered in or before 2015 has a known outcome (ltu_12m); the registry covers 2020–2020")
        }
    }

    @Test("the model spec: defaults, overrides and located mistakes")
    func spec() throws {
        let s = try ProfilingSpec.parse("[model]\nkind = \"hazard\"\npenalty = 0\n[tiers]\ncutoffs = [0.4, 0.8]\n[extra.canal]\nkind = \"categorical\"\n")
        #expect(s.model == .hazard && s.penalty == 0 && s.tierCutoffs == [0.4, 0.8] && s.extras.map(\.name) == ["canal"])
        #expect(s.tier(0.39) == "low" && s.tier(0.4) == "medium" && s.tier(0.8) == "high")
        do { _ = try ProfilingSpec.parse("[model]\nkind = \"forest\"\n[tiers]\ncutoffs = [0.8, 0.4]\n", file: "s.toml"); Issue.record("accepted") } catch let error as InputError {
            #expect(error.diagnostics.map(\.description) == [
                "s.toml:2:8: model.kind is one of logit, hazard (found 'forest')",
                "s.toml:4:11: tiers.cutoffs is an increasing list of probabilities in (0, 1), such as [0.5, 0.75]",
            ])
        }
    }

    @Test("overrides are logged with the id hashed and a reason code, never free text")
    func overrideLog() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("overrides-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try OverrideLog.append(try .init(id: "923f83de0b93", from: "high", to: "medium", reason: .jobOfferPending, date: "2026-11-30"), to: url)
        try OverrideLog.append(try .init(id: "72dc46004dbf", from: "low", to: "high", reason: .counsellorAssessment, date: "2026-11-30"), to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains("923f83de0b93"))
        #expect(text.split(separator: "\n").count == 3 && text.hasPrefix(OverrideLog.header + "\n"))
        #expect(text.contains(",high,medium,job_offer_pending,2026-11-30"))
        #expect(throws: ProfilingError.self) { try OverrideLog.Entry(id: "x", from: "high", to: "high", reason: .other, date: "2026-11-30") }
    }
}

@Suite("Large registries are read in blocks, with the same result")
struct RegistryBlocksTests {
    @Test("a 2 MB registry read in parallel blocks equals the one-pass read; a late error names its own line")
    func blocksAgree() throws {
        let text = try String(contentsOf: SharedData.repository("Datasets/morocco/registry.csv"), encoding: .utf8)
        #expect(text.utf8.count > 1 << 20)
        let parallel = try RegistryReader.read(text: text)
        // A quoted cell makes the reader take one pass (a quoted field may hold a newline).
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = "\"" + lines[1].prefix(12) + "\"" + lines[1].dropFirst(12)
        let onePass = try RegistryReader.read(text: lines.joined(separator: "\n"))
        #expect(parallel.ids == onePass.ids && parallel.lines == onePass.lines && parallel.count == 36_000)
        #expect(parallel.ltu12m.map { $0.isNaN ? -1 : $0 } == onePass.ltu12m.map { $0.isNaN ? -1 : $0 })
        #expect(parallel.extraNumbers["months_registered"]! == onePass.extraNumbers["months_registered"]!)
        // An impossible age near the end of the file.
        var bad = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var f = bad[35_000].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        f[4] = "7"
        bad[35_000] = f.joined(separator: ",")
        do { _ = try RegistryReader.read(text: bad.joined(separator: "\n"), fileName: "r.csv"); Issue.record("accepted") } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("r.csv:35001:") == true, "\(error)")
        }
    }
}

import TestSupport

@Suite("Whose registry: the national group")
struct NationalGroupTests {
    @Test("without [audit] national, the registry's most frequent nationality is national; alpha-3 codes count as their alpha-2")
    func nationalGroup() throws {
        var spec = ProfilingSpec()
        spec.nationalCode = "TN"
        #expect(spec.nationalityGroup("TUN") == "national" && spec.nationalityGroup("TN") == "national")
        #expect(spec.nationalityGroup("MA") == "foreign" && spec.nationalityGroup("") == "")
        // A Tunisian registry: TN most frequent, so Tunisians are the reference group.
        let header = Registry.requiredColumns.joined(separator: ",")
        var lines = [header]
        for i in 0..<400 {
            let nat = i % 10 == 0 ? "CI" : "TN"
            lines.append("t\(i),\(2019 + i % 4),TN-11,7212,\(20 + i % 30),\(i % 3 == 0 ? "F" : "M"),\(nat),3,0,0,\(i % 3),\(i % 24),ar;fr,\(i % 4 == 3 ? "" : String(i % 2))")
        }
        let r = try RegistryReader.read(text: lines.joined(separator: "\n"))
        let result = try RiskProfiler.run(r, spec: ProfilingSpec(), trainUntil: 2020, outlook: nil)
        #expect(result.spec.nationalCode == "TN")
        let groups = try #require(result.audit).groups.filter { $0.attribute == "nationality" }
        #expect(groups.first { $0.group == "national" }?.isReference == true && groups.contains { $0.group == "foreign" })
    }
}
