package nash.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JVM spent besides computing: bytes allocated by every thread (Nash's worker threads
 * included) and time in garbage collection, between two snapshots; and the heap in use after a
 * full collection.
 *
 * <p>Allocation comes from {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}, summed
 * over the live threads (a thread that ends between two snapshots takes its bytes with it; Nash's
 * workers live as long as the JVM). GC time is the sum of {@code GarbageCollectorMXBean}
 * collection times: for G1 on JDK 17 that is its pauses (young and full); JDK 21+ adds a
 * "G1 Concurrent GC" bean counting the concurrent cycle's pauses. Work done by concurrent GC
 * threads beside the application is not in it.
 */
final class JvmMeter {

    private final com.sun.management.ThreadMXBean threads;

    JvmMeter() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (!(t instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not report per-thread allocation (com.sun.management.ThreadMXBean)");
        }
        threads = sun;
        if (!threads.isThreadAllocatedMemoryEnabled()) threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** The counters at one instant. */
    record Snapshot(long nanos, Map<Long, Long> allocated, long gcMillis, long gcCount) {}

    /** The difference of two snapshots. */
    record Delta(double seconds, long allocatedBytes, long gcMillis, long gcCount) {
        Delta plus(Delta o) {
            return new Delta(seconds + o.seconds, allocatedBytes + o.allocatedBytes, gcMillis + o.gcMillis, gcCount + o.gcCount);
        }

        static final Delta ZERO = new Delta(0, 0, 0, 0);

        /** GC time as a share of wall time, in percent. */
        double gcPercent() { return seconds > 0 ? 100.0 * gcMillis / (seconds * 1e3) : Double.NaN; }

        double allocatedMbPer(long steps) { return steps > 0 ? allocatedBytes / 1e6 / steps : Double.NaN; }

        double allocatedGbPerSecond() { return seconds > 0 ? allocatedBytes / 1e9 / seconds : Double.NaN; }
    }

    Snapshot snapshot() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) if (bytes[i] >= 0) m.put(ids[i], bytes[i]);
        long ms = 0, n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
            n += Math.max(0, gc.getCollectionCount());
        }
        return new Snapshot(System.nanoTime(), m, ms, n);
    }

    static Delta between(Snapshot a, Snapshot b) {
        long bytes = 0;
        for (Map.Entry<Long, Long> e : b.allocated().entrySet()) bytes += e.getValue() - a.allocated().getOrDefault(e.getKey(), 0L);
        return new Delta((b.nanos() - a.nanos()) / 1e9, bytes, b.gcMillis() - a.gcMillis(), b.gcCount() - a.gcCount());
    }

    /** Heap in use, in MB, right after a full collection ({@code System.gc()}; not to be called while timing). */
    static double heapAfterGcMb() {
        System.gc();
        System.gc();   // the second collection also frees what became unreachable through the first's reference processing
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    /** The names of the collectors, e.g. "G1 Young Generation, G1 Old Generation". */
    static String collectors() {
        StringBuilder sb = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) sb.append(sb.length() == 0 ? "" : ", ").append(gc.getName());
        return sb.toString();
    }

    /** The maximum heap, in MB. */
    static double maxHeapMb() { return Runtime.getRuntime().maxMemory() / 1e6; }
}
