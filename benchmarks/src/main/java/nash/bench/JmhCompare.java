package nash.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two JMH result files ({@code -rf json}): for each benchmark (with its parameters) in
 * both, the baseline and change scores with their 99.9% error, the ratio change/baseline, and the
 * verdict: {@code faster} or {@code slower} when the confidence intervals do not overlap,
 * otherwise {@code ~} (within the error bars). Higher is better for throughput, lower for times.
 *
 * <p>Usage: {@code java -cp benchmarks.jar nash.bench.JmhCompare baseline.json change.json}.
 */
public final class JmhCompare {

    private JmhCompare() {}

    /** One benchmark's primary score. */
    record Score(String key, String mode, double score, double error, double lo, double hi, String unit) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: JmhCompare baseline.json change.json");
            System.exit(2);
        }
        Map<String, Score> base = read(Path.of(args[0])), change = read(Path.of(args[1]));
        System.out.printf(Locale.ROOT, "%-60s %24s %24s %8s  %s%n", "benchmark", "baseline", "change", "ratio", "verdict");
        int faster = 0, slower = 0, same = 0;
        for (Score b : base.values()) {
            Score c = change.get(b.key());
            if (c == null) continue;
            boolean higherIsBetter = b.mode().equals("thrpt");
            String verdict;
            if (c.lo() > b.hi()) verdict = higherIsBetter ? "faster" : "slower";
            else if (c.hi() < b.lo()) verdict = higherIsBetter ? "slower" : "faster";
            else verdict = "~";
            if (verdict.equals("faster")) faster++; else if (verdict.equals("slower")) slower++; else same++;
            System.out.printf(Locale.ROOT, "%-60s %24s %24s %8.3f  %s%n", b.key(), fmt(b), fmt(c), c.score() / b.score(), verdict);
        }
        for (String k : change.keySet()) if (!base.containsKey(k)) System.out.printf("%-60s only in change%n", k);
        for (String k : base.keySet()) if (!change.containsKey(k)) System.out.printf("%-60s only in baseline%n", k);
        System.out.printf("%d faster, %d slower, %d within the error bars (ratio = change/baseline score)%n", faster, slower, same);
    }

    private static String fmt(Score s) {
        return String.format(Locale.ROOT, "%.4g ± %.2g %s", s.score(), s.error(), s.unit());
    }

    /** The primary scores of a JMH JSON result file, keyed by benchmark name and parameters. */
    @SuppressWarnings("unchecked")
    static Map<String, Score> read(Path file) throws IOException {
        Object root = new Json(Files.readString(file)).value();
        Map<String, Score> out = new LinkedHashMap<>();
        for (Object o : (List<Object>) root) {
            Map<String, Object> run = (Map<String, Object>) o;
            String name = (String) run.get("benchmark");
            name = name.startsWith("nash.bench.") ? name.substring("nash.bench.".length()) : name;
            StringBuilder key = new StringBuilder(name);
            Object params = run.get("params");
            if (params instanceof Map) {
                ((Map<String, Object>) params).forEach((k, v) -> key.append(' ').append(k).append('=').append(v));
            }
            Map<String, Object> pm = (Map<String, Object>) run.get("primaryMetric");
            double score = num(pm.get("score")), error = num(pm.get("scoreError"));
            List<Object> ci = (List<Object>) pm.get("scoreConfidence");
            double lo = ci != null ? num(ci.get(0)) : score - error, hi = ci != null ? num(ci.get(1)) : score + error;
            if (Double.isNaN(error)) { lo = score; hi = score; }
            out.put(key.toString(), new Score(key.toString(), (String) run.get("mode"), score, error, lo, hi, (String) pm.get("scoreUnit")));
        }
        return out;
    }

    private static double num(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s) return s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
        return Double.NaN;
    }

    /** A minimal JSON reader: objects → LinkedHashMap, arrays → ArrayList, numbers → Double. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        Object value() {
            skip();
            char ch = s.charAt(i);
            if (ch == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    skip();
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (ch == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (ch == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw new IllegalArgumentException("JSON: unexpected '" + ch + "' at " + i);
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char ch = s.charAt(i++);
                if (ch == '"') return b.toString();
                if (ch == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: b.append(e);
                    }
                } else {
                    b.append(ch);
                }
            }
        }

        private void expect(char ch) {
            if (s.charAt(i) != ch) throw new IllegalArgumentException("JSON: expected '" + ch + "' at " + i);
            i++;
        }

        private void skip() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    }
}
