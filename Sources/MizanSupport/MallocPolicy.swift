#if os(Linux)
import Glibc
#endif

/// Large working arrays are reused from the heap instead of being mapped fresh each time.
///
/// glibc serves a request above its mmap threshold (128 kB at start, raised to the largest
/// block freed so far, at most 32 MB) with a new mapping, and gives the top of its heap back
/// to the kernel once more than twice that is free. The forecast allocates and frees blocks of
/// megabytes many times (the fits' working arrays, reconciliation's n × 45…256 blocks, one per
/// block of paths), and the kernel zeroed fresh pages for many of them. With the threshold at
/// 256 MB and trimming at 2 GB, freed blocks are reused. Measured side by side with one binary,
/// the same thresholds set by `GLIBC_TUNABLES` or not (alternating runs, medians): the default
/// forecast 1.57 s instead of 1.64 s (8 runs each), the large panel 10.4 s instead of 11.1 s
/// (5 each); `mizan match` unchanged (0.47 s against 0.45 s, within its noise); same bytes; peak
/// memory of the large panel within 25 MB.
/// Most of the page zeroing left is first touch of memory that has to exist (the path array,
/// the fits, the reconciler's factorisation). Arrays above 256 MB (the path array) are mapped
/// as before (`LargeArray`). Only the CLI applies it: a library user's process keeps its own
/// allocator settings.
public enum MallocPolicy {
    public static let mmapThreshold: Int32 = 256 << 20
    public static let trimThreshold: Int32 = Int32.max

    /// Sets both thresholds; true where the allocator accepted them (glibc), false elsewhere.
    @discardableResult
    public static func applyNow() -> Bool {
        #if os(Linux)
        // `mallopt` is declared in malloc.h, which the Glibc module leaves out: looked up at run
        // time, with glibc's parameter numbers (M_TRIM_THRESHOLD −1, M_MMAP_THRESHOLD −3).
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        return mallopt(-3, mmapThreshold) == 1 && mallopt(-1, trimThreshold) == 1
        #else
        return false
        #endif
    }
}
