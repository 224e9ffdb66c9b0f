import Forecasting
import Foundation
import LabourData
import MizanSupport
import Shortage

/// What one yearly outlook runs on, read from TOML (annotated example:
/// Datasets/morocco/outlook.toml). Paths are relative to the configuration file.
public struct OutlookConfig: Sendable {
    public var panel: URL
    public var profiles: URL?
    public var catalogue: URL?
    public var esco: URL?
    public var weights: URL?
    /// Occupations whose shortage the demo data planted (`isco,…` CSV): marked in the report.
    public var planted: URL?
    /// Employment by region × sector × occupation (`year,region,sector,isco,employment`): the
    /// staffing matrix that turns a scenario's sector shocks into occupations.
    public var staffing: URL?
    /// What the panel is, in the report's footer (e.g. "calibrated, not observed"); without it
    /// the footer says the panel is the user's own.
    public var dataNote: String?
    public var horizon = 5
    public var model: ModelChoice = .auto
    public var reconciliation: ReconciliationMethod = .mintShrink
    public var paths = 400
    /// Declared series breaks (years), for the forecast.
    public var breaks: [Int] = []
    public var seed: UInt64 = 20_251_123
    public var language: Language = .french
    /// Regions given their own section in the report (default: all).
    public var regions: [String]?
    public var top = 10
    /// The configuration text, recorded in the manifest.
    public var text: String = ""
    /// The file it was read from, and where `breaks` is in it (for errors found once the panel
    /// is read).
    public var source: URL?
    public var breaksPosition = (line: 1, column: 1)

    public static func load(_ url: URL) throws(InputError) -> OutlookConfig {
        let text = try InputFile.text(of: url)
        var toml = try TOMLSettings(text: text, file: url.path)
        let base = url.deletingLastPathComponent()
        let known = ["inputs.panel", "inputs.profiles", "inputs.catalogue", "inputs.esco", "inputs.weights", "inputs.planted", "inputs.staffing", "forecast.horizon",
                     "forecast.model", "forecast.reconcile", "forecast.paths", "forecast.seed", "forecast.breaks", "report.language", "report.regions", "report.top", "report.data_note"]
        toml.refuseUnknown(known: Set(known), hint: "settings are \(known.joined(separator: ", "))")
        guard let panel = toml.path("inputs.panel", relativeTo: base) else {
            throw InputError(Diagnostic(file: url.path, line: 1, column: 1, message: "[inputs] panel = \"…\" is required"))
        }
        var c = OutlookConfig(panel: panel)
        c.text = text
        c.source = url
        if let p = toml.toml.positions["forecast.breaks"] { c.breaksPosition = p }
        c.profiles = toml.path("inputs.profiles", relativeTo: base)
        c.catalogue = toml.path("inputs.catalogue", relativeTo: base)
        c.esco = toml.path("inputs.esco", relativeTo: base)
        c.weights = toml.path("inputs.weights", relativeTo: base)
        c.planted = toml.path("inputs.planted", relativeTo: base)
        c.staffing = toml.path("inputs.staffing", relativeTo: base)
        c.dataNote = toml.string("report.data_note")
        if let h = toml.int("forecast.horizon", in: 1...Horizon.listRange.upperBound) { c.horizon = h }
        if let p = toml.int("forecast.paths", in: 0...100_000) { c.paths = p }
        if let s = toml.int("forecast.seed", in: 0...Int(Int32.max)) { c.seed = UInt64(s) }
        if let t = toml.int("report.top", in: 1...100) { c.top = t }
        if let m = toml.choice("forecast.model", ModelChoice.self) { c.model = m }
        if let r = toml.choice("forecast.reconcile", ReconciliationMethod.self) { c.reconciliation = r }
        if let v = toml.toml.values["forecast.breaks"] {
            // Checked against the panel's years when the panel is read (OutlookRunner).
            if case .numbers(let years) = v, years.allSatisfy({ $0 == $0.rounded() && $0 >= 1900 && $0 <= 2100 }) {
                let list = years.map { Int($0) }
                if Set(list).count != list.count {
                    toml.problem("forecast.breaks", "a break year is declared twice")
                } else { c.breaks = list }
            } else { toml.problem("forecast.breaks", "breaks must be a list of years, e.g. [2011, 2020]") }
        }
        if let l = toml.choice("report.language", Language.self) { c.language = l }
        if let v = toml.toml.values["report.regions"] {
            if case .strings(let list) = v {
                // Codes or names; an unknown one is refused with the closest regions.
                var codes: [String] = []
                for r in list {
                    switch RegionNames.resolve(r) {
                    case .code(let code): codes.append(code)
                    case .unknown(let suggestions): toml.problem("report.regions", RegionNames.unknownMessage(r, suggestions: suggestions))
                    }
                }
                c.regions = codes
            } else { toml.problem("report.regions", "regions must be a list of \"codes\" or \"names\"") }
        }
        // Every input checked before any work: a profiles path that is a folder must not fail
        // after the forecast has run.
        for (key, url, folder) in [("inputs.panel", c.panel, false), ("inputs.profiles", c.profiles, false),
                                   ("inputs.catalogue", c.catalogue, false), ("inputs.esco", c.esco, true),
                                   ("inputs.weights", c.weights, false), ("inputs.planted", c.planted, false),
                                   ("inputs.staffing", c.staffing, false)] {
            if let url, let problem = InputFile.problem(url, folder: folder) {
                toml.problem(key, "\(key): \(url.path) \(problem)")
            }
        }
        try toml.finish()
        return c
    }
}

extension OutlookConfig {
    /// The forecast the outlook makes (and a scenario's baseline): the configuration's horizon,
    /// model, reconciliation, paths, seed and breaks, employment kept non-negative.
    public var forecastOptions: ForecastOptions {
        var fo = ForecastOptions()
        fo.horizon = horizon
        fo.model = model
        fo.reconciliation = reconciliation
        fo.paths = paths
        fo.seed = seed
        fo.nonnegative = true
        fo.breaks = breaks
        return fo
    }

    /// What decides the forecast: the panel's hash and the forecast settings. A scenario may reuse
    /// an outlook's forecast (`--baseline`) only under the same key.
    public func forecastKey(panelSHA256: String) -> String {
        let o = forecastOptions
        let text = ["mizan \(OutlookRunner.version)", "panel=\(panelSHA256)", "horizon=\(o.horizon)", "model=\(o.model.rawValue)",
                    "reconcile=\(o.reconciliation.rawValue)", "paths=\(o.paths)", "seed=\(o.seed)", "breaks=\(o.breaks)"]
        return SHA256.hex(Data(text.joined(separator: "\n").utf8))
    }
}
