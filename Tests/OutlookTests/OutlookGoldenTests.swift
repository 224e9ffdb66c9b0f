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
        "forecast_accuracy.csv": "cc2d00574d285cabaf4ee8e14721f42c25fa25f19272ea075b1aaebca3d86e5f",
        "forecasts.csv": "5255badc328ab421f20fff0115949a9e375e3658921c2ac3d03ce95943820633",
        "recommendations.csv": "84396c986a2ccff97a678497f002aba849f3bc98c2f4b897f6e228e73aeeed93",
        "recommendations_summary.csv": "f5df4fddabf3574b073e3886c70e900abdcc700f1fd5e0866477b365dc108be0",
        "recommendations_summary.json": "fbc27de21254d9650ae70d50e2e6dc0d36a826368f2499eda62ffc4a2cf9f62d",
        "report.html": "1b3b7bbbe060dc680664bcb762903d27507bc3fc7ddf01230840e8a6fc92c31b",
        "shortages.csv": "4604140047df421607d933aed1da159a39ddbdd3fc21827d62b41855d02a57aa",
        "shortages_now.csv": "8b0a14023af7dc789f1f2bcea9b444561a633c9c0d41208aebf51302c2a1af75",
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
        "shortages_female.csv": "e82aa9e5cb5b1f7c92f9adee0c04dc7f45895095e1abee76e8cf487e0c424b94",
        "shortages_male.csv": "0770eaf2e7050359b4fb7f8ae50ca9cc925f4fc343ea7211db79502bd2cbb8e4",
        "shortages_now_female.csv": "3127d81b61de96684617b3a03aa8dd5d8fd7e35b0dd7ae75022af0b645f5ad9e",
        "shortages_now_male.csv": "97cee6683999fc63f8f5dacd535c24852ee216fa80f6022a00907cadf410d882",
    ]
}
