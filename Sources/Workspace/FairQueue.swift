import Foundation

/// Admits at most `width` computations at once, in arrival order. A recommendation is a few
/// milliseconds of CPU; without a queue, 64 waiting counsellors are served in whatever order the
/// scheduler picks, and the unlucky ones wait ten times the median. First come, first served
/// keeps every wait close to the queue's length × the work.
actor FairQueue {
    private let width: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    init(width: Int) { self.width = max(1, width) }

    /// Runs `work` when its turn comes, off the actor (the actor only keeps the line).
    nonisolated func run<T: Sendable>(_ work: @Sendable () throws -> T) async throws -> T {
        await enter()
        do {
            let r = try work()
            await leave()
            return r
        } catch {
            await leave()
            throw error
        }
    }

    private func enter() async {
        if running < width { running += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if head < waiting.count {
            let next = waiting[head]
            head += 1
            if head > 1024 { waiting.removeFirst(head); head = 0 }
            next.resume()  // the slot passes straight to the next in line
        } else {
            running -= 1
        }
    }
}
