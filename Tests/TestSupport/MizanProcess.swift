import Foundation

/// Runs the real `mizan` binary (`$MIZAN_BIN`, else `.build/debug/mizan` beside the tests) and
/// captures its exit status, stdout and stderr: the CLI tested as users meet it.
public struct MizanRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum MizanProcess {
    public static var binary: URL {
        if let env = ProcessInfo.processInfo.environment["MIZAN_BIN"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return SharedData.repositoryRoot.appendingPathComponent(".build/debug/mizan")
    }

    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> MizanRun {
        try run(arguments, in: directory, environment: environment, unsetting: [], via: [])
    }

    /// As `run`, with variables removed from the inherited environment and the binary started
    /// through a launcher (`["/usr/bin/taskset", "-c", "0"]`).
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        unsetting: [String], via launcher: [String]
    ) throws -> MizanRun {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw MissingSharedData(path: binary.path + " (build it first: swift build)")
        }
        let p = Process()
        if let tool = launcher.first {
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = Array(launcher.dropFirst()) + [binary.path] + arguments
        } else {
            p.executableURL = binary
            p.arguments = arguments
        }
        if let directory { p.currentDirectoryURL = directory }
        if !environment.isEmpty || !unsetting.isEmpty {
            var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            for name in unsetting { env.removeValue(forKey: name) }
            p.environment = env
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes before waiting, so a chatty child never blocks on a full pipe.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return MizanRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A fresh scratch folder.
    public static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
