package nash.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's double-precision FMA peak as Java reaches it: each thread runs 12 independent
 * chains of vector FMAs on registers (enough to cover FMA latency × ports), no memory traffic.
 * GFLOP/s counts an FMA as 2 flops per lane. Each chain is a ← x·y + a, the accumulator as the
 * addend, as in GEMM: written a ← a·x + y, C2 can copy y into a fresh register before every FMA,
 * and those moves take the FMA ports' slots (2026-11-30: 42 instead of 84 GFLOP/s on one core).
 */
public final class FmaPeak {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private FmaPeak() {}

    private static double chains(long iters, double seed) {
        DoubleVector x = DoubleVector.broadcast(S, 1.0 + 1e-9), y = DoubleVector.broadcast(S, 1e-9);
        DoubleVector a0 = DoubleVector.broadcast(S, seed), a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3);
        DoubleVector a4 = a0.add(4), a5 = a0.add(5), a6 = a0.add(6), a7 = a0.add(7);
        DoubleVector a8 = a0.add(8), a9 = a0.add(9), a10 = a0.add(10), a11 = a0.add(11);
        for (long i = 0; i < iters; i++) {
            a0 = x.fma(y, a0); a1 = x.fma(y, a1); a2 = x.fma(y, a2); a3 = x.fma(y, a3);
            a4 = x.fma(y, a4); a5 = x.fma(y, a5); a6 = x.fma(y, a6); a7 = x.fma(y, a7);
            a8 = x.fma(y, a8); a9 = x.fma(y, a9); a10 = x.fma(y, a10); a11 = x.fma(y, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).lane(0);
    }

    /** The best of {@code rounds} runs of about 50 ms each, on {@code threads} threads at once, in GFLOP/s. */
    public static double gflops(int threads, int rounds) throws InterruptedException {
        long iters = 4_000_000;
        for (int w = 0; w < 3; w++) chains(iters / 4, w);                // warm up: get C2 to compile it
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            Thread[] ts = new Thread[threads];
            double[] sink = new double[threads];
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = new Thread(() -> sink[id] = chains(iters, id));
                ts[t].start();
            }
            for (Thread t : ts) t.join();
            long dt = System.nanoTime() - t0;
            best = Math.max(best, 2.0 * 12 * S.length() * iters * threads / dt);
        }
        return best;
    }

    /** Prints the peak for 1 thread and for {@code nash.threads} (default: all processors). */
    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.getInteger("nash.threads", Runtime.getRuntime().availableProcessors());
        System.out.printf("FMA peak (%d-bit vectors): 1 thread %.1f GFLOP/s, %d threads %.1f GFLOP/s%n",
                S.vectorBitSize(), gflops(1, 7), threads, gflops(threads, 7));
    }
}
