package nash.gan.data;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a valid IDX file of the expected kind; the message names the file and the problem. */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** The message is "file: problem". */
    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The message is "file: problem"; {@code cause} is what went wrong underneath. */
    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() { return file; }
}
