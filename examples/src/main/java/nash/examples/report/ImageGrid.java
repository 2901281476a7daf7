package nash.examples.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nash.core.Tensor;

/**
 * A grid of grayscale images as one picture: the GAN's samples, rows × cols, with a small gap.
 *
 * <pre>{@code
 * ImageGrid.of(fake)                      // fake: [64,1,28,28], values in [−1,1]
 *          .grid(8, 8).scale(3)
 *          .writePng(dir.resolve("samples/step-001000.png"));
 *
 * ImageGrid.of(perClass).grid(10, 8)      // one row per class, labelled
 *          .rowLabels(BundledData.FASHION_MNIST_CLASSES).render();
 *
 * ImageGrid.strip(walk).scale(3).writePng(out);   // an interpolation: one row
 * }</pre>
 *
 * Pixel values map linearly from [−1,1] (black to white) and are clamped; a non-finite pixel is
 * drawn magenta, so a run that produced NaN shows it. Images fill the grid row by row; cells past
 * the last image stay blank.
 */
public final class ImageGrid {

    static { Png.headless(); }

    /** Drawn for a NaN or infinite pixel. */
    public static final Color NON_FINITE = new Color(255, 0, 255);
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color LABEL = new Color(0x33, 0x33, 0x33);

    private final double[] pixels;   // [n,h,w]
    private final int n, h, w;
    private int rows, cols;          // 0: chosen by render()
    private int scale = 1, gap = 2;
    private List<String> rowLabels;

    private ImageGrid(double[] pixels, int n, int h, int w) {
        this.pixels = pixels;
        this.n = n;
        this.h = h;
        this.w = w;
    }

    /**
     * Images from a flat array of shape [n,1,h,w] or [n,h,w] (a {@code Tensor}'s data and shape).
     * Not modified; read when the grid is rendered.
     *
     * @throws IllegalArgumentException for another shape, more than one channel, no images, or a
     *     length that does not match the shape
     */
    public static ImageGrid of(double[] pixels, int... shape) {
        String where = "ImageGrid.of(pixels[" + pixels.length + "], shape " + Arrays.toString(shape) + ")";
        if (shape.length != 3 && shape.length != 4) {
            throw new IllegalArgumentException(where + ": need a shape [n,1,h,w] or [n,h,w]");
        }
        if (shape.length == 4 && shape[1] != 1) {
            throw new IllegalArgumentException(where + ": need 1 channel (grayscale), got " + shape[1]);
        }
        int n = shape[0], h = shape[shape.length - 2], w = shape[shape.length - 1];
        if (n < 1 || h < 1 || w < 1) throw new IllegalArgumentException(where + ": need at least one image of at least 1×1 pixel");
        if ((long) n * h * w != pixels.length) {
            throw new IllegalArgumentException(where + ": the shape holds " + (long) n * h * w + " values, the array " + pixels.length);
        }
        return new ImageGrid(pixels, n, h, w);
    }

    /** Images from a tensor of shape [n,1,h,w] or [n,h,w]; see {@link #of(double[], int...)}. */
    public static ImageGrid of(Tensor images) { return of(images.data(), images.shape()); }

    /** The images in one row, for an interpolation between two latent points. */
    public static ImageGrid strip(double[] pixels, int... shape) {
        ImageGrid g = of(pixels, shape);
        return g.grid(1, g.n);
    }

    /** The images in one row; see {@link #strip(double[], int...)}. */
    public static ImageGrid strip(Tensor images) { return strip(images.data(), images.shape()); }

    /**
     * The grid's size. Without it the grid is as square as it can be (cols = ⌈√n⌉).
     *
     * @throws IllegalArgumentException if rows or cols is below 1 or the images do not fit
     */
    public ImageGrid grid(int rows, int cols) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("ImageGrid.grid: need rows ≥ 1 and cols ≥ 1, got " + rows + "×" + cols);
        if ((long) rows * cols < n) {
            throw new IllegalArgumentException("ImageGrid.grid: " + n + " images do not fit in " + rows + "×" + cols + " = " + rows * cols + " cells");
        }
        this.rows = rows;
        this.cols = cols;
        return this;
    }

    /** Each pixel becomes factor×factor pixels (nearest neighbour); 3 suits 28×28 images. Default 1. */
    public ImageGrid scale(int factor) {
        if (factor < 1 || factor > 64) throw new IllegalArgumentException("ImageGrid.scale: need a factor from 1 to 64, got " + factor);
        this.scale = factor;
        return this;
    }

    /** Pixels of white between cells and around the grid. Default 2. */
    public ImageGrid gap(int pixels) {
        if (pixels < 0 || pixels > 1000) throw new IllegalArgumentException("ImageGrid.gap: need 0 to 1000 pixels, got " + pixels);
        this.gap = pixels;
        return this;
    }

    /**
     * A label to the left of each row (class names when there is one row per class); null for none.
     * Needs as many labels as rows, so set {@link #grid} too unless the default fits.
     */
    public ImageGrid rowLabels(List<String> labels) {
        if (labels != null && labels.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("ImageGrid.rowLabels: a label is null: " + labels);
        }
        this.rowLabels = labels == null ? null : List.copyOf(labels);
        return this;
    }

    /** Number of images. */
    public int size() { return n; }

    /**
     * Draws the grid: width = labels + cols·w·scale + (cols+1)·gap, height = rows·h·scale + (rows+1)·gap.
     *
     * @throws IllegalArgumentException if the row labels do not match the number of rows
     */
    public BufferedImage render() {
        int c = cols > 0 ? cols : (int) Math.ceil(Math.sqrt(n));
        int r = rows > 0 ? rows : (n + c - 1) / c;
        if (rowLabels != null && rowLabels.size() != r) {
            throw new IllegalArgumentException("ImageGrid.render: " + rowLabels.size() + " row labels for " + r + " rows");
        }
        int cw = w * scale, ch = h * scale;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, Math.min(16, ch * 2 / 5)));
        int labelWidth = rowLabels == null ? 0 : labelColumnWidth(font);
        long width = labelWidth + (long) c * cw + (long) (c + 1) * gap, height = (long) r * ch + (long) (r + 1) * gap;
        if (width * height > 100_000_000L) {
            throw new IllegalArgumentException("ImageGrid.render: a " + width + "×" + height + " picture is too large; lower the scale or the number of images");
        }
        var img = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int i = 0; i < n; i++) {
                int x0 = labelWidth + gap + (i % c) * (cw + gap), y0 = gap + (i / c) * (ch + gap);
                drawImage(img, i, x0, y0);
            }
            if (rowLabels != null) drawLabels(g, font, labelWidth, r, ch);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes the grid as a PNG (atomically, creating folders). */
    public void writePng(Path file) throws IOException { Png.write(render(), file); }

    private void drawImage(BufferedImage img, int i, int x0, int y0) {
        int base = i * h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = gray(pixels[base + y * w + x]);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                }
            }
        }
    }

    /** v ∈ [−1,1] → 0xRRGGBB gray; clamped; magenta when not finite. */
    static int gray(double v) {
        if (!Double.isFinite(v)) return NON_FINITE.getRGB() & 0xffffff;
        int b = (int) Math.round((Math.max(-1, Math.min(1, v)) + 1) * 127.5);
        return b << 16 | b << 8 | b;
    }

    private int labelColumnWidth(Font font) {
        var probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(font);
            int max = 0;
            for (String s : rowLabels) max = Math.max(max, fm.stringWidth(s));
            return max == 0 ? 0 : max + 2 * padding(font);
        } finally {
            g.dispose();
        }
    }

    private static int padding(Font font) { return Math.max(4, font.getSize() / 2); }

    /** Labels right-aligned against the grid, centred on their row. */
    private void drawLabels(Graphics2D g, Font font, int labelWidth, int r, int ch) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(LABEL);
        FontMetrics fm = g.getFontMetrics();
        for (int row = 0; row < r; row++) {
            String s = rowLabels.get(row);
            int x = labelWidth - padding(font) - fm.stringWidth(s);
            int y = gap + row * (ch + gap) + (ch - fm.getHeight()) / 2 + fm.getAscent();
            g.drawString(s, x, y);
        }
    }
}
