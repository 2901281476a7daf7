package nash.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nash.core.Rng;
import nash.core.Tensor;

/**
 * Safetensors against Python's own files (fixtures made by src/test/python/make_safetensors_fixtures.py)
 * and, when /usr/bin/python3 has the safetensors package, against Python itself.
 */
class SafetensorsTest {

    @TempDir Path dir;

    /** v(i, seed) of the fixture script: one correctly rounded division, the same double in Python and Java. */
    static double value(int i, int seed) { return ((37 * i + 11 * seed) % 101 - 50) / 7.0; }

    static double[] v(int n, int seed) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = value(i, seed);
        return d;
    }

    static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.MIN_NORMAL, 1.0 / 3};

    static Path fixture(String name) {
        try {
            return Path.of(SafetensorsTest.class.getResource(name + ".safetensors").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tensors of f64_torch.safetensors, in a hash map: the writer must find Python's order itself. */
    static Map<String, Tensor> torchF64() {
        Map<String, Tensor> m = new HashMap<>();
        m.put("layer.0.weight", Tensor.of(v(6, 1), 3, 2));
        m.put("layer.0.bias", Tensor.of(v(3, 2), 3));
        m.put("scalar", Tensor.scalar(value(0, 3)));
        m.put("empty", Tensor.zeros(0));
        m.put("empty_2x0x3", Tensor.zeros(2, 0, 3));
        m.put("special", Tensor.of(SPECIAL));
        m.put("cube", Tensor.of(v(24, 4), 2, 3, 4));
        m.put("Zeta", Tensor.of(v(1, 5), 1));
        return m;
    }

    static final String[] NAMES = {"é", "\uD83D\uDE00", "\uFF01", "q\"b\\s/", "ctl\n\t\u0001\u001f\u007f", "", "a"};

    static Map<String, Tensor> numpyNames() {
        Map<String, Tensor> m = new HashMap<>();
        for (int k = 0; k < NAMES.length; k++) m.put(NAMES[k], Tensor.of(v(2, k)));
        return m;
    }

    static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), what + "[" + i + "]");
        }
    }

    static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            assertArrayEquals(expected.get(k).shape(), actual.get(k).shape(), k);
            assertSameBits(expected.get(k).toArray(), actual.get(k).toArray(), k);
        }
    }

    // ------------------------------------------------------------------ Python's files, read by Nash

    @Test
    void loadsPythonF64ExactlyInFileOrder() throws IOException {
        Map<String, Tensor> t = Safetensors.load(fixture("f64_torch"));
        assertEquals(List.of("Zeta", "cube", "empty", "empty_2x0x3", "layer.0.bias", "layer.0.weight", "scalar", "special"),
                new ArrayList<>(t.keySet()));
        assertSameTensors(torchF64(), t);
        assertArrayEquals(new int[0], t.get("scalar").shape());
        assertEquals(value(0, 3), t.get("scalar").item());
        assertArrayEquals(new int[] {2, 0, 3}, t.get("empty_2x0x3").shape());
        assertEquals(Map.of("format", "pt"), Safetensors.metadata(fixture("f64_torch")));
    }

    @Test
    void shapesWithoutTheData() throws IOException {
        Map<String, int[]> s = Safetensors.shapes(fixture("f64_torch"));
        assertEquals(new ArrayList<>(Safetensors.load(fixture("f64_torch")).keySet()), new ArrayList<>(s.keySet()));
        assertArrayEquals(new int[] {2, 0, 3}, s.get("empty_2x0x3"));
        assertArrayEquals(new int[0], s.get("scalar"));
        assertArrayEquals(new int[] {0, 4}, Safetensors.shapes(fixture("f32_torch")).get("e"));
        assertTrue(Safetensors.shapes(fixture("metadata_only")).isEmpty());
    }

    @Test
    void loadsEscapedAndNonAsciiNames() throws IOException {
        Map<String, Tensor> t = Safetensors.load(fixture("f64_numpy_names"));
        assertSameTensors(numpyNames(), t);
        // UTF-8 byte order, as Rust sorts: U+FF01 before U+1F600, though Java's compareTo says otherwise.
        assertEquals(List.of("", "a", "ctl\n\t\u0001\u001f\u007f", "q\"b\\s/", "é", "\uFF01", "\uD83D\uDE00"), new ArrayList<>(t.keySet()));
        assertTrue(Safetensors.metadata(fixture("f64_numpy_names")).isEmpty());
    }

    @Test
    void loadsF32ConvertedExactly() throws IOException {
        Map<String, Tensor> t = Safetensors.load(fixture("f32_torch"));
        assertEquals(List.of("e", "s", "special", "w"), new ArrayList<>(t.keySet()));
        double[] w = v(6, 7);
        for (int i = 0; i < w.length; i++) w[i] = (float) w[i];
        assertSameBits(w, t.get("w").toArray(), "w");
        assertArrayEquals(new int[] {2, 3}, t.get("w").shape());
        assertEquals((double) (float) value(0, 8), t.get("s").item());
        assertArrayEquals(new int[0], t.get("s").shape());
        assertArrayEquals(new int[] {0, 4}, t.get("e").shape());
        assertSameBits(new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f},
                t.get("special").toArray(), "special");
        assertEquals(Map.of("format", "pt", "note", "float32 fixture"), Safetensors.metadata(fixture("f32_torch")));
    }

    @Test
    void mixedDtypesLoadInDataOrder() throws IOException {
        Map<String, Tensor> t = Safetensors.load(fixture("mixed_torch"));
        assertEquals(List.of("b_f64", "a_f32"), new ArrayList<>(t.keySet()));   // Python writes F64 data first
        assertSameBits(v(2, 10), t.get("b_f64").toArray(), "b_f64");
        assertSameBits(new double[] {(float) value(0, 9), (float) value(1, 9)}, t.get("a_f32").toArray(), "a_f32");
    }

    @Test
    void filesWithoutTensors() throws IOException {
        assertTrue(Safetensors.load(fixture("no_tensors")).isEmpty());
        assertTrue(Safetensors.metadata(fixture("no_tensors")).isEmpty());
        assertTrue(Safetensors.load(fixture("metadata_only")).isEmpty());
        assertEquals(Map.of("k", "v"), Safetensors.metadata(fixture("metadata_only")));
    }

    // ------------------------------------------------------------------ Nash writes Python's bytes

    @Test
    void savingTheSameTensorsWritesPythonsBytes() throws IOException {
        assertBytes("f64_torch", torchF64(), Map.of("format", "pt"));
        assertBytes("f64_numpy_names", numpyNames(), null);
        assertBytes("f64_empty_metadata", Map.of("x", Tensor.of(v(3, 6))), Map.of());
        assertBytes("no_tensors", Map.of(), null);
        assertBytes("metadata_only", Map.of(), Map.of("k", "v"));
    }

    private void assertBytes(String fixture, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path out = dir.resolve(fixture + ".safetensors");
        Safetensors.save(tensors, metadata, out);
        assertArrayEquals(Files.readAllBytes(fixture(fixture)), Files.readAllBytes(out), fixture);
    }

    @Test
    void roundTripKeepsShapesAndBits() throws IOException {
        Rng rng = new Rng(7);
        Map<String, Tensor> m = new LinkedHashMap<>();
        int[][] shapes = {{}, {0}, {1}, {17}, {3, 5}, {2, 3, 4}, {1, 1, 1, 1}, {4, 0}, {9000}};   // 9000·8 B crosses the 64 KiB buffer
        for (int s = 0; s < shapes.length; s++) m.put("t" + s, Tensor.randn(rng, shapes[s]));
        m.put("special", Tensor.of(SPECIAL));
        m.put("nan payload", Tensor.of(new double[] {Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.longBitsToDouble(0xfff8_dead_beef_0000L)}));
        Path f = dir.resolve("rt.safetensors");
        Safetensors.save(m, Map.of("b", "2", "a", "1\n\"é\""), f);
        assertSameTensors(m, Safetensors.load(f));
        assertEquals(Map.of("a", "1\n\"é\"", "b", "2"), Safetensors.metadata(f));
    }

    @Test
    void metadataKeysAreWrittenInOneOrderWhateverTheMap() throws IOException {
        Map<String, String> one = new LinkedHashMap<>(), two = new LinkedHashMap<>();
        one.put("z", "1");
        one.put("a", "2");
        two.put("a", "2");
        two.put("z", "1");
        Path f1 = dir.resolve("1.safetensors"), f2 = dir.resolve("2.safetensors");
        Safetensors.save(Map.of("x", Tensor.scalar(1)), one, f1);
        Safetensors.save(Map.of("x", Tensor.scalar(1)), two, f2);
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2));
        assertEquals(List.of("a", "z"), new ArrayList<>(Safetensors.metadata(f1).keySet()));
    }

    @Test
    void emptyMetadataWithoutTensorsIsValidJson() throws IOException {
        // Python 0.8.0 writes '{},"__metadata__":{}}' here, which its own reader rejects; Nash writes valid JSON.
        Path f = dir.resolve("m.safetensors");
        Safetensors.save(Map.of(), Map.of(), f);
        String header = new String(Files.readAllBytes(f), 8, 24, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{}}     ", header);
        assertTrue(Safetensors.load(f).isEmpty());
    }

    @Test
    void badArgumentsWriteNothing() throws IOException {
        Path f = dir.resolve("a.safetensors");
        Map<String, Tensor> nullTensor = new HashMap<>();
        nullTensor.put("x", null);
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(nullTensor, f));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(Map.of("__metadata__", Tensor.scalar(1)), f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.save(Map.of("bad\uD800", Tensor.scalar(1)), f));
        assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(Map.of(), Map.of("k", "\uDC00"), f));
        assertEquals(List.of(), list(dir));
    }

    // ------------------------------------------------------------------ atomic replacement

    @Test
    void saveReplacesTheFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Safetensors.save(Map.of("a", Tensor.scalar(1)), f);
        Safetensors.save(Map.of("b", Tensor.of(v(3, 1))), f);
        assertEquals(List.of("b"), new ArrayList<>(Safetensors.load(f).keySet()));
        assertEquals(List.of("model.safetensors"), list(dir));
    }

    @Test
    void failedSaveLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Safetensors.save(torchF64(), f);
        byte[] before = Files.readAllBytes(f);
        // Fails after checking its arguments: nothing touched.
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(Map.of("__metadata__", Tensor.scalar(1)), f));
        assertArrayEquals(before, Files.readAllBytes(f));
        // Fails at the rename, after the whole temporary was written: the target is a non-empty directory.
        Path busy = dir.resolve("busy");
        Files.createDirectories(busy.resolve("inside"));
        assertThrows(IOException.class, () -> Safetensors.save(torchF64(), busy));
        assertTrue(Files.isDirectory(busy.resolve("inside")));
        // Fails to create the temporary: no such directory.
        assertThrows(IOException.class, () -> Safetensors.save(torchF64(), dir.resolve("missing/model.safetensors")));
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(List.of("busy", "model.safetensors"), list(dir));
    }

    static List<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    // ------------------------------------------------------------------ Python reads Nash's files

    private static final String PYTHON = "/usr/bin/python3";

    /** Runs Python with a script and arguments: its standard output, or its exit code and standard error. */
    private String python(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "python", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);   // ends when Python does
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + Files.readString(err);
    }

    private boolean pythonHasSafetensors() {
        if (!Files.isExecutable(Path.of(PYTHON))) return false;
        try {
            return "ok\n".equals(python("import safetensors.torch, torch; print('ok')"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void pythonLoadsNashFilesWithTorch() throws Exception {
        assumeTrue(pythonHasSafetensors(), "/usr/bin/python3 cannot import safetensors.torch and torch");
        Map<String, Tensor> m = new LinkedHashMap<>(torchF64());
        m.putAll(numpyNames());
        m.put("big", Tensor.randn(new Rng(3), 100, 99));
        Map<String, String> meta = Map.of("format", "pt", "note", "ünïcode \"quoted\"\n");
        Path f = dir.resolve("nash.safetensors");
        Safetensors.save(m, meta, f);

        String script = String.join("\n",
                "import sys, torch, safetensors, safetensors.torch as st",
                "t = st.load_file(sys.argv[1])",
                "for k in sorted(t, key=lambda s: s.encode()):",
                "    x = t[k]",
                "    bits = x.reshape(-1).numpy().view('uint64').tolist()",
                "    print(k.encode().hex(), x.dtype, list(x.shape), ' '.join('%016x' % b for b in bits))",
                "with safetensors.safe_open(sys.argv[1], 'pt') as f:",
                "    for k, v in sorted(f.metadata().items()):",
                "        print('meta', k.encode().hex(), v.encode().hex())");
        StringBuilder expected = new StringBuilder();
        List<String> names = new ArrayList<>(m.keySet());
        names.sort(Header.UTF8_ORDER);
        for (String k : names) {
            Tensor t = m.get(k);
            expected.append(hex(k)).append(" torch.float64 ").append(java.util.Arrays.toString(t.shape())).append(' ');
            double[] d = t.toArray();
            for (int i = 0; i < d.length; i++) expected.append(i > 0 ? " " : "").append(String.format("%016x", Double.doubleToRawLongBits(d[i])));
            expected.append('\n');
        }
        meta.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> expected.append("meta ").append(hex(e.getKey())).append(' ').append(hex(e.getValue())).append('\n'));
        assertEquals(expected.toString(), python(script, f.toString()));
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%02x", b & 0xff));
        return sb.toString();
    }
}
