import Foundation
import LabourData
import MizanSupport

/// `manifest.json` of an outlook or scenario bundle: what was run (version, configuration text,
/// input hashes, seed), about which years, which tables it holds, and the one run key that
/// names the run — for resuming an interrupted outlook and for recording a vintage alike.
public struct BundleManifest: Codable, Sendable, Equatable {
    public struct Timing: Codable, Sendable, Equatable {
        public var stage: String
        public var seconds: Double
        public init(stage: String, seconds: Double) { self.stage = stage; self.seconds = seconds }
    }
    public struct Shock: Codable, Sendable, Equatable {
        public var label: String
        public var kind: String
        public init(label: String, kind: String) { self.label = label; self.kind = kind }
    }

    public var mizanVersion: String
    /// The last observed year (the list "now") and the horizon in years; the target year is
    /// their sum unless the configuration fixed another.
    public var year: Int
    public var horizon: Int
    public var targetYear: Int
    public var seed: Int
    /// The configuration's text, as read.
    public var config: String
    /// SHA-256 of every input file by role (panel, profiles, catalogue, weights, planted, esco,
    /// and for a scenario the scenario file and staffing matrix).
    public var inputSHA256: [String: String]
    /// The CSV tables of the bundle.
    public var tables: [String]
    /// The run key: see `runKey(version:config:inputs:)`. Absent from bundles of earlier
    /// versions; `key` derives it the same way then.
    public var runKey: String?

    // An outlook's own.
    public var rows: [String: Int]?
    public var reconciliation: String?
    public var shrinkageLambda: Double?
    /// Where the intervals' width comes from (`PanelCalibration.summary`, or the shipped tables).
    public var intervalCalibration: String?
    public var forecastPaths: String?
    /// Names the forecast (panel bytes and forecast settings): a scenario reuses the outlook's
    /// sample paths only under the same key.
    public var forecastKey: String?
    public var timings: [Timing]?

    // A scenario's own.
    public var scenario: String?
    public var scenarioSHA256: String?
    public var configSHA256: String?
    public var shocks: [Shock]?
    public var notes: [String]?

    enum CodingKeys: String, CodingKey {
        case mizanVersion = "mizan_version", year, horizon, targetYear = "target_year", seed, config
        case inputSHA256 = "input_sha256", tables, runKey = "run_key", rows, reconciliation
        case shrinkageLambda = "shrinkage_lambda", intervalCalibration = "interval_calibration", forecastPaths = "forecast_paths", forecastKey = "forecast_key"
        case timings = "timings_s", scenario, scenarioSHA256 = "scenario_sha256", configSHA256 = "config_sha256", shocks, notes
    }

    public init(mizanVersion: String, year: Int, horizon: Int, targetYear: Int, seed: Int, config: String,
                inputSHA256: [String: String], tables: [String]) {
        self.mizanVersion = mizanVersion; self.year = year; self.horizon = horizon; self.targetYear = targetYear
        self.seed = seed; self.config = config; self.inputSHA256 = inputSHA256; self.tables = tables
        runKey = Self.runKey(version: mizanVersion, config: config, inputs: inputSHA256)
    }

    /// The one run key: SHA-256 of the version, the configuration text and every input hash.
    /// Two runs with the same key are the same run: an interrupted one may be resumed, and a
    /// vintage store keeps one copy.
    public static func runKey(version: String, config: String, inputs: [String: String]) -> String {
        SHA256.hex(Data((["mizan \(version)", config] + inputs.keys.sorted().map { "\($0)=\(inputs[$0]!)" }).joined(separator: "\n").utf8))
    }

    /// The run key written, or for a bundle of an earlier version the one it would have had.
    public var key: String { runKey ?? Self.runKey(version: mizanVersion, config: config, inputs: inputSHA256) }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try e.encode(self))
    }

    public static let fileName = "manifest.json"

    /// Reads `manifest.json` of `bundle`; a missing file or one that is not a bundle's manifest is
    /// an input error naming the file and what is wrong.
    public static func read(bundle: URL) throws(InputError) -> BundleManifest {
        let url = bundle.appendingPathComponent(fileName)
        func problem(_ message: String) -> InputError { InputError(Diagnostic(file: url.path, line: 0, column: 0, message: message)) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw problem("not found: \(bundle.path) is not an outlook or scenario bundle (run mizan outlook or mizan scenario)")
        }
        do {
            return try JSONDecoder().decode(BundleManifest.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw problem("not a bundle manifest: it lacks \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw problem("not a bundle manifest: \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw problem("not a bundle manifest: \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is null")
        } catch {
            throw problem("not valid JSON")
        }
    }
}
