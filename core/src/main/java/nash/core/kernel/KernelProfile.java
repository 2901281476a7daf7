package nash.core.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the kernel time goes: with the system property {@code nash.kernels.profile=true} set before the first
 * kernel runs, {@link KernelsProvider#get} hands out kernels that time every call by kernel and shape (a GEMM by
 * m×n×k and transposes, a convolution's im2col/col2im by geometry, an elementwise kernel by operation and length).
 * {@link #reset} after warm-up, run the work, then {@link #report}. Off by default: then nothing is wrapped and
 * nothing is timed.
 *
 * <p>A call is timed on the thread that makes it, from entry to return, so a parallel kernel counts its wall time
 * once, including its wait for the other threads. Timing costs two clock reads, a small key (a string of the shape)
 * and a map look-up per call: a fraction of a microsecond, and some allocation, only while profiling.
 */
public final class KernelProfile {

    private static final boolean ENABLED = Boolean.getBoolean("nash.kernels.profile");
    private static final ConcurrentHashMap<Key, Calls> CALLS = new ConcurrentHashMap<>();

    private KernelProfile() {}

    /** Whether kernel calls are being timed ({@code nash.kernels.profile}, read once). */
    public static boolean enabled() { return ENABLED; }

    /** Forgets every call timed so far. */
    public static void reset() { CALLS.clear(); }

    /**
     * One kernel at one shape: its calls, their total and sorted times, and the floating-point operations per
     * call (GEMM: 2·m·n·k; 0 where not counted).
     */
    public record Entry(String kernel, String shape, long calls, long totalNanos, long[] sortedNanos, double flopsPerCall) {
        /** GFLOP/s of a call that took {@code nanos}. */
        double gflops(long nanos) { return nanos == 0 ? 0 : flopsPerCall / nanos; }
    }

    /** Everything timed since the last reset, the most total time first. */
    public static List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        CALLS.forEach((key, c) -> list.add(c.entry(key)));
        list.sort(Comparator.comparingLong(Entry::totalNanos).reversed().thenComparing(Entry::kernel).thenComparing(Entry::shape));
        return list;
    }

    /**
     * A table of the {@code top} entries with the most time, per unit of work ({@code units} steps, say): calls and
     * milliseconds per unit, the share of {@code unitMillis} (a unit's wall time; 0 to leave the column out), and for
     * GEMMs GFLOP/s over all calls, at the median call and at the fastest; then the rest summed, and each kernel over
     * all its shapes.
     */
    public static String report(long units, double unitMillis, int top) {
        if (units < 1) throw new IllegalArgumentException("KernelProfile.report: units must be ≥ 1, got " + units);
        List<Entry> all = entries();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-13s %-30s %9s %9s %7s %27s%n",
                "kernel", "shape", "calls/u", "ms/u", unitMillis > 0 ? "share" : "", "GFLOP/s: mean  median  best"));
        long total = 0, rest = 0, restCalls = 0;
        for (int i = 0; i < all.size(); i++) {
            Entry e = all.get(i);
            total += e.totalNanos();
            if (i >= top) {
                rest += e.totalNanos();
                restCalls += e.calls();
                continue;
            }
            String rates = e.flopsPerCall() == 0 ? "" : String.format(Locale.ROOT, "%17.1f %7.1f %6.1f",
                    e.flopsPerCall() * e.calls() / e.totalNanos(), e.gflops(e.sortedNanos()[e.sortedNanos().length / 2]),
                    e.gflops(e.sortedNanos()[0]));
            b.append(row(e.kernel(), e.shape(), e.calls(), e.totalNanos(), units, unitMillis)).append(rates).append('\n');
        }
        if (rest > 0) b.append(row("(the rest)", (all.size() - top) + " more", restCalls, rest, units, unitMillis)).append('\n');
        b.append(row("all kernels", "", all.stream().mapToLong(Entry::calls).sum(), total, units, unitMillis)).append('\n');
        // by kernel, every shape together
        Map<String, long[]> byKernel = new TreeMap<>();
        for (Entry e : all) {
            long[] sum = byKernel.computeIfAbsent(e.kernel(), k -> new long[2]);
            sum[0] += e.calls();
            sum[1] += e.totalNanos();
        }
        byKernel.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).forEach(e ->
                b.append(row(e.getKey(), "(all shapes)", e.getValue()[0], e.getValue()[1], units, unitMillis)).append('\n'));
        return b.toString();
    }

    private static String row(String kernel, String shape, long calls, long nanos, long units, double unitMillis) {
        double ms = nanos / 1e6 / units;
        return String.format(Locale.ROOT, "%-13s %-30s %9.1f %9.3f %7s", kernel, shape, (double) calls / units, ms,
                unitMillis > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * ms / unitMillis) : "");
    }

    /** The profiling kernels around {@code inner}, or {@code inner} itself when profiling is off. */
    static Kernels wrap(Kernels inner) { return ENABLED ? timed(inner) : inner; }

    /** {@code inner} with every call timed, whatever the property says (tests). */
    static Kernels timed(Kernels inner) { return new Timed(inner); }

    private record Key(String kernel, String shape) {}

    /** The calls of one key: their times, appended under the lock (kernels may be called from several threads). */
    private static final class Calls {
        final double flops;
        long[] nanos = new long[16];
        int count;
        long total;

        Calls(double flops) { this.flops = flops; }

        synchronized void add(long t) {
            if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
            nanos[count++] = t;
            total += t;
        }

        synchronized Entry entry(Key key) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return new Entry(key.kernel(), key.shape(), count, total, sorted, flops);
        }
    }

    private static void record(String kernel, String shape, double flops, long start) {
        long t = System.nanoTime() - start;
        CALLS.computeIfAbsent(new Key(kernel, shape), k -> new Calls(flops)).add(t);
    }

    private static String geometry(ConvGeometry g) {
        return g.n() + "x" + g.c() + "x" + g.h() + "x" + g.w() + " k" + g.kh() + "x" + g.kw() + " s" + g.sh() + "x" + g.sw();
    }

    /** Every kernel of {@code inner}, timed. */
    private static final class Timed implements Kernels {
        private final Kernels inner;

        Timed(Kernels inner) { this.inner = inner; }

        @Override public String name() { return inner.name() + "+profile"; }

        @Override public void unary(Unary op, double[] x, int xOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.unary(op, x, xOff, y, yOff, n);
            record("unary", op + " n=" + n, 0, t);
        }

        @Override public void binary(Binary op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.binary(op, a, aOff, b, bOff, y, yOff, n);
            record("binary", op + " n=" + n, 0, t);
        }

        @Override public void binaryScalar(Binary op, double[] a, int aOff, double s, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.binaryScalar(op, a, aOff, s, y, yOff, n);
            record("binaryScalar", op + " n=" + n, 0, t);
        }

        @Override public void scalarBinary(Binary op, double s, double[] b, int bOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.scalarBinary(op, s, b, bOff, y, yOff, n);
            record("scalarBinary", op + " n=" + n, 0, t);
        }

        @Override public void leakyRelu(double slope, double[] x, int xOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.leakyRelu(slope, x, xOff, y, yOff, n);
            record("leakyRelu", "n=" + n, 0, t);
        }

        @Override public void leakyReluGrad(double slope, double[] x, int xOff, double[] g, int gOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.leakyReluGrad(slope, x, xOff, g, gOff, y, yOff, n);
            record("leakyReluGrad", "n=" + n, 0, t);
        }

        @Override public void clamp(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.clamp(lo, hi, x, xOff, y, yOff, n);
            record("clamp", "n=" + n, 0, t);
        }

        @Override public void inRange(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.inRange(lo, hi, x, xOff, y, yOff, n);
            record("inRange", "n=" + n, 0, t);
        }

        @Override public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.axpy(alpha, x, xOff, y, yOff, n);
            record("axpy", "n=" + n, 0, t);
        }

        @Override public double sum(double[] x, int off, int n) {
            long t = System.nanoTime();
            double r = inner.sum(x, off, n);
            record("sum", "n=" + n, 0, t);
            return r;
        }

        @Override public double sumOfSquares(double[] x, int off, int n) {
            long t = System.nanoTime();
            double r = inner.sumOfSquares(x, off, n);
            record("sumOfSquares", "n=" + n, 0, t);
            return r;
        }

        @Override public double max(double[] x, int off, int n) {
            long t = System.nanoTime();
            double r = inner.max(x, off, n);
            record("max", "n=" + n, 0, t);
            return r;
        }

        @Override public double min(double[] x, int off, int n) {
            long t = System.nanoTime();
            double r = inner.min(x, off, n);
            record("min", "n=" + n, 0, t);
            return r;
        }

        @Override public void bceWithLogits(double[] x, int xOff, double[] tt, int tOff, double[] y, int yOff, int n) {
            long t = System.nanoTime();
            inner.bceWithLogits(x, xOff, tt, tOff, y, yOff, n);
            record("bceWithLogits", "n=" + n, 0, t);
        }

        @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                                   double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
            long t = System.nanoTime();
            inner.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            record("gemm", m + "x" + n + "x" + k + " " + (transA ? 'T' : 'N') + (transB ? 'T' : 'N') + (accumulate ? " +=" : ""),
                    2.0 * m * n * k, t);
        }

        @Override public void im2col(ConvGeometry g, double[] x, int xOff, double[] cols) {
            long t = System.nanoTime();
            inner.im2col(g, x, xOff, cols);
            record("im2col", geometry(g), 0, t);
        }

        @Override public void col2im(ConvGeometry g, double[] cols, double[] x, int xOff) {
            long t = System.nanoTime();
            inner.col2im(g, cols, x, xOff);
            record("col2im", geometry(g), 0, t);
        }

        @Override public void adam(double[] p, double[] g, double[] m, double[] v, int off, int n, double lr, double beta1,
                                   double beta2, double eps, double l2, double decoupled, long t) {
            long t0 = System.nanoTime();
            inner.adam(p, g, m, v, off, n, lr, beta1, beta2, eps, l2, decoupled, t);
            record("adam", "n=" + n, 0, t0);
        }
    }
}
