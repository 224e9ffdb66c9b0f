import Foundation
import LabourData
import OutlookBundle

/// The lists of a bundle: now and at the target year, for everyone and (where the panel splits
/// employment by sex) for women and men, read through the bundle's list reader.
public struct ShortageListing: Sendable {
    public typealias Horizon = ShortageListFile.Horizon
    public typealias Sex = ShortageListFile.Sex

    public let lists: [String: [PublishedShortage]]
    public let targetYear: Int
    public let baseYear: Int

    static func key(_ h: Horizon, _ s: Sex) -> String { "\(h.rawValue)/\(s.rawValue)" }

    public func rows(_ h: Horizon, _ s: Sex) -> [PublishedShortage]? { lists[Self.key(h, s)] }

    static func load(bundle: URL, targetYear: Int, baseYear: Int) throws -> ShortageListing {
        var lists: [String: [PublishedShortage]] = [:]
        for h in Horizon.allCases {
            for s in Sex.allCases {
                let url = bundle.appendingPathComponent(ShortageListFile.name(h, s))
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                lists[key(h, s)] = try ShortageListFile.read(url, required: [.title, .rank])
            }
        }
        guard lists[key(.target, .all)] != nil || lists[key(.now, .all)] != nil else {
            throw InputError(Diagnostic(file: bundle.path, line: 0, column: 0, message: "no shortages.csv in the bundle: run mizan outlook first"))
        }
        return ShortageListing(lists: lists, targetYear: targetYear, baseYear: baseYear)
    }
}
