package nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nash.core.Tensor;
import nash.nn.io.Safetensors;

/**
 * PyTorch's golden values (float64), made by {@code nn/src/test/python/make_golden.py} and kept in
 * {@code src/test/resources/golden/}: loading their cases, and the one tolerance Nash must meet.
 */
public final class Golden {

    /** Nash must match PyTorch elementwise to |a − b| ≤ TOL·max(1, |b|), b PyTorch's value. */
    public static final double TOL = 1e-10;

    private Golden() {}

    /** The error measured against {@link #TOL}: max over elements of |a − b| / max(1, |b|). */
    public static double relError(Tensor expected, Tensor actual) {
        double[] b = expected.data(), a = actual.data();
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            double e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
            worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(worst, e);
        }
        return worst;
    }

    /**
     * Asserts that {@code actual} has the shape of {@code expected} and is within {@link #TOL}.
     * Records the error under {@code group} in {@code worst}. Returns the error.
     */
    public static double assertClose(String what, Tensor expected, Tensor actual, String group, Map<String, Double> worst) {
        assertNotNull(actual, what + ": Nash has no value");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double err = relError(expected, actual);
        synchronized (worst) {
            worst.merge(group, err, Math::max);
        }
        assertTrue(err <= TOL, () -> what + ": relative error " + err + " > " + TOL + "\n  PyTorch " + Arrays.toString(expected.data())
                + "\n  Nash    " + Arrays.toString(actual.data()));
        return err;
    }

    /** Prints the worst error of each group: the numbers the fixtures are reported with. */
    public static void report(String title, Map<String, Double> worst) {
        StringBuilder sb = new StringBuilder(title + ": worst relative error against PyTorch (tolerance " + TOL + ")\n");
        new TreeMap<>(worst).forEach((k, v) -> sb.append(String.format("  %-28s %.2e%n", k, v)));
        System.out.print(sb);
    }

    /** The cases of {@code golden/<file>.safetensors}, in the order the script wrote them. */
    public static List<Case> load(String file) {
        URL url = Golden.class.getResource("/golden/" + file + ".safetensors");
        assertNotNull(url, "fixture golden/" + file + ".safetensors is missing: run nn/src/test/python/make_golden.py");
        try {
            Path path = Path.of(url.toURI());
            Map<String, Tensor> all = Safetensors.load(path);
            String cases = Safetensors.metadata(path).get("cases");
            assertNotNull(cases, file + ": no 'cases' metadata");
            List<Case> out = new ArrayList<>();
            for (String line : cases.split("\n")) {
                if (line.startsWith("#") || line.isBlank()) continue;
                int colon = line.indexOf(": ");
                String name = line.substring(0, colon);
                Map<String, Tensor> mine = new LinkedHashMap<>();
                all.forEach((k, v) -> { if (k.startsWith(name + ".")) mine.put(k.substring(name.length() + 1), v); });
                out.add(new Case(file + "/" + name, Config.parse(line.substring(colon + 2)), mine));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One case: its configuration and its tensors, keyed without the case's prefix. */
    public record Case(String name, Config config, Map<String, Tensor> tensors) {

        /** The tensor {@code what} (required). */
        public Tensor t(String what) {
            Tensor t = tensors.get(what);
            assertNotNull(t, name + ": no tensor '" + what + "'");
            return t;
        }

        public boolean has(String what) { return tensors.containsKey(what); }

        /** The tensors whose keys start with {@code prefix}, keyed by the rest. */
        public Map<String, Tensor> prefixed(String prefix) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            tensors.forEach((k, v) -> { if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v); });
            return out;
        }

        @Override public String toString() { return name; }
    }

    /**
     * "key=value" pairs. Remembers which keys were read, so that a test can require that every
     * setting the script gave PyTorch was also given to Nash.
     */
    public static final class Config {
        private final Map<String, String> values;
        private final Set<String> read;

        private Config(Map<String, String> values, Set<String> read) {
            this.values = values;
            this.read = read;
        }

        static Config parse(String s) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String kv : s.trim().split(" +")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return new Config(m, new HashSet<>());
        }

        /** A copy with {@code key} set to {@code value}; what the copy reads counts as read here too. */
        public Config with(String key, String value) {
            Map<String, String> m = new LinkedHashMap<>(values);
            m.put(key, value);
            return new Config(m, read);
        }

        public boolean has(String key) { return values.containsKey(key); }

        public String str(String key) {
            String v = values.get(key);
            assertNotNull(v, "config has no '" + key + "': " + values);
            read.add(key);
            return v;
        }

        public int i(String key) { return Integer.parseInt(str(key)); }

        public double d(String key) { return Double.parseDouble(str(key)); }

        public boolean bool(String key) {
            String v = str(key);
            assertTrue(v.equals("true") || v.equals("false"), key + "=" + v + " is not a boolean");
            return v.equals("true");
        }

        public int[] ints(String key) { return Arrays.stream(str(key).split(",")).mapToInt(Integer::parseInt).toArray(); }

        public double[] doubles(String key) { return Arrays.stream(str(key).split(",")).mapToDouble(Double::parseDouble).toArray(); }

        /** Asserts that every key was read: no setting of the PyTorch side was left out. */
        public void assertAllRead(String caseName) {
            Set<String> left = new HashSet<>(values.keySet());
            left.removeAll(read);
            assertEquals(Set.of(), left, caseName + ": settings not applied to Nash");
        }

        @Override public String toString() { return values.toString(); }
    }
}
