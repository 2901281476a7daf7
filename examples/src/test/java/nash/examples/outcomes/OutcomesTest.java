package nash.examples.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.List;
import nash.gan.data.Toy2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomesTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void meanAndStandardErrorAsThePapersPrintThem() {
        MeanSe m = MeanSe.of(8, 7, 8, 8);                     // mean 7.75, s = 0.5, s.e. = 0.25
        assertEquals(7.75, m.mean(), 1e-15);
        assertEquals(0.25, m.se(), 1e-15);
        assertEquals("7.75 ± 0.25", m.format(2));
        assertEquals("8.0 ± 0.0", MeanSe.of(8).format(1));    // one seed: no spread to report
        assertEquals("–", MeanSe.of().format(1));
    }

    @Test
    void recipesAreFoundByNameAndUnknownNamesAreRefused() {
        for (Toy2d mixture : List.of(Toy2d.ring(), Toy2d.grid())) {
            for (String key : Recipes.KEYS) assertEquals(key, Recipes.find(mixture, key).key());
            assertTrue(Recipes.KEYS.containsAll(Recipes.DEFAULT));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recipes.find(Toy2d.ring(), "vae"));
        assertTrue(e.getMessage().contains("vae"), e.getMessage());
    }

    @Test
    void theLearningRateStaysFlatThenFallsToOnePercent() {
        ToyRecipe r = ToyRecipe.plain("gan", "GAN").withLr(1e-3).withSteps(100);   // decay over the last 50
        assertEquals(1e-3, r.lrAt(1, 100), 0);
        assertEquals(1e-3, r.lrAt(50, 100), 0);
        assertEquals(0.5e-3, r.lrAt(75, 100), 1e-18);
        assertEquals(1e-5, r.lrAt(100, 100), 1e-18);
    }

    /** Seeds trained two at a time give the bits of seeds trained one by one. */
    @Test
    void seedsGiveTheSameNumbersWhetherTrainedOneOrTwoAtATime(@TempDir Path dir) throws Exception {
        ToyRecipe recipe = Recipes.find(Toy2d.ring(), "pacgan").withSteps(20);
        ToyBenchmark.Outcome two = ToyBenchmark.run(Toy2d.ring(), recipe, 2, 2, dir, QUIET);
        ToyBenchmark.Outcome one = ToyBenchmark.run(Toy2d.ring(), recipe, 2, 1, null, QUIET);
        for (int s = 0; s < 2; s++) {
            assertEquals(s + 1, two.seeds().get(s).seed());
            assertTrue(Arrays.equals(one.seeds().get(s).samples(), two.seeds().get(s).samples()), "seed " + (s + 1));
            assertEquals(one.seeds().get(s).coverage().toString(), two.seeds().get(s).coverage().toString());
        }
        assertTrue(Files.size(dir.resolve(ToyBenchmark.plotName(Toy2d.ring(), recipe))) > 1000, "the scatter plot of seed 1");
        OutcomesReport report = new OutcomesReport(dir.resolve("OUTCOMES.md"));
        report.toyProtocol(2).toyTable(Toy2d.ring(), "Ring", List.of(two), dir).write();
        String md = Files.readString(dir.resolve("OUTCOMES.md"));
        assertTrue(md.contains("| PacGAN2 | " + two.modes().format(1) + " | " + two.highQualityPercent().format(1)), md);
        assertTrue(md.contains("(ring8-pacgan.png)"), md);
    }
}
