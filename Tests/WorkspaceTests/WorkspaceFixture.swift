import Foundation
import Hummingbird
import HummingbirdTesting
import LabourData
import Outlook
import OutlookBundle
import Logging
import TestSupport
import Vintages
import Workspace

/// The workspace on an outlook bundle made in the test by `OutlookRunner` from a small real
/// panel (Tests/WorkspaceTests/Fixtures/panel.csv: Rabat-Salé-Kénitra and Casablanca-Settat,
/// twelve unit groups, cut from the Morocco panel by scripts/make_workspace_fixture.py), two
/// vintages of it, ESCO from ../shared. The pages are read against the bundle the code makes
/// today, not a frozen copy of an old one.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The outlook: the fixture panel, 5 years ahead, 100 paths (the outlook's own model and
    /// reconciliation), lists now and at the horizon for everyone, women and men.
    static let run: (bundle: URL, publication: BundlePublication) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-outlook-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("outlook.toml")
        try! "[inputs]\npanel = \"\(folder.appendingPathComponent("panel.csv").path)\"\n[forecast]\nhorizon = 5\npaths = 100\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("outlook")
        let summary = try! OutlookRunner(config: try! OutlookConfig.load(config)).run(into: out)
        return (out, summary.publication)
    }()
    static var bundle: URL { run.bundle }

    static let data: WorkspaceData = {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-vintages-\(UUID().uuidString).sqlite")
        // Two vintages: an earlier run (another configuration, so another run key) whose list is
        // the same but for welders in Casablanca-Settat, who ranked lower; then this one.
        var earlier = run.publication
        earlier.manifest.config = "# an earlier run\n"
        earlier.manifest.runKey = nil
        if let k = earlier.lists[.target]?.firstIndex(where: { $0.region == "MA-06" && $0.isco == "7212" }) {
            earlier.lists[.target]![k].rank = (earlier.lists[.target]![k].rank ?? 1) + 5
        }
        let store = try! VintageStore(path: db)
        _ = try! store.record(earlier, now: Date(timeIntervalSince1970: 1_700_000_000))
        _ = try! store.record(run.publication, now: Date(timeIntervalSince1970: 1_760_000_000))
        let d = try! WorkspaceData(.init(bundle: bundle, panel: folder.appendingPathComponent("panel.csv"), vintages: db,
                                         esco: try! SharedData.dataset("esco"), catalogue: SharedData.repository("Datasets/training/catalogue.csv")))
        _ = d.counselling.waitUntilLoaded()
        return d
    }()

    /// Runs `body` against the routes in process, with a log that the test can read.
    static func withClient(_ log: LogCapture = LogCapture(), _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let logger = Logger(label: "test") { _ in log }
        let app = Application(router: WorkspaceServer.router(data, logger: logger))
        try await app.test(.router) { client in try await body(client) }
    }
}

/// Keeps every log line, so a test can read what the server wrote.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return _lines }
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lock.lock(); _lines.append("\(level) \(message) \(metadata ?? [:])"); lock.unlock()
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
