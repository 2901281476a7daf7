package nash.examples.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nash.nn.io.AtomicFile;

/**
 * report.html: one self-contained page about a training run. Images are inlined as base64
 * {@code data:} URIs and the style sheet is in the page, so the file can be mailed or opened
 * anywhere, offline. No scripts.
 *
 * <pre>{@code
 * new HtmlReport("GAN on the 8-Gaussian ring")
 *     .config(Map.of("loss", "non-saturating", "steps", 5000))
 *     .sample(1000, Png.encode(grid.render()))
 *     .chart("Losses", Png.encode(lossChart.render()))
 *     .finalMetrics(Map.of("modes covered", 8))
 *     .write(dir.resolve("report.html"));
 * }</pre>
 *
 * The page reads top to bottom: title; configuration beside final metrics; the samples in step
 * order, each captioned with its step; the training curves; then any other sections, in the order
 * they were first used. All text is escaped. The markup is also well-formed XML.
 */
public final class HtmlReport {

    /** Section titles used by {@link #sample} and {@link #chart}. */
    public static final String SAMPLES = "Samples during training", CURVES = "Training curves";

    private record Figure(String caption, byte[] png, int width, int height, long step) {}

    private final String title;
    private String subtitle = "";
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, Number> finals = new LinkedHashMap<>();
    private final Map<String, List<Figure>> sections = new LinkedHashMap<>();

    public HtmlReport(String title) {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("HtmlReport: need a title, got " + (title == null ? "null" : "\"" + title + "\""));
        this.title = title;
        sections.put(SAMPLES, new ArrayList<>());
        sections.put(CURVES, new ArrayList<>());
    }

    /** A line under the title, e.g. the command that made the run. */
    public HtmlReport subtitle(String text) {
        this.subtitle = text == null ? "" : text;
        return this;
    }

    /** One configuration entry; arrays print their elements; a repeated key replaces its value. */
    public HtmlReport config(String key, Object value) {
        config.put(requireText("config", key), show(value));
        return this;
    }

    /** Configuration entries, in the map's order. */
    public HtmlReport config(Map<String, ?> entries) {
        entries.forEach(this::config);
        return this;
    }

    /** One final metric, shown with 4 significant digits. */
    public HtmlReport finalMetric(String name, Number value) {
        finals.put(requireText("finalMetric", name), value);
        return this;
    }

    /** Final metrics, in the map's order. */
    public HtmlReport finalMetrics(Map<String, ? extends Number> metrics) {
        metrics.forEach(this::finalMetric);
        return this;
    }

    /**
     * A picture of the generator's samples at a step (an {@link ImageGrid} or a {@link ScatterPlot}).
     * Samples are shown in step order.
     *
     * @throws IllegalArgumentException if the bytes are not a PNG
     */
    public HtmlReport sample(long step, byte[] png) {
        return add(SAMPLES, "step " + Fmt.step(step), png, step);
    }

    public HtmlReport sample(long step, BufferedImage image) { return sample(step, Png.encode(image)); }

    /** A chart in the training-curves section. Charts carry their own title, so the caption is only the image's alt text. */
    public HtmlReport chart(String caption, byte[] png) { return add(CURVES, caption, png, -1); }

    public HtmlReport chart(String caption, BufferedImage image) { return chart(caption, Png.encode(image)); }

    /** A picture in a section of its own choosing (made on first use), e.g. "Interpolation". */
    public HtmlReport figure(String section, String caption, byte[] png) {
        return add(requireText("figure", section), caption, png, -1);
    }

    public HtmlReport figure(String section, String caption, BufferedImage image) { return figure(section, caption, Png.encode(image)); }

    private HtmlReport add(String section, String caption, byte[] png, long step) {
        int[] size = Png.size(png, "HtmlReport (" + section + ": " + caption + ")");
        sections.computeIfAbsent(section, s -> new ArrayList<>()).add(new Figure(caption == null ? "" : caption, png.clone(), size[0], size[1], step));
        return this;
    }

    /** The page. */
    public String toHtml() {
        var h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
         .append("<title>").append(esc(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<header>\n<h1>").append(esc(title)).append("</h1>\n");
        if (!subtitle.isEmpty()) h.append("<p class=\"sub\">").append(esc(subtitle)).append("</p>\n");
        h.append("</header>\n");

        if (!config.isEmpty() || !finals.isEmpty()) {
            h.append("<div class=\"tables\">\n");
            if (!config.isEmpty()) {
                h.append("<section id=\"configuration\">\n<h2>Configuration</h2>\n<table>\n");
                config.forEach((k, v) -> h.append("<tr><th scope=\"row\">").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n"));
                h.append("</table>\n</section>\n");
            }
            if (!finals.isEmpty()) {
                h.append("<section id=\"final-metrics\">\n<h2>Final metrics</h2>\n<table>\n");
                finals.forEach((k, v) -> h.append("<tr><th scope=\"row\">").append(esc(k)).append("</th><td class=\"num\">")
                                          .append(esc(v == null ? "–" : Fmt.num(v))).append("</td></tr>\n"));
                h.append("</table>\n</section>\n");
            }
            h.append("</div>\n");
        }

        sections.forEach((name, figures) -> {
            if (figures.isEmpty()) return;
            List<Figure> ordered = new ArrayList<>(figures);
            if (name.equals(SAMPLES)) ordered.sort((a, b) -> Long.compare(a.step, b.step));
            h.append("<section id=\"").append(esc(slug(name))).append("\">\n<h2>").append(esc(name)).append("</h2>\n<div class=\"figures\">\n");
            for (Figure f : ordered) {
                h.append("<figure><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png))
                 .append("\" width=\"").append(f.width).append("\" height=\"").append(f.height)
                 .append("\" alt=\"").append(esc(f.caption.isEmpty() ? name : f.caption)).append("\"/>");
                if (!f.caption.isEmpty() && !name.equals(CURVES)) h.append("<figcaption>").append(esc(f.caption)).append("</figcaption>");
                h.append("</figure>\n");
            }
            h.append("</div>\n</section>\n");
        });

        h.append("<footer>Made with Nash on ")
         .append(esc(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))))
         .append(".</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Writes the page (atomically, creating folders). */
    public void write(Path file) throws IOException { AtomicFile.write(file, toHtml().getBytes(StandardCharsets.UTF_8)); }

    /** Text safe inside an element or a quoted attribute. */
    static String esc(String s) {
        var sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters are not allowed in HTML (nor XML) text: show them as U+FFFD.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') sb.append('\uFFFD');
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    private static String slug(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return t.isEmpty() ? "section" : t;
    }

    private static String show(Object v) {
        if (v == null) return "–";
        if (v.getClass().isArray()) {
            var parts = new ArrayList<String>();
            for (int i = 0; i < Array.getLength(v); i++) parts.add(show(Array.get(v, i)));
            return "[" + String.join(", ", parts) + "]";
        }
        if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            double d = ((Number) v).doubleValue(), a = Math.abs(d);
            // 2.0E-4 reads better as 0.0002; the digits are the shortest that give back the same value.
            if (a >= 1e-6 && a < 1e15) return new java.math.BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    private static String requireText(String method, String s) {
        if (s == null || s.isBlank()) throw new IllegalArgumentException("HtmlReport." + method + ": need a non-blank name, got " + (s == null ? "null" : "\"" + s + "\""));
        return s;
    }

    // No '<', '>' or '&' in here: the page stays well-formed XML.
    private static final String CSS = """

        :root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --panel: #f6f8fa; color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
        header { border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .3rem; }
        h2 { font-size: 1.1rem; margin: 2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
        .sub { color: var(--muted); margin: 0; overflow-wrap: anywhere; }
        .tables { display: flex; flex-wrap: wrap; gap: 0 2.5rem; }
        .tables section { flex: 1 1 340px; min-width: 0; }
        table { border-collapse: collapse; width: 100%; font-size: .92rem; }
        th, td { text-align: left; padding: .4rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; width: 45%; }
        td { overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88rem; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr:nth-child(even) { background: var(--panel); }
        .figures { display: flex; flex-wrap: wrap; gap: 1.25rem; align-items: flex-start; }
        figure { margin: 0; padding: .5rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; max-width: 100%; }
        figure img { display: block; max-width: 100%; height: auto; }
        figcaption { margin-top: .4rem; text-align: center; font-size: .85rem; color: var(--muted); }
        footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
        """;
}
