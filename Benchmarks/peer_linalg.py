"""numpy side of the dense linear-algebra benchmarks: the same input files as mizan-bench.

    python peer_linalg.py gemm --n 1024 --dir W --reps 5
    python peer_linalg.py lstsq --m 100000 --n 50 --dir W --reps 5

Prints one JSON line (median and best wall seconds). numpy's lstsq is LAPACK dgelsd.
"""
import argparse, json, time
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("case", choices=["gemm", "lstsq"])
ap.add_argument("--n", type=int)
ap.add_argument("--m", type=int)
ap.add_argument("--dir", default=".")
ap.add_argument("--reps", type=int, default=5)
a = ap.parse_args()

if a.case == "gemm":
    n = a.n
    # Files are column-major; order="F" views them without a copy.
    A = np.fromfile(f"{a.dir}/gemm_{n}_a.bin", dtype="<f8").reshape((n, n), order="F")
    B = np.fromfile(f"{a.dir}/gemm_{n}_b.bin", dtype="<f8").reshape((n, n), order="F")
    C = A @ B  # warm-up
    ts = []
    for _ in range(a.reps):
        t = time.perf_counter(); C = A @ B; ts.append(time.perf_counter() - t)
    med = float(np.median(ts))
    print(json.dumps({"case": "gemm", "n": n, "median_s": med, "best_s": min(ts),
                      "gflops_median": 2 * n**3 / med / 1e9, "checksum": float(C.sum())}))
else:
    m, n = a.m, a.n
    X = np.fromfile(f"{a.dir}/lstsq_{m}x{n}_x.bin", dtype="<f8").reshape((m, n), order="F")
    y = np.fromfile(f"{a.dir}/lstsq_{m}x{n}_y.bin", dtype="<f8")
    ts = []
    for _ in range(a.reps):
        t = time.perf_counter(); b = np.linalg.lstsq(X, y, rcond=None)[0]; ts.append(time.perf_counter() - t)
    print(json.dumps({"case": "lstsq", "m": m, "n": n, "median_s": float(np.median(ts)), "best_s": min(ts),
                      "b0": float(b[0])}))
