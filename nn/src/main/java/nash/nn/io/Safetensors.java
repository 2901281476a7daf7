package nash.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import nash.core.Tensor;

/**
 * Tensors saved to and loaded from the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, byte for byte as Python's {@code safetensors} package writes it, so that a state dict moves
 * between Nash and PyTorch or numpy.
 *
 * <pre>
 * [8 bytes]  N, the header length, unsigned little-endian
 * [N bytes]  the header: UTF-8 JSON, spaces after it so the data starts 8-byte aligned (see {@link Header})
 * [rest]     the data section: each tensor's elements, row-major, little-endian, at its data_offsets
 * </pre>
 *
 * <p>Writing: F64 always; tensors sorted by name (UTF-8 byte order) as Python sorts them; the file
 * replaced atomically, so a failed or interrupted save leaves the previous file as it was.
 * Reading: F64, and F32 converted exactly to double. Every malformed file is a
 * {@link SafetensorsException} that says what is wrong, raised before any allocation the file's
 * claims would size; data are read through a fixed 64 KiB buffer.
 *
 * <pre>{@code
 * Safetensors.save(Map.of("weight", w, "bias", b), Map.of("format", "pt"), Path.of("linear.safetensors"));
 * Map<String, Tensor> back = Safetensors.load(Path.of("linear.safetensors"));   // {bias=…, weight=…}
 * }</pre>
 * In Python: {@code safetensors.torch.load_file("linear.safetensors")} gives the same float64 tensors.
 */
public final class Safetensors {

    /** The largest header accepted, as Python's reader: beyond this a header is taken for corrupt. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    /** Reads and writes go through one buffer of this size, whatever the file claims. */
    private static final int CHUNK = 1 << 16;

    private Safetensors() {}

    // ------------------------------------------------------------------ writing

    /** {@link #save(Map, Map, Path)} without metadata. */
    public static void save(Map<String, Tensor> tensors, Path file) throws IOException {
        save(tensors, null, file);
    }

    /**
     * Writes tensors as F64 and replaces {@code file} atomically (temporary file in the same
     * directory, flushed, renamed over the target).
     *
     * <p>For the same tensors, the bytes are those of Python's {@code safetensors.torch.save_file}
     * with float64 tensors. Metadata keys are written in UTF-8 byte order; Python writes them in the
     * random order of a hash map, so with two or more keys its files differ from run to run (and
     * from Nash's) in that order only.
     *
     * @param tensors  name → tensor; names must not be {@code "__metadata__"}. Not modified.
     * @param metadata the {@code __metadata__} strings, or null for none (an empty map is written as
     *                 {@code {}}, as Python does). Not modified.
     * @param file     the file to create or replace. Modified.
     * @throws IllegalArgumentException for a null or reserved name, a null tensor or metadata
     *                                  string, or a string that is not valid Unicode (lone surrogate);
     *                                  nothing is written then
     * @throws IOException              if writing fails; the previous file, if any, is intact
     */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) throws IOException {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(file, "file");
        // Python's order: by dtype (all F64), then by name in UTF-8 byte order.
        TreeMap<String, Tensor> sorted = new TreeMap<>(Header.UTF8_ORDER);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null) throw new IllegalArgumentException("save: a tensor name is null");
            if (name.equals("__metadata__")) throw new IllegalArgumentException("save: \"__metadata__\" is reserved and cannot name a tensor");
            checkUnicode(name, "tensor name");
            if (e.getValue() == null) throw new IllegalArgumentException("save: tensor " + Json.quoteForMessage(name) + " is null");
            sorted.put(name, e.getValue());
        }
        TreeMap<String, String> meta = null;
        if (metadata != null) {
            meta = new TreeMap<>(Header.UTF8_ORDER);
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("save: metadata keys and values must not be null");
                checkUnicode(e.getKey(), "metadata key");
                checkUnicode(e.getValue(), "metadata value");
                meta.put(e.getKey(), e.getValue());
            }
        }
        List<String> names = new ArrayList<>(sorted.keySet());
        List<Tensor> values = new ArrayList<>(sorted.values());
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : values) shapes.add(t.shape());
        byte[] header = Header.encode(names, shapes, meta);

        AtomicFile.write(file, out -> {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(header.length).flip();
            writeFully(out, buf);
            writeFully(out, ByteBuffer.wrap(header));
            for (Tensor t : values) {
                double[] d = t.data();   // x:[size], row-major
                for (int k = 0; k < t.size(); ) {
                    int count = Math.min(t.size() - k, CHUNK / 8);
                    buf.clear();
                    buf.asDoubleBuffer().put(d, k, count);   // raw bits: NaN payloads and -0.0 kept
                    buf.limit(count * 8);
                    writeFully(out, buf);
                    k += count;
                }
            }
        });
    }

    private static void checkUnicode(String s, String what) {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException("save: " + what + " " + Json.quoteForMessage(s) + " is not valid Unicode (lone surrogate)");
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) out.write(buf);
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads every tensor of a file.
     *
     * @param file a safetensors file with F64 and F32 tensors. Not modified.
     * @return name → tensor (F32 converted exactly to double), in the order of the data section
     * @throws SafetensorsException if the file is malformed or holds another dtype
     * @throws IOException          if it cannot be read
     */
    public static Map<String, Tensor> load(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Opened f = readHeader(in);
            Header h = f.header;
            Map<String, Tensor> out = new LinkedHashMap<>();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (Header.Entry e : h.entries) {
                // Allocation is safe here: the header's claims were checked against the file's size.
                double[] d = new double[e.elements()];
                int width = e.dtype().bytes;
                long pos = f.dataStart + e.begin();
                for (int k = 0; k < d.length; ) {
                    int count = Math.min(d.length - k, CHUNK / width);
                    buf.clear().limit(count * width);
                    readFully(in, buf, pos, e.name());
                    buf.flip();
                    if (e.dtype() == Header.Dtype.F64) {
                        buf.asDoubleBuffer().get(d, k, count);
                    } else {
                        for (int j = 0; j < count; j++) d[k + j] = buf.getFloat();   // float → double is exact
                    }
                    pos += (long) count * width;
                    k += count;
                }
                out.put(e.name(), Tensor.wrap(d, e.shape()));
            }
            return out;
        }
    }

    /**
     * The {@code __metadata__} strings of a file, without reading its tensors. The whole header
     * is still validated.
     *
     * @param file a safetensors file. Not modified.
     * @return key → value in file order; empty when the file has no {@code __metadata__}
     * @throws SafetensorsException if the file is malformed
     */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(in).header;
            return h.metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(h.metadata);
        }
    }

    /**
     * The shape of every tensor in a file, without reading the data (e.g. to check a file against
     * what its metadata describes before building anything that large). The whole header is validated.
     *
     * @param file a safetensors file. Not modified.
     * @return name → shape (a fresh array), in the order of the data section
     * @throws SafetensorsException if the file is malformed
     */
    public static Map<String, int[]> shapes(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Map<String, int[]> out = new LinkedHashMap<>();
            for (Header.Entry e : readHeader(in).header.entries) out.put(e.name(), e.shape().clone());
            return out;
        }
    }

    /** A validated header, and where the data section starts in the file. */
    private record Opened(Header header, long dataStart) {}

    /**
     * Reads and validates the header. Its length N is checked against the file's size and the cap
     * before the N bytes are allocated.
     */
    private static Opened readHeader(FileChannel in) throws IOException {
        long size = in.size();
        if (size < 8) throw new SafetensorsException("file is " + size + " bytes, too short to hold the 8-byte header length");
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, b, 0, null);
        long n = b.flip().getLong();   // unsigned: a negative long is ≥ 2⁶³
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsException("header length " + Long.toUnsignedString(n) + " is over the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n == 0) throw new SafetensorsException("header length is 0; even an empty header is \"{}\"");
        if (n > size - 8) {
            throw new SafetensorsException("header length " + n + " runs past the end of the file (" + size + " bytes)");
        }
        b = ByteBuffer.allocate((int) n);   // n ≤ 100 MB and really in the file
        readFully(in, b, 8, null);
        b.flip();
        CharBuffer json = CharBuffer.allocate((int) n);   // UTF-8 never decodes to more chars than bytes
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();   // reports malformed input, replaces nothing
        if (utf8.decode(b, json, true).isError() || utf8.flush(json).isError()) {
            throw new SafetensorsException("header is not valid UTF-8 (at byte " + (8 + b.position()) + " of the file)");
        }
        return new Opened(Header.parse(json.flip().toString(), size - 8 - n), 8 + n);
    }

    /** Fills {@code buf} from {@code pos}; a file that ends first is reported, never a hang or a short read. */
    private static void readFully(FileChannel in, ByteBuffer buf, long pos, String tensor) throws IOException {
        while (buf.hasRemaining()) {
            int r = in.read(buf, pos);
            if (r < 0) {
                throw new SafetensorsException("file ended early" + (tensor == null ? "" : " inside tensor " + Json.quoteForMessage(tensor))
                        + "; was it changed while being read?");
            }
            pos += r;
        }
    }
}
