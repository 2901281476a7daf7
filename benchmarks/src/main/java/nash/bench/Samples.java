package nash.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Step times in milliseconds, pooled over rounds: median and the 10th/90th percentiles. */
final class Samples {

    private final List<Double> ms = new ArrayList<>();

    void add(double millis) { ms.add(millis); }

    void addAll(List<Double> millis) { ms.addAll(millis); }

    void addAll(Samples other) { ms.addAll(other.ms); }

    int count() { return ms.size(); }

    boolean isEmpty() { return ms.isEmpty(); }

    double median() { return percentile(50); }

    double p10() { return percentile(10); }

    double p90() { return percentile(90); }

    /** The p-th percentile, linearly interpolated between order statistics (numpy's default). */
    double percentile(double p) {
        if (ms.isEmpty()) return Double.NaN;
        double[] s = ms.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        double pos = p / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** "171.2 ms (p10 165.0, p90 180.3, n 234)". */
    String summary() {
        if (ms.isEmpty()) return "n/a";
        return String.format(Locale.ROOT, "%s ms (p10 %s, p90 %s, n %d)", fmt(median()), fmt(p10()), fmt(p90()), count());
    }

    /** Three significant figures, at least one decimal. */
    static String fmt(double ms) {
        if (Double.isNaN(ms)) return "n/a";
        if (ms >= 100) return String.format(Locale.ROOT, "%.1f", ms);
        if (ms >= 10) return String.format(Locale.ROOT, "%.2f", ms);
        return String.format(Locale.ROOT, "%.3f", ms);
    }
}
