import Foundation

/// Writes a file so that readers see the old content or the new, never a part: the bytes go to a
/// temporary file in the same directory, which is renamed over the target only once complete.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = try prepare(url)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            do { try data.write(to: tmp) } catch { throw OutputFileError.cannotWrite(in: dir) }
            if rename(tmp.path, url.path) != 0 { throw OutputFileError.lastSystemError() }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// The target's folder, made if missing (as `mkdir -p`); a target that is a folder, or a file
    /// in the way of the folder, refused in words before anything is written.
    static func prepare(_ url: URL) throws(OutputFileError) -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputFileError(reason: "is a folder, not a file")
        }
        let dir = url.deletingLastPathComponent()
        do { try OutputFolder.make(dir) } catch {
            var ancestor = dir
            while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                ancestor = ancestor.deletingLastPathComponent()
            }
            throw OutputFileError(reason: isDirectory.boolValue
                ? "its folder \(dir.path) cannot be made in \(ancestor.path) (permissions)"
                : "its folder cannot be made: \(ancestor.path) is a file, not a folder")
        }
        return dir
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
            let dir = try AtomicFile.prepare(url)
            tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let h = FileHandle(forWritingAtPath: tmp.path) else {
                throw OutputFileError.cannotWrite(in: dir)
            }
            handle = h
        }

        public func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }
        public func write(_ data: Data) throws { try handle.write(contentsOf: data) }
        public func write(_ bytes: UnsafeRawBufferPointer) throws { try handle.write(contentsOf: bytes) }

        /// Puts the file in place.
        public func commit() throws {
            try handle.close()
            guard rename(tmp.path, url.path) == 0 else { throw OutputFileError.lastSystemError() }
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

/// Why an output could not be written, in the user's terms (the commands print it after the path:
/// "out.csv: cannot write (is a folder, not a file)"), never a Foundation domain and code.
public struct OutputFileError: LocalizedError, CustomStringConvertible {
    public let reason: String
    public var errorDescription: String? { reason }
    public var description: String { reason }

    static func cannotWrite(in dir: URL) -> OutputFileError {
        OutputFileError(reason: "no file can be written in \(dir.path) (permissions, or the disk is full)")
    }

    static func lastSystemError() -> OutputFileError {
        OutputFileError(reason: String(cString: strerror(errno)).lowercased())
    }
}
