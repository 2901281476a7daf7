package nash.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import nash.core.Tensor;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Generated 2-D points drawn over the real distribution's modes, for the toy data sets (ring, grid).
 *
 * <pre>{@code
 * ScatterPlot.of(fake)                  // fake: [n,2]
 *            .modes(ring.modes())        // [k,2]: drawn as red ×
 *            .title("step 2,000")
 *            .writePng(dir.resolve("samples/step-002000.png"));
 * }</pre>
 *
 * The axis limits are fixed by the modes (their bounding box, padded, made square), not by the
 * generated points, so plots from different steps line up and a generator that wanders off shows
 * as points leaving the frame. The legend counts the points outside the frame or not finite.
 */
public final class ScatterPlot {

    static { Png.headless(); }

    private static final Color POINT = new Color(0x00, 0x72, 0xB2, 90);
    private static final Color MODE = new Color(0xD5, 0x20, 0x00);

    private final double[] points;   // [n,2]
    private double[] modes;          // [k,2] or null
    private double[] limits;         // xMin, xMax, yMin, yMax or null
    private String title = "";
    private int width = 520, height = 520;

    private ScatterPlot(double[] points) { this.points = points; }

    /**
     * Points as a flat [n,2] array: x₀, y₀, x₁, y₁, … Not modified.
     *
     * @throws IllegalArgumentException for an odd length
     */
    public static ScatterPlot of(double[] points) {
        pairs("ScatterPlot.of", points);
        return new ScatterPlot(points);
    }

    /** Points from a tensor of shape [n,2]. */
    public static ScatterPlot of(Tensor points) {
        int[] s = points.shape();
        if (s.length != 2 || s[1] != 2) throw new IllegalArgumentException("ScatterPlot.of: need a tensor of shape [n,2], got " + Arrays.toString(s));
        return of(points.data());
    }

    /** The real distribution's modes as a flat [k,2] array; they also fix the axis limits. */
    public ScatterPlot modes(double[] modes) {
        pairs("ScatterPlot.modes", modes);
        for (double v : modes) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("ScatterPlot.modes: a mode is not finite: " + Arrays.toString(modes));
        }
        this.modes = modes.length == 0 ? null : modes.clone();
        return this;
    }

    /** Fixed axis limits, instead of those around the modes. */
    public ScatterPlot limits(double xMin, double xMax, double yMin, double yMax) {
        if (!(xMin < xMax && yMin < yMax) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
            throw new IllegalArgumentException("ScatterPlot.limits: need finite xMin < xMax and yMin < yMax, got x " + xMin + ".." + xMax + ", y " + yMin + ".." + yMax);
        }
        this.limits = new double[] {xMin, xMax, yMin, yMax};
        return this;
    }

    public ScatterPlot title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Picture size in pixels. Default 520×520. */
    public ScatterPlot size(int width, int height) {
        Charts.checkSize("ScatterPlot.size", width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * The axis limits {xMin, xMax, yMin, yMax} that fit these points: their bounding box, made
     * square about its centre and padded by a quarter of its side on each edge (at least 1 unit).
     * Non-finite values are ignored.
     *
     * @throws IllegalArgumentException if no point is finite
     */
    public static double[] limitsAround(double[] xy) {
        pairs("ScatterPlot.limitsAround", xy);
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        for (int i = 0; i < xy.length; i += 2) {
            if (!Double.isFinite(xy[i]) || !Double.isFinite(xy[i + 1])) continue;
            x0 = Math.min(x0, xy[i]);
            x1 = Math.max(x1, xy[i]);
            y0 = Math.min(y0, xy[i + 1]);
            y1 = Math.max(y1, xy[i + 1]);
        }
        if (x0 > x1) throw new IllegalArgumentException("ScatterPlot.limitsAround: no finite point among " + xy.length / 2);
        double side = Math.max(x1 - x0, y1 - y0), half = side / 2 + Math.max(side / 4, 1);
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        return new double[] {cx - half, cx + half, cy - half, cy + half};
    }

    public BufferedImage render() {
        double[] lim = limits != null ? limits : modes != null ? limitsAround(modes) : limitsAround(points);
        int n = points.length / 2, inside = 0;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            double x = points[2 * i], y = points[2 * i + 1];
            if (x >= lim[0] && x <= lim[1] && y >= lim[2] && y <= lim[3]) {   // false for NaN
                xs[inside] = x;
                ys[inside++] = y;
            }
        }
        XYChart chart = Charts.newChart(width, height, title, "x", "y");
        var s = chart.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setXAxisMin(lim[0]);
        s.setXAxisMax(lim[1]);
        s.setYAxisMin(lim[2]);
        s.setYAxisMax(lim[3]);
        s.setMarkerSize(5);
        s.setXAxisDecimalPattern("0.#");
        s.setYAxisDecimalPattern("0.#");

        String label = "generated (" + Fmt.step(n) + (inside < n ? ", " + Fmt.step(n - inside) + " outside" : "") + ")";
        // XChart needs at least one point per series: an empty series gets one off-screen point.
        XYSeries gen = inside > 0
            ? chart.addSeries(label, Arrays.copyOf(xs, inside), Arrays.copyOf(ys, inside))
            : chart.addSeries(label, new double[] {lim[1] + 1}, new double[] {lim[3] + 1});
        gen.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(POINT);
        if (modes != null) {
            int k = modes.length / 2;
            double[] mx = new double[k], my = new double[k];
            for (int i = 0; i < k; i++) {
                mx[i] = modes[2 * i];
                my[i] = modes[2 * i + 1];
            }
            XYSeries m = chart.addSeries("real modes (" + k + ")", mx, my);
            m.setMarker(new ModeMarker()).setMarkerColor(MODE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Renders and writes the plot as a PNG (atomically, creating folders). */
    public void writePng(Path file) throws IOException { Png.write(render(), file); }

    /** A bold × twice the size of the points, so a mode stays visible under a cloud of samples. */
    private static final class ModeMarker extends Marker {
        @Override public void paint(Graphics2D g, double x, double y, int markerSize) {
            double r = markerSize * 1.2;
            g.setStroke(new BasicStroke(2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(x - r, y - r, x + r, y + r));
            g.draw(new Line2D.Double(x - r, y + r, x + r, y - r));
        }
    }

    static void pairs(String caller, double[] xy) {
        if (xy == null) throw new IllegalArgumentException(caller + ": points are null");
        if (xy.length % 2 != 0) throw new IllegalArgumentException(caller + ": need x,y pairs (shape [n,2]), got " + xy.length + " values");
    }
}
