import Foundation
import LabourData
import LinearAlgebra
import MizanSupport
import Outlook
import OutlookBundle
import Shortage
import Testing
import TestSupport

/// The outlook's tables, byte for byte, as they were when the pipeline was restructured into
/// named stages: any change to what a planner receives shows here first. When an output is
/// meant to change, replace the digest the failure prints and say why in the commit.
@Suite("Outlook bundle: the same bytes as before the restructuring")
struct OutlookGoldenTests {
    static let golden: [String: String] = [
        "forecast_accuracy.csv": "1e5705cb2ee824aaf4d650824946470b4a8ff611d056b4ec5df4dee2b4782520",
        "forecasts.csv": "0a1d2ccd8b064236de4fe4051a1d8c6d27484b70cd8a3b19a56f86e4501c28ca",
        "recommendations.csv": "edb4fa0d99444662afc98f30a3c57a0081ee9ca7b935398927b2f877be867566",
        "recommendations_summary.csv": "f5df4fddabf3574b073e3886c70e900abdcc700f1fd5e0866477b365dc108be0",
        "recommendations_summary.json": "fbc27de21254d9650ae70d50e2e6dc0d36a826368f2499eda62ffc4a2cf9f62d",
        "report.html": "328241b2f291ea847ab8ecbbcdf89c8e1348d7fedb3670ab32db98dd73879df7",
        "shortages.csv": "a5b48470f581125c47786de1d465982763636ad497b960be26d21680671bca8e",
        "shortages_now.csv": "8b0a14023af7dc789f1f2bcea9b444561a633c9c0d41208aebf51302c2a1af75",
        "skills_gap.csv": "e13db868c1f92b47a77cd1fefd1b939c01a38b3f6a02663ced0e1f86a7272e09",
    ]

    /// The version that made each recorded forecasts.csv. A resumed run reuses a checkpoint, and a
    /// scenario a baseline, only under the same `OutlookRunner.version`: a forecast whose bytes
    /// change under an unchanged version would let the old method's checkpoint through. So a new
    /// digest needs a new entry, and a new entry a version no earlier digest had.
    static let forecastVersions: [String: String] = [
        "0a1d2ccd8b064236de4fe4051a1d8c6d27484b70cd8a3b19a56f86e4501c28ca": "0.3.0",
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
        #expect(Set(Self.forecastVersions.values).count == Self.forecastVersions.count, "one version per forecast digest")
        #expect(Self.forecastVersions[digests["forecasts.csv"] ?? ""] == OutlookRunner.version,
                "forecasts.csv changed: bump OutlookRunner.version and record its digest in forecastVersions")
    }

    /// The small panel with employment split by sex (a share per cell, drawn apart from the panel's own draws).
    static func panelBySex(in dir: URL) throws {
        let url = try OutlookTests.panel(in: dir)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        var rng = SeededGenerator(seed: 99)
        var share: [String: Double] = [:]
        lines[0] += ",employment_female,employment_male"
        for k in 1..<lines.count {
            let f = lines[k].split(separator: ",").map(String.init)
            let cell = f[1] + "/" + f[2]
            if share[cell] == nil { share[cell] = 0.15 + 0.5 * rng.uniform() }
            let e = Double(f[3])!, women = (e * share[cell]! * (1 + 0.03 * rng.normal())).rounded()
            lines[k] += ",\(Int(women)),\(Int(e - women))"
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("the lists for women and men come from the outlook's own forecast options (here drift, 60 paths), not a default forecast, and have their recorded SHA-256")
    func listsBySex() throws {
        let dir = try OutlookTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try OutlookTests.config(in: dir, """
            [inputs]
            panel = "panel.csv"
            [forecast]
            horizon = 3
            model = "drift"
            paths = 60
            [report]
            language = "fr"
            """)
        try Self.panelBySex(in: dir)
        let out = dir.appendingPathComponent("bundle")
        _ = try OutlookRunner(config: config).run(into: out)
        let panel = try PanelReader.read(contentsOf: dir.appendingPathComponent("panel.csv"))
        var sc = ShortageConfig()
        sc.seed = config.seed
        let model = ShortageModel(config: sc)
        var stage = ShortageListStage(model: model)
        stage.forecastOptions = config.forecastOptions
        var defaultStage = ShortageListStage(model: model)
        defaultStage.paths = 60
        var digests: [String: String] = [:]
        for sex in ["female", "male"] {
            let written = try Data(contentsOf: out.appendingPathComponent("shortages_\(sex).csv"))
            let same = try stage.run(panel: panel, year: 2024, horizon: 3, sex: sex).list.rows
            let byDefault = try defaultStage.run(panel: panel, year: 2024, horizon: 3, sex: sex).list.rows
            #expect(written == Data(ShortageListFile.csv(same, language: config.language, targetYear: 2027)), "\(sex)")
            #expect(written != Data(ShortageListFile.csv(byDefault, language: config.language, targetYear: 2027)), "\(sex): the default forecast gives other lists")
            digests["shortages_\(sex).csv"] = SHA256.hex(written)
            digests["shortages_now_\(sex).csv"] = SHA256.hex(try Data(contentsOf: out.appendingPathComponent("shortages_now_\(sex).csv")))
        }
        let shown = digests.sorted { $0.key < $1.key }.map { "        \"\($0.key)\": \"\($0.value)\"," }.joined(separator: "\n")
        #expect(digests == Self.goldenBySex, "digests now:\n\(shown)")
    }

    static let goldenBySex: [String: String] = [
        "shortages_female.csv": "4871bbbdab7dbb83c4ca222c179a546435126abf689d305fe31ca76c067ecc80",
        "shortages_male.csv": "8f07a0f9a30af7b3176323e1ab6f67c9ce184d34825ecf72685a729c9ea9e94c",
        "shortages_now_female.csv": "3127d81b61de96684617b3a03aa8dd5d8fd7e35b0dd7ae75022af0b645f5ad9e",
        "shortages_now_male.csv": "97cee6683999fc63f8f5dacd535c24852ee216fa80f6022a00907cadf410d882",
    ]
}
