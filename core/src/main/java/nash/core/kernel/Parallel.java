package nash.core.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on a small pool of daemon threads, the caller joining in.
 *
 * <p>Determinism lives with the caller: a kernel splits its work into tasks that depend on the
 * problem size only, each task writing its own part of the output, so the result has the same
 * bits for any thread count. The count defaults to the available processors; it is set by the
 * system property {@code nash.threads} or by {@link #setThreads(int)}. A task that itself calls
 * {@link #run} runs its inner tasks on its own thread, so nesting never deadlocks.
 */
public final class Parallel {

    private static volatile int threads = initialThreads();
    /**
     * How long an idle worker, and a caller waiting for the rest of its job, spin before they park: 2 ms by default
     * (system property {@code nash.spinMicros}). A training step has serial stretches between parallel kernels longer
     * than the 0.1–0.2 ms the workers used to spin; parked, they were woken by a system call on every kernel (MLP GAN
     * step 1.05–1.16× faster, DCGAN step 1.09–1.13×, against 150 µs, alternating JVMs). OpenMP runtimes spin as long or longer.
     * 0 parks at once, for machines where the spinning core is wanted by other work.
     */
    private static final long SPIN_NANOS = spinNanos();
    /**
     * An idle worker zeroes arrays ahead ({@link ZeroedArrays}) only once no job has come for this long, so that
     * kernels called back to back do not find it busy.
     */
    private static final long PREPARE_AFTER_NANOS = 50_000;
    private static Worker[] workers = new Worker[0];
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final Object LOCK = new Object();

    private Parallel() {}

    private static int initialThreads() {
        String p = System.getProperty("nash.threads");
        if (p == null || p.isBlank()) return Runtime.getRuntime().availableProcessors();
        try {
            int t = Integer.parseInt(p.trim());
            if (t >= 1) return t;
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("nash.threads must be a whole number ≥ 1, got '" + p + "'");
    }

    private static long spinNanos() {
        String p = System.getProperty("nash.spinMicros");
        if (p == null || p.isBlank()) return 2_000_000L;
        try {
            long us = Long.parseLong(p.trim());
            if (us >= 0) return us * 1000;
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("nash.spinMicros must be a whole number ≥ 0, got '" + p + "'");
    }

    /** The number of threads kernels may use. */
    public static int threads() { return threads; }

    /** Sets the number of threads kernels may use (≥ 1). Results do not depend on it. */
    public static void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("Parallel.setThreads: need ≥ 1 thread, got " + n);
        threads = n;
    }

    /** Runs {@code task.accept(i)} for i in [0, count), in parallel when that is worth it. */
    public static void run(int count, IntConsumer task) {
        int t = Math.min(threads, count);
        if (t <= 1 || INSIDE.get()) {
            for (int i = 0; i < count; i++) task.accept(i);
            return;
        }
        Job job = new Job(count, task);
        Worker[] ws = workers(t - 1);
        for (int i = 0; i < t - 1; i++) ws[i].offer(job);
        INSIDE.set(Boolean.TRUE);
        try {
            job.work();
        } finally {
            INSIDE.set(Boolean.FALSE);
        }
        job.awaitDone();
    }

    /**
     * Splits [0, n) into fixed chunks of {@code grain} elements (the last one shorter) and runs
     * {@code body.run(from, to)} on each. The chunks depend on n and grain only.
     */
    public static void chunks(int n, int grain, RangeBody body) {
        if (grain < 1) throw new IllegalArgumentException("Parallel.chunks: grain must be ≥ 1, got " + grain);
        if (n <= grain) {
            if (n > 0) body.run(0, n);
            return;
        }
        int count = (int) (((long) n + grain - 1) / grain);                   // in long: n may be near 2³¹ − 1
        run(count, i -> body.run(i * grain, (int) Math.min(n, (long) (i + 1) * grain)));
    }

    /** The body of {@link #chunks}: works on [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        /** Works on elements [from, to). */
        void run(int from, int to);
    }

    private static Worker[] workers(int needed) {
        synchronized (LOCK) {
            if (workers.length < needed) {
                Worker[] grown = java.util.Arrays.copyOf(workers, needed);
                for (int i = workers.length; i < needed; i++) {
                    grown[i] = new Worker(i);
                    grown[i].start();
                }
                workers = grown;
            }
            return workers;
        }
    }

    /** One parallel call: tasks are claimed by an atomic counter; the caller waits for all. */
    private static final class Job {
        final int count;
        final IntConsumer task;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;
        final Thread owner = Thread.currentThread();

        Job(int count, IntConsumer task) { this.count = count; this.task = task; }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                try {
                    if (failure == null) task.accept(i);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (done.incrementAndGet() == count) LockSupport.unpark(owner);
                }
            }
        }

        void awaitDone() {
            long start = System.nanoTime();
            while (done.get() < count) {
                if (System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else LockSupport.parkNanos(this, 50_000);
            }
            Throwable f = failure;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            if (f != null) throw new IllegalStateException(f);
        }
    }

    private static final class Worker extends Thread {
        private final java.util.concurrent.atomic.AtomicReference<Job> slot = new java.util.concurrent.atomic.AtomicReference<>();

        Worker(int i) {
            super("nash-worker-" + i);
            setDaemon(true);
        }

        void offer(Job j) {
            slot.set(j);
            LockSupport.unpark(this);
        }

        @Override public void run() {
            INSIDE.set(Boolean.TRUE);
            long idleSince = System.nanoTime(), jobEnd = idleSince;
            while (true) {
                Job j = slot.getAndSet(null);
                if (j != null) {
                    j.work();
                    idleSince = jobEnd = System.nanoTime();
                } else if (System.nanoTime() - jobEnd > PREPARE_AFTER_NANOS && ZeroedArrays.prepareOne()) {
                    idleSince = System.nanoTime();                     // zeroed one of the caller's next arrays ahead
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
