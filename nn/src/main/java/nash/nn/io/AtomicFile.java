package nash.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: the new content goes to a temporary file in the same directory,
 * is flushed to the disk ({@link FileChannel#force}), and is then renamed over the target in one
 * atomic step. A crash or an exception at any point leaves either the old file or the new one,
 * never a half-written one; on failure the temporary file is removed.
 */
public final class AtomicFile {

    private AtomicFile() {}

    /** Writes the new content into the channel it is given. */
    public interface Body {
        /** Writes the whole new content to {@code out}, a new empty file beside the target. */
        void write(FileChannel out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace. Modified only by the final rename.
     * @param body   writes the whole content
     * @throws IOException what {@code body} or the file system threw; the target is then untouched
     */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = createTemp(dir, abs.getFileName().toString());
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                body.write(out);
                out.force(true);   // the data is on the disk before the rename makes it the file
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        syncDirectory(dir);
    }

    /** Writes {@code bytes} to {@code target} atomically, creating missing parent folders first. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        write(target, out -> {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) out.write(buf);
        });
    }

    /**
     * A new empty file ".name.<random>.tmp" beside the target. Not Files.createTempFile: that one
     * is private to the owner (0600), and the saved file should get the usual permissions.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) throw e;
            }
        }
    }

    /**
     * Flushes the directory entry so the rename itself survives a power cut. Works on Linux and
     * macOS; other systems cannot open a directory as a channel, and lose only that guarantee.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here: the rename is still atomic, only its durability is the OS's.
        }
    }
}
