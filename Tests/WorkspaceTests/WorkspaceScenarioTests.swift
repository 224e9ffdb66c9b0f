import Foundation
import Hummingbird
import HummingbirdTesting
import OutlookBundle
import Testing
import Workspace

/// Scenario pages: a scenario bundle (as `mizan scenario` writes it) shown beside the fixture outlook.
@Suite("The workspace with a scenario beside the outlook")
struct WorkspaceScenarioTests {
    /// A scenario that adds 500 general practitioners in MA-04 from 2026.
    static func bundle(targetYear: Int = 2029) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var manifest = BundleManifest(mizanVersion: "0.1.0", year: targetYear - 5, horizon: 5, targetYear: targetYear, seed: 1, config: "",
                                      inputSHA256: ["panel": String(repeating: "0", count: 64)], tables: ["forecasts.csv"])
        manifest.scenario = "Médecins à Rabat"
        manifest.shocks = [.init(label: "médecins", kind: "occupation_jobs")]
        try Data(try manifest.json()).write(to: dir.appendingPathComponent("manifest.json"))
        var forecasts = "region,isco,year,measure,model,mean,lo80,hi80,lo95,hi95,reconciliation,flags\n"
        var comparison = "region,isco,year,measure,baseline,scenario,difference,difference_lo80,difference_hi80\n"
        for (k, year) in (2025...2029).enumerated() {
            let base = 844.336 + 22.5 * Double(k), add = year >= 2026 ? 500.0 : 0
            forecasts += "MA-04,2221,\(year),employment,m,\(base + add),\(base + add - 20),\(base + add + 20),\(base + add - 40),\(base + add + 40),mint-shrink,\n"
            comparison += "MA-04,2221,\(year),employment,\(base),\(base + add),\(add),\(add),\(add)\n"
        }
        comparison += "MA-04,2221,2029,imbalance,0.05,0.61,0.56,0.48,0.64\nMA-04,2221,2029,p_shortage,0.4,0.97,0.57,,\n"
        try forecasts.write(to: dir.appendingPathComponent("forecasts.csv"), atomically: true, encoding: .utf8)
        try comparison.write(to: dir.appendingPathComponent("scenario_vs_baseline.csv"), atomically: true, encoding: .utf8)
        try "region,isco,change,baseline_rank,scenario_rank,baseline_p_shortage,scenario_p_shortage\nMA-04,2221,enters,14,2,0.4,0.97\n"
            .write(to: dir.appendingPathComponent("shortage_list_changes.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("the scenario's page lists the occupation it puts on the list; its cell page shows both fan charts and +500 employment with its band")
    func pages() async throws {
        var options = WorkspaceData.Options(bundle: Fixture.bundle, panel: Fixture.folder.appendingPathComponent("panel.csv"))
        options.scenarios = [try Self.bundle()]
        let data = try WorkspaceData(options)
        let app = Application(router: WorkspaceServer.router(data))
        try await app.test(.router) { client in
            try await client.execute(uri: "/fr/scenarios", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("href=\"/fr/scenario/1\">Médecins à Rabat</a>"))
            }
            try await client.execute(uri: "/en/scenario/1", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("médecins (occupation_jobs)") && r.text.contains("/en/scenario/1/MA-04/2221") && r.text.contains("14 → 2"))
                #expect(r.text.contains("+0.57"))
            }
            try await client.execute(uri: "/en/scenario/1/MA-04/2221", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.components(separatedBy: "<svg").count == 3, "two fan charts")
                #expect(r.text.contains("Employment 2027</th><td class=\"num\">889</td><td class=\"num\">1389</td><td class=\"num\">+500</td>"), "\(r.text)")
                #expect(r.text.contains("[0.480; 0.640]"))
            }
            try await client.execute(uri: "/en/scenario/2", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/en/scenario/1/MA-04/2221?x=1", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/en/scenario/1/XX-99/2221", method: .get) { #expect($0.status == .badRequest) }
        }
    }

    @Test("without scenarios the page says how to load one; a scenario about another year is refused when the workspace starts")
    func noneAndMismatch() async throws {
        try await Fixture.withClient { client in
            try await client.execute(uri: "/fr/scenarios", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("mizan serve --scenario"))
            }
        }
        var options = WorkspaceData.Options(bundle: Fixture.bundle)
        options.scenarios = [try Self.bundle(targetYear: 2030)]
        #expect(throws: WorkspaceLoadError.self) { try WorkspaceData(options) }
    }
}
