import Foundation
import Testing
import TestSupport

/// `mizan outlook` killed with SIGKILL while it works: during the forecast, in the middle of
/// writing a table, just before the bundle is swapped in and just after. Each time the output
/// directory holds a complete bundle, and `--resume` then gives the bytes of a fresh run.
@Suite("mizan outlook killed with SIGKILL (the real binary)")
struct OutlookKillTests {
    static let tables = ["forecasts.csv", "forecast_accuracy.csv", "shortages.csv", "shortages_now.csv", "report.html"]

    static func contents(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        for t in tables { out[t] = FileManager.default.contents(atPath: dir.appendingPathComponent(t).path) }
        return out
    }

    /// Starts the outlook frozen at `point`, waits until it is there, and kills it.
    static func killed(at point: String, in dir: URL) throws -> Int32 {
        let marker = dir.appendingPathComponent("reached-\(point)")
        let p = Process()
        p.executableURL = MizanProcess.binary
        p.arguments = ["outlook", "--config", "outlook.toml", "--out", "bundle", "--no-record"]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["MIZAN_FAILPOINT"] = point
        env["MIZAN_FAILPOINT_FILE"] = marker.path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: marker.path) && p.isRunning && Date() < deadline { usleep(20_000) }
        let reached = FileManager.default.fileExists(atPath: marker.path)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(reached, "never reached \(point)")
        return p.terminationStatus
    }

    @Test("killed during the forecast, a write, before and after the swap: a whole bundle stays; --resume gives a fresh run's bytes",
          arguments: ["forecast", "write", "swap", "cleanup"])
    func kill9(point: String) throws {
        let dir = try MizanProcess.scratch()
        try SyntheticMarket(seed: 21, regions: 3, occupations: 8).text.write(to: dir.appendingPathComponent("panel.csv"), atomically: true, encoding: .utf8)
        try "[inputs]\npanel = \"panel.csv\"\n[forecast]\nhorizon = 2\npaths = 30\n[report]\nlanguage = \"en\"\n"
            .write(to: dir.appendingPathComponent("outlook.toml"), atomically: true, encoding: .utf8)
        let fresh = try MizanProcess.run(["outlook", "--config", "outlook.toml", "--out", "bundle", "--no-record"], in: dir)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let bundle = dir.appendingPathComponent("bundle")
        let before = Self.contents(bundle)
        #expect(before.values.allSatisfy { !$0.isEmpty } && before.count == Self.tables.count)

        _ = try Self.killed(at: point, in: dir)
        // Whatever instant the kill hit, the output is a whole bundle (the previous one, or the
        // new one with the same bytes), never half of one.
        #expect(Self.contents(bundle) == before, "after a kill at \(point)")

        let resumed = try MizanProcess.run(["outlook", "--config", "outlook.toml", "--out", "bundle", "--no-record", "--resume"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(Self.contents(bundle) == before)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".bundle.partial").path))
    }
}
