package nash.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir Path dir;

    static final byte[] OLD = "the last good file".getBytes();

    @Test
    void replacesTheTarget() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, OLD);
        AtomicFile.write(f, out -> out.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertEquals(List.of("x.bin"), SafetensorsTest.list(dir));
    }

    @Test
    void anIOExceptionMidWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, OLD);
        IOException boom = new IOException("disk full");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write(ByteBuffer.wrap(new byte[1000]));   // half a file
            throw boom;
        }));
        assertSame(boom, e);
        assertArrayEquals(OLD, Files.readAllBytes(f));
        assertEquals(List.of("x.bin"), SafetensorsTest.list(dir));
    }

    @Test
    void aRuntimeExceptionMidWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("x.bin");
        Files.write(f, OLD);
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(f, out -> {
            out.write(ByteBuffer.wrap(new byte[10]));
            throw new IllegalStateException("a tensor could not be serialised");
        }));
        assertArrayEquals(OLD, Files.readAllBytes(f));
        assertEquals(List.of("x.bin"), SafetensorsTest.list(dir));
    }

    @Test
    void anUnwritableDirectoryLeavesTheOldFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path sub = Files.createDirectory(dir.resolve("ro"));
        Path f = sub.resolve("x.bin");
        Files.write(f, OLD);
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(sub), "permissions are not enforced for this user (root)");
            assertThrows(IOException.class, () -> AtomicFile.write(f, out -> out.write(ByteBuffer.wrap(new byte[] {1}))));
            assertArrayEquals(OLD, Files.readAllBytes(f));
            assertEquals(List.of("x.bin"), SafetensorsTest.list(sub));
        } finally {
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theNewFileGetsTheUsualPermissionsNotATemporaryFilesOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain"));   // created under the process's umask
        Path f = dir.resolve("x.bin");
        AtomicFile.write(f, out -> out.write(ByteBuffer.wrap(new byte[] {1})));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(f));
    }
}
