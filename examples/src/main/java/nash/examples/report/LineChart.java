package nash.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Curves over training steps on one chart: D and G losses together, or D(x) and D(G(z)).
 *
 * <pre>{@code
 * LineChart.titled("Losses").yLabel("loss")
 *          .add(log.series("loss_d")).add(log.series("loss_g"))
 *          .writePng(dir.resolve("curves/losses.png"));
 * }</pre>
 *
 * Non-finite values are left out (the line joins the points either side) and counted in the
 * legend, so a NaN does not hide the rest of the curve.
 */
public final class LineChart {

    static { Png.headless(); }

    private final String title;
    private String xLabel = "step", yLabel = "";
    private final List<Series> series = new ArrayList<>();
    private int width = 540, height = 340;

    private LineChart(String title) { this.title = title == null ? "" : title; }

    public static LineChart titled(String title) { return new LineChart(title); }

    public LineChart xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    public LineChart yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** @throws IllegalArgumentException if a series of that name is already on the chart */
    public LineChart add(Series s) {
        for (Series t : series) {
            if (t.name().equals(s.name())) throw new IllegalArgumentException("LineChart.add: \"" + title + "\" already has a series \"" + s.name() + "\"");
        }
        series.add(s);
        return this;
    }

    /** Picture size in pixels. Default 540×340: two charts side by side in the report. */
    public LineChart size(int width, int height) {
        Charts.checkSize("LineChart.size", width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** @throws IllegalStateException if no series was added */
    public BufferedImage render() {
        if (series.isEmpty()) throw new IllegalStateException("LineChart.render: \"" + title + "\" has no series");
        XYChart chart = Charts.newChart(width, height, title, xLabel, yLabel);
        var st = chart.getStyler();
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        st.setxAxisTickLabelsFormattingFunction(v -> Fmt.step(Math.round(v)));
        boolean any = false, dropped = false;
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.POSITIVE_INFINITY, anyY = Double.NaN;   // smallest two steps
        for (Series s : series) {
            long[] steps = s.steps();
            double[] values = s.values();
            double[] x = new double[steps.length], y = new double[steps.length];
            int m = 0;
            for (int i = 0; i < steps.length; i++) {
                if (!Double.isFinite(values[i])) continue;
                x[m] = steps[i];
                y[m++] = values[i];
            }
            String name = s.name() + (m < steps.length ? " (" + Fmt.step(steps.length - m) + " not finite)" : "");
            dropped |= m < steps.length;
            // XChart needs at least one point: a series with none is drawn as a single NaN, which it skips.
            XYSeries xs = m > 0 ? chart.addSeries(name, Arrays.copyOf(x, m), Arrays.copyOf(y, m))
                                : chart.addSeries(name, new double[] {0}, new double[] {Double.NaN});
            xs.setMarker(m == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            xs.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            any |= m > 0;
            for (int i = 0; i < m; i++) {
                if (x[i] < x0) { x1 = x0; x0 = x[i]; } else if (x[i] > x0 && x[i] < x1) x1 = x[i];
                anyY = y[i];
            }
        }
        // NOTE: when all steps are equally spaced (the usual log), XChart puts ticks on data points
        // (0, 190, 380, …). One invisible point off that spacing makes it choose round ticks.
        if (Double.isFinite(x1)) {
            XYSeries hidden = chart.addSeries(" ", new double[] {x0 + (x1 - x0) / 3}, new double[] {anyY});
            hidden.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0, 0, 0, 0)).setShowInLegend(false);
        }
        st.setLegendVisible(series.size() > 1 || dropped);   // one plain series: the title names it
        if (!any) {   // an empty plot still needs a range
            st.setYAxisMin(0.0);
            st.setYAxisMax(1.0);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Renders and writes the chart as a PNG (atomically, creating folders). */
    public void writePng(Path file) throws IOException { Png.write(render(), file); }
}
