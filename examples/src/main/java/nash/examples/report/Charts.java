package nash.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The one look shared by every chart: white, light grid, no chart border, legend below. */
final class Charts {

    static { Png.headless(); }

    /** Colour-blind-safe series colours (Okabe–Ito), darkest first. */
    static final Color[] COLORS = {
        new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
        new Color(0x00, 0x00, 0x00), new Color(0xF0, 0xE4, 0x42),
    };
    static final Color INK = new Color(0x33, 0x33, 0x33);

    /** Space around the chart, in pixels. */
    static final int PADDING = 12;
    /** Room the y axis's labels and title take left of the plot area, at the fonts set here. */
    static final int Y_AXIS_ALLOWANCE = 32;

    private Charts() {}

    /** 15 pt bold, or smaller (down to 10 pt) when the title would not fit in {@code room} pixels. */
    static Font titleFont(String title, int room) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            for (int size = 15; size > 10; size--) {
                Font f = new Font(Font.SANS_SERIF, Font.BOLD, size);
                if (g.getFontMetrics(f).stringWidth(title) <= room) return f;
            }
            return new Font(Font.SANS_SERIF, Font.BOLD, 10);
        } finally {
            g.dispose();
        }
    }

    static XYChart newChart(int width, int height, String title, String xTitle, String yTitle) {
        var chart = new XYChart(width, height);
        chart.setTitle(title == null ? "" : title);
        chart.setXAxisTitle(xTitle == null ? "" : xTitle);
        chart.setYAxisTitle(yTitle == null ? "" : yTitle);
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTickMarksColor(new Color(0xBB, 0xBB, 0xBB));
        s.setChartFontColor(INK);
        s.setAxisTickLabelsColor(INK);
        s.setChartTitleVisible(title != null && !title.isEmpty());
        s.setChartTitleBoxVisible(false);
        // XChart centres the title over the plot area, which starts right of the y axis (~30 px of
        // labels and title): the room is what is left on the narrower, right-hand side, twice.
        s.setChartTitleFont(titleFont(title == null ? "" : title, width - 2 * PADDING - 2 * Y_AXIS_ALLOWANCE));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);   // below the plot: never over the data
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setChartPadding(PADDING);
        s.setSeriesColors(COLORS);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        return chart;
    }

    static void checkSize(String caller, int width, int height) {
        if (width < 100 || height < 100 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException(caller + ": need a width and height from 100 to 8000 pixels, got " + width + "×" + height);
        }
    }
}
