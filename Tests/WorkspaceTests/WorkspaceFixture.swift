import Foundation
import Hummingbird
import HummingbirdTesting
import LabourData
import Logging
import TestSupport
import Vintages
import Workspace

/// The workspace on a small real bundle (Tests/WorkspaceTests/Fixtures, cut from a Morocco
/// outlook by scripts/make_workspace_fixture.py), two vintages of it, ESCO from ../shared.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let data: WorkspaceData = {
        let bundle = folder.appendingPathComponent("bundle")
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-vintages-\(UUID().uuidString).sqlite")
        // Two vintages: the bundle as it is, and an earlier one in which welders ranked lower.
        let earlier = FileManager.default.temporaryDirectory.appendingPathComponent("workspace-earlier-\(UUID().uuidString)")
        try! FileManager.default.copyItem(at: bundle, to: earlier)
        var manifest = try! JSONSerialization.jsonObject(with: Data(contentsOf: earlier.appendingPathComponent("manifest.json"))) as! [String: Any]
        manifest["config"] = "# an earlier run\n"
        try! JSONSerialization.data(withJSONObject: manifest).write(to: earlier.appendingPathComponent("manifest.json"))
        let store = try! VintageStore(path: db)
        _ = try! store.record(bundle: earlier, now: Date(timeIntervalSince1970: 1_700_000_000))
        _ = try! store.record(bundle: bundle, now: Date(timeIntervalSince1970: 1_760_000_000))
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
