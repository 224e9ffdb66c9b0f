import Foundation
import LabourData

/// What a run published, as typed values: the manifest, the lists for everyone (now and at the
/// target year) and the employment forecasts. The outlook and scenario runners hand it to the
/// vintages store directly; `read(bundle:)` makes the same from a bundle on disk.
public struct BundlePublication: Sendable {
    public var manifest: BundleManifest
    public var lists: [ShortageListFile.Horizon: [PublishedShortage]]
    private let makeForecasts: @Sendable () -> [ForecastRecord]
    /// The forecast rows, made when they are read: a run that records no vintage
    /// (`--no-record`) never builds them.
    public var forecasts: [ForecastRecord] { makeForecasts() }

    public init(manifest: BundleManifest, lists: [ShortageListFile.Horizon: [PublishedShortage]],
                forecasts: @autoclosure @escaping @Sendable () -> [ForecastRecord]) {
        self.manifest = manifest; self.lists = lists; makeForecasts = forecasts
    }

    /// The bundle in `folder` read through the bundle's readers (manifest, the two lists for
    /// everyone where present, forecasts.csv).
    public static func read(bundle folder: URL) throws -> BundlePublication {
        let manifest = try BundleManifest.read(bundle: folder)
        var lists: [ShortageListFile.Horizon: [PublishedShortage]] = [:]
        for h in ShortageListFile.Horizon.allCases {
            let url = folder.appendingPathComponent(ShortageListFile.name(h, .all))
            if FileManager.default.fileExists(atPath: url.path) {
                lists[h] = try ShortageListFile.read(url, required: [.title, .rank, .score, .pShortage, .reasons])
            }
        }
        let forecasts = try ForecastFile.read(folder.appendingPathComponent("forecasts.csv"))
        return BundlePublication(manifest: manifest, lists: lists, forecasts: forecasts)
    }
}
