#!/usr/bin/python3
"""The numpy half of nash.bench.GemmVsNumpy: times a @ b (OpenBLAS dgemm) for shapes read from stdin.

Protocol: prints one line describing numpy and its BLAS, then for each input line
"m k n transA transB ms" prints the best GFLOP/s of 5 timed batches of about ms/5 each.
Transposed operands are transposed views (a.T), so BLAS gets a transpose flag, as Nash does.
"""
import sys
import time

import numpy as np


def blas_library():
    """The BLAS shared library loaded into this process (numpy links libblas.so.3, an alternative)."""
    np.ones((8, 8)) @ np.ones((8, 8))
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and ".so" in line}
        return ", ".join(sorted(libs)) or "unknown BLAS"
    except OSError:
        return "unknown BLAS"


def gflops(m, k, n, ta, tb, ms):
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (k, m)).T if ta else rng.uniform(-1, 1, (m, k))
    b = rng.uniform(-1, 1, (n, k)).T if tb else rng.uniform(-1, 1, (k, n))
    flops = 2.0 * m * n * k
    budget = ms / 5 / 1000.0
    calls, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < budget or calls < 3:   # warm-up, and the batch size
        a @ b
        calls += 1
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls):
            a @ b
        best = max(best, flops * calls / (time.perf_counter() - start) / 1e9)
    return best


def main():
    print(f"numpy {np.__version__}, {blas_library()}", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        m, k, n, ta, tb, ms = (int(p) for p in parts)
        print(f"{gflops(m, k, n, ta == 1, tb == 1, ms):.3f}", flush=True)


if __name__ == "__main__":
    main()
