package nash.nn.io;

import java.io.IOException;

/**
 * A safetensors file that cannot be read as one: a bad header length, invalid JSON, an unknown
 * dtype, offsets that do not tile the data section, and so on. The message says what is wrong and,
 * where one applies, names the tensor. Thrown before any allocation sized by the file's claims.
 */
public class SafetensorsException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A file that cannot be read, for the reason {@code message} gives. */
    public SafetensorsException(String message) { super(message); }

    /** A file that cannot be read, for the reason {@code message} gives, found through {@code cause}. */
    public SafetensorsException(String message, Throwable cause) { super(message, cause); }
}
