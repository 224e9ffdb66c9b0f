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
enum BLASThreadPolicy {
    private static let applied: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    @inline(__always) static func enforce() {
        _ = applied
    }
}
