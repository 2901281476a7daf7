package nash.core.kernel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New zeroed {@code double[]}s for op results, the large ones often zeroed ahead of time by an idle kernel thread.
 *
 * <p>The JVM zeroes every new array on the thread that allocates it. A training step allocates its
 * activations and gradients on the calling thread, between parallel kernels, so that zeroing ran
 * while the kernel threads waited: {@code __memset} was 8% of a DCGAN step's wall time (perf). The
 * lengths a step asks for recur every step. So each length asked for gets a shelf: a miss raises
 * the number of arrays its shelf should hold (at most {@link #MAX_PER_LENGTH}), and an idle kernel
 * thread allocates arrays for the shelf furthest below its target, within a byte budget
 * ({@code nash.zeroedMB}, default: an eighth of the heap, at most 256 MB; 0 turns this off).
 *
 * <p>An array handed out is new — never used before, so nothing is recycled and no lifetime can go
 * wrong — and all zeros, exactly as {@code new double[n]}; the queue hands it over with a
 * happens-before edge. With one thread (no workers) every call is a plain allocation.
 */
public final class ZeroedArrays {

    /** Arrays shorter than this (128 KiB) are allocated directly: their zeroing costs little. */
    static final int MIN_LENGTH = 1 << 14;
    /** At most this many arrays of one length are kept ready. */
    static final int MAX_PER_LENGTH = 16;
    /** A shelf not asked for this long gives its arrays back to the garbage collector (a length no longer used). */
    static final long STALE_NANOS = 1_000_000_000L;

    private static final long BUDGET_BYTES = budget();
    private static final ConcurrentHashMap<Integer, Shelf> SHELVES = new ConcurrentHashMap<>();
    private static final AtomicLong READY_BYTES = new AtomicLong();

    private ZeroedArrays() {}

    private static final class Shelf {
        final int length;
        final ConcurrentLinkedQueue<double[]> ready = new ConcurrentLinkedQueue<>();
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger target = new AtomicInteger();
        volatile long lastAsked = System.nanoTime();

        Shelf(int length) { this.length = length; }
    }

    private static long budget() {
        String p = System.getProperty("nash.zeroedMB");
        long cap = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
        if (p == null || p.isBlank()) return cap;
        try {
            long mb = Long.parseLong(p.trim());
            if (mb >= 0) return mb << 20;
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("nash.zeroedMB must be a whole number ≥ 0, got '" + p + "'");
    }

    /** A new array of n zeros, as {@code new double[n]}. */
    public static double[] get(int n) {
        if (n < MIN_LENGTH || BUDGET_BYTES == 0) return new double[n];
        Shelf s = SHELVES.get(n);
        if (s == null) s = SHELVES.computeIfAbsent(n, Shelf::new);
        s.lastAsked = System.nanoTime();
        double[] a = s.ready.poll();
        if (a != null) {
            s.held.decrementAndGet();
            READY_BYTES.addAndGet(-8L * n);
            return a;
        }
        s.target.accumulateAndGet(1, (t, one) -> Math.min(MAX_PER_LENGTH, t + one));
        return new double[n];
    }

    /**
     * Allocates one array for the shelf furthest below its target, if the budget allows; false when
     * there is nothing to do. Shelves not asked for in {@link #STALE_NANOS} are emptied on the way.
     * Called by idle kernel threads ({@link Parallel}).
     */
    static boolean prepareOne() {
        Shelf best = null;
        int gap = 0;
        long now = System.nanoTime();
        for (Shelf s : SHELVES.values()) {
            if (now - s.lastAsked > STALE_NANOS) release(s);
        }
        long room = BUDGET_BYTES - READY_BYTES.get();
        for (Shelf s : SHELVES.values()) {
            int g = s.target.get() - s.held.get();
            if (g > gap && 8L * s.length <= room) {
                gap = g;
                best = s;
            }
        }
        if (best == null) return false;
        long bytes = 8L * best.length;
        if (READY_BYTES.getAndAccumulate(bytes, (r, b) -> r + b <= BUDGET_BYTES ? r + b : r) + bytes > BUDGET_BYTES) {
            return false;                                            // another thread took the room meanwhile
        }
        best.held.incrementAndGet();
        best.ready.offer(new double[best.length]);
        return true;
    }

    /** Empties a shelf and sets its target back to zero. */
    private static void release(Shelf s) {
        s.target.set(0);
        for (double[] a; (a = s.ready.poll()) != null; ) {
            s.held.decrementAndGet();
            READY_BYTES.addAndGet(-8L * a.length);
        }
    }

    /** Bytes held ready now (for tests and diagnostics). */
    static long readyBytes() { return READY_BYTES.get(); }

    /** Arrays of length n held ready now (for tests). */
    static int held(int n) {
        Shelf s = SHELVES.get(n);
        return s == null ? 0 : s.held.get();
    }

    /** The byte budget in force. */
    static long budgetBytes() { return BUDGET_BYTES; }
}
