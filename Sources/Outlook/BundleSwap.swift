import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished bundle where the previous one stood, atomically: Linux's
/// `renameat2(RENAME_EXCHANGE)` swaps the two directories in one step, so a process killed at any
/// instant leaves either the previous bundle or the new one at the output path, never neither.
/// The previous bundle, now at the partial path, is removed afterwards (a kill before that leaves
/// a stale directory that the next run clears). Where the exchange is not supported (another OS,
/// some file systems), the previous bundle is moved aside first and restored on failure.
enum BundleSwap {
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// `renameat2` from the C library, looked up at run time (glibc ≥ 2.28).
    static let exchange: RenameAt2? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    static func swap(_ finished: URL, into output: URL, failpoint: (String) -> Void) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            failpoint("swap")
            try fm.moveItem(at: finished, to: output)
            return
        }
        failpoint("swap")
        let AT_FDCWD: Int32 = -100, RENAME_EXCHANGE: UInt32 = 1 << 1
        if let exchange, exchange(AT_FDCWD, finished.path, AT_FDCWD, output.path, RENAME_EXCHANGE) == 0 {
            failpoint("cleanup")
            try? fm.removeItem(at: finished)   // now the previous bundle
            return
        }
        // Fallback: previous bundle aside, new one in, previous one removed.
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        try fm.moveItem(at: output, to: old)
        do { try fm.moveItem(at: finished, to: output) } catch {
            try? fm.moveItem(at: old, to: output)
            throw error
        }
        failpoint("cleanup")
        try? fm.removeItem(at: old)
    }
}
