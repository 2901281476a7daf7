package nash.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything a training run leaves in its folder, in one place:
 *
 * <pre>
 * run/
 *   report.html          the page to open: configuration, samples over time, curves, final metrics
 *   metrics.csv          every logged statistic, one row per step
 *   metrics.json         the same, plus the final metrics
 *   samples/step-001000.png   …   sample grids (or 2-D scatter plots), one per snapshot
 *   samples.csv          the last generated 2-D points, when the data is 2-D
 *   curves/*.png         the charts shown in the report
 * </pre>
 *
 * <pre>{@code
 * var run = new RunReport(dir, "DCGAN on Fashion-MNIST").config(options);
 * for (...) {
 *     run.log(step, stats);                                  // loss_d, loss_g, D(x), D(G(z)), …
 *     if (step % 500 == 0) run.samples(step, ImageGrid.of(fake).grid(8, 8).scale(2));
 * }
 * run.write(Map.of("FID", fid));                             // files above; safe to call again later
 * }</pre>
 *
 * <p>Curves: {@value #LOSS_D} with {@value #LOSS_G} on one chart, {@value #D_REAL} with
 * {@value #D_FAKE} on another, and every other column on a chart of its own, unless
 * {@link #chart} groups them otherwise.
 */
public final class RunReport {

    /** Conventional statistic names, grouped on the default charts. */
    public static final String LOSS_D = "loss_d", LOSS_G = "loss_g", D_REAL = "D(x)", D_FAKE = "D(G(z))";

    private record Group(String title, String yLabel, List<String> columns) {}

    private final Path dir;
    private final String title;
    private String subtitle = "";
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final MetricsLog metrics = new MetricsLog();
    private final Map<Long, Path> samples = new java.util.TreeMap<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<String[]> figures = new ArrayList<>();   // section, caption, file

    /** A report for a run whose files go into {@code dir} (made when first written). */
    public RunReport(Path dir, String title) {
        if (dir == null) throw new IllegalArgumentException("RunReport: the run folder is null");
        this.dir = dir;
        this.title = title;
        new HtmlReport(title);   // checks the title now rather than at the end of the run
    }

    public Path dir() { return dir; }

    /** The statistics logged so far. */
    public MetricsLog metrics() { return metrics; }

    /** A line under the report's title, e.g. the command that started the run. */
    public synchronized RunReport subtitle(String text) {
        this.subtitle = text == null ? "" : text;
        return this;
    }

    /** Configuration entries for the report, in the map's order. */
    public synchronized RunReport config(Map<String, ?> entries) {
        config.putAll(entries);
        return this;
    }

    public synchronized RunReport config(String key, Object value) {
        config.put(key, value);
        return this;
    }

    /** Logs statistics at a step; see {@link MetricsLog#log(long, Map)}. */
    public void log(long step, Map<String, ? extends Number> stats) { metrics.log(step, stats); }

    /** Logs one value at a step, e.g. a metric computed every few hundred steps. */
    public void log(long step, String name, double value) { metrics.log(step, name, value); }

    /**
     * Puts named columns on one chart, in this order. A column named in any chart is not drawn on
     * the default ones. Columns never logged are left out when drawing.
     */
    public synchronized RunReport chart(String title, String yLabel, String... columns) {
        if (columns.length == 0) throw new IllegalArgumentException("RunReport.chart(\"" + title + "\"): name at least one column");
        groups.add(new Group(title, yLabel, List.of(columns)));
        return this;
    }

    /**
     * Deletes what a report writes into {@code dir} — samples/ and curves/ pictures, metrics.csv/.json, samples.csv,
     * report.html — so a new run there does not {@link #reload} an old one's; nothing else in the folder.
     */
    public static void clear(Path dir) throws IOException {
        for (String sub : new String[] {"samples", "curves"}) {
            Path p = dir.resolve(sub);
            if (!Files.isDirectory(p)) continue;
            try (var files = Files.list(p)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            }
        }
        for (String f : new String[] {"metrics.csv", "metrics.json", "samples.csv", "report.html"}) Files.deleteIfExists(dir.resolve(f));
    }

    /**
     * Picks up what an earlier run left in the folder — metrics.csv and samples/step-*.png — so a
     * resumed run's report continues its curves and sample history.
     */
    public synchronized RunReport reload() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        if (Files.isRegularFile(csv)) metrics.readCsv(csv);
        Path sampleDir = dir.resolve("samples");
        if (Files.isDirectory(sampleDir)) {
            try (var files = Files.list(sampleDir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    var m = java.util.regex.Pattern.compile("step-(\\d+)\\.png").matcher(f.getFileName().toString());
                    if (m.matches()) samples.put(Long.parseLong(m.group(1)), f);
                }
            }
        }
        return this;
    }

    /** Writes samples/step-NNNNNN.png and shows it in the report under its step. Returns the file. */
    public Path samples(long step, ImageGrid grid) throws IOException { return samples(step, grid.render()); }

    /** Writes a 2-D scatter plot as the samples at a step; see {@link #samples(long, ImageGrid)}. */
    public Path samples(long step, ScatterPlot plot) throws IOException { return samples(step, plot.render()); }

    /** Writes any picture as the samples at a step. */
    public Path samples(long step, BufferedImage image) throws IOException {
        if (step < 0) throw new IllegalArgumentException("RunReport.samples: step must be ≥ 0, got " + step);
        Path file = dir.resolve("samples").resolve(String.format(Locale.ROOT, "step-%06d.png", step));
        Png.write(image, file);
        synchronized (this) {
            samples.put(step, file);
        }
        return file;
    }

    /** Writes a picture to {@code fileName} in the run folder and shows it in a section of the report. */
    public Path figure(String section, String caption, String fileName, BufferedImage image) throws IOException {
        Path file = dir.resolve(fileName).normalize();
        if (!file.startsWith(dir.normalize())) throw new IllegalArgumentException("RunReport.figure: \"" + fileName + "\" is outside the run folder " + dir);
        Png.write(image, file);
        synchronized (this) {
            figures.removeIf(f -> f[2].equals(file.toString()));
            figures.add(new String[] {section, caption, file.toString()});
        }
        return file;
    }

    /** Writes samples.csv: the generated 2-D points, flat [n,2]. */
    public Path samplesCsv(double[] points) throws IOException {
        Path file = dir.resolve("samples.csv");
        SamplesCsv.write(file, points);
        return file;
    }

    /**
     * Writes metrics.csv, metrics.json, the curves and report.html. Call it at the end, or at any
     * time to refresh them; final metrics may be null or empty until there are some.
     *
     * @return the report.html file
     */
    public synchronized Path write(Map<String, ? extends Number> finalMetrics) throws IOException {
        Map<String, ? extends Number> finals = finalMetrics == null ? Map.of() : finalMetrics;
        metrics.writeCsv(dir.resolve("metrics.csv"));
        metrics.writeJson(dir.resolve("metrics.json"), finals);

        var html = new HtmlReport(title).subtitle(subtitle).config(config).finalMetrics(finals);
        for (var e : samples.entrySet()) html.sample(e.getKey(), Files.readAllBytes(e.getValue()));
        Set<String> names = new java.util.HashSet<>();
        for (Group g : chartGroups()) {
            String name = fileName(g.title);
            for (int i = 2; !names.add(name); i++) name = fileName(g.title) + "-" + i;
            var chart = LineChart.titled(g.title).yLabel(g.yLabel);
            for (String c : g.columns) chart.add(metrics.series(c));
            BufferedImage img = chart.render();
            Png.write(img, dir.resolve("curves").resolve(name + ".png"));
            html.chart(g.title, Png.encode(img));
        }
        for (String[] f : figures) html.figure(f[0], f[1], Files.readAllBytes(Path.of(f[2])));
        Path page = dir.resolve("report.html");
        html.write(page);
        return page;
    }

    /** The user's groups, then the defaults, then one chart per remaining column; only logged columns. */
    private List<Group> chartGroups() {
        Set<String> logged = new LinkedHashSet<>(metrics.columns()), used = new LinkedHashSet<>();
        var out = new ArrayList<Group>();
        var all = new ArrayList<>(groups);
        all.add(new Group("Losses", "loss", List.of(LOSS_D, LOSS_G)));
        all.add(new Group("Discriminator outputs", "mean D output", List.of(D_REAL, D_FAKE)));
        for (Group g : all) {
            List<String> cols = g.columns.stream().filter(logged::contains).filter(c -> !used.contains(c)).toList();
            if (cols.isEmpty()) continue;
            used.addAll(cols);
            out.add(new Group(g.title, g.yLabel, cols));
        }
        for (String c : logged) if (!used.contains(c)) out.add(new Group(c, c, List.of(c)));
        return out;
    }

    private static String fileName(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "chart" : s;
    }
}
