import Foundation
import LabourData
import Recommender

/// The recommender behind the counsellor form: ESCO, the catalogue and the shortage outlook of
/// the bundle, with the label indexes that turn typed words into ESCO concepts.
public struct CounsellingEngine: Sendable {
    public let labels: ProfileLabels
    public let recommender: Recommender
    public let catalogue: TrainingCatalogue

    /// Loads in the background so the server answers at once; `state` says where it stands.
    public final class Loader: @unchecked Sendable {
        public enum State: Sendable { case loading, ready(CounsellingEngine), unavailable(String) }
        private let lock = NSLock()
        private var _state: State

        init(esco: URL?, catalogue: URL?, listing: ShortageListing) {
            guard let esco, let catalogue else {
                _state = .unavailable("no ESCO folder or catalogue given (--esco, --catalogue)")
                return
            }
            _state = .loading
            let rows = listing.rows(.target, .all) ?? listing.rows(.now, .all) ?? []
            Thread.detachNewThread { [self] in
                let s: State
                do {
                    let data = try ESCO.load(directory: esco)
                    let cat = try TrainingCatalogue.read(contentsOf: catalogue, esco: data)
                    let outlook = ShortageOutlook(rows: rows)
                    s = .ready(CounsellingEngine(labels: ProfileLabels(esco: data),
                                                 recommender: Recommender(model: SkillModel(esco: data), catalogue: cat, outlook: outlook),
                                                 catalogue: cat))
                } catch {
                    s = .unavailable("\(error)")
                }
                self.lock.lock(); self._state = s; self.lock.unlock()
            }
        }

        public var state: State { lock.lock(); defer { lock.unlock() }; return _state }

        /// The engine, waiting for it while it loads (a counsellor who posts in the first seconds
        /// after start gets an answer, not an error); nil when it cannot be had.
        public func engine(waiting seconds: Double = 30) async -> CounsellingEngine? {
            let end = Date().addingTimeInterval(seconds)
            while true {
                switch state {
                case .ready(let e): return e
                case .unavailable: return nil
                case .loading:
                    if Date() > end { return nil }
                    try? await Task.sleep(nanoseconds: 50_000_000)
                }
            }
        }

        /// Why there is no engine: still loading after the wait, or none to load.
        var refusal: WorkspaceError {
            if case .loading = state { return WorkspaceError(.unavailable, .loading) }
            return WorkspaceError(.unavailable, .counsellorUnavailable)
        }

        /// Waits (for tests and the load benchmark) until loading has finished.
        public func waitUntilLoaded(timeout: TimeInterval = 60) -> State {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if case .loading = state { Thread.sleep(forTimeInterval: 0.05); continue }
                break
            }
            return state
        }
    }
}
