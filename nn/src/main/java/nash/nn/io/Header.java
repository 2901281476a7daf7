package nash.nn.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file: what each tensor is and where its bytes lie.
 *
 * <pre>
 * {"__metadata__":{"format":"pt"},                                    optional, string → string
 *  "bias":{"dtype":"F64","shape":[3],"data_offsets":[0,24]},          offsets relative to the data section
 *  "weight":{"dtype":"F64","shape":[3,2],"data_offsets":[24,72]}}     padded with spaces to a multiple of 8
 * </pre>
 *
 * {@link #parse} reads it strictly and checks every claim against the data section's real length
 * before anyone allocates for it; {@link #encode} writes it byte for byte as Python's
 * {@code safetensors} (0.4 to 0.8) does.
 */
final class Header {

    /** The element types Nash reads. Writing is always F64. */
    enum Dtype {
        F64(8), F32(4);
        final int bytes;
        Dtype(int bytes) { this.bytes = bytes; }
    }

    /** Dtypes of the format that Nash does not read: named as such, not as "unknown". */
    private static final Set<String> UNSUPPORTED = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "I16", "U16",
            "F16", "BF16", "I32", "U32", "I64", "U64", "C64", "F4", "F6_E2M3", "F6_E3M2");

    /** Beyond numpy's 64 and PyTorch's limits: more is a corrupt header, not a tensor. */
    static final int MAX_RANK = 64;
    /** The most elements a Java array holds on common JVMs. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** One tensor: its data are bytes [begin, end) of the data section. */
    record Entry(String name, Dtype dtype, int[] shape, int elements, long begin, long end) {}

    /** Tensors in data order (which is file order); never null. */
    final List<Entry> entries;
    /** The {@code __metadata__} map in file order, or null when the header has none. */
    final Map<String, String> metadata;

    private Header(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Parses and validates a header.
     *
     * @param json      the header, decoded from strict UTF-8. Not modified.
     * @param dataBytes the length of the data section (file size − 8 − header length)
     * @throws SafetensorsException on invalid JSON, a schema violation, or offsets that do not tile
     *                              [0, dataBytes) exactly
     */
    static Header parse(String json, long dataBytes) throws SafetensorsException {
        Json in = new Json(json);
        Json.Kind top = in.peek();
        if (top != Json.Kind.OBJECT) throw new SafetensorsException("header must be a JSON object, got " + top.article);
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        boolean[] hasMetadata = {false};
        in.object("the header", key -> {
            if (key.equals("__metadata__")) {
                readMetadata(in, metadata);
                hasMetadata[0] = true;
            } else {
                entries.add(readEntry(in, key));
            }
        });
        in.expectEnd();
        // Writers put data in their own order (dtype, then name); the offsets say where it is.
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkTiling(entries, dataBytes);
        return new Header(List.copyOf(entries), hasMetadata[0] ? metadata : null);
    }

    /** Reads the {@code __metadata__} object into {@code m}. */
    private static void readMetadata(Json in, Map<String, String> m) throws SafetensorsException {
        Json.Kind k = in.peek();
        if (k != Json.Kind.OBJECT) throw new SafetensorsException("__metadata__ must be an object of strings, got " + k.article);
        in.object("__metadata__", key -> {
            Json.Kind v = in.peek();
            if (v != Json.Kind.STRING) {
                throw new SafetensorsException("__metadata__ value for key " + Json.quoteForMessage(key) + " must be a string, got " + v.article);
            }
            m.put(key, in.string());
        });
    }

    /** The fields of one tensor's object, as read. */
    private static final class Fields {
        Dtype dtype;
        long[] shape, offsets;
    }

    private static Entry readEntry(Json in, String name) throws SafetensorsException {
        String where = "tensor " + Json.quoteForMessage(name);
        Json.Kind k = in.peek();
        if (k != Json.Kind.OBJECT) throw new SafetensorsException(where + ": expected an object with dtype, shape and data_offsets, got " + k.article);
        Fields f = new Fields();
        in.object(where, field -> {
            switch (field) {
                case "dtype": f.dtype = readDtype(in, where); break;
                case "shape": f.shape = readIntegers(in, where, "shape", MAX_RANK); break;
                case "data_offsets": f.offsets = readIntegers(in, where, "data_offsets", 2); break;
                default: throw new SafetensorsException(where + ": unknown field " + Json.quoteForMessage(field));
            }
        });
        if (f.dtype == null) throw new SafetensorsException(where + ": missing field \"dtype\"");
        if (f.shape == null) throw new SafetensorsException(where + ": missing field \"shape\"");
        if (f.offsets == null) throw new SafetensorsException(where + ": missing field \"data_offsets\"");
        Dtype dtype = f.dtype;
        long[] dims = f.shape, offsets = f.offsets;

        int[] shape = new int[dims.length];
        boolean empty = false;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] > Integer.MAX_VALUE) throw new SafetensorsException(where + ": shape dimension " + dims[d] + " is larger than a Java int");
            shape[d] = (int) dims[d];
            empty |= dims[d] == 0;
        }
        long elements = empty ? 0 : 1;
        for (int d = 0; d < dims.length && !empty; d++) {   // factors < 2³¹, running product ≤ MAX_ELEMENTS: no overflow
            elements *= dims[d];
            if (elements > MAX_ELEMENTS) {
                throw new SafetensorsException(where + ": shape " + Arrays.toString(dims) + " has more elements than a Java array holds");
            }
        }
        if (offsets.length != 2) {
            throw new SafetensorsException(where + ": data_offsets must be [begin, end], got " + offsets.length + " numbers");
        }
        long begin = offsets[0], end = offsets[1];
        if (begin > end) throw new SafetensorsException(where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        long need = elements * dtype.bytes;
        if (end - begin != need) {
            throw new SafetensorsException(where + ": data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes but " + dtype + " of shape " + Arrays.toString(dims) + " needs " + need);
        }
        return new Entry(name, dtype, shape, (int) elements, begin, end);
    }

    private static Dtype readDtype(Json in, String where) throws SafetensorsException {
        Json.Kind k = in.peek();
        if (k != Json.Kind.STRING) throw new SafetensorsException(where + ": dtype must be a string, got " + k.article);
        String s = in.string();
        for (Dtype d : Dtype.values()) if (d.name().equals(s)) return d;
        if (UNSUPPORTED.contains(s)) throw new SafetensorsException(where + ": dtype " + s + " is not supported (Nash reads F64 and F32)");
        throw new SafetensorsException(where + ": unknown dtype " + Json.quoteForMessage(s));
    }

    /** An array of at most {@code max} non-negative integers, each at most 2⁶³−1. */
    private static long[] readIntegers(Json in, String where, String field, int max) throws SafetensorsException {
        Json.Kind k = in.peek();
        if (k != Json.Kind.ARRAY) throw new SafetensorsException(where + ": " + field + " must be an array of integers, got " + k.article);
        in.expect('[');
        long[] out = new long[max];
        int n = 0;
        in.skipWhitespace();
        if (in.peekIs(']')) {
            in.expect(']');
            return new long[0];
        }
        while (true) {
            Json.Kind v = in.peek();
            if (v != Json.Kind.NUMBER) throw new SafetensorsException(where + ": " + field + " must hold integers, got " + v.article);
            String text = in.number();
            if (n == max) {
                throw new SafetensorsException(where + ": " + field + (max == 2 ? " must be [begin, end], got more than 2 numbers" : " has more than " + max + " dimensions"));
            }
            out[n++] = nonNegative(text, where, field);
            in.skipWhitespace();
            if (in.peekIs(']')) {
                in.expect(']');
                return Arrays.copyOf(out, n);
            }
            in.expect(',');
            in.skipWhitespace();
            if (in.peekIs(']')) throw in.syntaxError("trailing comma before ']'");
        }
    }

    private static long nonNegative(String text, String where, String field) throws SafetensorsException {
        if (text.startsWith("-")) throw new SafetensorsException(where + ": " + field + " holds negative number " + text);
        if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            throw new SafetensorsException(where + ": " + field + " holds " + text + ", not an integer");
        }
        // At most 19 digits parse without overflow checks failing silently; more is too large anyway.
        if (text.length() > 19) throw new SafetensorsException(where + ": " + field + " holds " + shorten(text) + ", too large");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new SafetensorsException(where + ": " + field + " holds " + text + ", too large");
        }
    }

    private static String shorten(String t) { return t.length() <= 30 ? t : t.substring(0, 30) + "…"; }

    /** Offsets, sorted, must cover [0, dataBytes) exactly once: no hole, no overlap, nothing past the end or left over. */
    private static void checkTiling(List<Entry> entries, long dataBytes) throws SafetensorsException {
        long at = 0;
        Entry prev = null;
        for (Entry e : entries) {
            if (e.end > dataBytes) {
                throw new SafetensorsException(tensor(e) + ": data_offsets [" + e.begin + ", " + e.end + "] run past the end of the data section ("
                        + dataBytes + " bytes)");
            }
            if (e.begin < at) {
                throw new SafetensorsException(tensor(e) + ": data_offsets [" + e.begin + ", " + e.end + "] overlap " + tensor(prev)
                        + " at [" + prev.begin + ", " + prev.end + "]");
            }
            if (e.begin > at) {
                throw new SafetensorsException("bytes [" + at + ", " + e.begin + ") of the data section belong to no tensor (a hole before "
                        + tensor(e) + ")");
            }
            at = e.end;
            prev = e;
        }
        if (at != dataBytes) {
            long extra = dataBytes - at;
            throw new SafetensorsException(extra + (extra == 1 ? " trailing byte" : " trailing bytes") + " after the last tensor (the data section has "
                    + dataBytes + " bytes, the tensors cover " + at + ")");
        }
    }

    private static String tensor(Entry e) { return "tensor " + Json.quoteForMessage(e.name); }

    // ------------------------------------------------------------------ writing

    /**
     * The header bytes for F64 tensors, as Python's {@code safetensors} writes them: tensors sorted
     * by dtype (all F64 here) then by name in UTF-8 byte order, their data in that order;
     * {@code __metadata__} first when given; the JSON padded with spaces to a multiple of 8.
     *
     * @param names    tensor names, already sorted with {@link #UTF8_ORDER}. Not modified.
     * @param shapes   their shapes. Not modified.
     * @param metadata the metadata in the order to write it, or null for none. Not modified.
     */
    static byte[] encode(List<String> names, List<int[]> shapes, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder("{");
        if (metadata != null) {
            sb.append("\"__metadata__\":{");
            String sep = "";
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                sb.append(sep);
                Json.quote(sb, m.getKey());
                sb.append(':');
                Json.quote(sb, m.getValue());
                sep = ",";
            }
            sb.append('}');
            if (!names.isEmpty()) sb.append(',');
        }
        long offset = 0;
        for (int t = 0; t < names.size(); t++) {
            int[] shape = shapes.get(t);
            long bytes = 8L * elements(shape);
            if (t > 0) sb.append(',');
            Json.quote(sb, names.get(t));
            sb.append(":{\"dtype\":\"F64\",\"shape\":[");
            for (int d = 0; d < shape.length; d++) sb.append(d > 0 ? "," : "").append(shape[d]);
            sb.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);   // data starts 8-byte aligned
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Rust's order on strings: unsigned bytes of the UTF-8 encoding (Java's compareTo differs beyond U+FFFF). */
    static final Comparator<String> UTF8_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
}
