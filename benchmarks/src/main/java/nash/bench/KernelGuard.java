package nash.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import nash.core.kernel.Kernels;
import nash.core.kernel.Kernels.Unary;
import nash.core.kernel.KernelsProvider;
import nash.core.kernel.Parallel;

/**
 * The CI guard: in one JVM, on one thread, times each main vector kernel against its scalar
 * reference (alternating, best of several batches) and fails if a speed-up falls below its floor.
 * The floors sit far below what the kernels reach (see benchmarks/RESULTS.md), so noise does not
 * trip them, but a kernel that regressed to scalar speed, or a silent fallback to the scalar
 * kernels, does. Exit status 0 when every check passes, 1 otherwise.
 *
 * <p>Run: {@code benchmarks/kernel-guard}, or {@code java --add-modules=jdk.incubator.vector -cp
 * benchmarks.jar nash.bench.KernelGuard [--ms 100]}.
 */
public final class KernelGuard {

    private KernelGuard() {}

    /** One check: a name, the work for each implementation, the required speed-up. */
    private record Check(String name, double floor, Work work) {}

    @FunctionalInterface
    private interface Work { Object run(Kernels k); }

    public static void main(String[] args) {
        int ms = 150;
        for (int i = 0; i < args.length; i++) if (args[i].equals("--ms")) ms = Integer.parseInt(args[++i]);
        Parallel.setThreads(1);                                                  // kernel quality, not core count
        int passed = 0, failed = 0;
        Kernels chosen = KernelsProvider.get();
        System.out.println("JDK " + System.getProperty("java.runtime.version") + ", KernelsProvider.get() = " + chosen.name());
        if (!chosen.name().startsWith("vector-")) {
            System.out.println("FAIL  KernelsProvider.get() chose the scalar kernels: ops run without SIMD "
                    + "(is --add-modules=jdk.incubator.vector missing, or -Dnash.kernels=scalar set?)");
            failed++;
        } else {
            passed++;
        }
        if (!KernelsProvider.vectorAvailable()) {
            System.out.println("FAIL  the jdk.incubator.vector module is absent: run java with --add-modules=jdk.incubator.vector");
            System.out.println(passed + " passed, " + (failed + 1) + " failed");
            System.exit(1);
        }
        Kernels scalar = KernelsProvider.scalar(), vector = KernelsProvider.vector(0);
        System.out.printf(Locale.ROOT, "%-28s %10s %10s %8s %6s%n", "kernel", "scalar µs", "vector µs", "speed-up", "floor");
        List<Check> checks = checks();
        for (Check c : checks) {                                                 // warm-up: C2 compiles every kernel first
            time(c.work(), vector, 2 * ms);
            time(c.work(), scalar, ms);
        }
        for (Check c : checks) {
            // Warm this check again, for about a second, right before it is timed: the unary kernel is one method
            // with a switch over the operators, recompiled as the first pass brings new ones, and the helpers it
            // does not inline (polyExpLanes) run in C1 until C2, busy with the other checks, gets to them. Timed
            // straight away, EXP measured 1.0–1.1× in about one JVM in four; warmed so, 1.6–2.4× in 8 of 8 (JDK 17).
            time(c.work(), vector, 6 * ms);
            time(c.work(), scalar, 2 * ms);
            double ts = Double.MAX_VALUE, tv = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {                             // alternate: noise hits both alike
                ts = Math.min(ts, time(c.work(), scalar, ms));
                tv = Math.min(tv, time(c.work(), vector, ms));
            }
            double speedup = ts / tv;
            boolean ok = speedup >= c.floor();
            if (ok) passed++; else failed++;
            System.out.printf(Locale.ROOT, "%-28s %10.1f %10.1f %7.1fx %5.1fx %s%n", c.name(), ts / 1e3, tv / 1e3, speedup, c.floor(),
                    ok ? "" : " FAIL: the vector kernel is not faster than its floor");
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Nanoseconds per call: the best of 5 batches, after a warm-up that also sizes the batch to about ms/5. */
    static double time(Work w, Kernels k, int ms) {
        long budget = ms * 1_000_000L / 5;
        long t0 = System.nanoTime();
        int calls = 0;
        Object sink = null;
        while (System.nanoTime() - t0 < budget || calls < 3) { sink = w.run(k); calls++; }
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) sink = w.run(k);
            best = Math.min(best, (System.nanoTime() - start) / (double) calls);
        }
        if (sink == null) throw new AssertionError();
        return best;
    }

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = r.nextDouble(-4, 4);
        return d;
    }

    /** One check per GEMM shape, each at the given floor. */
    private static void gemmChecks(List<Check> cs, double floor, String... specs) {
        for (String spec : specs) {
            GemmShape s = GemmShape.parse(spec);
            GemmShape.Operands o = s.operands();
            cs.add(new Check("gemm " + spec, floor, k -> s.run(k, o)));
        }
    }

    static List<Check> checks() {
        List<Check> cs = new ArrayList<>();
        // square, the GAN layers' three products, and a narrow one (n = 16, long k: a one-channel critic's first-layer
        // weight gradient, the 8x2 kernel: 21x one thread)
        gemmChecks(cs, 4.0, "256x256x256:NN", "64x512x784:NT", "784x64x512:TN", "64x12544x16:NT");
        // thin products (a discriminator's last layer and its weight gradient): matrix-vector loops; through the
        // blocked path (31 of 32 columns padding) they ran at 0.6x the scalar reference; 2.8-3.8x now (one thread)
        gemmChecks(cs, 1.5, "64x6272x1:NT", "1x64x6272:TN");
        int n = 4093;                                                           // odd: the scalar tails run too
        double[] x = random(n, 1), y = new double[n];
        // Only kernels whose scalar twin C2 does not auto-vectorise: a strict-order sum and sum of squares, max, leaky ReLU's select,
        // and the polynomial exp, sigmoid and tanh against Math.exp and Math.tanh.
        // (Not Adam: JDK 25's C2 vectorises the scalar loop, so the two run at the same speed there.)
        cs.add(new Check("sum n=" + n, 2.0, k -> k.sum(x, 0, n)));
        cs.add(new Check("sumOfSquares n=" + n, 2.0, k -> k.sumOfSquares(x, 0, n)));
        cs.add(new Check("max n=" + n, 1.2, k -> k.max(x, 0, n)));
        cs.add(new Check("leakyRelu n=" + n, 1.2, k -> { k.leakyRelu(0.2, x, 0, y, 0, n); return y; }));
        // exp: 3.2–7.7× idle, 1.3× once under load; same floor as sigmoid below
        cs.add(new Check("unary EXP n=" + n, 1.2, k -> { k.unary(Unary.EXP, x, 0, y, 0, n); return y; }));
        // sigmoid: measured 1.6–5.5× idle but 1.4× once under a load of 10 on 2 cores; a scalar fallback is 1.0×
        cs.add(new Check("unary SIGMOID n=" + n, 1.2, k -> { k.unary(Unary.SIGMOID, x, 0, y, 0, n); return y; }));
        // tanh: Math.tanh (fdlibm, 34–37 ns a value) against the polynomial lanes: 13.7× in a plain loop, 2.0× in a
        // guard run under load; the floor of exp and sigmoid
        cs.add(new Check("unary TANH n=" + n, 1.2, k -> { k.unary(Unary.TANH, x, 0, y, 0, n); return y; }));

        return cs;
    }
}
