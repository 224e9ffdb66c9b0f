import Foundation
import Testing
import TestSupport

/// `mizan transitions` with the destination's outlook and wage beside each move, as a counsellor
/// reads it.
@Suite("mizan transitions with outlook and wage (the real binary)")
struct TransitionsCommandTests {
    @Test("each destination shows its shortage probability in the region and its latest median wage")
    func outlookAndWage() throws {
        let shortages = SharedData.repository("Tests/WorkspaceTests/Fixtures/bundle/shortages.csv").path
        let panel = SharedData.repository("Datasets/morocco/panel.csv").path
        let esco = try SharedData.dataset("esco").path
        let table = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--shortages", shortages,
                                          "--panel", panel, "--region", "Casablanca-Settat", "--top", "3"])
        #expect(table.status == 0, "\(table.stderr)")
        // The brazier (ISCO 7212): p 0.68 in Casablanca-Settat in the list, wage 5,335 MAD in 2024 in the panel.
        #expect(table.stdout.contains("shortage p = 0.68 (Casablanca-Settat) · median wage 5335 (2024)"), "\(table.stdout)")
        let csv = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--shortages", shortages,
                                        "--panel", panel, "--region", "MA-06", "--top", "3", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",p_shortage,outlook_region,median_wage") == true)
        #expect(lines.dropFirst().first?.hasSuffix(",0.68,MA-06,5335") == true, "\(csv.stdout)")
        let bad = try MizanProcess.run(["transitions", "--from", "welder", "--esco", esco, "--region", "MA-99"])
        #expect(bad.status == 64 && bad.stderr.contains("unknown region 'MA-99'"), "\(bad.stderr)")
    }
}
