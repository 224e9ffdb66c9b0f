import Foundation
import LabourData
import Testing
import TestSupport

/// `Datasets/taxonomy/regions.csv` is the region table Mizan uses, for people and other tools:
/// code, country, French name, Arabic name, the other names it accepts. It must say exactly
/// what `Regions` and `RegionNames` hold (`MIZAN_WRITE_REGIONS=1` rewrites it).
@Suite("Region table")
struct RegionTableTests {
    static func table() -> String {
        var w = CSVWriter()
        w.row(["code", "country", "name_fr", "name_ar", "other_names"])
        for (country, regions) in [("MA", Regions.morocco), ("TN", Regions.tunisia)] {
            for r in regions {
                w.row([r.code, country, r.name, RegionNames.arabicNames[r.code] ?? "", RegionNames.alternatives(r.code).joined(separator: "|")])
            }
        }
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test("the bundled table matches the code; every name in it, French, Arabic or other, resolves to its code")
    func matches() throws {
        let url = SharedData.repository("Datasets/taxonomy/regions.csv")
        if ProcessInfo.processInfo.environment["MIZAN_WRITE_REGIONS"] != nil { try Self.table().write(to: url, atomically: true, encoding: .utf8) }
        #expect(try String(contentsOf: url, encoding: .utf8) == Self.table())
        for r in Regions.morocco + Regions.tunisia {
            for name in [r.name, RegionNames.arabicNames[r.code]!] + RegionNames.alternatives(r.code) {
                #expect(RegionNames.resolve(name) == .code(r.code), "\(name)")
            }
        }
        // Arabic as people type it: with or without the governorate word, hamza or not.
        #expect(RegionNames.resolve("ولاية القصرين") == .code("TN-42"))
        #expect(RegionNames.resolve("اريانة") == .code("TN-12"))
        #expect(RegionNames.resolve("جهة الدار البيضاء سطات") == .code("MA-06"))
    }
}
