import Foundation
import OutlookBundle
import Vintages

/// How `outlook` and `scenario` record what they published: in `store`, else in
/// vintages.sqlite beside the bundle, saying which vintage it became. The runner's typed
/// publication is recorded as it is (the bundle's files are not read back).
enum VintageRecording {
    static func record(_ publication: BundlePublication, bundle out: String, store: String?) throws {
        let outURL = URL(fileURLWithPath: out)
        let storeURL = store.map { URL(fileURLWithPath: $0) } ?? outURL.deletingLastPathComponent().appendingPathComponent("vintages.sqlite")
        let (id, isNew) = try VintageStore(path: storeURL).record(publication)
        FileHandleStderr.write(isNew ? "recorded as vintage \(id) in \(storeURL.path)\n" : "already recorded as vintage \(id) in \(storeURL.path)\n")
    }
}
