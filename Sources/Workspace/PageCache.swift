import Foundation
import Hummingbird

/// Rendered pages of the published data, kept by language and query: the bundle does not change
/// while the server runs, so the same request gets the same bytes without rendering them again.
/// Only pages of public statistics go in — never an answer to the counsellor form.
final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: Response] = [:]
    private let capacity: Int

    init(capacity: Int = 2048) { self.capacity = capacity }

    func page(_ key: String, _ render: () throws -> Response) rethrows -> Response {
        lock.lock()
        if let hit = pages[key] { lock.unlock(); return hit }
        lock.unlock()
        let r = try render()
        lock.lock()
        if pages.count >= capacity { pages.removeAll(keepingCapacity: true) }  // bounded memory, simplest policy
        pages[key] = r
        lock.unlock()
        return r
    }
}
