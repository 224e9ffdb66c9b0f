import Dispatch
import Foundation

/// Runs `body(i)` for `i` in `0..<count` on all cores and returns the results in index order.
///
/// Results are written to distinct slots of a preallocated buffer, so no lock is needed; the
/// order of the output never depends on scheduling (determinism).
public func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    if count == 0 { return [] }
    if count == 1 { return [body(0)] }
    let slots = SlotBuffer<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        slots.set(i, body(i))
    }
    return slots.values()
}

/// Fixed slots written once each from different threads.
final class SlotBuffer<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    private let count: Int
    init(_ count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }
    func set(_ i: Int, _ value: T) { storage[i] = value }
    func values() -> [T] { (0..<count).map { storage[$0]! } }
    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
}

/// Number of cores to use (at least 1).
public var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
