package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {

    static final double[] SQUARE = {-1, -1, 1, -1, 1, 1, -1, 1};

    @Test void limitsAroundTheModesAreSquareAndPadded() {
        // box x∈[−1,1], y∈[−0.5,0.5]: side 2, pad max(2/4, 1) = 1 → half-width 2 about (0,0)
        assertArrayEquals(new double[] {-2, 2, -2, 2}, ScatterPlot.limitsAround(new double[] {-1, -0.5, 1, 0.5}), 1e-12);
        // a 5×5 grid at −4..4: side 8, pad 2 → ±6
        assertArrayEquals(new double[] {-6, 6, -6, 6}, ScatterPlot.limitsAround(new double[] {-4, -4, 4, 4}), 1e-12);
        // non-finite points are ignored
        assertArrayEquals(new double[] {-2, 2, -2, 2}, ScatterPlot.limitsAround(new double[] {-1, -1, Double.NaN, 0, 1, 1}), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> ScatterPlot.limitsAround(new double[] {Double.NaN, 0}));
        assertTrue(e.getMessage().contains("no finite point"), e.getMessage());
    }

    /** Whether the picture has a pixel close to this colour. */
    static boolean hasColor(BufferedImage img, int r, int g, int b, int tol) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs((p >> 16 & 0xff) - r) <= tol && Math.abs((p >> 8 & 0xff) - g) <= tol && Math.abs((p & 0xff) - b) <= tol) return true;
            }
        }
        return false;
    }

    @Test void drawsPointsAndModes(@TempDir Path dir) throws Exception {
        double[] pts = new double[400];
        var rng = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            int k = rng.nextInt(4);
            pts[2 * i] = SQUARE[2 * k] + 0.05 * rng.nextGaussian();
            pts[2 * i + 1] = SQUARE[2 * k + 1] + 0.05 * rng.nextGaussian();
        }
        pts[0] = 100;               // far outside the frame
        pts[3] = Double.NaN;
        Path file = dir.resolve("scatter.png");
        ScatterPlot.of(pts).modes(SQUARE).title("step 1,000").size(400, 300).writePng(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        assertTrue(hasColor(img, 0xD5, 0x20, 0x00, 40), "red mode markers");
        assertTrue(hasColor(img, 0x00, 0x72, 0xB2, 60), "blue points");
    }

    @Test void anEmptyOrAllOutsideSetOfPointsStillDraws() {
        assertEquals(200, ScatterPlot.of(new double[0]).modes(SQUARE).size(200, 200).render().getWidth());
        assertEquals(200, ScatterPlot.of(new double[] {50, 50}).modes(SQUARE).size(200, 200).render().getHeight());
        assertEquals(520, ScatterPlot.of(Tensor.zeros(3, 2)).render().getWidth());
    }

    @Test void badInputNamesTheFunctionAndTheValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> ScatterPlot.of(new double[3]));
        assertTrue(e.getMessage().startsWith("ScatterPlot.of") && e.getMessage().contains("3 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScatterPlot.of(Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("[4, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.of(new double[2]).modes(new double[] {0, Double.NaN}));
        e = assertThrows(IllegalArgumentException.class, () -> ScatterPlot.of(new double[2]).limits(1, 0, 0, 1));
        assertTrue(e.getMessage().contains("x 1.0..0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.of(new double[2]).size(10, 10));
    }

    @Test void aLongTitleShrinksToFitTheChartInsteadOfBeingCut() {
        String shortTitle = "step 2,000";
        String longTitle = "GAN (non-saturating) on grid25, seed 1: 15/25 modes, 86.2% high quality";
        assertEquals(15, Charts.newChart(520, 520, shortTitle, "x", "y").getStyler().getChartTitleFont().getSize());
        var font = Charts.newChart(520, 520, longTitle, "x", "y").getStyler().getChartTitleFont();
        assertTrue(font.getSize() < 15 && font.getSize() >= 10, "size " + font.getSize());
        // Drawn, it keeps clear of both edges: the title band's outer columns stay white.
        String edge = "PacGAN2 on grid25, seed 1: 25/25 modes, 94.2% high quality";
        BufferedImage img = ScatterPlot.of(new double[] {0, 0, 1, 1}).title(edge).size(520, 520).render();
        for (int y = 0; y < 40; y++) {
            for (int x : new int[] {0, 1, 2, 3, img.getWidth() - 4, img.getWidth() - 3, img.getWidth() - 2, img.getWidth() - 1}) {
                assertEquals(0xFFFFFF, img.getRGB(x, y) & 0xFFFFFF, "title ink at (" + x + ", " + y + ")");
            }
        }
    }
}
