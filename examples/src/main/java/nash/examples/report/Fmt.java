package nash.examples.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Numbers and durations as a person reads them (not for files that are read back: those keep full precision). */
final class Fmt {

    private Fmt() {}

    /** 4 significant digits, no trailing zeros; integers as integers; scientific when very small or large. */
    static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) return String.format(Locale.ROOT, "%.3e", v).replaceFirst("\\.?0+e", "e");
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Any number: integers exactly, others by {@link #num(double)}. */
    static String num(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) return n.toString();
        return num(n.doubleValue());
    }

    /** A step count with thousands separators: 12,000. */
    static String step(long step) { return String.format(Locale.ROOT, "%,d", step); }

    /** "1h02m03s", "2m05s", "7s". */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
        if (s >= 60) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return s + "s";
    }

    /** "loss_d 1.386  loss_g 0.6931": stats in their map's order. */
    static String stats(Map<String, ? extends Number> stats) {
        var sb = new StringBuilder();
        for (var e : stats.entrySet()) {
            if (sb.length() > 0) sb.append("  ");
            sb.append(e.getKey()).append(' ').append(e.getValue() == null ? "–" : num(e.getValue()));
        }
        return sb.toString();
    }
}
