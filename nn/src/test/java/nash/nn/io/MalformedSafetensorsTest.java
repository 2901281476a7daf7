package nash.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nash.core.Tensor;

/**
 * Every malformed file is one {@link SafetensorsException} whose message says what is wrong,
 * never an OutOfMemoryError, an index error or a hang. Files are built byte by byte here.
 */
class MalformedSafetensorsTest {

    @TempDir Path dir;

    /** The 8-byte little-endian length N, then the given header bytes, then the data section. */
    static byte[] file(long n, byte[] header, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n).put(header);
        return b.array();
    }

    /** A file whose header is {@code json} (its true length) followed by {@code dataBytes} zero bytes. */
    static byte[] json(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return file(h.length, h, dataBytes);
    }

    /** One tensor "a" with the given fields' JSON. */
    static byte[] tensor(String fields, int dataBytes) { return json("{\"a\":{" + fields + "}}", dataBytes); }

    static final String A = "\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]";
    static final String B = "\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]";

    static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return out;
    }

    static byte[] withHeaderBytes(byte[] middle) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes("{\"__metadata__\":{\"k\":\"".getBytes(StandardCharsets.UTF_8));
        h.writeBytes(middle);
        h.writeBytes("\"}}".getBytes(StandardCharsets.UTF_8));
        byte[] hb = h.toByteArray();
        return file(hb.length, hb, 0);
    }

    static Arguments c(String name, byte[] file, String fragment) { return Arguments.of(name, file, fragment); }

    static Stream<Arguments> cases() {
        String rank65 = "1" + ",1".repeat(64);
        return Stream.of(
                // header length
                c("empty file", new byte[0], "too short"),
                c("7-byte file", new byte[7], "too short"),
                c("header length 0", file(0, new byte[0], 8), "header length is 0"),
                c("header length 2^64-1", file(-1, new byte[0], 8), "18446744073709551615 is over the limit"),
                c("header length just over the cap", file(100_000_001, new byte[0], 8), "over the limit"),
                c("header length 1 GB in a tiny file", file(1L << 30, "{}".getBytes(StandardCharsets.UTF_8), 0), "1073741824 is over the limit"),
                c("header length past end of file", file(50, "{}      ".getBytes(StandardCharsets.UTF_8), 0), "runs past the end of the file"),
                c("header length 99 MB past end of file", file(99_000_000, "{}".getBytes(StandardCharsets.UTF_8), 0), "runs past the end"),
                // UTF-8
                c("invalid UTF-8 byte", withHeaderBytes(bytes(0xff)), "not valid UTF-8 (at byte 30 of the file)"),
                c("overlong UTF-8", withHeaderBytes(bytes(0xc0, 0xaf)), "not valid UTF-8"),
                c("UTF-8-encoded surrogate", withHeaderBytes(bytes(0xed, 0xa0, 0x80)), "not valid UTF-8"),
                c("truncated UTF-8 sequence", withHeaderBytes(bytes(0xe2, 0x82)), "not valid UTF-8"),
                // JSON syntax
                c("whitespace-only header", json("        ", 0), "unexpected end of header"),
                c("unterminated object", json("{", 0), "unexpected end of header"),
                c("unterminated after member", json("{\"a\":{" + A + "}", 16), "unexpected end of header inside the header"),
                c("trailing comma in object", json("{\"a\":{" + A + "},}", 16), "trailing comma before '}'"),
                c("trailing comma in array", tensor("\"dtype\":\"F64\",\"shape\":[2,],\"data_offsets\":[0,16]", 16), "trailing comma before ']'"),
                c("single-quoted key", json("{'a':1}", 0), "expected a string key but found '''"),
                c("missing colon", json("{\"a\" {}}", 0), "expected ':' but found '{'"),
                c("missing comma", json("{\"a\":{" + A + "} \"b\":{" + B + "}}", 24), "expected ',' or '}' but found '\"'"),
                c("raw tab in a string", json("{\"a\tb\":{}}", 0), "raw control character U+0009"),
                c("invalid escape", json("{\"a\\x\":{}}", 0), "invalid escape '\\x'"),
                c("bad hex in \\u escape", json("{\"\\u12G4\":{}}", 0), "invalid hex digit 'G'"),
                c("truncated \\u escape", json("{\"\\u12", 0), "truncated \\u escape"),
                c("lone high surrogate escape", json("{\"__metadata__\":{\"k\":\"\\ud800\"}}", 0), "lone surrogate \\ud800"),
                c("lone low surrogate escape", json("{\"__metadata__\":{\"k\":\"\\udc00x\"}}", 0), "lone surrogate \\udc00"),
                c("unterminated string", json("{\"abc", 0), "unterminated string"),
                c("garbage after the object", json("{}x", 0), "unexpected 'x' after the header's closing '}'"),
                c("two objects", json("{}{}", 0), "unexpected '{' after the header's closing '}'"),
                c("NUL padding instead of spaces", json("{}\0\0\0\0\0\0", 0), "unexpected U+0000 after"),
                c("byte order mark", json("\uFEFF{}", 0), "unexpected U+FEFF"),
                c("leading zero", tensor("\"dtype\":\"F64\",\"shape\":[02],\"data_offsets\":[0,16]", 16), "leading zero"),
                c("bare minus", tensor("\"dtype\":\"F64\",\"shape\":[-],\"data_offsets\":[0,16]", 16), "invalid number"),
                c("NaN literal", tensor("\"dtype\":\"F64\",\"shape\":[NaN],\"data_offsets\":[0,16]", 16), "unexpected 'N', expected a value"),
                c("truncated literal", json("{\"__metadata__\":{\"k\":tru}}", 0), "unexpected 't', expected a value"),
                c("fraction without digits", tensor("\"dtype\":\"F64\",\"shape\":[2.],\"data_offsets\":[0,16]", 16), "no digits after '.'"),
                // structure
                c("top level array", json("[]", 0), "header must be a JSON object, got an array"),
                c("top level string", json("\"x\"", 0), "header must be a JSON object, got a string"),
                c("top level null", json("null", 0), "header must be a JSON object, got null"),
                c("tensor is an array", json("{\"a\":[1]}", 0), "tensor \"a\": expected an object with dtype, shape and data_offsets, got an array"),
                c("missing dtype", tensor("\"shape\":[2],\"data_offsets\":[0,16]", 16), "tensor \"a\": missing field \"dtype\""),
                c("missing shape", tensor("\"dtype\":\"F64\",\"data_offsets\":[0,16]", 16), "tensor \"a\": missing field \"shape\""),
                c("missing data_offsets", tensor("\"dtype\":\"F64\",\"shape\":[2]", 16), "tensor \"a\": missing field \"data_offsets\""),
                c("unknown field", tensor(A + ",\"offsets\":[0,16]", 16), "tensor \"a\": unknown field \"offsets\""),
                c("duplicate field", tensor(A + ",\"dtype\":\"F64\"", 16), "duplicate key \"dtype\" in tensor \"a\""),
                c("dtype is a number", tensor("\"dtype\":64,\"shape\":[2],\"data_offsets\":[0,16]", 16), "tensor \"a\": dtype must be a string, got a number"),
                c("unknown dtype", tensor("\"dtype\":\"F65\",\"shape\":[2],\"data_offsets\":[0,16]", 16), "tensor \"a\": unknown dtype \"F65\""),
                c("lowercase dtype", tensor("\"dtype\":\"f64\",\"shape\":[2],\"data_offsets\":[0,16]", 16), "unknown dtype \"f64\""),
                c("unsupported dtype", tensor("\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]", 4), "tensor \"a\": dtype BF16 is not supported"),
                c("shape is a number", tensor("\"dtype\":\"F64\",\"shape\":2,\"data_offsets\":[0,16]", 16), "tensor \"a\": shape must be an array of integers, got a number"),
                c("shape holds a string", tensor("\"dtype\":\"F64\",\"shape\":[\"2\"],\"data_offsets\":[0,16]", 16), "shape must hold integers, got a string"),
                c("shape holds null", tensor("\"dtype\":\"F64\",\"shape\":[null],\"data_offsets\":[0,16]", 16), "shape must hold integers, got null"),
                c("shape holds a float", tensor("\"dtype\":\"F64\",\"shape\":[2.0],\"data_offsets\":[0,16]", 16), "shape holds 2.0, not an integer"),
                c("shape holds an exponent", tensor("\"dtype\":\"F64\",\"shape\":[2e0],\"data_offsets\":[0,16]", 16), "shape holds 2e0, not an integer"),
                c("negative dimension", tensor("\"dtype\":\"F64\",\"shape\":[-2],\"data_offsets\":[0,16]", 16), "tensor \"a\": shape holds negative number -2"),
                c("dimension past int", tensor("\"dtype\":\"F64\",\"shape\":[4294967296],\"data_offsets\":[0,16]", 16), "shape dimension 4294967296 is larger than a Java int"),
                c("dimension past long", tensor("\"dtype\":\"F64\",\"shape\":[9223372036854775808],\"data_offsets\":[0,16]", 16), "9223372036854775808, too large"),
                c("dimension of 40 digits", tensor("\"dtype\":\"F64\",\"shape\":[" + "9".repeat(40) + "],\"data_offsets\":[0,16]", 16), "too large"),
                c("shape [2^31, 2^31]", tensor("\"dtype\":\"F64\",\"shape\":[2147483648,2147483648],\"data_offsets\":[0,16]", 16), "shape dimension 2147483648 is larger"),
                c("shape [65536, 65536]", tensor("\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,34359738368]", 16), "has more elements than a Java array holds"),
                c("65 dimensions", tensor("\"dtype\":\"F64\",\"shape\":[" + rank65 + "],\"data_offsets\":[0,8]", 8), "more than 64 dimensions"),
                c("one offset", tensor("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16]", 16), "data_offsets must be [begin, end], got 1 number"),
                c("three offsets", tensor("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8,16]", 16), "got more than 2 numbers"),
                c("offsets null", tensor("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":null", 16), "data_offsets must be an array of integers, got null"),
                c("negative offset", tensor("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[-16,0]", 16), "data_offsets holds negative number -16"),
                c("end before begin", tensor("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,0]", 16), "data_offsets [16, 0] end before they begin"),
                c("size mismatch", tensor("\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]", 16), "hold 16 bytes but F64 of shape [3] needs 24"),
                c("F32 size mismatch", tensor("\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,24]", 24), "hold 24 bytes but F32 of shape [3] needs 12"),
                c("0-d needs one element", tensor("\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,0]", 0), "needs 8"),
                // where the data lie
                c("overlapping tensors", json("{\"a\":{" + A + "},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16),
                        "tensor \"b\": data_offsets [8, 16] overlap tensor \"a\" at [0, 16]"),
                c("same offsets twice", json("{\"a\":{" + A + "},\"b\":{" + A + "}}", 16), "overlap tensor \"a\""),
                c("empty tensor inside another", json("{\"a\":{" + A + "},\"e\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[8,8]}}", 16),
                        "tensor \"e\": data_offsets [8, 8] overlap"),
                c("hole at the start", tensor("\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]", 24), "bytes [0, 8) of the data section belong to no tensor (a hole before tensor \"a\")"),
                c("hole between tensors", json("{\"a\":{" + A + "},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[24,32]}}", 32),
                        "bytes [16, 24) of the data section belong to no tensor"),
                c("data past the end", tensor(A, 8), "tensor \"a\": data_offsets [0, 16] run past the end of the data section (8 bytes)"),
                c("1 GB tensor in a tiny file", tensor("\"dtype\":\"F64\",\"shape\":[134217728],\"data_offsets\":[0,1073741824]", 16),
                        "[0, 1073741824] run past the end"),
                c("trailing bytes", tensor(A, 17), "1 trailing byte after the last tensor"),
                c("data but no tensors", json("{}", 8), "8 trailing bytes"),
                c("duplicate tensor names", json("{\"a\":{" + A + "},\"a\":{" + B + "}}", 24), "duplicate key \"a\" in the header"),
                // __metadata__
                c("metadata is an array", json("{\"__metadata__\":[]}", 0), "__metadata__ must be an object of strings, got an array"),
                c("metadata value is a number", json("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ value for key \"k\" must be a string, got a number"),
                c("metadata value is null", json("{\"__metadata__\":{\"k\":null}}", 0), "value for key \"k\" must be a string, got null"),
                c("metadata value is a boolean", json("{\"__metadata__\":{\"k\":true}}", 0), "must be a string, got a boolean"),
                c("metadata value is an object", json("{\"__metadata__\":{\"k\":{}}}", 0), "must be a string, got an object"),
                c("duplicate metadata key", json("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0), "duplicate key \"k\" in __metadata__"),
                c("two __metadata__", json("{\"__metadata__\":{},\"__metadata__\":{}}", 0), "duplicate key \"__metadata__\" in the header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedFileIsOneClearException(String name, byte[] bytes, String fragment) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, bytes);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.load(f), name);
        assertTrue(e.getMessage().contains(fragment), () -> name + ": message \"" + e.getMessage() + "\" lacks \"" + fragment + "\"");
        SafetensorsException m = assertThrows(SafetensorsException.class, () -> Safetensors.metadata(f), name);
        assertEquals(e.getMessage(), m.getMessage());
    }

    @Test
    void thereAreAtLeastFortyCases() {
        assertTrue(cases().count() >= 40);
    }

    @Test
    void hugeClaimsInTinyFilesFailFastWithoutAllocating() throws IOException {
        List<byte[]> files = List.of(
                file(1L << 30, new byte[0], 0),
                file(99_999_999, "{}".getBytes(StandardCharsets.UTF_8), 0),
                tensor("\"dtype\":\"F64\",\"shape\":[134217728],\"data_offsets\":[0,1073741824]", 0),
                tensor("\"dtype\":\"F64\",\"shape\":[268435455],\"data_offsets\":[0,2147483640]", 8));
        for (byte[] bytes : files) {
            Path f = dir.resolve("huge.safetensors");
            Files.write(f, bytes);
            long used = usedHeap();
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(SafetensorsException.class, () -> Safetensors.load(f)));
            assertTrue(usedHeap() - used < 64L << 20, "a rejected file made the heap grow by 64 MB or more");
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Cuts and corruptions of a valid file: each loads or fails with SafetensorsException, nothing else. */
    @Test
    void truncatedAndCorruptedFilesNeverThrowAnythingElse() throws IOException {
        Path good = dir.resolve("good.safetensors");
        Safetensors.save(Map.of("w", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), "s", Tensor.scalar(3), "e", Tensor.zeros(0)),
                Map.of("format", "pt"), good);
        byte[] valid = Files.readAllBytes(good);
        List<byte[]> variants = new ArrayList<>();
        for (int n = 0; n < valid.length; n++) variants.add(Arrays.copyOf(valid, n));
        SplittableRandom rnd = new SplittableRandom(42);
        for (int k = 0; k < 1500; k++) {
            byte[] b = valid.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int j = 0; j < flips; j++) {
                int at = rnd.nextInt(b.length);
                b[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) "{}[]\",:0123456789 -eE.\\u".charAt(rnd.nextInt(24));
            }
            variants.add(b);
        }
        Path f = dir.resolve("variant.safetensors");
        for (byte[] b : variants) {
            Files.write(f, b);
            try {
                Safetensors.load(f);
            } catch (SafetensorsException expected) {
                // fine: the one exception type
            } catch (Throwable t) {
                fail("unexpected " + t + " for " + new String(b, StandardCharsets.ISO_8859_1), t);
            }
        }
    }
}
