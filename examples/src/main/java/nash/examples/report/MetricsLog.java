package nash.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nash.nn.io.AtomicFile;

/**
 * Every statistic logged during a run, as a table: one row per step, one column per name, in the
 * order names first appear. Logging the same step twice fills in the same row (losses from the
 * training step, a metric from an evaluation); a cell never logged stays empty.
 *
 * <pre>{@code
 * log.log(step, Map.of("loss_d", dLoss, "loss_g", gLoss));
 * log.writeCsv(dir.resolve("metrics.csv"));
 * log.writeJson(dir.resolve("metrics.json"), Map.of("modes_covered", 8));
 * }</pre>
 *
 * <p>metrics.csv: a header {@code step,<name>,…}, then one line per step; values at full double
 * precision, empty when not logged, {@code NaN}/{@code Infinity} as Java spells them.
 * <p>metrics.json: {@code {"steps": [..], "series": {"<name>": [..], …}, "final": {"<name>": v, …}}},
 * each series as long as steps, null where not logged or not finite (JSON has no NaN).
 *
 * <p>Safe to log from one thread while another writes the files.
 */
public final class MetricsLog {

    private final TreeMap<Long, Map<String, Double>> rows = new TreeMap<>();
    private final LinkedHashSet<String> columns = new LinkedHashSet<>();

    /**
     * Records stats at a step (a null value is skipped).
     *
     * @throws IllegalArgumentException for a negative step or a blank name or the name "step"
     */
    public synchronized void log(long step, Map<String, ? extends Number> stats) {
        if (step < 0) throw new IllegalArgumentException("MetricsLog.log: step must be ≥ 0, got " + step);
        for (String name : stats.keySet()) checkName(name);
        Map<String, Double> row = rows.computeIfAbsent(step, s -> new LinkedHashMap<>());
        for (var e : stats.entrySet()) {
            if (e.getValue() == null) continue;
            columns.add(e.getKey());
            row.put(e.getKey(), e.getValue().doubleValue());
        }
    }

    /** Records one value at a step. */
    public void log(long step, String name, double value) { log(step, Map.of(checkName(name), value)); }

    /** Column names in the order they first appeared. */
    public synchronized List<String> columns() { return List.copyOf(columns); }

    /** The logged steps, ascending. */
    public synchronized long[] steps() { return rows.keySet().stream().mapToLong(Long::longValue).toArray(); }

    public synchronized boolean isEmpty() { return rows.isEmpty(); }

    /**
     * One column as a curve: the steps where it was logged, and its values there.
     *
     * @throws IllegalArgumentException if nothing of that name was logged
     */
    public synchronized Series series(String name) {
        if (!columns.contains(name)) throw new IllegalArgumentException("MetricsLog.series: no column \"" + name + "\"; logged: " + columns);
        var steps = new ArrayList<Long>();
        var values = new ArrayList<Double>();
        rows.forEach((step, row) -> {
            Double v = row.get(name);
            if (v != null) {
                steps.add(step);
                values.add(v);
            }
        });
        return new Series(name, steps.stream().mapToLong(Long::longValue).toArray(), values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The last value logged for a column, or null if none. */
    public synchronized Double last(String name) {
        for (var row : rows.descendingMap().values()) {
            Double v = row.get(name);
            if (v != null) return v;
        }
        return null;
    }

    /** The metrics.csv text. */
    /**
     * Adds the rows of a metrics.csv written by {@link #writeCsv} (as a resumed run does), so the
     * log continues where it stopped. Values read back to the same doubles.
     *
     * @throws IOException if the file is not such a CSV, naming the line
     */
    public synchronized void readCsv(Path file) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("step")) throw new IOException(file + ": not a metrics CSV (no 'step' header)");
        List<String> header = parseCsvLine(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) continue;
            List<String> f = parseCsvLine(lines.get(i));
            if (f.size() != header.size()) throw new IOException(file + ": line " + (i + 1) + " has " + f.size() + " fields, the header " + header.size());
            try {
                long step = Long.parseLong(f.get(0));
                Map<String, Double> row = new java.util.LinkedHashMap<>();
                for (int c = 1; c < f.size(); c++) if (!f.get(c).isEmpty()) row.put(header.get(c), Double.parseDouble(f.get(c)));
                log(step, row);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + (i + 1) + " holds a value that is not a number: " + e.getMessage(), e);
            }
        }
    }

    /** Fields of one CSV line as {@code csvField} writes them (quotes doubled inside quoted fields). */
    private static List<String> parseCsvLine(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cur.append(ch);
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    public synchronized String toCsv() {
        var sb = new StringBuilder("step");
        for (String c : columns) sb.append(',').append(csvField(c));
        sb.append('\n');
        rows.forEach((step, row) -> {
            sb.append(step);
            for (String c : columns) {
                sb.append(',');
                Double v = row.get(c);
                if (v != null) sb.append(v.doubleValue());
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    /** The metrics.json text, with final metrics (none when null or empty). */
    public synchronized String toJson(Map<String, ? extends Number> finalMetrics) {
        var sb = new StringBuilder("{\n  \"steps\": [");
        String sep = "";
        for (long s : rows.keySet()) {
            sb.append(sep).append(s);
            sep = ", ";
        }
        sb.append("],\n  \"series\": {");
        sep = "\n";
        for (String c : columns) {
            sb.append(sep).append("    ").append(Json.str(c)).append(": [");
            String vs = "";
            for (var row : rows.values()) {
                Double v = row.get(c);
                sb.append(vs).append(v == null ? "null" : Json.num(v.doubleValue()));
                vs = ", ";
            }
            sb.append(']');
            sep = ",\n";
        }
        sb.append(columns.isEmpty() ? "" : "\n  ").append("},\n  \"final\": {");
        sep = "\n";
        if (finalMetrics != null) {
            for (var e : finalMetrics.entrySet()) {
                sb.append(sep).append("    ").append(Json.str(checkName(e.getKey()))).append(": ").append(Json.num(e.getValue()));
                sep = ",\n";
            }
        }
        sb.append(finalMetrics == null || finalMetrics.isEmpty() ? "" : "\n  ").append("}\n}\n");
        return sb.toString();
    }

    /** Writes metrics.csv (atomically, creating folders). */
    public void writeCsv(Path file) throws IOException { AtomicFile.write(file, toCsv().getBytes(StandardCharsets.UTF_8)); }

    /** Writes metrics.json with final metrics (atomically, creating folders). */
    public void writeJson(Path file, Map<String, ? extends Number> finalMetrics) throws IOException {
        AtomicFile.write(file, toJson(finalMetrics).getBytes(StandardCharsets.UTF_8));
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.equals("step")) {
            throw new IllegalArgumentException("MetricsLog: a statistic needs a non-blank name other than \"step\", got " + (name == null ? "null" : "\"" + name + "\""));
        }
        return name;
    }

    /** RFC 4180: quote a field holding a comma, quote or line break. */
    static String csvField(String s) {
        if (s.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override public synchronized String toString() {
        return "MetricsLog[" + rows.size() + " steps, columns " + columns + (rows.isEmpty() ? "" : ", last step " + rows.lastKey()) + "]";
    }

    /** For tests: the row at a step as a copy, or an empty map. */
    synchronized Map<String, Double> row(long step) { return new LinkedHashMap<>(rows.getOrDefault(step, Map.of())); }
}
