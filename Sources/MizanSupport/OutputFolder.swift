import Foundation

/// Makes the folder an output goes in when it is missing (as `mkdir -p`), and tells whoever asked
/// to be told. Every command makes missing output folders the same way, and the command line says
/// so on stderr, so a mistyped `--out reslts/2027.csv` is visible instead of silently obeyed.
public enum OutputFolder {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var observer: (@Sendable (URL) -> Void)?

    /// `report` is called with the outermost folder made, once per folder made.
    public static func onMade(_ report: @escaping @Sendable (URL) -> Void) {
        lock.withLock { observer = report }
    }

    /// Makes `dir` and its missing parents; nothing happens when it exists. Throws what
    /// `FileManager` throws (callers put it in words).
    public static func make(_ dir: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        var outermost = dir.standardizedFileURL
        while case let parent = outermost.deletingLastPathComponent(), parent.path != outermost.path,
              !fm.fileExists(atPath: parent.path) {
            outermost = parent
        }
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let report = lock.withLock { observer }
        report?(outermost)
    }
}
