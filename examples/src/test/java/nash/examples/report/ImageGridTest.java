package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    /** n images of h×w, image i filled with value v(i). */
    static double[] images(int n, int h, int w, java.util.function.IntToDoubleFunction v) {
        double[] d = new double[n * h * w];
        for (int i = 0; i < n; i++) java.util.Arrays.fill(d, i * h * w, (i + 1) * h * w, v.applyAsDouble(i));
        return d;
    }

    static int gray(BufferedImage img, int x, int y) { return img.getRGB(x, y) & 0xff; }

    @Test void sizeFollowsTheFormula() {
        BufferedImage img = ImageGrid.of(images(6, 4, 5, i -> 0), 6, 1, 4, 5).grid(2, 3).scale(3).gap(2).render();
        assertEquals(3 * 5 * 3 + 4 * 2, img.getWidth());    // cols·w·scale + (cols+1)·gap
        assertEquals(2 * 4 * 3 + 3 * 2, img.getHeight());
    }

    @Test void defaultGridIsAsSquareAsItCanBe() {
        BufferedImage img = ImageGrid.of(images(10, 2, 2, i -> 0), 10, 2, 2).gap(0).render();   // 4 cols × 3 rows
        assertEquals(8, img.getWidth());
        assertEquals(6, img.getHeight());
    }

    @Test void pixelsMapFromMinusOneToOneOntoBlackToWhite() {
        double[] d = {-1, 0, 1, 7, -7, Double.NaN};
        BufferedImage img = ImageGrid.of(d, 1, 1, 6).gap(0).render();
        assertEquals(0, gray(img, 0, 0));
        assertEquals(128, gray(img, 1, 0));                    // 127.5 rounds up
        assertEquals(255, gray(img, 2, 0));
        assertEquals(255, gray(img, 3, 0));                    // clamped
        assertEquals(0, gray(img, 4, 0));
        assertEquals(ImageGrid.NON_FINITE.getRGB(), img.getRGB(5, 0));
    }

    @Test void cellsAreScaledAndPlacedRowByRowWithGaps() {
        // image i is uniformly white for even i, black for odd i
        BufferedImage img = ImageGrid.of(images(3, 2, 2, i -> i % 2 == 0 ? 1 : -1), 3, 2, 2).grid(2, 2).scale(2).gap(1).render();
        assertEquals(255, gray(img, 1, 1));        // image 0 starts at (gap, gap)
        assertEquals(255, gray(img, 4, 4));        // … and is 4×4
        assertEquals(255, gray(img, 0, 0));        // gap: white
        assertEquals(0, gray(img, 6, 1));          // image 1 at x = 1 + 4 + 1
        assertEquals(255, gray(img, 1, 6));        // image 2 on row 2
        assertEquals(255, gray(img, 7, 7));        // no image 3: blank (white)
    }

    @Test void rowLabelsAddAColumnOfText() {
        double[] d = images(4, 8, 8, i -> -1);
        BufferedImage plain = ImageGrid.of(d, 4, 8, 8).grid(2, 2).render();
        BufferedImage labelled = ImageGrid.of(d, 4, 8, 8).grid(2, 2).rowLabels(List.of("Trouser", "Ankle boot")).render();
        int extra = labelled.getWidth() - plain.getWidth();
        assertTrue(extra > 20, "label column width " + extra);
        assertEquals(plain.getHeight(), labelled.getHeight());
        boolean ink = false;
        for (int x = 0; x < extra; x++) for (int y = 0; y < labelled.getHeight(); y++) ink |= gray(labelled, x, y) < 128;
        assertTrue(ink, "the labels are drawn");
        // the images themselves moved right by the label column
        assertEquals(0, gray(labelled, extra + 3, 3));
    }

    @Test void stripIsOneRow() {
        BufferedImage img = ImageGrid.strip(images(5, 3, 3, i -> 0), 5, 1, 3, 3).gap(1).render();
        assertEquals(5 * 3 + 6, img.getWidth());
        assertEquals(3 + 2, img.getHeight());
    }

    @Test void takesATensor() {
        Tensor t = Tensor.of(images(2, 2, 3, i -> i == 0 ? 1 : -1), 2, 1, 2, 3);
        BufferedImage img = ImageGrid.of(t).grid(1, 2).gap(0).render();
        assertEquals(6, img.getWidth());
        assertEquals(255, gray(img, 0, 0));
        assertEquals(0, gray(img, 3, 0));
        assertEquals(3, ImageGrid.strip(Tensor.zeros(3, 4, 4)).size());
    }

    @Test void writesAPngThatDecodes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/grid.png");
        ImageGrid.of(images(4, 28, 28, i -> i / 2.0 - 1), 4, 1, 28, 28).grid(2, 2).scale(3).writePng(file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(2 * 84 + 3 * 2, back.getWidth());
        assertEquals(2 * 84 + 3 * 2, back.getHeight());
        assertEquals(0, gray(back, 2, 2));                      // image 0: −1
        assertEquals(191, gray(back, 2 + 84 + 2 + 1, 2 + 84 + 2 + 1));   // image 3: 0.5 → 191.25
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test void badInputNamesTheFunctionAndTheValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[0], 0, 1, 28, 28));
        assertTrue(e.getMessage().startsWith("ImageGrid.of") && e.getMessage().contains("at least one image"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[10], 2, 1, 2, 2));
        assertTrue(e.getMessage().contains("holds 8 values, the array 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[24], 2, 3, 2, 2));
        assertTrue(e.getMessage().contains("1 channel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[4], 4));
        assertTrue(e.getMessage().contains("[n,1,h,w]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[40], 10, 2, 2).grid(3, 3));
        assertTrue(e.getMessage().contains("10 images do not fit in 3×3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[16], 4, 2, 2).grid(2, 2).rowLabels(List.of("a")).render());
        assertTrue(e.getMessage().contains("1 row labels for 2 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[4], 1, 2, 2).scale(0));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new double[4], 1, 2, 2).gap(-1));
    }
}
