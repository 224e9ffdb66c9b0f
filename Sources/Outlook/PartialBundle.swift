import Foundation
import LabourData
import MizanSupport

/// The bundle being built in `.<out>.partial`: its files, which stages are done (for `--resume`),
/// and the clock and progress of the stages. Every stage of `OutlookRunner` writes through it,
/// so a stage never touches the published bundle and an interrupted run can be resumed.
final class PartialBundle {
    let directory: URL
    let runKey: String
    private let stateURL: URL
    /// Stages an interrupted run with the same key finished (stage → what it recorded).
    let reusable: [String: Any]
    private var done: [String: Any]
    private(set) var files: [String] = []
    private(set) var timings: [(stage: String, seconds: Double)] = []
    /// Stages taken from the interrupted run instead of recomputed.
    private(set) var reused: [String] = []
    private var clock = DispatchTime.now().uptimeNanoseconds
    private var finished = 0
    let log: (String) -> Void
    let progress: (Int, Int, String) -> Void
    let interruptAfter: String?

    init(for output: URL, runKey: String, resume: Bool, log: @escaping (String) -> Void,
         progress: @escaping (Int, Int, String) -> Void, interruptAfter: String?) throws {
        let fm = FileManager.default
        try OutputFolder.make(output.deletingLastPathComponent())
        directory = OutlookRunner.partialDirectory(for: output)
        stateURL = directory.appendingPathComponent(".resume.json")
        self.runKey = runKey
        self.log = log
        self.progress = progress
        self.interruptAfter = interruptAfter
        var reusable: [String: Any] = [:]
        if resume, let d = fm.contents(atPath: stateURL.path),
           let old = try? JSONSerialization.jsonObject(with: d) as? [String: Any] {
            if old["key"] as? String == runKey {
                reusable = old["done"] as? [String: Any] ?? [:]
            } else {
                log("the interrupted run used other inputs or another configuration: starting afresh")
            }
        } else if resume {
            log("no interrupted run to resume: starting afresh")
        }
        if reusable.isEmpty {
            try? fm.removeItem(at: directory)
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        self.reusable = reusable
        done = reusable
    }

    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// After a failure: removes the partial folder when no finished stage in it (`done`) could be
    /// reused by a later `--resume`.
    func discardIfNothingToResume() {
        if done.isEmpty { try? FileManager.default.removeItem(at: directory) }
    }

    /// A stage finished: its time, a log line, the progress bar; stops here when told to.
    func lap(_ stage: String, reused: Bool = false) throws {
        let now = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(now - clock) * 1e-9
        timings.append((reused ? "\(stage) (reused)" : stage, seconds))
        if reused { self.reused.append(stage) }
        finished += 1
        log("[\(finished)/\(OutlookRunner.stages.count)] \(stage) \(reused ? "reused from the interrupted run" : "done") in \(String(format: "%.2f", seconds)) s")
        progress(finished, OutlookRunner.stages.count, stage)
        clock = now
        if stage == interruptAfter { throw OutlookError.interrupted(stage) }
    }

    func skipped(_ stage: String) {
        finished += 1
        progress(finished, OutlookRunner.stages.count, stage)
    }

    /// Records a finished stage for `--resume` (with what it needs to be reused).
    func markDone(_ stage: String, _ info: Any = true) throws {
        done[stage] = info
        let state: [String: Any] = ["key": runKey, "done": done]
        try JSONSerialization.data(withJSONObject: state, options: [.sortedKeys]).write(to: stateURL, options: .atomic)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        // Half a file on disk, as a kill in the middle of a write would leave it.
        if name == "shortages.csv" && Failpoint.isSet("write") {
            try Data(bytes.prefix(bytes.count / 2)).write(to: url(name))
            Failpoint.reach("write")
        }
        try Data(bytes).write(to: url(name))
        files.append(name)
    }

    /// A file an interrupted run already wrote, taken as it is.
    func keep(_ names: [String]) { files += names }

    /// Whether the interrupted run finished `stage` and its files are all there.
    func canReuse(_ stage: String, _ names: [String]) -> Bool {
        reusable[stage] != nil && names.allSatisfy { FileManager.default.fileExists(atPath: url($0).path) }
    }

    /// Resume bookkeeping removed, then the bundle swapped into place (atomically where the
    /// system allows). The forecast's checkpoint stays, as `forecast_paths.bin`: the reconciled
    /// forecast with its sample paths, which `mizan scenario --baseline` reuses instead of
    /// forecasting again.
    func publish(into output: URL) throws {
        try? FileManager.default.removeItem(at: url(".resume.json"))
        if FileManager.default.fileExists(atPath: url(".forecast.checkpoint").path) {
            try FileManager.default.moveItem(at: url(".forecast.checkpoint"), to: url(OutlookRunner.pathsFile))
        }
        try BundleSwap.swap(directory, into: output, failpoint: Failpoint.reach)
    }
}
