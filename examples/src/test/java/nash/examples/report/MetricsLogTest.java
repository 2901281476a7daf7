package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    static MetricsLog sample() {
        var log = new MetricsLog();
        var s0 = new LinkedHashMap<String, Double>();
        s0.put("loss_d", 1.3862943611198906);
        s0.put("loss_g", 0.6931471805599453);
        log.log(0, s0);
        log.log(10, Map.of("loss_d", 1.2, "loss_g", Double.NaN));
        log.log(10, "FID", 123.456);                  // same step: same row
        log.log(5, Map.of("loss_d", 0.1));            // out of order: sorted
        log.log(20, Map.of("a,\"b\"", 1e-300));       // a name that needs quoting
        return log;
    }

    @Test void rowsMergeAndSortByStep() {
        var log = sample();
        assertArrayEquals(new long[] {0, 5, 10, 20}, log.steps());
        assertEquals(List.of("loss_d", "loss_g", "FID", "a,\"b\""), log.columns());
        assertEquals(Map.of("loss_d", 1.2, "loss_g", Double.NaN, "FID", 123.456), log.row(10));
        Series d = log.series("loss_d");
        assertArrayEquals(new long[] {0, 5, 10}, d.steps());
        assertArrayEquals(new double[] {1.3862943611198906, 0.1, 1.2}, d.values());
        assertEquals(1.2, log.last("loss_d"));
        assertNull(log.last("nothing"));
        var e = assertThrows(IllegalArgumentException.class, () -> log.series("loss"));
        assertTrue(e.getMessage().contains("no column \"loss\"") && e.getMessage().contains("loss_d"), e.getMessage());
    }

    @Test void csvRoundTrips(@TempDir Path dir) throws Exception {
        var log = sample();
        Path file = dir.resolve("metrics.csv");
        log.writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals("step,loss_d,loss_g,FID,\"a,\"\"b\"\"\"", lines.get(0));
        assertEquals("0,1.3862943611198906,0.6931471805599453,,", lines.get(1));
        assertEquals("5,0.1,,,", lines.get(2));
        assertEquals("10,1.2,NaN,123.456,", lines.get(3));
        assertEquals("20,,,,1.0E-300", lines.get(4));
        assertEquals(1e-300, Double.parseDouble(lines.get(4).split(",")[4]));
    }

    @SuppressWarnings("unchecked")
    @Test void jsonParsesAndHoldsTheSameNumbers(@TempDir Path dir) throws Exception {
        var log = sample();
        var finals = new LinkedHashMap<String, Number>();
        finals.put("modes covered", 8);
        finals.put("FID", 21.5);
        finals.put("KL", Double.POSITIVE_INFINITY);
        Path file = dir.resolve("metrics.json");
        log.writeJson(file, finals);
        String text = Files.readString(file);
        var root = (Map<String, Object>) MiniJson.parse(text);
        assertEquals(List.of("steps", "series", "final"), List.copyOf(root.keySet()));
        assertEquals(List.of(0.0, 5.0, 10.0, 20.0), root.get("steps"));
        var series = (Map<String, List<Object>>) root.get("series");
        assertEquals(List.of("loss_d", "loss_g", "FID", "a,\"b\""), List.copyOf(series.keySet()));
        assertEquals(java.util.Arrays.asList(1.3862943611198906, 0.1, 1.2, null), series.get("loss_d"));
        assertEquals(java.util.Arrays.asList(0.6931471805599453, null, null, null), series.get("loss_g"));   // NaN → null
        assertEquals(java.util.Arrays.asList(null, null, null, 1e-300), series.get("a,\"b\""));
        var fin = (Map<String, Object>) root.get("final");
        assertEquals(8.0, fin.get("modes covered"));
        assertTrue(text.contains("\"modes covered\": 8"), "integers stay integers");
        assertNull(fin.get("KL"));
        assertTrue(fin.containsKey("KL"));

        // An empty log is valid JSON too.
        assertEquals(Map.of("steps", List.of(), "series", Map.of(), "final", Map.of()), MiniJson.parse(new MetricsLog().toJson(null)));
        pythonAgrees(file);
    }

    /** Python's json module, when there is one, also accepts the file. */
    static void pythonAgrees(Path file) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) return;
        var p = new ProcessBuilder(python.toString(), "-c", "import json,sys; json.load(open(sys.argv[1])); print('ok')", file.toString())
            .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "python finished");
        assertEquals("ok", new String(p.getInputStream().readAllBytes()).trim());
    }

    @Test void jsonEscapesNames() {
        String json = new MetricsLog().toJson(Map.of("tab\there \"quoted\" \\ \u0001", 1.5));
        @SuppressWarnings("unchecked")
        var fin = (Map<String, Object>) ((Map<String, Object>) MiniJson.parse(json)).get("final");
        assertEquals(1.5, fin.get("tab\there \"quoted\" \\ \u0001"));
    }

    @Test void badInputNamesTheFunctionAndTheValues() {
        var log = new MetricsLog();
        var e = assertThrows(IllegalArgumentException.class, () -> log.log(-1, Map.of("a", 1)));
        assertTrue(e.getMessage().contains("MetricsLog.log: step must be ≥ 0, got -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> log.log(1, Map.of("step", 1)));
        assertTrue(e.getMessage().contains("\"step\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.log(1, " ", 2));
        assertTrue(log.isEmpty(), "a rejected row leaves nothing behind");
    }
}
