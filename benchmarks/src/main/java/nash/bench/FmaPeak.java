package nash.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's double-precision FMA peak as Java reaches it: each thread runs 12 independent
 * chains of vector FMAs on registers (enough to cover FMA latency × ports), no memory traffic.
 * GFLOP/s counts an FMA as 2 flops per lane.
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
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
            a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
            a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
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
