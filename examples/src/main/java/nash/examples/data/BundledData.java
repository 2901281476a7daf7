package nash.examples.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import nash.gan.data.Dataset;
import nash.gan.data.Idx;

/**
 * Data that ships inside the examples jar, so the examples run offline.
 *
 * <p>Fashion-MNIST's test split: 10,000 grayscale 28×28 images of clothing in 10 classes, in the IDX
 * format (the MNIST format), from Zalando Research under the MIT licence; see
 * {@code nash/data/fashion-mnist/LICENSE.txt} beside the files for the licence and the citation.
 * The files are stored gzipped; the streams here are already decompressed.
 */
public final class BundledData {

    /** Resource folder of the Fashion-MNIST files. */
    public static final String FASHION_MNIST = "/nash/data/fashion-mnist/";

    /** Fashion-MNIST's class names, by label 0 to 9. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private BundledData() {}

    /**
     * The bundled split as a {@link nash.gan.data.Dataset}: images [10000, 1, 28, 28] in [−1, 1] and
     * their labels. The gzipped files are copied to a temporary folder and read by {@link Idx}.
     */
    public static Dataset fashionMnist() throws IOException {
        Path dir = Files.createTempDirectory("nash-fashion-mnist");
        try {
            Path images = copy(FASHION_MNIST + "t10k-images-idx3-ubyte.gz", dir), labels = copy(FASHION_MNIST + "t10k-labels-idx1-ubyte.gz", dir);
            return Idx.readDataset(images, labels);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Path copy(String resource, Path dir) throws IOException {
        try (InputStream in = BundledData.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("BundledData: resource " + resource + " is missing from the class path (is nash-examples built whole?)");
            Path out = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.copy(in, out);
            return out;
        }
    }

    /** The 10,000 test images as an IDX file (magic 0x00000803, shape [10000,28,28], unsigned bytes). The caller closes it. */
    public static InputStream fashionMnistImages() { return gunzip(FASHION_MNIST + "t10k-images-idx3-ubyte.gz"); }

    /** Their 10,000 labels, 0 to 9, as an IDX file (magic 0x00000801). The caller closes it. */
    public static InputStream fashionMnistLabels() { return gunzip(FASHION_MNIST + "t10k-labels-idx1-ubyte.gz"); }

    private static InputStream gunzip(String resource) {
        InputStream in = BundledData.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("BundledData: resource " + resource + " is missing from the class path (is nash-examples built whole?)");
        try {
            return new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16);
        } catch (IOException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("BundledData: " + resource + " is not a gzip file", e);
        }
    }
}
