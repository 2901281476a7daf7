package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    /** A small finished run: 2-D samples, image samples, the four GAN statistics and a metric. */
    static Path fakeRun(Path dir) throws Exception {
        var run = new RunReport(dir, "Test run").subtitle("nash train ring").config(Map.of("steps", 300));
        for (int step = 0; step <= 300; step += 10) {
            var stats = new LinkedHashMap<String, Double>();
            stats.put(RunReport.LOSS_D, 1.4 - step / 1000.0);
            stats.put(RunReport.LOSS_G, 0.7 + step / 1000.0);
            stats.put(RunReport.D_REAL, 0.5 + step / 2000.0);
            stats.put(RunReport.D_FAKE, 0.5 - step / 2000.0);
            run.log(step, stats);
            if (step % 100 == 0) {
                run.log(step, "modes covered", step / 50.0);
                run.samples(step, ScatterPlot.of(new double[] {0, 0, 1, 1}).modes(ScatterPlotTest.SQUARE).title("step " + step));
            }
        }
        run.samples(301, ImageGrid.of(ImageGridTest.images(4, 6, 6, i -> i / 2.0 - 1), 4, 6, 6).scale(2));
        run.figure("Interpolation", "z₀ → z₁", "interpolation.png", ImageGrid.strip(new double[5 * 9], 5, 3, 3).scale(4).render());
        run.samplesCsv(new double[] {0.25, -0.5});
        return run.write(Map.of("modes covered", 6));
    }

    @Test void writesEveryFileOfARun(@TempDir Path dir) throws Exception {
        Path page = fakeRun(dir);
        assertEquals(dir.resolve("report.html"), page);
        for (String f : List.of("report.html", "metrics.csv", "metrics.json", "samples.csv", "interpolation.png",
                                "samples/step-000000.png", "samples/step-000300.png", "samples/step-000301.png",
                                "curves/losses.png", "curves/discriminator-outputs.png", "curves/modes-covered.png")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary files");
        }
        assertEquals("x,y\n0.25,-0.5\n", Files.readString(dir.resolve("samples.csv")));
        assertTrue(Files.readAllLines(dir.resolve("metrics.csv")).get(0).equals("step,loss_d,loss_g,D(x),D(G(z)),modes covered"));
        MiniJson.parse(Files.readString(dir.resolve("metrics.json")));

        var d = HtmlReportTest.parse(Files.readString(page));
        assertEquals(5 + 3 + 1, HtmlReportTest.all(d, "img").size());   // 5 samples, 3 charts, 1 interpolation
    }

    @Test void chartsCanBeGroupedByHand(@TempDir Path dir) throws Exception {
        var run = new RunReport(dir, "t").chart("GAN losses", "loss", RunReport.LOSS_G, RunReport.LOSS_D, "missing");
        run.log(1, Map.of(RunReport.LOSS_D, 1.0, RunReport.LOSS_G, 2.0, "D(x)", 0.5));
        run.write(null);
        assertTrue(Files.exists(dir.resolve("curves/gan-losses.png")));
        assertTrue(Files.exists(dir.resolve("curves/discriminator-outputs.png")));   // D(x) alone
        assertFalse(Files.exists(dir.resolve("curves/losses.png")));
        assertThrows(IllegalArgumentException.class, () -> run.chart("none", "y"));
    }

    @Test void figuresStayInsideTheRunFolder(@TempDir Path dir) {
        var run = new RunReport(dir.resolve("run"), "t");
        var e = assertThrows(IllegalArgumentException.class, () -> run.figure("s", "c", "../escape.png", new java.awt.image.BufferedImage(1, 1, 1)));
        assertTrue(e.getMessage().contains("outside the run folder"), e.getMessage());
    }
}
