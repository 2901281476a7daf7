package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    static Series wave(String name, int n, double phase) {
        long[] s = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 10L * i;
            v[i] = Math.sin(i / 10.0 + phase);
        }
        return new Series(name, s, v);
    }

    @Test void drawsEachSeriesInItsColour(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("curves/losses.png");
        LineChart.titled("Losses").yLabel("loss").add(wave("loss_d", 200, 0)).add(wave("loss_g", 200, 1)).size(600, 360).writePng(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(600, img.getWidth());
        assertEquals(360, img.getHeight());
        assertTrue(ScatterPlotTest.hasColor(img, 0x00, 0x72, 0xB2, 30), "first series: blue");
        assertTrue(ScatterPlotTest.hasColor(img, 0xD5, 0x5E, 0x00, 30), "second series: orange");
    }

    @Test void nonFiniteValuesAreLeftOutNotFatal() {
        double[] v = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 2};
        var s = new Series("loss_d", new long[] {0, 1, 2, 3, 4}, v);
        assertEquals(540, LineChart.titled("x").add(s).render().getWidth());
        var allNaN = new Series("loss_g", new long[] {0, 1}, new double[] {Double.NaN, Double.NaN});
        assertEquals(340, LineChart.titled("diverged").add(allNaN).render().getHeight());
        var one = new Series("FID", new long[] {500}, new double[] {42});
        assertEquals(340, LineChart.titled("FID").add(one).render().getHeight());
    }

    @Test void badInputNamesTheFunctionAndTheValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Series("loss_d", new long[3], new double[2]));
        assertTrue(e.getMessage().contains("\"loss_d\": 3 steps but 2 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Series(" ", new long[0], new double[0]));
        var chart = LineChart.titled("Losses").add(wave("a", 3, 0));
        e = assertThrows(IllegalArgumentException.class, () -> chart.add(wave("a", 3, 0)));
        assertTrue(e.getMessage().contains("already has a series \"a\""), e.getMessage());
        var empty = assertThrows(IllegalStateException.class, () -> LineChart.titled("Empty").render());
        assertTrue(empty.getMessage().contains("\"Empty\" has no series"), empty.getMessage());
    }

    @Test void seriesIsAValue() {
        var a = new Series("x", new long[] {1, 2}, new double[] {3, 4});
        assertEquals(a, new Series("x", new long[] {1, 2}, new double[] {3, 4}));
        assertEquals(4, a.last());
        a.values()[0] = 99;   // a copy
        assertEquals(3, a.values()[0]);
        assertTrue(Double.isNaN(new Series("y", new long[] {1}, new double[] {Double.NaN}).last()));
    }
}
