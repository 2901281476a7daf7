package nash.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A text summary of a JFR recording: where the CPU samples fall (the method on top of the stack,
 * and every method on the stack counted once per sample), and which methods allocate the most
 * (by the sampled allocation weight, attributed to the first Nash frame). The same information as
 * {@code jfr view hot-methods} (JDK 21+) or JDK Mission Control, printed by the benchmark itself
 * so that it also works on JDK 17.
 */
final class JfrHotMethods {

    private JfrHotMethods() {}

    static void print(Path recording, int top, PrintStream out) throws IOException {
        Map<String, Long> self = new HashMap<>(), total = new HashMap<>(), allocation = new HashMap<>();
        Map<String, Map<String, Long>> paths = new HashMap<>();   // self method → callers above the kernels → samples
        long samples = 0, allocated = 0, vectorFallback = 0, allocatedOutside = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) continue;
            List<RecordedFrame> frames = st.getFrames();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                self.merge(name(frames.get(0)), 1L, Long::sum);
                paths.computeIfAbsent(name(frames.get(0)), k -> new HashMap<>()).merge(callers(frames), 1L, Long::sum);
                if (isVectorApi(frames.get(0))) vectorFallback++;
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) if (!plumbing(f) && seen.add(name(f))) total.merge(name(f), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long w = e.getLong("weight");
                allocated += w;
                String at = null;
                for (RecordedFrame f : frames) {
                    String cls = f.getMethod() == null ? "" : f.getMethod().getType().getName();
                    if (cls.startsWith("nash.") && !cls.startsWith("nash.bench.")) {
                        at = name(f) + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
                        if (f != frames.get(0)) at += "  (in " + name(frames.get(0)) + ")";
                        break;
                    }
                }
                if (at == null) allocatedOutside += w;   // e.g. JFR's own start-up
                else allocation.merge(at, w, Long::sum);
            }
        }
        out.printf(Locale.ROOT, "JFR %s: %d CPU samples%n", recording, samples);
        // Compiled Vector API code is intrinsified into the caller: samples whose top frame is a
        // jdk.incubator.vector / jdk.internal.vm.vector method ran its Java fallback (boxed vectors).
        out.printf(Locale.ROOT, "  samples on top of Vector API Java code (not intrinsified): %.1f%%%n",
                samples > 0 ? 100.0 * vectorFallback / samples : 0);
        table(out, "self (top of stack)", self, samples, top, "%");
        out.println("  the 6 hottest methods by the ops calling them (first library frames above the kernels):");
        final long all = Math.max(1, samples);
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6).forEach(h -> {
            out.printf(Locale.ROOT, "    %s (%.1f%%):%n", h.getKey(), 100.0 * h.getValue() / all);
            paths.get(h.getKey()).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .forEach(p -> out.printf(Locale.ROOT, "      %5.1f%%  %s%n", 100.0 * p.getValue() / all, p.getKey()));
        });
        table(out, "total (anywhere on the stack; threads, lambdas and the benchmark left out)", total, samples, top, "%");
        out.printf(Locale.ROOT, "sampled allocation (an estimate): %.1f MB in Nash, by the first Nash library frame; %.1f MB elsewhere "
                + "(JFR, the JDK)%n", (allocated - allocatedOutside) / 1e6, allocatedOutside / 1e6);
        allocated -= allocatedOutside;
        table(out, "allocation", allocation, allocated, top, "%");
    }

    private static void table(PrintStream out, String title, Map<String, Long> counts, long all, int top, String unit) {
        out.println("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "    %5.1f%s  %s%n", all > 0 ? 100.0 * e.getValue() / all : 0, unit, e.getKey()));
    }

    /** The first three library frames above the kernels and the JDK: "MatMul.mm < MatMul.gradA < Graph.call". */
    private static String callers(List<RecordedFrame> frames) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (RecordedFrame f : frames) {
            String cls = f.getMethod() == null ? "" : f.getMethod().getType().getName();
            if (!cls.startsWith("nash.") || cls.startsWith("nash.core.kernel.") || plumbing(f)) continue;
            sb.append(n == 0 ? "" : " < ").append(name(f));
            if (++n == 3) break;
        }
        if (n > 0) return sb.toString();
        for (RecordedFrame f : frames) {
            if (f.getMethod() != null && f.getMethod().getType().getName().equals("nash.core.kernel.Parallel$Worker")) {
                return "(on a Nash worker thread: the caller is on the main thread's stack)";
            }
        }
        return "(no library frame)";
    }

    /** Frames that say nothing about where the time goes: the benchmark, the thread pool, lambda glue. */
    private static boolean plumbing(RecordedFrame f) {
        if (f.getMethod() == null) return true;
        String cls = f.getMethod().getType().getName(), m = f.getMethod().getName();
        return cls.startsWith("nash.bench.") || cls.startsWith("java.lang.Thread") || cls.startsWith("nash.core.kernel.Parallel")
                || cls.contains("$$Lambda") || cls.matches(".*\\.?\\d+$") || m.startsWith("lambda$");
    }

    private static boolean isVectorApi(RecordedFrame f) {
        String cls = f.getMethod() == null ? "" : f.getMethod().getType().getName();
        return cls.startsWith("jdk.incubator.vector.") || cls.startsWith("jdk.internal.vm.vector.");
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) return "?";
        String cls = m.getType().getName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + m.getName();
    }
}
