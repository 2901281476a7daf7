package nash.examples.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BundledDataTest {

    @Test void imagesAreTenThousandIdxImagesOf28By28() throws Exception {
        try (var in = new DataInputStream(BundledData.fashionMnistImages())) {
            assertEquals(0x00000803, in.readInt(), "IDX magic: unsigned bytes, 3 dimensions");
            assertEquals(10_000, in.readInt());
            assertEquals(28, in.readInt());
            assertEquals(28, in.readInt());
            assertEquals(10_000L * 28 * 28, in.transferTo(OutputStreamCounter.INSTANCE));
        }
    }

    @Test void labelsAreTenThousandClassesFrom0To9EachAThousandTimes() throws Exception {
        int[] counts = new int[10];
        try (var in = new DataInputStream(BundledData.fashionMnistLabels())) {
            assertEquals(0x00000801, in.readInt(), "IDX magic: unsigned bytes, 1 dimension");
            assertEquals(10_000, in.readInt());
            byte[] labels = in.readAllBytes();
            assertEquals(10_000, labels.length);
            for (byte b : labels) counts[b]++;
        }
        for (int c : counts) assertEquals(1000, c);   // the test split is balanced
        assertEquals(10, BundledData.FASHION_MNIST_CLASSES.size());
        assertEquals("Ankle boot", BundledData.FASHION_MNIST_CLASSES.get(9));
    }

    @Test void theLicenceTravelsWithTheData() throws Exception {
        try (InputStream in = BundledData.class.getResourceAsStream(BundledData.FASHION_MNIST + "LICENSE.txt")) {
            assertNotNull(in);
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("The MIT License") && text.contains("Zalando SE") && text.contains("arXiv:1708.07747"));
        }
    }

    /** Counts and discards bytes. */
    static final class OutputStreamCounter extends java.io.OutputStream {
        static final OutputStreamCounter INSTANCE = new OutputStreamCounter();
        @Override public void write(int b) {}
        @Override public void write(byte[] b, int off, int len) {}
    }
}
