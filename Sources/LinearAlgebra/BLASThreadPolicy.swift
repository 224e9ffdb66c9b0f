import Foundation
internal import CLapack

/// Mizan's one threading rule for BLAS and LAPACK: **every call runs on one thread.**
///
/// Parallelism happens in Swift, over series, blocks or profiles (`parallelMap`). OpenBLAS would
/// otherwise start its own threads inside each call, on top of ours: on two cores, ARIMA fits in
/// parallel each calling `dgesv` spun in `sched_yield` for hours (issue 24). And a product split
/// over k threads sums in a different order than over one, so the bytes of a result would depend
/// on the core count and on `OPENBLAS_NUM_THREADS`. One thread per call makes both impossible.
///
/// What it costs: a large single call (a big GEMM or least-squares fit outside any parallel
/// region) gives up OpenBLAS's second core: side by side with numpy on two threads, dgemm runs at
/// 0.57–0.76× its GFLOP/s and a 100,000 × 50 fit takes 1.3× as long (`Benchmarks/RESULTS.md`).
/// The forecast and backtest already ran BLAS on one thread and are unchanged.
///
/// How it is enforced: every wrapper in this module calls `enforce()` before its first BLAS or
/// LAPACK call; the first one in the process sets OpenBLAS to one thread (a Swift global is
/// initialised exactly once, and other threads wait for it), later ones cost a load and a branch.
/// Nothing outside LinearAlgebra imports the C libraries, so no call can bypass it, and there is
/// no setter to undo it.
///
/// OpenBLAS also starts its worker threads when the library is loaded, before any call, and each
/// waits for work by spinning in `sched_yield` for about 2²⁸ cycles (a tenth of a second). On two
/// cores that took one core from the start of every command: `mizan match` (0.4 s in all) spent
/// 6 % of its samples in the scheduler and 0.1–0.3 s of system time, against 0.05–0.12 s with
/// `OPENBLAS_NUM_THREADS=1`. So the rule also stops those workers (`blas_thread_shutdown_`,
/// looked up at run time: an OpenBLAS without it keeps them), and the CLI applies it first thing
/// (`applyNow`). One thread per call never needs them again.
public enum BLASThreadPolicy {
    private static let applied: Bool = {
        // In this order: setting the count restarts stopped workers (OpenBLAS 0.3.21).
        openblas_set_num_threads(1)
        stopIdleWorkers()
        return true
    }()

    @inline(__always) static func enforce() {
        _ = applied
    }

    /// Applies the rule now rather than at the first BLAS call: for a program's start.
    public static func applyNow() { enforce() }

    private static func stopIdleWorkers() {
        #if os(Linux)
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "blas_thread_shutdown_") else { return }
        let shutdown = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
        _ = shutdown()
        #endif
    }
}
