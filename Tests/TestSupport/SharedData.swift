import Foundation
@_exported import struct LinearAlgebra.SeededGenerator

/// Where the real, uncommitted sources live: `$MIZAN_SHARED`, else `../shared` beside the checkout.
public enum SharedData {
    public static let repositoryRoot: URL = {
        // Tests/TestSupport/SharedData.swift → repository root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    public static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["MIZAN_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A file under `shared/datasets`. Throws a message naming the path when it is missing, so a
    /// CI machine without `../shared` fails loudly instead of skipping outside-truth checks.
    public static func dataset(_ relative: String) throws -> URL {
        let url = root.appendingPathComponent("datasets").appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingSharedData(path: url.path)
        }
        return url
    }

    /// A file in the repository itself (Datasets/…, fixtures).
    public static func repository(_ relative: String) -> URL {
        repositoryRoot.appendingPathComponent(relative)
    }
}

public struct MissingSharedData: Error, CustomStringConvertible {
    public let path: String
    public var description: String {
        "missing \(path): put the shared datasets beside the checkout or set MIZAN_SHARED"
    }
}

/// Log relative error: the number of correct significant digits of `estimate` against `certified`
/// (NIST's LRE; capped at 15, the most a double can show).
public func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
    guard estimate.isFinite else { return 0 }
    let err = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    if err == 0 { return 15 }
    return min(15, max(0, -log10(err)))
}
