import Forecasting
import Foundation
import LabourData
import MizanSupport
import OutlookBundle
import Recommender
import Shortage

/// The yearly outlook: validate → forecast (reconciled) → shortages now and at the horizon →
/// skills gap → recommendations for every profile, written as one bundle: CSV tables, a
/// manifest (input hashes, configuration, seed, timings) and a self-contained HTML report.
/// The bundle is assembled in a temporary directory and renamed into place at the end, so an
/// interrupted run leaves the previous outlook intact.
public struct OutlookRunner {
    public let config: OutlookConfig
    /// Receives one line per event (stage finished, warning, reuse); the CLI prints it.
    public var log: (String) -> Void = { _ in }
    /// Called after each stage with (stages finished, stages in all, stage name): drives a
    /// progress bar on a terminal.
    public var progress: (Int, Int, String) -> Void = { _, _, _ in }
    /// Reuse the finished stages of an interrupted run (kept in `.<out>.partial`) when the
    /// configuration and every input hash are unchanged.
    public var resume = false
    /// Stops with `OutlookError.interrupted` after this stage, as a kill would: tests use it to
    /// check that the previous bundle survives and that `resume` finishes the run.
    public var interruptAfter: String?
    public init(config: OutlookConfig) { self.config = config }

    /// Written into the manifest and part of the resume key and of a scenario's forecast key: a
    /// checkpoint or a baseline made by another version is never reused. Bumped whenever the
    /// forecast's bytes change (`OutlookGoldenTests` fails until it is): 0.3.0 calibrates
    /// intervals on the panel's own errors, which 0.1.0 checkpoints do not.
    public static let version = "0.3.0"

    /// The reconciled forecast with its sample paths, kept in the bundle for scenarios.
    public static let pathsFile = "forecast_paths.bin"

    public static let stages = ["validate", "forecast", "shortages", "skills gap", "recommendations", "report"]

    public struct Summary: Sendable {
        public var files: [String]
        public var timings: [(stage: String, seconds: Double)]
        /// Stages taken from the interrupted run instead of recomputed.
        public var reused: [String]
        /// What the bundle published, typed (for the vintages store).
        public var publication: BundlePublication
    }

    /// The partial bundle of an interrupted run into `output`.
    public static func partialDirectory(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).partial")
    }

    /// The stages in order, each a method of its own (OutlookRunner+Stages.swift) with typed
    /// inputs and outputs, writing through one `PartialBundle`; then the swap into place.
    public func run(into output: URL) throws -> Summary {
        try Self.checkOutput(output)
        // Every named file read and checked before any work (the panel is the first stage's).
        let files = try OutlookInputs.load(config)
        let inputs = inputHashes()
        let bundle = try PartialBundle(for: output, runKey: runKey(inputs), resume: resume, log: log, progress: progress,
                                       interruptAfter: interruptAfter)
        do {
            return try run(bundle, files: files, inputs: inputs, into: output)
        } catch let error as OutlookError where error.isInterruption {
            throw error
        } catch {
            // A failed run leaves the output location as it was: its partial bundle goes too,
            // unless finished stages in it can be reused by --resume.
            bundle.discardIfNothingToResume()
            throw error
        }
    }

    private func run(_ bundle: PartialBundle, files: OutlookInputs, inputs: [String: String], into output: URL) throws -> Summary {
        let panel = try validate(bundle)
        let forecast = try forecast(panel, bundle)
        let lists = try shortages(panel, forecast.forecast, files, bundle)
        let guidance = try skillsAndRecommendations(lists.published[.target] ?? [], files, bundle)
        let publication = try report(panel: panel, forecast: forecast, lists: lists, guidance: guidance, files: files, inputs: inputs, bundle)
        try bundle.publish(into: output)
        return Summary(files: bundle.files.sorted(), timings: bundle.timings, reused: bundle.reused, publication: publication)
    }

    /// SHA-256 of every input file, and of the ESCO folder (its files' names and hashes, in name
    /// order, so changed ESCO data is never taken for the data an interrupted run used). They go
    /// into the manifest and decide whether an interrupted run's stages may be reused.
    func inputHashes() -> [String: String] {
        let fm = FileManager.default
        var inputs: [String: String] = [:]
        for (name, url) in [("panel", config.panel), ("profiles", config.profiles), ("catalogue", config.catalogue), ("weights", config.weights), ("planted", config.planted)] {
            if let u = url, let d = fm.contents(atPath: u.path) { inputs[name] = SHA256.hex(d) }
        }
        if let esco = config.esco, let names = try? fm.contentsOfDirectory(atPath: esco.path), !names.isEmpty {
            var listing = ""
            for name in names.sorted() where !name.hasPrefix(".") {
                if let d = fm.contents(atPath: esco.appendingPathComponent(name).path) { listing += "\(name) \(SHA256.hex(d))\n" }
            }
            inputs["esco"] = SHA256.hex(Data(listing.utf8))
        }
        return inputs
    }

    /// Version, configuration text and input hashes: a checkpoint is reused only under the same key.
    func runKey(_ inputs: [String: String]) -> String {
        BundleManifest.runKey(version: Self.version, config: config.text, inputs: inputs)
    }
}

extension OutlookRunner {
    /// The output must be nothing yet, an empty folder, or a previous outlook (a folder with its
    /// manifest.json), which the new bundle replaces atomically. Anything else belongs to the user
    /// and is refused before any work, and left as it was.
    public static func checkOutput(_ output: URL) throws(OutlookOutputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw OutlookOutputError(path: output.path, reason: "is a file, not an outlook folder; choose another --out (nothing was written)")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        if !entries.isEmpty && !entries.contains("manifest.json") {
            throw OutlookOutputError(path: output.path, reason: "is a folder that holds something other than an outlook (no manifest.json); "
                                        + "Mizan replaces only a previous outlook: choose another --out (nothing was written)")
        }
    }
}

/// The output location holds something the outlook must not replace (exit 73 in the CLI).
public struct OutlookOutputError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

public struct OutlookError: Error, CustomStringConvertible {
    public let description: String
    public let isInterruption: Bool
    public init(_ d: String) { description = d; isInterruption = false }
    private init(interruption d: String) { description = d; isInterruption = true }
    static func interrupted(_ stage: String) -> OutlookError {
        OutlookError(interruption: "interrupted after the \(stage) stage")
    }
}
