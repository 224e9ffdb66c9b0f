import Forecasting
import Foundation
import LabourData
import MizanSupport
import OutlookBundle
import Testing
import TestSupport

@Suite("The bundle's manifest and forecast file")
struct BundleManifestTests {
    static func folder() throws -> URL { try temporaryFolder("manifest") }

    @Test("the run key is SHA-256 of the version, the configuration and the input hashes in name order; written and read back")
    func runKey() throws {
        let inputs = ["panel": "aa", "esco": "bb"]
        var m = BundleManifest(mizanVersion: "0.1.0", year: 2024, horizon: 5, targetYear: 2029, seed: 7, config: "[inputs]\n", inputSHA256: inputs,
                               tables: ["forecasts.csv"])
        #expect(m.runKey == SHA256.hex(Data("mizan 0.1.0\n[inputs]\n\nesco=bb\npanel=aa".utf8)))
        // Another input, another run; the key does not depend on the dictionary's order.
        #expect(BundleManifest.runKey(version: "0.1.0", config: "[inputs]\n", inputs: ["esco": "bb", "panel": "aa"]) == m.runKey)
        #expect(BundleManifest.runKey(version: "0.1.0", config: "[inputs]\n", inputs: ["panel": "ab", "esco": "bb"]) != m.runKey)
        m.timings = [.init(stage: "forecast", seconds: 1.25)]
        m.shrinkageLambda = 0.125
        let dir = try Self.folder()
        try Data(try m.json()).write(to: dir.appendingPathComponent("manifest.json"))
        #expect(try BundleManifest.read(bundle: dir) == m)
        // A manifest of an earlier version has no run_key: the same key is derived.
        var old = m
        old.runKey = nil
        #expect(old.key == m.runKey)
    }

    @Test("a folder without a manifest, or a manifest without its year, is refused naming the file")
    func refused() throws {
        let dir = try Self.folder()
        do { _ = try BundleManifest.read(bundle: dir); Issue.record("read a missing manifest") } catch {
            #expect(error.description.contains("manifest.json") && error.description.contains("not an outlook or scenario bundle"), "\(error)")
        }
        try Data("{\"mizan_version\":\"0.1.0\",\"horizon\":5}".utf8).write(to: dir.appendingPathComponent("manifest.json"))
        do { _ = try BundleManifest.read(bundle: dir); Issue.record("read a manifest without year") } catch {
            #expect(error.description.contains("lacks \"year\""), "\(error)")
        }
    }

    @Test("forecasts.csv: the header PanelForecast writes is the one ForecastFile names; rows read with their 80 and 95 % intervals")
    func forecastFile() throws {
        let panel = try PanelReader.read(text: "year,region,isco,employment\n" + (2015...2024).map { "\($0),MA-01,7212,\(100 + 3 * ($0 - 2015))" }.joined(separator: "\n") + "\n",
                                         fileName: "p.csv")
        var o = ForecastOptions()
        o.horizon = 2
        o.paths = 50
        let f = try PanelForecaster.run(panel, options: o)
        let bytes = f.csv()
        let header = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
        #expect(header == ForecastFile.columns(levels: f.levels).joined(separator: ","))
        let dir = try Self.folder()
        let url = dir.appendingPathComponent("forecasts.csv")
        try Data(bytes).write(to: url)
        let rows = try ForecastFile.read(url)
        #expect(rows.count == f.seriesCount * 2)
        let cell = rows.first { $0.region == "MA-01" && $0.isco == "7212" && $0.year == 2026 }
        #expect(cell.map { $0.measure == "employment" && $0.interval(80)!.low < $0.mean && $0.mean < $0.interval(95)!.high } == true)
        try Data("region,isco,year,mean\nMA-01,7212,2025,1O3\n".utf8).write(to: url)
        do { _ = try ForecastFile.read(url); Issue.record("read mean 1O3") } catch {
            #expect(error.description.contains("forecasts.csv:2:17: mean '1O3' is not a number"), "\(error)")
        }
    }
}
