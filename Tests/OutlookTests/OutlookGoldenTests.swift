import Foundation
import LabourData
import Outlook
import TestSupport
import Testing

/// The outlook's tables, byte for byte, as they were when the pipeline was restructured into
/// named stages: any change to what a planner receives shows here first. When an output is
/// meant to change, replace the digest the failure prints and say why in the commit.
@Suite("Outlook bundle: the same bytes as before the restructuring")
struct OutlookGoldenTests {
    static let golden: [String: String] = [
        "forecast_accuracy.csv": "ad38db89b406f1d8e54c70c74b4ad7e03639e100a752e8409361879e2ca40471",
        "forecasts.csv": "43ccf459da08708acaecc6c3bf656eb0e3a9714c97e396b99e7674b4eff88ad6",
        "recommendations.csv": "b784c0fd25035b7cb2fae7619f85b216f60d4468f45c8522b568fbe505f3f048",
        "recommendations_summary.csv": "f5df4fddabf3574b073e3886c70e900abdcc700f1fd5e0866477b365dc108be0",
        "recommendations_summary.json": "fbc27de21254d9650ae70d50e2e6dc0d36a826368f2499eda62ffc4a2cf9f62d",
        "report.html": "663884b08f24dc6622f833884471ec878d5b9e9370cc5b6392a10382bab49146",
        "shortages.csv": "25b587f1cf71b2603c48b3739aea83c63871c6823fbfe00c49e46a1b88e1e0e5",
        "shortages_now.csv": "a7d6904444bcdadb2a7a17f513c09a5ab7e41e97b53b2f7b88f87e8f2abd4c00",
        "skills_gap.csv": "e13db868c1f92b47a77cd1fefd1b939c01a38b3f6a02663ced0e1f86a7272e09",
    ]

    @Test("every table of the small panel's outlook, with skills gap and recommendations, has its recorded SHA-256")
    func sameBytes() throws {
        let dir = try OutlookTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let esco = try SharedData.dataset("esco").path
        let catalogue = SharedData.repository("Datasets/training/catalogue.csv").path
        let profiles = SharedData.repository("Datasets/profiles/sample.jsonl").path
        let config = try OutlookTests.config(in: dir, """
            [inputs]
            panel = "panel.csv"
            esco = "\(esco)"
            catalogue = "\(catalogue)"
            profiles = "\(profiles)"
            [forecast]
            horizon = 3
            paths = 60
            [report]
            language = "fr"
            """)
        let out = dir.appendingPathComponent("bundle")
        let result = try OutlookRunner(config: config).run(into: out)
        #expect(result.files.count == 10)
        var digests: [String: String] = [:]
        for name in result.files where name != "manifest.json" {
            digests[name] = SHA256.hex(try Data(contentsOf: out.appendingPathComponent(name)))
        }
        let shown = digests.sorted { $0.key < $1.key }.map { "        \"\($0.key)\": \"\($0.value)\"," }.joined(separator: "\n")
        #expect(digests == Self.golden, "digests now:\n\(shown)")
    }
}
