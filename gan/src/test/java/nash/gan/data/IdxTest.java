package nash.gan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on small files built here (plain and gzip), every error, and the real Fashion-MNIST when installed. */
class IdxTest {

    @TempDir Path dir;

    /** An IDX file: magic, sizes, data; gzip-compressed when asked. */
    static byte[] idx(int magic, int[] sizes, byte[] data, boolean gzip) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * sizes.length + data.length);   // big-endian by default
        b.putInt(magic);
        for (int s : sizes) b.putInt(s);
        b.put(data);
        return gzip ? gzip(b.array()) : b.array();
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Two 3×2 images: pixel (r,c) of image i is listed row-major. */
    static final byte[] PIXELS = {0, (byte) 255, 51, (byte) 204, 127, (byte) 128, /* image 1 */ 1, 2, 3, 4, 5, 6};

    @Test void readsImagesPlainAndGzipScaledToMinusOneOne() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path p = write("img" + gz, idx(Idx.IMAGES_MAGIC, new int[] {2, 3, 2}, PIXELS, gz));
            Tensor x = Idx.readImages(p);
            assertArrayEquals(new int[] {2, 1, 3, 2}, x.shape());
            // x/127.5 − 1: 0 → −1, 255 → 1, 51 → −0.6, 204 → 0.6, 127 → −1/255, 128 → 1/255
            assertEquals(-1.0, x.get(0, 0, 0, 0), 0.0);
            assertEquals(1.0, x.get(0, 0, 0, 1), 0.0);
            assertEquals(-0.6, x.get(0, 0, 1, 0), 1e-15);
            assertEquals(0.6, x.get(0, 0, 1, 1), 1e-15);
            assertEquals(-1.0 / 255, x.get(0, 0, 2, 0), 1e-15);
            assertEquals(1.0 / 255, x.get(0, 0, 2, 1), 1e-15);
            assertEquals(6 / 127.5 - 1, x.get(1, 0, 2, 1), 1e-15);
            assertEquals(Idx.readImages(p, 1).get(0, 0, 1, 1), 0.6, 1e-15);
            assertArrayEquals(new int[] {1, 1, 3, 2}, Idx.readImages(p, 1).shape());
            assertArrayEquals(new int[] {0, 1, 3, 2}, Idx.readImages(p, 0).shape());
        }
    }

    @Test void readsLabelsPlainAndGzip() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path p = write("lab" + gz, idx(Idx.LABELS_MAGIC, new int[] {4}, new byte[] {7, 0, 9, (byte) 255}, gz));
            assertArrayEquals(new int[] {7, 0, 9, 255}, Idx.readLabels(p));
            assertArrayEquals(new int[] {7, 0}, Idx.readLabels(p, 2));
        }
    }

    @Test void readsADataset() throws IOException {
        Path img = write("i.gz", idx(Idx.IMAGES_MAGIC, new int[] {2, 3, 2}, PIXELS, true));
        Path lab = write("l", idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {3, 8}, false));
        Dataset d = Idx.readDataset(img, lab);
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {1, 3, 2}, d.exampleShape());
        assertArrayEquals(new int[] {3, 8}, d.labels());
        assertEquals(1, Idx.readDataset(img, lab, 1).size());
    }

    @Test void imageAndLabelCountsMustMatch() throws IOException {
        Path img = write("i", idx(Idx.IMAGES_MAGIC, new int[] {2, 3, 2}, PIXELS, false));
        Path lab = write("l", idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {1, 2, 3}, false));
        var e = assertThrows(IdxFormatException.class, () -> Idx.readDataset(img, lab));
        assertTrue(e.getMessage().contains("declares 3 labels but") && e.getMessage().contains("declares 2 images"), e.getMessage());
        assertEquals(lab, e.file());
    }

    @Test void badMagicNumbersAreNamed() throws IOException {
        Path lab = write("labels-as-images", idx(Idx.LABELS_MAGIC, new int[] {1}, new byte[] {1}, false));
        var e = assertThrows(IdxFormatException.class, () -> Idx.readImages(lab));
        assertTrue(e.getMessage().startsWith(lab.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x00000801 (a label file): expected 0x00000803"), e.getMessage());

        Path img = write("images-as-labels", idx(Idx.IMAGES_MAGIC, new int[] {2, 3, 2}, PIXELS, true));
        e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(img));
        assertTrue(e.getMessage().contains("bad magic number 0x00000803 (an image file): expected 0x00000801"), e.getMessage());

        Path text = write("text", "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(text));
        assertTrue(e.getMessage().contains("bad magic number 0x68656C6C: not an IDX file"), e.getMessage());

        Path floats = write("floats", idx(0x00000D03, new int[] {1, 1, 1}, new byte[4], false));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(floats));
        assertTrue(e.getMessage().contains("data type 0x0D"), e.getMessage());

        Path fourD = write("4d", idx(0x00000804, new int[] {1, 1, 1, 1}, new byte[1], false));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(fourD));
        assertTrue(e.getMessage().contains("(4 dimensions)"), e.getMessage());
    }

    @Test void truncatedFilesAreReported() throws IOException {
        byte[] full = idx(Idx.IMAGES_MAGIC, new int[] {2, 3, 2}, PIXELS, false);
        Path shortData = write("short", Arrays.copyOf(full, full.length - 1));
        var e = assertThrows(IdxFormatException.class, () -> Idx.readImages(shortData));
        assertTrue(e.getMessage().contains("truncated: the header declares 2 images of 3×2 (28 bytes in all) but the file has 27 bytes"),
                e.getMessage());

        Path shortHeader = write("header", Arrays.copyOf(full, 6));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(shortHeader));
        assertTrue(e.getMessage().contains("truncated header: ends after 6 bytes, reading size 0"), e.getMessage());

        Path empty = write("empty", new byte[0]);
        e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(empty));
        assertTrue(e.getMessage().contains("truncated header: ends after 0 bytes, reading the magic number"), e.getMessage());

        // a valid gzip stream whose content is shorter than its header declares
        Path gzShort = write("short.gz", gzip(Arrays.copyOf(full, full.length - 5)));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(gzShort));
        assertTrue(e.getMessage().contains("truncated: the header declares 2 images of 3×2 (12 bytes of data) but the data ends after 7 bytes"),
                e.getMessage());

        // a gzip file cut in the middle of the compressed stream
        byte[] gz = idx(Idx.IMAGES_MAGIC, new int[] {50, 28, 28}, randomBytes(50 * 784), true);
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(cut));
        assertTrue(e.getMessage().contains("truncated gzip stream"), e.getMessage());
    }

    @Test void corruptGzipIsReported() throws IOException {
        byte[] gz = idx(Idx.LABELS_MAGIC, new int[] {1000}, randomBytes(1000), true);
        for (int i = 20; i < gz.length - 8; i++) gz[i] ^= 0x5A;
        Path bad = write("bad.gz", gz);
        var e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(bad));
        assertTrue(e.getMessage().contains("corrupt gzip data"), e.getMessage());
        Path header = write("header.gz", new byte[] {0x1f, (byte) 0x8b, 1});
        e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(header));
        assertTrue(e.getMessage().contains("corrupt gzip header"), e.getMessage());
        Path two = write("two.gz", new byte[] {0x1f, (byte) 0x8b});
        e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(two));
        assertTrue(e.getMessage().contains("gzip header"), e.getMessage());
    }

    @Test void trailingBytesAreReported() throws IOException {
        byte[] plus = Arrays.copyOf(idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}, false), 13);
        Path plain = write("plus", plus);
        var e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(plain));
        assertTrue(e.getMessage().contains("has 3 bytes after the 2 labels its header declares"), e.getMessage());
        Path gz = write("plus.gz", gzip(plus));
        e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(gz));
        assertTrue(e.getMessage().contains("has 3 bytes after the data its header declares"), e.getMessage());
    }

    @Test void badDimensionsAreReported() throws IOException {
        Path zero = write("zero", idx(Idx.IMAGES_MAGIC, new int[] {1, 0, 28}, new byte[0], false));
        var e = assertThrows(IdxFormatException.class, () -> Idx.readImages(zero));
        assertTrue(e.getMessage().contains("declares images of 0×28 pixels"), e.getMessage());
        Path negative = write("neg", idx(Idx.LABELS_MAGIC, new int[] {-1}, new byte[0], false));
        e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(negative));
        assertTrue(e.getMessage().contains("size 0 is declared as 4294967295, above 2³¹ − 1"), e.getMessage());
    }

    @Test void aLyingHeaderDoesNotAllocateWhatTheFileDoesNotHold() throws IOException {
        // 300,000 images of 28×28 declared (235 MB) in a gzip file holding 10 bytes of data
        Path liar = write("liar.gz", idx(Idx.IMAGES_MAGIC, new int[] {300_000, 28, 28}, new byte[10], true));
        var e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IdxFormatException.class, () -> Idx.readImages(liar)));
        assertTrue(e.getMessage().contains("but the data ends after 10 bytes"), e.getMessage());
        // above the cap: refused before reading
        Path huge = write("huge.gz", idx(Idx.IMAGES_MAGIC, new int[] {Integer.MAX_VALUE, 28, 28}, new byte[10], true));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(huge));
        assertTrue(e.getMessage().contains("above the cap of 268435456"), e.getMessage());
        // 2³⁰ images of 2¹⁷×2¹⁷: n·rows·cols = 2⁶⁴ wrapped to 0 bytes, passed every check and failed in Tensor.wrap
        for (boolean gz : new boolean[] {false, true}) {
            Path wrap = write("wrap" + gz, idx(Idx.IMAGES_MAGIC, new int[] {1 << 30, 1 << 17, 1 << 17}, new byte[0], gz));
            e = assertThrows(IdxFormatException.class, () -> Idx.readImages(wrap));
            assertTrue(e.getMessage().contains("declares images of 131072×131072 pixels, above the cap"), e.getMessage());
        }
        // a plain file is checked against its length first
        Path plain = write("liar", idx(Idx.IMAGES_MAGIC, new int[] {300_000, 28, 28}, new byte[10], false));
        e = assertThrows(IdxFormatException.class, () -> Idx.readImages(plain, 1));
        assertTrue(e.getMessage().contains("but the file has 26 bytes"), e.getMessage());
    }

    @Test void negativeLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Idx.readImages(dir.resolve("x"), -1));
    }

    @Test void readsTheRealFashionMnistTestSetWhenInstalled() throws IOException {
        Path root = Path.of("/usr/share/datasets/fashion-mnist");
        Path img = root.resolve("t10k-images-idx3-ubyte.gz"), lab = root.resolve("t10k-labels-idx1-ubyte.gz");
        assumeTrue(Files.isReadable(img) && Files.isReadable(lab), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        Dataset d = Idx.readDataset(img, lab);
        assertEquals(10_000, d.size());
        assertArrayEquals(new int[] {1, 28, 28}, d.exampleShape());
        int[] perClass = new int[10];
        for (int y : d.labels()) perClass[y]++;
        for (int c : perClass) assertEquals(1000, c);   // the test set is balanced
        double min = 1, max = -1;
        for (double v : d.examples().data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1.0, min, 0.0);
        assertEquals(1.0, max, 0.0);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(1).nextBytes(b);
        return b;
    }
}
