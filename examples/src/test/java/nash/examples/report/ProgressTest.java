package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test void plainModePrintsALineEveryNStepsWithoutEscapeCodes() {
        var bytes = new ByteArrayOutputStream();
        var clock = new AtomicLong();
        try (var p = Progress.plain("train", 1000, 250, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get)) {
            for (int step = 1; step <= 1000; step++) {
                clock.addAndGet(10_000_000);           // 10 ms a step: 100 steps/s
                var stats = new LinkedHashMap<String, Double>();
                stats.put("loss_d", 1.3862943);
                stats.put("loss_g", 0.69314718);
                stats.put("D(x)", 0.5);
                stats.put("D(G(z))", 0.25);
                p.update(step, stats);
            }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\u001b"), "no ANSI escape codes");
        assertFalse(out.contains("\r"), "no carriage returns");
        String[] lines = out.split("\n");
        assertEquals(5, lines.length, out);            // 250, 500, 750, 1000, done
        assertEquals("train  step 250/1,000 (25%)  100.0 steps/s  ETA 7s  loss_d 1.386  loss_g 0.6931  D(x) 0.5  D(G(z)) 0.25", lines[0]);
        assertTrue(lines[3].startsWith("train  step 1,000/1,000 (100%)  100.0 steps/s  loss_d"), lines[3]);
        assertEquals("train  done: 1,000 steps in 10s  (100.0 steps/s)", lines[4]);
    }

    @Test void aResumedRunCountsOnlyItsOwnSteps() {
        // resumed at 500 of 1000: 250 steps at 10 ms is 100 steps/s with 2.5 s to go (was: 750 steps in 2.5 s, 300 steps/s)
        var bytes = new ByteArrayOutputStream();
        var clock = new AtomicLong();
        try (var p = Progress.plain("train", 1000, 250, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get)) {
            p.from(500);
            for (int step = 501; step <= 1000; step++) {
                clock.addAndGet(10_000_000);
                p.update(step, null);
            }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("train  step 750/1,000 (75%)  100.0 steps/s  ETA 2s", lines[0]);
        assertEquals("train  done: 500 steps in 5s  (100.0 steps/s)", lines[2]);
    }

    @Test void closingEarlyPrintsTheLastStep() {
        var bytes = new ByteArrayOutputStream();
        var clock = new AtomicLong();
        var p = Progress.plain("sample", 100, 50, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get);
        clock.set(3_000_000_000L);
        p.update(30, Map.of());
        p.close();
        p.close();                                     // twice is fine
        p.update(31, Map.of());                        // after close: ignored
        assertEquals("sample  step 30/100 (30%)  10.0 steps/s  ETA 7s\nsample  done: 30 steps in 3s  (10.0 steps/s)\n",
                     bytes.toString(StandardCharsets.UTF_8));
    }

    @Test void startChoosesPlainLinesWhenNotOnATerminal() {
        // Tests run with output captured: no terminal, so this must not draw a bar.
        assertFalse(Progress.isTerminal());
        PrintStream old = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (var p = Progress.start("train", 4)) {
            for (int i = 1; i <= 4; i++) p.update(i, Map.of("loss", 1.0));
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("train  step 1/4 (25%)"), out);
        assertFalse(out.contains("\u001b"));
    }

    @Test void badInputNamesTheFunctionAndTheValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> Progress.plain("train", 0, 1, System.out));
        assertTrue(e.getMessage().contains("Progress(\"train\"): need totalSteps ≥ 1 and logEvery ≥ 1, got 0 and 1"), e.getMessage());
        try (var p = Progress.plain("x", 10, 1, new PrintStream(new ByteArrayOutputStream()))) {
            assertThrows(IllegalArgumentException.class, () -> p.update(-1, Map.of()));
        }
    }
}
