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
        long samples = 0, allocated = 0, vectorFallback = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) continue;
            List<RecordedFrame> frames = st.getFrames();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                self.merge(name(frames.get(0)), 1L, Long::sum);
                if (isVectorApi(frames.get(0))) vectorFallback++;
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) if (seen.add(name(f))) total.merge(name(f), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long w = e.getLong("weight");
                allocated += w;
                String at = name(frames.get(0));
                for (RecordedFrame f : frames) {
                    String cls = f.getMethod() == null ? "" : f.getMethod().getType().getName();
                    if (cls.startsWith("nash.") && !cls.startsWith("nash.bench.")) {
                        at = name(f) + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
                        if (f != frames.get(0)) at += "  (in " + name(frames.get(0)) + ")";
                        break;
                    }
                }
                allocation.merge(at, w, Long::sum);
            }
        }
        out.printf(Locale.ROOT, "JFR %s: %d CPU samples%n", recording, samples);
        // Compiled Vector API code is intrinsified into the caller: samples whose top frame is a
        // jdk.incubator.vector / jdk.internal.vm.vector method ran its Java fallback (boxed vectors).
        out.printf(Locale.ROOT, "  samples on top of Vector API Java code (not intrinsified): %.1f%%%n",
                samples > 0 ? 100.0 * vectorFallback / samples : 0);
        table(out, "self (top of stack)", self, samples, top, "%");
        table(out, "total (anywhere on the stack)", total, samples, top, "%");
        out.printf(Locale.ROOT, "sampled allocation: %.1f MB in all (an estimate), by the first Nash library frame%n", allocated / 1e6);
        table(out, "allocation", allocation, allocated, top, "%");
    }

    private static void table(PrintStream out, String title, Map<String, Long> counts, long all, int top, String unit) {
        out.println("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "    %5.1f%s  %s%n", all > 0 ? 100.0 * e.getValue() / all : 0, unit, e.getKey()));
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
