import Foundation
import LabourData
import MizanSupport
import Testing
import TestSupport

/// Same input, same bytes out, whatever the machine: the real binary run under every BLAS thread
/// setting a user may have (unset, 1, 2, 4) and pinned to one CPU (`taskset -c 0`) writes the
/// same tables for the forecast, the shortage list, the recommendations, profiling scores and the
/// whole outlook; and a parallel run never has more runnable threads than cores (BLAS threads
/// spinning on top of Swift's workers was issue 24).
@Suite("Threads: same bytes under any BLAS thread setting or CPU set, no oversubscription", .serialized)
struct ThreadIndependenceTests {
    /// (label, variables set, variables removed, launcher).
    static let settings: [(String, [String: String], [String], [String])] = {
        var s: [(String, [String: String], [String], [String])] = [
            ("OPENBLAS_NUM_THREADS unset", [:], ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"], []),
            ("OPENBLAS_NUM_THREADS=1", ["OPENBLAS_NUM_THREADS": "1"], [], []),
            ("OPENBLAS_NUM_THREADS=2", ["OPENBLAS_NUM_THREADS": "2"], [], []),
            ("OPENBLAS_NUM_THREADS=4", ["OPENBLAS_NUM_THREADS": "4"], [], []),
        ]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") {
            s.append(("taskset -c 0", [:], ["OPENBLAS_NUM_THREADS"], ["/usr/bin/taskset", "-c", "0"]))
        }
        return s
    }()

    /// Runs the chain once per setting in a fresh folder; returns each setting's file digests.
    static func digests(_ steps: [(args: [String], outputs: [String])]) throws -> [(String, [String: String])] {
        try settings.map { label, env, unset, launcher in
            let dir = try MizanProcess.scratch()
            defer { try? FileManager.default.removeItem(at: dir) }
            var digests: [String: String] = [:]
            for step in steps {
                let run = try MizanProcess.run(step.args, in: dir, environment: env, unsetting: unset, via: launcher)
                #expect(run.status == 0, "\(label): mizan \(step.args.joined(separator: " ")): \(run.stderr)")
                for name in step.outputs {
                    let url = dir.appendingPathComponent(name)
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                        Issue.record("\(label): \(name) not written"); continue
                    }
                    let files = isDirectory.boolValue
                        ? try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
                            .filter { $0 != "manifest.json" }  // records wall-clock timings and the run's date
                            .map { "\(name)/\($0)" }
                        : [name]
                    for file in files {
                        digests[file] = SHA256.hex(try Data(contentsOf: dir.appendingPathComponent(file)))
                    }
                }
            }
            return (label, digests)
        }
    }

    static func expectSame(_ runs: [(String, [String: String])], files: Int) {
        guard let (firstLabel, first) = runs.first else { return }
        #expect(first.count >= files, "only \(first.keys.sorted()) written")
        for (label, digests) in runs.dropFirst() {
            for (file, digest) in first.sorted(by: { $0.key < $1.key }) where digests[file] != digest {
                Issue.record("\(file): bytes differ between \(firstLabel) and \(label)")
            }
        }
    }

    @Test("forecast (every series, intervals from reconciled paths), shortage list, recommendations, profiling scores")
    func stages() throws {
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path
        let registry = SharedData.repository("Datasets/morocco/registry.csv").path
        let profiles = SharedData.repository("Datasets/profiles/sample.jsonl").path
        let catalogue = SharedData.repository("Datasets/training/catalogue.csv").path
        let esco = try SharedData.dataset("esco").path
        let runs = try Self.digests([
            (["forecast", "--panel", panel, "--horizon", "3", "--paths", "100", "--out", "f.csv"], ["f.csv"]),
            (["shortages", "--panel", panel, "--paths", "100", "--out", "s.csv"], ["s.csv"]),
            (["recommend", "--profiles", profiles, "--shortages", "s.csv", "--esco", esco,
              "--catalogue", catalogue, "--out", "r.csv"], ["r.csv"]),
            (["profile-risk", "--registry", registry, "--train-until", "2021", "--out", "p.csv"], ["p.csv"]),
        ])
        Self.expectSame(runs, files: 4)
    }

    @Test("the whole outlook: every table of the bundle")
    func outlook() throws {
        let esco = try SharedData.dataset("esco").path
        let root = SharedData.repositoryRoot.path
        let config = """
            [inputs]
            panel = "\(root)/Tests/ForecastingTests/Fixtures/small_panel.csv"
            esco = "\(esco)"
            catalogue = "\(root)/Datasets/training/catalogue.csv"
            profiles = "\(root)/Datasets/profiles/sample.jsonl"
            [forecast]
            horizon = 3
            paths = 60
            [report]
            language = "fr"
            """
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let toml = dir.appendingPathComponent("outlook.toml")
        try config.write(to: toml, atomically: true, encoding: .utf8)
        let runs = try Self.digests([
            (["outlook", "--config", toml.path, "--out", "bundle", "--no-record"], ["bundle"]),
        ])
        Self.expectSame(runs, files: 8)
    }

    /// Threads of `pid` in state R (running or runnable), from /proc.
    static func runnableThreads(_ pid: Int32) -> Int? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task") else { return nil }
        var running = 0
        for task in tasks {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // "pid (comm) S …": the state follows the command name's closing parenthesis.
            if stat[stat.index(close, offsetBy: 2)...].first == "R" { running += 1 }
        }
        return running
    }

    @Test("the default forecast (reconciled paths in parallel blocks) with OPENBLAS_NUM_THREADS=8: runnable threads never exceed the cores for long")
    func noOversubscription() throws {
        let panel = SharedData.repository("Tests/ForecastingTests/Fixtures/small_panel.csv").path
        let dir = try MizanProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = MizanProcess.binary
        // Each worker multiplies its block of sample paths by the reconciliation matrix (dgemm);
        // with OpenBLAS's own threads inside, 15 % of samples showed 3 runnable threads on 2 cores.
        p.arguments = ["forecast", "--panel", panel, "--horizon", "3", "--out", dir.appendingPathComponent("f.csv").path]
        p.environment = ProcessInfo.processInfo.environment.merging(["OPENBLAS_NUM_THREADS": "8"]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var samples = 0, over = 0, most = 0
        while p.isRunning {
            if let r = Self.runnableThreads(p.processIdentifier) {
                samples += 1
                most = max(most, r)
                if r > availableCores { over += 1 }
            }
            usleep(2_000)
        }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(samples >= 50, "the run was too short to sample (\(samples) samples)")
        // A thread just woken may show R beside a worker for an instant, and more often when the
        // rest of the suite loads the machine (2.2 % of samples seen so, once); BLAS threads
        // spinning in sched_yield (what this guards against) showed in 15 %.
        #expect(Double(over) <= 0.06 * Double(samples),
                "more runnable threads than \(availableCores) cores in \(over) of \(samples) samples (at most \(most))")
    }
}
