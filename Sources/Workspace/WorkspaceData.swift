import Foundation
import LabourData
import MizanSupport
import OutlookBundle
import Recommender
import Vintages

/// Everything the workspace shows, loaded once at start: the outlook bundle's lists, forecasts
/// and accuracy, the panel's history, the vintages. ESCO and the recommender load after the
/// server is up (they take a second or two); the counsellor page says so until they are ready.
/// Read-only after `init`; the vintages store serialises its own reads (a GRDB queue), hence
/// the unchecked conformance.
public final class WorkspaceData: @unchecked Sendable {
    /// A forecast year as the fan chart draws it: the point, the 80 % (inner) and 95 % (outer) bands.
    public typealias ForecastPoint = FanChart.Point

    public struct AccuracyRow: Sendable, Equatable {
        public let level: String, step: String
        public let mase: Double, smape: Double, coverage80: Double, coverage95: Double
    }

    public let listing: ShortageListing
    /// Reconciled employment forecasts by "region/isco".
    public let forecasts: [String: [ForecastPoint]]
    public let accuracy: [AccuracyRow]
    /// Observed employment by "region/isco" (national cells summed over regions).
    public let history: [String: [(year: Int, value: Double)]]
    public let regions: [String]
    /// Occupation titles by page language (Arabic from the ESCO folder, where it has them).
    public let titles: OccupationTitles
    public let vintages: VintageStore?
    public let counselling: CounsellingEngine.Loader
    /// Scenario bundles shown beside the outlook (`mizan serve --scenario DIR`).
    public let scenarios: [ScenarioView]

    public struct Options: Sendable {
        public var bundle: URL
        public var panel: URL?
        public var vintages: URL?
        public var esco: URL?
        public var catalogue: URL?
        public var scenarios: [URL] = []
        public init(bundle: URL, panel: URL? = nil, vintages: URL? = nil, esco: URL? = nil, catalogue: URL? = nil) {
            self.bundle = bundle; self.panel = panel; self.vintages = vintages; self.esco = esco; self.catalogue = catalogue
        }
    }

    public init(_ o: Options) throws {
        let manifest = try BundleManifest.read(bundle: o.bundle)
        let target = manifest.targetYear
        listing = try ShortageListing.load(bundle: o.bundle, targetYear: target, baseYear: target - manifest.horizon)
        forecasts = try Self.forecastPoints(o.bundle.appendingPathComponent("forecasts.csv"))
        scenarios = try o.scenarios.map { try ScenarioView(bundle: $0, outlookTargetYear: target) }
        var acc: [AccuracyRow] = []
        let aURL = o.bundle.appendingPathComponent("forecast_accuracy.csv")
        if FileManager.default.fileExists(atPath: aURL.path) {
            let t = try TextTable.read(contentsOf: aURL, required: [])
            if let l = t.columns.firstIndex(of: "level"), let s = t.columns.firstIndex(of: "step"), let ma = t.columns.firstIndex(of: "mase"), let sm = t.columns.firstIndex(of: "smape"),
               let c8 = t.columns.firstIndex(of: "coverage80"), let c9 = t.columns.firstIndex(of: "coverage95") {
                acc = t.rows.map { AccuracyRow(level: $0[l], step: $0[s], mase: Double($0[ma]) ?? .nan, smape: Double($0[sm]) ?? .nan,
                                               coverage80: Double($0[c8]) ?? .nan, coverage95: Double($0[c9]) ?? .nan) }
            }
        }
        accuracy = acc
        var h: [String: [(year: Int, value: Double)]] = [:]
        if let p = o.panel {
            let panel = try PanelReader.read(contentsOf: p)
            var national: [String: [Int: Double]] = [:]
            for s in panel.series("employment") {
                let points = s.values.enumerated().compactMap { k, v in v.isNaN ? nil : (year: s.firstYear + k, value: v) }
                h["\(s.region)/\(s.isco)"] = points
                for p in points { national[s.isco, default: [:]][p.year, default: 0] += p.value }
            }
            for (isco, byYear) in national { h["\(Regions.total)/\(isco)"] = byYear.keys.sorted().map { ($0, byYear[$0]!) } }
        }
        history = h
        let listed = Set((listing.rows(.target, .all) ?? listing.rows(.now, .all) ?? []).map(\.region))
        regions = listed.filter { $0 != Regions.total }.sorted()
        vintages = try o.vintages.flatMap { FileManager.default.fileExists(atPath: $0.path) ? try VintageStore(path: $0) : nil }
        titles = try OccupationTitles.read(esco: o.esco)
        counselling = CounsellingEngine.Loader(esco: o.esco, catalogue: o.catalogue, listing: listing)
    }

    /// Employment forecasts of a bundle's forecasts.csv by "region/isco" (none when it is absent).
    static func forecastPoints(_ url: URL) throws -> [String: [ForecastPoint]] {
        var f: [String: [ForecastPoint]] = [:]
        guard FileManager.default.fileExists(atPath: url.path) else { return f }
        for r in try ForecastFile.read(url) where r.measure == "employment" {
            let (i80, i95) = (r.interval(80), r.interval(95))
            f[r.key, default: []].append(ForecastPoint(year: r.year, mean: r.mean, inner: .init(low: i80?.low ?? .nan, high: i80?.high ?? .nan),
                                                        outer: .init(low: i95?.low ?? .nan, high: i95?.high ?? .nan)))
        }
        return f
    }

    /// The list row of a cell in the target-year list for everyone (else the present one).
    public func row(region: String, isco: String) -> PublishedShortage? {
        (listing.rows(.target, .all) ?? listing.rows(.now, .all) ?? []).first { $0.region == region && $0.isco == isco }
    }
}
