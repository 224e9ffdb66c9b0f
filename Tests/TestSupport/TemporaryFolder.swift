import Foundation

/// A new, empty folder under the system's temporary directory, named `<prefix>-<UUID>`: the one
/// way the tests make a place to write.
public func temporaryFolder(_ prefix: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
