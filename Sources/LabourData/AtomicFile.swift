import Foundation

/// Writes a file so that readers see the old content or the new, never a part: the bytes go to a
/// temporary file in the same directory, which is renamed over the target only once complete.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: tmp)
            if rename(tmp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}

extension AtomicFile {
    /// A file written in pieces that appears whole or not at all: pieces go to a temporary file
    /// beside the target; `commit()` renames it over the target, and a writer dropped without
    /// committing (an error, a thrown stage) removes it.
    public final class Stream {
        public let url: URL
        let tmp: URL
        let handle: FileHandle
        var committed = false

        public init(_ url: URL) throws {
            self.url = url
            let dir = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let h = FileHandle(forWritingAtPath: tmp.path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
            }
            handle = h
        }

        public func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }
        public func write(_ data: Data) throws { try handle.write(contentsOf: data) }

        /// Puts the file in place.
        public func commit() throws {
            try handle.close()
            guard rename(tmp.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
            committed = true
        }

        deinit {
            if !committed {
                try? handle.close()
                try? FileManager.default.removeItem(at: tmp)
            }
        }
    }
}
