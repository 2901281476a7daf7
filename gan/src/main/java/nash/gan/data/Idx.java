package nash.gan.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import nash.core.Tensor;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzip-compressed or plain.
 *
 * <p>An IDX file is a big-endian header, then the data row-major:
 * <pre>
 *   magic: 0x00 0x00 type ndim      type 0x08 = unsigned byte
 *   ndim × int32 sizes              images 0x00000803: n, rows, cols;  labels 0x00000801: n
 *   n·rows·cols (or n) bytes
 * </pre>
 * Gzip is detected by its magic bytes 1f 8b, not by the file name.
 *
 * <p>Every problem is an {@link IdxFormatException} naming the file: a bad magic number, a
 * dimension ≤ 0 where one is needed, a file shorter than its header declares (truncated) or with
 * bytes after the declared data, a corrupt gzip stream, or a declared size above
 * {@link #MAX_ELEMENTS}. Sizes are checked before anything large is allocated: a plain file's
 * declared size against its length on disk, and a gzip stream is read in bounded chunks that grow
 * only as data actually arrives, so a lying header cannot make the reader allocate memory the file
 * does not back.
 */
public final class Idx {

    /** Unsigned-byte images: n × rows × cols. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned-byte labels: n. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The most values one read returns (2²⁸, 2 GiB of doubles; Fashion-MNIST's training set is 47M). Read more in parts with a limit. */
    public static final long MAX_ELEMENTS = 1L << 28;

    private static final int CHUNK = 1 << 20;

    private Idx() {}

    /** All images of an IDX image file as a [n,1,rows,cols] tensor, scaled to [−1,1] by x/127.5 − 1. */
    public static Tensor readImages(Path file) throws IOException { return readImages(file, Integer.MAX_VALUE); }

    /**
     * The first min(n, limit) images as a [m,1,rows,cols] tensor, scaled to [−1,1] by x/127.5 − 1.
     * With a limit below n, the tail of a gzip file is not read (and so not checked).
     *
     * @throws IdxFormatException if the file is not a valid IDX image file
     */
    public static Tensor readImages(Path file, int limit) throws IOException {
        checkLimit("readImages", limit);
        try (Source src = Source.open(file)) {
            int[] dims = src.header(IMAGES_MAGIC, "images (unsigned bytes, 3 dimensions: n, rows, cols)");
            int n = dims[0], rows = dims[1], cols = dims[2];
            if (rows <= 0 || cols <= 0) throw src.error("declares images of " + rows + "×" + cols + " pixels");
            long per = (long) rows * cols;
            // one image past the cap is refused here: n·per could otherwise pass 2⁶³ and wrap (2³⁰ images of 2¹⁷×2¹⁷ → 0)
            if (per > MAX_ELEMENTS) throw src.error("declares images of " + rows + "×" + cols + " pixels, above the cap of " + MAX_ELEMENTS + " values");
            int m = Math.min(n, limit);
            src.checkDeclared((long) n * per, n + " images of " + rows + "×" + cols);
            byte[] raw = src.read((long) m * per, m + " images of " + rows + "×" + cols);
            if (m == n) src.expectEnd();
            double[] x = new double[raw.length];
            for (int i = 0; i < raw.length; i++) x[i] = (raw[i] & 0xFF) / 127.5 - 1.0;   // 0 → −1, 255 → 1
            return Tensor.wrap(x, m, 1, rows, cols);
        }
    }

    /** All labels of an IDX label file. */
    public static int[] readLabels(Path file) throws IOException { return readLabels(file, Integer.MAX_VALUE); }

    /**
     * The first min(n, limit) labels (0–255) of an IDX label file.
     *
     * @throws IdxFormatException if the file is not a valid IDX label file
     */
    public static int[] readLabels(Path file, int limit) throws IOException {
        checkLimit("readLabels", limit);
        try (Source src = Source.open(file)) {
            int n = src.header(LABELS_MAGIC, "labels (unsigned bytes, 1 dimension: n)")[0];
            int m = Math.min(n, limit);
            src.checkDeclared(n, n + " labels");
            byte[] raw = src.read(m, m + " labels");
            if (m == n) src.expectEnd();
            int[] y = new int[m];
            for (int i = 0; i < m; i++) y[i] = raw[i] & 0xFF;
            return y;
        }
    }

    /** Images and labels as a {@link Dataset}; the counts must match. */
    public static Dataset readDataset(Path images, Path labels) throws IOException {
        return readDataset(images, labels, Integer.MAX_VALUE);
    }

    /**
     * The first min(n, limit) images and labels as a {@link Dataset}.
     *
     * @throws IdxFormatException if either file is invalid or their counts differ
     */
    public static Dataset readDataset(Path images, Path labels, int limit) throws IOException {
        int nImages = Source.count(images, IMAGES_MAGIC), nLabels = Source.count(labels, LABELS_MAGIC);
        if (nImages != nLabels) {
            throw new IdxFormatException(labels, "declares " + nLabels + " labels but " + images + " declares " + nImages + " images");
        }
        return new Dataset(readImages(images, limit), readLabels(labels, limit));
    }

    private static void checkLimit(String op, int limit) {
        if (limit < 0) throw new IllegalArgumentException("Idx." + op + ": limit must be ≥ 0, got " + limit);
    }

    /** An open IDX file: the stream (decompressed if needed), where it came from, how much is known about its length. */
    private static final class Source implements AutoCloseable {
        final Path file;
        final InputStream in;
        final boolean gzip;
        final long plainLength;   // the file's length when not gzip, else −1
        long position;            // bytes consumed from the (decompressed) stream
        int ndim;

        private Source(Path file, InputStream in, boolean gzip, long plainLength) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
            this.plainLength = plainLength;
        }

        static Source open(Path file) throws IOException {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                raw.mark(2);
                int b0 = raw.read(), b1 = raw.read();
                raw.reset();
                if (b0 == 0x1f && b1 == 0x8b) {
                    return new Source(file, new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16), true, -1);
                }
                return new Source(file, raw, false, Files.size(file));
            } catch (ZipException e) {
                raw.close();
                throw new IdxFormatException(file, "corrupt gzip header: " + e.getMessage(), e);
            } catch (EOFException e) {
                raw.close();
                throw new IdxFormatException(file, "truncated gzip header", e);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /** The declared item count of a file, from its header alone. */
        static int count(Path file, int magic) throws IOException {
            try (Source s = open(file)) {
                return s.header(magic, magic == IMAGES_MAGIC ? "images" : "labels")[0];
            }
        }

        IdxFormatException error(String problem) { return new IdxFormatException(file, problem); }

        /** Reads and checks the magic number and the sizes. */
        int[] header(int expectedMagic, String expectedKind) throws IOException {
            int magic = readInt("the magic number");
            if ((magic >>> 16) != 0) {
                throw error(String.format("bad magic number 0x%08X: not an IDX file (IDX starts with two zero bytes; "
                        + "expected 0x%08X for %s)", magic, expectedMagic, expectedKind));
            }
            if (magic != expectedMagic) {
                String found = magic == IMAGES_MAGIC ? " (an image file)" : magic == LABELS_MAGIC ? " (a label file)"
                        : ((magic >>> 8) & 0xFF) != 0x08 ? String.format(" (data type 0x%02X; Nash reads unsigned bytes, 0x08)", (magic >>> 8) & 0xFF)
                        : " (" + (magic & 0xFF) + " dimensions)";
                throw error(String.format("bad magic number 0x%08X%s: expected 0x%08X for %s", magic, found, expectedMagic, expectedKind));
            }
            ndim = magic & 0xFF;
            int[] dims = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                dims[i] = readInt("size " + i);
                if (dims[i] < 0) {
                    throw error("size " + i + " is declared as " + Integer.toUnsignedString(dims[i]) + ", above 2³¹ − 1");
                }
            }
            return dims;
        }

        /** Checks a declared payload against the cap and, for a plain file, against the file's length. */
        void checkDeclared(long bytes, String what) throws IdxFormatException {
            long header = 4 + 4L * ndim;
            if (!gzip) {
                long expected = header + bytes;
                if (plainLength < expected) {
                    throw error("truncated: the header declares " + what + " (" + expected + " bytes in all) but the file has "
                            + plainLength + " bytes");
                }
                if (plainLength > expected) {
                    throw error("has " + (plainLength - expected) + " bytes after the " + what + " its header declares");
                }
            }
        }

        /** Reads exactly {@code count} bytes, growing the buffer only as data arrives. */
        byte[] read(long count, String what) throws IOException {
            if (count > MAX_ELEMENTS) {
                throw error("declares " + what + " = " + count + " values, above the cap of " + MAX_ELEMENTS
                        + "; read it in parts with a limit");
            }
            int n = (int) count;
            byte[] buf = new byte[Math.min(n, CHUNK)];
            int got = 0;
            while (got < n) {
                if (got == buf.length) buf = java.util.Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
                int r = readSome(buf, got, buf.length - got);
                if (r < 0) {
                    throw error("truncated: the header declares " + what + " (" + n + " bytes of data) but the data ends after "
                            + got + " bytes");
                }
                got += r;
            }
            position += n;
            return buf;
        }

        /** Fails if anything follows the declared data. */
        void expectEnd() throws IOException {
            if (!gzip) return;   // checked against the file length already
            byte[] probe = new byte[4096];
            long extra = 0;
            for (int r; (r = readSome(probe, 0, probe.length)) >= 0; ) {
                extra += r;
                if (extra > (1 << 20)) break;
            }
            if (extra > 0) throw error("has " + (extra > (1 << 20) ? "more than 1 MiB" : extra + " bytes") + " after the data its header declares");
        }

        private int readInt(String what) throws IOException {
            byte[] b = new byte[4];
            int got = 0;
            while (got < 4) {
                int r = readSome(b, got, 4 - got);
                if (r < 0) throw error("truncated header: ends after " + (position + got) + " bytes, reading " + what);
                got += r;
            }
            position += 4;
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }

        private int readSome(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (EOFException e) {
                throw new IdxFormatException(file, "truncated gzip stream after " + position + " bytes of data", e);
            } catch (ZipException e) {
                throw new IdxFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
            }
        }

        @Override public void close() throws IOException { in.close(); }
    }
}
