package nash.examples.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import nash.nn.io.AtomicFile;

/** PNG encoding and writing for every picture the report makes. */
public final class Png {

    static { headless(); }

    private Png() {}

    /**
     * Asks AWT for its headless mode (no display, no window system) unless the program has already
     * chosen. Must run before AWT starts, so every class here that draws calls it in a static block.
     */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** The PNG bytes of an image. */
    public static byte[] encode(BufferedImage image) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("Png.encode: this JDK has no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    /** Writes an image as a PNG file, atomically, creating folders. */
    public static void write(BufferedImage image, Path file) throws IOException {
        write(encode(image), file);
    }

    /** Writes PNG bytes to a file atomically (a temporary file, then a rename), creating folders. */
    public static void write(byte[] png, Path file) throws IOException {
        size(png, "Png.write");
        AtomicFile.write(file, png);
    }

    /**
     * The width and height stored in a PNG's header.
     *
     * @throws IllegalArgumentException if the bytes do not start with a PNG signature and header
     */
    static int[] size(byte[] png, String caller) {
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        boolean ok = png.length >= 24 && png[12] == 'I' && png[13] == 'H' && png[14] == 'D' && png[15] == 'R';
        for (int i = 0; ok && i < sig.length; i++) ok = png[i] == sig[i];
        if (!ok) throw new IllegalArgumentException(caller + ": " + png.length + " bytes are not a PNG image");
        return new int[] {readInt(png, 16), readInt(png, 20)};
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
