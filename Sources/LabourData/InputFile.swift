import Foundation

/// Reading an input file, with refusals in the user's terms: "does not exist", "is a folder, not a
/// file", "is not a regular file" (`/dev/zero`, a pipe that never ends), "cannot be read
/// (permissions)" — never a Foundation error domain and code, or "You don't have permission" for a
/// device. Every reader of a user's file goes through here, so every command says it the same way.
public enum InputFile {
    /// Why `url` cannot be used as an input file (or, with `folder`, an input folder); nil when it can.
    public static func problem(_ url: URL, folder: Bool = false) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return "does not exist" }
        if folder {
            return isDirectory.boolValue ? nil : "is a file, not a folder"
        }
        if isDirectory.boolValue { return "is a folder, not a file" }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular else { return "is not a regular file" }
        return FileManager.default.isReadableFile(atPath: url.path) ? nil : "cannot be read (permissions)"
    }

    /// The file's bytes (memory-mapped when `mapped`), or an unreadable-input error (exit 66 in
    /// the CLI) saying why.
    public static func contents(of url: URL, mapped: Bool = false) throws(InputError) -> Data {
        if let p = problem(url) { throw unreadable(url, p) }
        do { return try Data(contentsOf: url, options: mapped ? .alwaysMapped : []) } catch {
            throw unreadable(url, "cannot be read")
        }
    }

    /// The file as UTF-8 text; bytes that are not UTF-8 are refused, not replaced.
    public static func text(of url: URL) throws(InputError) -> String {
        let data = try contents(of: url)
        guard let text = String(bytes: data, encoding: .utf8) else {
            throw InputError(Diagnostic(file: url.path, line: 1, column: 1, message: "is not UTF-8 text (save it as UTF-8)"))
        }
        return text
    }

    static func unreadable(_ url: URL, _ why: String) -> InputError {
        InputError(Diagnostic(file: url.path, line: 0, column: 0, message: why))
    }
}
