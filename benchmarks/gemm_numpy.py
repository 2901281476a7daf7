#!/usr/bin/python3
"""The numpy half of nash.bench.GemmVsNumpy: times a @ b (OpenBLAS dgemm) for shapes read from stdin.

Protocol: prints one line describing numpy and its BLAS, then for each input line
"m k n transA transB ms cold" prints the best GFLOP/s of 5 timed batches of about ms/5 each, or with cold = 1
the median GFLOP/s of single calls, each after writing through a 64 MiB array (operands out of every cache).
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


SWEEP = np.zeros(8 << 20)


def cold_gflops(a, b, flops, ms):
    """Median GFLOP/s of single calls, each after a write through SWEEP, for about ms of calls (at least 5)."""
    rates, end = [], time.perf_counter() + ms / 1000.0
    while time.perf_counter() < end or len(rates) < 5:
        SWEEP[::8] += 1.0                                      # one write per cache line
        start = time.perf_counter()
        a @ b
        rates.append(flops / (time.perf_counter() - start) / 1e9)
    rates.sort()
    return rates[len(rates) // 2]


def gflops(m, k, n, ta, tb, ms, cold=False):
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (k, m)).T if ta else rng.uniform(-1, 1, (m, k))
    b = rng.uniform(-1, 1, (n, k)).T if tb else rng.uniform(-1, 1, (k, n))
    flops = 2.0 * m * n * k
    if cold:
        a @ b                                                  # the first call's set-up out of the timing
        return cold_gflops(a, b, flops, ms)
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
        m, k, n, ta, tb, ms = (int(p) for p in parts[:6])
        cold = len(parts) > 6 and parts[6] == "1"
        print(f"{gflops(m, k, n, ta == 1, tb == 1, ms, cold):.3f}", flush=True)


if __name__ == "__main__":
    main()
