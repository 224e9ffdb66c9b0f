import Foundation
import Vintages

/// How `outlook` and `scenario` record what they published: in `store`, else in
/// vintages.sqlite beside the bundle, saying which vintage it became.
enum VintageRecording {
    static func record(bundle out: String, store: String?) throws {
        let outURL = URL(fileURLWithPath: out)
        let storeURL = store.map { URL(fileURLWithPath: $0) } ?? outURL.deletingLastPathComponent().appendingPathComponent("vintages.sqlite")
        let (id, isNew) = try VintageStore(path: storeURL).record(bundle: outURL)
        FileHandleStderr.write(isNew ? "recorded as vintage \(id) in \(storeURL.path)\n" : "already recorded as vintage \(id) in \(storeURL.path)\n")
    }
}
