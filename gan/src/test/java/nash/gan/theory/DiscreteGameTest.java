package nash.gan.theory;

import static nash.gan.theory.DivergencesTest.assertPrinted;
import static nash.gan.theory.DivergencesTest.randomDistribution;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import org.junit.jupiter.api.Test;

/** D*, V and the identity V(D*, G) = −log 4 + 2·JS, with the lesson's worked numbers. */
class DiscreteGameTest {

    static final double[] P_DATA = {0.5, 0.3, 0.2};
    static final double[] P_G = {0.2, 0.5, 0.3};

    @Test void seedOptimalDiscriminatorOfTheThreeOutcomeExample() {
        double[] d = DiscreteGame.optimalDiscriminator(P_DATA, P_G);
        assertArrayEquals(new double[] {0.5 / 0.7, 0.3 / 0.8, 0.2 / 0.5}, d, 1e-15);
        assertPrinted(0.714, 3, d[0]);        // "D*(A) = 0.5 / 0.7 ≈ 0.714"
        assertEquals(0.375, d[1], 1e-15);     // "D*(B) = 0.3 / 0.8 = 0.375"
        assertEquals(0.4, d[2], 1e-15);       // "D*(C) = 0.2 / 0.5 = 0.4"
        // Step 2: most confident "real" is A, most confident "fake" is B, C leans fake
        assertTrue(d[0] > 0.5 && d[1] < d[2] && d[2] < 0.5);
    }

    @Test void seedOptimalDiscriminatorOfTheTwoOutcomeAnchor() {
        double[] d = DiscreteGame.optimalDiscriminator(new double[] {0.5, 0.5}, new double[] {0.7, 0.3});
        assertPrinted(0.4167, 4, d[0]);       // "D*(0) ≈ 0.4167 (skeptical, generator over-produces)"
        assertEquals(5.0 / 12, d[0], 1e-15);
        assertEquals(0.625, d[1], 1e-15);     // "D*(1) = 0.625 (confident real)"
    }

    @Test void seedEquilibriumIsOneHalfAndMinusLog4() {
        for (double[] p : new double[][] {P_DATA, {0.5, 0.5}, {1.0}, {0.1, 0.2, 0.3, 0.4}}) {
            double[] d = DiscreteGame.optimalDiscriminator(p, p);
            for (double v : d) assertEquals(0.5, v, 0.0);
            assertEquals(-Math.log(4), DiscreteGame.value(d, p, p), 1e-15);   // "V(D*,G) = 2·0 − 2 log 2"
            assertEquals(-2 * Math.log(2), DiscreteGame.optimalValue(p, p), 1e-15);
        }
    }

    @Test void zeroOverZeroIsOneHalf() {
        double[] d = DiscreteGame.optimalDiscriminator(new double[] {0.5, 0, 0.5}, new double[] {0.25, 0, 0.75});
        assertEquals(0.5, d[1], 0.0);
        assertEquals(2.0 / 3, d[0], 1e-15);
        assertEquals(0.4, d[2], 1e-15);
        // disjoint supports: D* is 1 on data-only outcomes and 0 on generator-only ones; V = −log 4 + 2 log 2 = 0
        double[] pd = {0.5, 0.5, 0, 0}, pg = {0, 0, 0.3, 0.7};
        assertArrayEquals(new double[] {1, 1, 0, 0}, DiscreteGame.optimalDiscriminator(pd, pg), 0.0);
        assertEquals(0.0, DiscreteGame.optimalValue(pd, pg), 1e-15);
    }

    @Test void seedValueAtTheOptimumOfTheThreeOutcomeExample() {
        // V(D*,G) = Σ p_data log D* + Σ p_G log(1 − D*), term by term
        double byHand = 0.5 * Math.log(5.0 / 7) + 0.3 * Math.log(3.0 / 8) + 0.2 * Math.log(2.0 / 5)
                + 0.2 * Math.log(2.0 / 7) + 0.5 * Math.log(5.0 / 8) + 0.3 * Math.log(3.0 / 5);
        double v = DiscreteGame.optimalValue(P_DATA, P_G);
        assertEquals(byHand, v, 1e-15);
        double[] m = {0.35, 0.40, 0.25};
        // "V(D*, G) = KL(p_data ‖ m) + KL(p_g ‖ m) − 2 log 2"
        assertEquals(Divergences.kl(P_DATA, m) + Divergences.kl(P_G, m) - 2 * Math.log(2), v, 1e-15);
        assertEquals(-Math.log(4) + 2 * 0.0508746125395983, v, 1e-15);
        assertPrinted(-1.2845, 4, v);                  // −1.38629 + 2·0.05087
    }

    @Test void valueAtTheOptimumIsMinusLog4PlusTwiceJsOnRandomDistributions() {
        Rng rng = new Rng(11);
        for (int t = 0; t < 2000; t++) {
            int k = 1 + rng.nextInt(10);
            double[] pd = randomDistribution(rng, k), pg = randomDistribution(rng, k);
            double v = DiscreteGame.optimalValue(pd, pg);
            assertEquals(-DiscreteGame.LOG_4 + 2 * Divergences.js(pd, pg), v, 1e-12);
            assertTrue(v >= -Math.log(4) - 1e-15 && v <= 1e-15, "−log 4 ≤ V(D*,G) ≤ 0, got " + v);
        }
    }

    @Test void optimalDiscriminatorMaximisesTheValuePointwise() {
        Rng rng = new Rng(12);
        for (int t = 0; t < 500; t++) {
            int k = 2 + rng.nextInt(6);
            double[] pd = randomDistribution(rng, k), pg = randomDistribution(rng, k);
            double[] ds = DiscreteGame.optimalDiscriminator(pd, pg);
            double best = DiscreteGame.value(ds, pd, pg);
            for (int x = 0; x < k; x++) {
                if (pd[x] + pg[x] == 0) continue;           // no weight: V does not depend on d[x]
                for (double delta : new double[] {-0.1, -1e-3, 1e-3, 0.1}) {
                    double[] d = ds.clone();
                    d[x] = Math.min(1, Math.max(0, d[x] + delta));
                    if (d[x] == ds[x]) continue;
                    assertTrue(DiscreteGame.value(d, pd, pg) < best, "perturbing d[" + x + "] by " + delta + " must lower V");
                }
            }
        }
    }

    @Test void valueByHandAndItsInfiniteEdges() {
        double[] d = {0.6, 0.2, 0.5};
        double byHand = 0.5 * Math.log(0.6) + 0.3 * Math.log(0.2) + 0.2 * Math.log(0.5)
                + 0.2 * Math.log(0.4) + 0.5 * Math.log(0.8) + 0.3 * Math.log(0.5);
        assertEquals(byHand, DiscreteGame.value(d, P_DATA, P_G), 1e-15);
        // certain of the wrong answer on an outcome that occurs: −∞; on one that does not: no cost
        assertEquals(Double.NEGATIVE_INFINITY, DiscreteGame.value(new double[] {0, 0.5}, new double[] {0.5, 0.5}, new double[] {0.5, 0.5}));
        assertEquals(Math.log(0.5), DiscreteGame.value(new double[] {0.5, 0}, new double[] {1, 0}, new double[] {0, 1}) , 1e-15);
    }

    @Test void badInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> DiscreteGame.value(new double[] {0.5, 1.5, 0.5}, P_DATA, P_G));
        assertTrue(e.getMessage().contains("DiscreteGame.value") && e.getMessage().contains("d[1] = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteGame.value(new double[] {0.5, Double.NaN, 0.5}, P_DATA, P_G));
        assertTrue(e.getMessage().contains("d[1] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteGame.value(new double[] {0.5, 0.5}, P_DATA, P_G));
        assertTrue(e.getMessage().contains("d has 2 outcomes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteGame.optimalDiscriminator(P_DATA, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("pData has 3 outcomes, pG has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiscreteGame.optimalDiscriminator(P_DATA, new double[] {0.5, 0.6, -0.1}));
        assertTrue(e.getMessage().contains("pG[2] = -0.1"), e.getMessage());
    }
}
