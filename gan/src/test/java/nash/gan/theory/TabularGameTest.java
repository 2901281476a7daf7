package nash.gan.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nash.gan.theory.TabularGame.GeneratorLoss;
import nash.gan.theory.TabularGame.Snapshot;
import org.junit.jupiter.api.Test;

/** The discrete game played by gradient steps: hand-computed first steps, convergence, determinism. */
class TabularGameTest {

    static final double[] P_DATA = {0.5, 0.3, 0.2};
    static final double[] P_G = {0.2, 0.5, 0.3};
    static final double[] SKEWED = {0.05, 0.05, 0.9};

    static double sigmoid(double a) { return 1 / (1 + Math.exp(-a)); }

    static double maxDeviationFromHalf(double[] d) {
        double m = 0;
        for (double v : d) m = Math.max(m, Math.abs(v - 0.5));
        return m;
    }

    @Test void startIsRecordedAsStepZero() {
        TabularGame g = TabularGame.fromDistributions(P_DATA, P_G);
        Snapshot s = g.snapshot();
        assertEquals(0, s.step());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.d(), 0.0);
        assertArrayEquals(P_G, s.pG(), 1e-15);
        assertEquals(0.0508746125395983, s.js(), 1e-14);
        // D = ½ everywhere: V = Σ p_data log ½ + Σ p_G log ½ = −log 4, whatever p_G is
        assertEquals(-Math.log(4), s.value(), 1e-15);
        assertEquals(-Math.log(4) + 2 * s.js(), s.optimalValue(), 1e-15);
        assertEquals(1, g.history().size());
    }

    @Test void firstDiscriminatorStepByHand() {
        // ∂V/∂aₓ = p_data(1 − D) − p_G·D; at a = 0, D = ½: ∂V/∂a = (p_data − p_G)/2 = [0.15, −0.1, −0.05]
        TabularGame g = TabularGame.fromDistributions(P_DATA, P_G).freezeGenerator(true).discriminatorLearningRate(1.0);
        Snapshot s = g.step();
        assertEquals(1, s.step());
        assertArrayEquals(new double[] {sigmoid(0.15), sigmoid(-0.1), sigmoid(-0.05)}, s.d(), 1e-15);
        assertArrayEquals(P_G, s.pG(), 1e-15);   // frozen
    }

    @Test void firstGeneratorStepByHand() {
        double lrD = 0.7, lrG = 0.3;
        for (GeneratorLoss loss : GeneratorLoss.values()) {
            TabularGame g = TabularGame.fromDistributions(P_DATA, P_G)
                    .discriminatorLearningRate(lrD).generatorLearningRate(lrG).generatorLoss(loss);
            Snapshot s = g.step();
            // D step from a = 0, then the G step against the updated D
            double[] a = new double[3], b = new double[3], l = new double[3];
            for (int x = 0; x < 3; x++) {
                a[x] = lrD * (P_DATA[x] - P_G[x]) / 2;
                double d = sigmoid(a[x]);
                l[x] = loss == GeneratorLoss.MINIMAX ? Math.log(1 - d) : -Math.log(d);   // ℓ per outcome
            }
            double mean = 0;
            for (int x = 0; x < 3; x++) mean += P_G[x] * l[x];
            double z = 0;
            for (int x = 0; x < 3; x++) {
                b[x] = Math.log(P_G[x]) - lrG * P_G[x] * (l[x] - mean);                   // ∂L/∂b = p_G(ℓ − Σ p_G ℓ)
                z += Math.exp(b[x]);
            }
            for (int x = 0; x < 3; x++) {
                assertEquals(sigmoid(a[x]), s.d()[x], 1e-15, loss + " D");
                assertEquals(Math.exp(b[x]) / z, s.pG()[x], 1e-14, loss + " p_G");
            }
            // both losses move p_G towards p_data: JS falls
            assertTrue(s.js() < Divergences.js(P_DATA, P_G), loss + ": JS must fall on the first step");
        }
    }

    @Test void seedDiscriminatorConvergesToTheOptimumWhenTheGeneratorIsFrozen() {
        TabularGame g = TabularGame.fromDistributions(P_DATA, P_G).freezeGenerator(true);
        g.run(3000);
        Snapshot s = g.snapshot();
        assertArrayEquals(new double[] {5.0 / 7, 0.375, 0.4}, s.d(), 1e-9);        // D* ≈ [0.714, 0.375, 0.4]
        assertArrayEquals(P_G, s.pG(), 1e-15);
        assertArrayEquals(DiscreteGame.optimalDiscriminator(P_DATA, P_G), g.optimalDiscriminator(), 1e-15);
        // ... and V reaches its maximum over D, −log 4 + 2·JS
        assertEquals(-Math.log(4) + 2 * Divergences.js(P_DATA, P_G), s.value(), 1e-12);
        // gradient ascent on a concave objective: V never falls
        List<Snapshot> h = g.history();
        for (int i = 1; i < h.size(); i++) assertTrue(h.get(i).value() >= h.get(i - 1).value() - 1e-15);
    }

    @Test void gameConvergesToEquilibriumFromASkewedStart() {
        for (GeneratorLoss loss : GeneratorLoss.values()) {
            for (int k : new int[] {1, 5}) {
                TabularGame g = TabularGame.fromDistributions(P_DATA, SKEWED).generatorLoss(loss).discriminatorSteps(k);
                double js0 = g.snapshot().js();
                assertTrue(js0 > 0.2);
                List<Snapshot> steps = g.run(1500);
                Snapshot s = steps.get(steps.size() - 1);
                String what = loss + ", k=" + k + ": ";
                assertEquals(1500, s.step());
                assertTrue(s.js() < 1e-3, what + "JS " + s.js());
                assertTrue(maxDeviationFromHalf(s.d()) < 0.01, what + "D " + java.util.Arrays.toString(s.d()));
                assertEquals(-Math.log(4), s.value(), 1e-3, what + "V");
                assertArrayEquals(P_DATA, s.pG(), 1e-3, what + "p_G");
                assertEquals(1501, g.history().size());
            }
        }
    }

    @Test void sameStartSameHistoryBitForBit() {
        TabularGame a = TabularGame.fromDistributions(P_DATA, SKEWED).discriminatorSteps(3);
        TabularGame b = TabularGame.fromDistributions(P_DATA, SKEWED).discriminatorSteps(3);
        a.run(200);
        b.run(200);
        for (int i = 0; i <= 200; i++) {
            Snapshot x = a.history().get(i), y = b.history().get(i);
            assertArrayEquals(x.d(), y.d(), 0.0);
            assertArrayEquals(x.pG(), y.pG(), 0.0);
            assertEquals(x.value(), y.value(), 0.0);
        }
    }

    @Test void badSettingsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> TabularGame.fromDistributions(P_DATA, new double[] {0.5, 0.5, 0}));
        assertTrue(e.getMessage().contains("pG0[2] = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TabularGame(P_DATA, new double[2], new double[3]));
        assertTrue(e.getMessage().contains("generatorLogits has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TabularGame(P_DATA, new double[3], new double[] {0, Double.NaN, 0}));
        assertTrue(e.getMessage().contains("discriminatorLogits[1] = NaN"), e.getMessage());
        TabularGame g = TabularGame.fromDistributions(P_DATA, P_G);
        assertThrows(IllegalArgumentException.class, () -> g.discriminatorSteps(0));
        assertThrows(IllegalArgumentException.class, () -> g.generatorLearningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> g.discriminatorLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> g.run(-1));
        assertThrows(UnsupportedOperationException.class, () -> g.history().clear());
    }
}
