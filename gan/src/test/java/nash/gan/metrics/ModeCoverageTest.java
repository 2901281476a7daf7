package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.data.Toy2d;
import org.junit.jupiter.api.Test;

/** Mode coverage on constructed samples with known answers, and on samples of the true mixtures. */
class ModeCoverageTest {

    static final double[][] SQUARE = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};

    @Test void oneSampleOnEveryModeIsPerfect() {
        Toy2d ring = Toy2d.ring();
        ModeCoverage.Result r = ModeCoverage.evaluate(ring.modes(), ring.modes(), ring.sigma());
        assertEquals(8, r.modes());
        assertEquals(8, r.modesCaptured());
        assertEquals(8, r.highQuality());
        assertEquals(100.0, r.highQualityPercent(), 0.0);
        assertEquals(0.0, r.klToUniform(), 1e-15);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1}, r.highQualityPerMode());
    }

    @Test void everythingOnOneModeIsLogK() {
        double[][] s = {{0.01, 0}, {0, -0.02}, {0, 0}};
        ModeCoverage.Result r = ModeCoverage.evaluate(s, SQUARE, 0.01);
        // (0.01, 0) and (0, −0.02) are within 3σ = 0.03; all three on mode 0: KL = log 4
        assertEquals(1, r.modesCaptured());
        assertEquals(3, r.highQuality());
        assertEquals(Math.log(4), r.klToUniform(), 1e-15);
    }

    @Test void histogramKlByHand() {
        // 3 high-quality samples on mode 1, 1 on mode 2, 2 low-quality: h = [0, ¾, ¼, 0]
        double[][] s = {{10, 0}, {10.1, 0}, {10, -0.1}, {0, 10}, {5, 5}, {10, 1}};
        ModeCoverage.Result r = ModeCoverage.evaluate(s, SQUARE, 0.05);
        assertArrayEquals(new int[] {0, 3, 1, 0}, r.highQualityPerMode());
        assertEquals(2, r.modesCaptured());
        assertEquals(4, r.highQuality());
        assertEquals(6, r.samples());
        assertEquals(4.0 / 6, r.highQualityFraction(), 1e-15);
        // KL(h‖u) = ¾ log(4·¾) + ¼ log(4·¼) = ¾ log 3
        assertEquals(0.75 * Math.log(3), r.klToUniform(), 1e-15);
    }

    @Test void threeSigmaIsInclusiveAndTiesGoToTheLowerMode() {
        double[][] modes = {{0, 0}, {1, 0}};
        double sigma = 0.125;   // 3σ = 0.375, exact in binary
        ModeCoverage.Result at = ModeCoverage.evaluate(new double[][] {{0.375, 0}}, modes, sigma);
        assertEquals(1, at.highQuality());
        ModeCoverage.Result beyond = ModeCoverage.evaluate(new double[][] {{0, Math.nextUp(0.375)}}, modes, sigma);
        assertEquals(0, beyond.highQuality());
        // equidistant from both modes, and high quality with a wide σ: counted for mode 0
        ModeCoverage.Result tie = ModeCoverage.evaluate(new double[][] {{0.5, 0}}, modes, 0.5);
        assertArrayEquals(new int[] {1, 0}, tie.highQualityPerMode());
    }

    @Test void noHighQualitySampleGivesInfiniteKl() {
        ModeCoverage.Result r = ModeCoverage.evaluate(new double[][] {{5, 5}, {3, 3}}, SQUARE, 0.01);
        assertEquals(0, r.modesCaptured());
        assertEquals(0, r.highQuality());
        assertEquals(0.0, r.highQualityFraction());
        assertEquals(Double.POSITIVE_INFINITY, r.klToUniform());
    }

    @Test void samplesOfTheTrueMixturesCoverEveryMode() {
        // for an isotropic 2-D Gaussian, P(‖x − μ‖ ≤ 3σ) = 1 − e^{−9/2} ≈ 0.98889
        double inside = 1 - Math.exp(-4.5);
        for (Toy2d mix : new Toy2d[] {Toy2d.ring(), Toy2d.grid()}) {
            Tensor x = mix.sample(ModeCoverage.STANDARD_SAMPLES, new Rng(41));
            ModeCoverage.Result r = ModeCoverage.evaluate(x, mix);
            assertEquals(mix.modeCount(), r.modesCaptured(), mix.name());
            assertEquals(2500, r.samples());
            // binomial sd √(2500·0.011·0.989) ≈ 5.2 samples = 0.21%
            assertEquals(100 * inside, r.highQualityPercent(), 1.1, mix.name());
            assertTrue(r.klToUniform() < 0.02, mix.name() + " KL " + r.klToUniform());
        }
    }

    @Test void aCollapsedGeneratorCapturesFewModes() {
        Toy2d grid = Toy2d.grid();
        double[][] m = grid.modes();
        Toy2d three = new Toy2d("three", new double[][] {m[0], m[12], m[24]}, grid.sigma());
        ModeCoverage.Result r = ModeCoverage.evaluate(three.sample(2500, new Rng(42)), grid);
        assertEquals(3, r.modesCaptured());
        assertEquals(Math.log(25.0 / 3), r.klToUniform(), 0.01);   // uniform over 3 of 25 modes: log(25/3)
    }

    @Test void badInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModeCoverage.evaluate(new double[][] {{1, 2, 3}}, SQUARE, 0.1));
        assertTrue(e.getMessage().contains("ModeCoverage.evaluate: samples has 3 columns but modes has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModeCoverage.evaluate(new double[][] {{1, 2}}, SQUARE, 0));
        assertTrue(e.getMessage().contains("sigma must be finite and > 0, got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModeCoverage.evaluate(new double[0][], SQUARE, 0.1));
        assertTrue(e.getMessage().contains("samples has 0 rows, need at least 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModeCoverage.evaluate(Tensor.zeros(4), Toy2d.ring()));
        assertTrue(e.getMessage().contains("samples must be [n, d]"), e.getMessage());
    }
}
