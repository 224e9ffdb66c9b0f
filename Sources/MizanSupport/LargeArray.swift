import Foundation

/// Arrays of hundreds of megabytes that parallel work fills: the national panel's sample paths
/// (46,360 series × 5 years × 400 paths, 371 MB of Float).
public enum LargeArray {
    /// `count` elements written by `fill`, which must initialise every one of them (in parallel
    /// if it likes). The storage is not zeroed first: a zero fill runs on one core and takes the
    /// page faults of every page there, which was 4.5 % of the national forecast's CPU time
    /// (`perf`, `clear_page_erms` under `Array(repeating:count:)`), its cores otherwise idle.
    /// Where the kernel gives huge pages on request (transparent huge pages in `madvise` mode,
    /// Debian's default), the storage asks for them: one fault per 2 MB instead of per 4 kB.
    public static func uninitialized<T: BitwiseCopyable>(count: Int, fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            fill(buffer)
            initialized = count
        }
    }

    /// Asks for huge pages on the 2 MB-aligned part of `buffer` (advice only: nothing changes
    /// where the kernel declines).
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard let base = buffer.baseAddress, buffer.count >= 2 * huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) / huge * huge
        let end = (Int(bitPattern: base) + buffer.count) / huge * huge
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, 14)  // MADV_HUGEPAGE
        #endif
    }
}
