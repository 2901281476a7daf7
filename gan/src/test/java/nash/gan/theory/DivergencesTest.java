package nash.gan.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import org.junit.jupiter.api.Test;

/**
 * KL and JS against the worked numbers of the lesson ({@code shared/seeds}) and their properties.
 *
 * <p>The lesson rounds every log and every term to 4 decimals before summing, so its printed sums
 * can differ from the exact value in the 4th decimal: KL(p_data‖m) is 0.047404 (printed 0.0475),
 * KL(p_G‖m) 0.054345 (printed 0.0544), JS 0.050875 (printed 0.0510). The tests below check the
 * exact values, each printed term to its printed precision, and that the printed sums follow from
 * the printed terms — see docs/theory.md.
 */
class DivergencesTest {

    static final double[] P_DATA = {0.5, 0.3, 0.2};
    static final double[] P_G = {0.2, 0.5, 0.3};

    /** |actual − printed| ≤ half a unit of the printed last decimal. */
    static void assertPrinted(double printed, int decimals, double actual) {
        double halfUnit = 0.5 * Math.pow(10, -decimals) + 1e-15;
        assertTrue(Math.abs(actual - printed) <= halfUnit,
                () -> "printed " + printed + " (" + decimals + " decimals) but actual is " + actual);
    }

    @Test void seedMixtureOfTheThreeOutcomeExample() {
        // "m = [(0.5+0.2)/2, (0.3+0.5)/2, (0.2+0.3)/2] = [0.35, 0.40, 0.25]"
        assertArrayEquals(new double[] {0.35, 0.40, 0.25}, Divergences.mixture(P_DATA, P_G), 1e-15);
    }

    @Test void seedLogsArePrintedToFourDecimals() {
        assertPrinted(0.3567, 4, Math.log(10.0 / 7));   // ln(10/7)
        assertPrinted(-0.2877, 4, Math.log(0.75));
        assertPrinted(-0.2231, 4, Math.log(0.8));
        assertPrinted(-0.5596, 4, Math.log(4.0 / 7));   // ln(4/7)
        assertPrinted(0.2231, 4, Math.log(1.25));
        assertPrinted(0.1823, 4, Math.log(1.2));
        assertPrinted(0.693, 3, Divergences.LOG_2);     // "log 2 ≈ 0.693 nats"
    }

    @Test void seedKlOfDataToMixture() {
        double exact = 0.5 * Math.log(0.5 / 0.35) + 0.3 * Math.log(0.3 / 0.40) + 0.2 * Math.log(0.2 / 0.25);
        assertEquals(exact, Divergences.kl(P_DATA, new double[] {0.35, 0.40, 0.25}), 1e-15);
        assertEquals(0.0474041399709899, exact, 1e-15);
        // The lesson's terms: 0.1784, −0.0863, −0.0446. 0.1784 is 0.5 × the rounded log 0.3567; the
        // exact term 0.178337 is within one unit of the 4th decimal.
        assertEquals(0.1784, 0.5 * Math.log(0.5 / 0.35), 1e-4);
        assertPrinted(-0.0863, 4, 0.3 * Math.log(0.3 / 0.40));
        assertPrinted(-0.0446, 4, 0.2 * Math.log(0.2 / 0.25));
        assertEquals(0.0475, 0.1784 - 0.0863 - 0.0446, 1e-12);      // the printed sum of the printed terms
        assertEquals(0.0475, exact, 1.5e-4);                          // three rounded terms: ≤ 1.5e-4 apart
    }

    @Test void seedKlOfGeneratorToMixture() {
        double exact = 0.2 * Math.log(0.2 / 0.35) + 0.5 * Math.log(0.5 / 0.40) + 0.3 * Math.log(0.3 / 0.25);
        assertEquals(exact, Divergences.kl(P_G, new double[] {0.35, 0.40, 0.25}), 1e-15);
        assertEquals(0.0543450851082067, exact, 1e-15);
        assertPrinted(-0.1119, 4, 0.2 * Math.log(0.2 / 0.35));
        assertPrinted(0.1116, 4, 0.5 * Math.log(0.5 / 0.40));
        assertPrinted(0.0547, 4, 0.3 * Math.log(0.3 / 0.25));
        assertEquals(0.0544, -0.1119 + 0.1116 + 0.0547, 1e-12);
        assertEquals(0.0544, exact, 1.5e-4);
    }

    @Test void seedJsOfTheThreeOutcomeExample() {
        double js = Divergences.js(P_DATA, P_G);
        double[] m = {0.35, 0.40, 0.25};
        assertEquals(0.5 * Divergences.kl(P_DATA, m) + 0.5 * Divergences.kl(P_G, m), js, 1e-15);
        assertEquals(0.0508746125395983, js, 1e-15);
        assertPrinted(0.0510, 4, 0.5 * 0.0475 + 0.5 * 0.0544);     // the lesson's Step 3 from its printed KLs
        assertEquals(0.0510, js, 1.5e-4);
        assertPrinted(0.051, 3, js);                                 // "our value of 0.051"
        assertTrue(js < Divergences.LOG_2);
    }

    @Test void seedJsOfTheTwoOutcomeAnchor() {
        // p_data = [0.5, 0.5], p_G = [0.7, 0.3] → "JS ≈ 0.021 nats"
        double js = Divergences.js(new double[] {0.5, 0.5}, new double[] {0.7, 0.3});
        double[] m = {0.6, 0.4};
        double exact = 0.5 * (0.5 * Math.log(0.5 / 0.6) + 0.5 * Math.log(0.5 / 0.4))
                + 0.5 * (0.7 * Math.log(0.7 / 0.6) + 0.3 * Math.log(0.3 / 0.4));
        assertEquals(exact, js, 1e-15);
        assertEquals(0.5 * Divergences.kl(new double[] {0.5, 0.5}, m) + 0.5 * Divergences.kl(new double[] {0.7, 0.3}, m), js, 1e-15);
        assertPrinted(0.021, 3, js);
        assertEquals(0.0210059257018371, js, 1e-15);
    }

    @Test void seedJsIsZeroAtEquality() {
        // "if p_G = p_data, then m = p_data = p_G, both KL terms are zero, and JS = 0"
        assertEquals(0.0, Divergences.js(P_DATA, P_DATA));
        assertEquals(0.0, Divergences.kl(P_DATA, P_DATA));
    }

    @Test void jsIsLog2ForDisjointSupports() {
        assertEquals(Math.log(2), Divergences.js(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
        assertEquals(Math.log(2), Divergences.js(new double[] {0.25, 0.75, 0, 0}, new double[] {0, 0, 0.9, 0.1}), 1e-15);
    }

    @Test void jsIsBoundedAndSymmetricOnRandomDistributions() {
        Rng rng = new Rng(7);
        for (int t = 0; t < 2000; t++) {
            int k = 1 + rng.nextInt(12);
            double[] p = randomDistribution(rng, k), q = randomDistribution(rng, k);
            double pq = Divergences.js(p, q), qp = Divergences.js(q, p);
            assertEquals(pq, qp, 1e-15, "JS is symmetric");
            assertTrue(pq >= 0 && pq <= Math.log(2), "0 ≤ JS ≤ log 2, got " + pq);
            assertTrue(Divergences.kl(p, q) >= 0, "KL ≥ 0");
        }
    }

    @Test void klIsInfiniteWhereQMissesMassAndIgnoresZeroP() {
        assertEquals(Double.POSITIVE_INFINITY, Divergences.kl(new double[] {0.5, 0.5}, new double[] {1, 0}));
        // 0·log(0/q) = 0: KL([1,0] ‖ [0.5,0.5]) = 1·log 2
        assertEquals(Math.log(2), Divergences.kl(new double[] {1, 0}, new double[] {0.5, 0.5}), 1e-15);
    }

    @Test void klIsAsymmetric() {
        double pq = Divergences.kl(P_DATA, P_G), qp = Divergences.kl(P_G, P_DATA);
        assertEquals(0.5 * Math.log(0.5 / 0.2) + 0.3 * Math.log(0.3 / 0.5) + 0.2 * Math.log(0.2 / 0.3), pq, 1e-15);
        assertEquals(0.2 * Math.log(0.2 / 0.5) + 0.5 * Math.log(0.5 / 0.3) + 0.3 * Math.log(0.3 / 0.2), qp, 1e-15);
        assertTrue(Math.abs(pq - qp) > 1e-3);
    }

    @Test void badInputsAreRejectedWithTheOffendingValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Divergences.kl(new double[] {0.5, 0.5}, new double[] {1}));
        assertTrue(e.getMessage().contains("Divergences.kl") && e.getMessage().contains("2 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Divergences.js(new double[] {1.2, -0.2}, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("Divergences.js") && e.getMessage().contains("p[1] = -0.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Divergences.js(new double[] {0.5, 0.5}, new double[] {0.5, 0.6}));
        assertTrue(e.getMessage().contains("q sums to 1.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Divergences.kl(new double[] {Double.NaN, 1}, new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("p[0] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Divergences.kl(new double[0], new double[0]));
        assertTrue(e.getMessage().contains("no outcomes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Divergences.kl(null, new double[] {1}));
        // within the 1e-9 tolerance is accepted, beyond it is not
        Divergences.kl(new double[] {0.5, 0.5 + 5e-10}, new double[] {0.5, 0.5});
        assertThrows(IllegalArgumentException.class, () -> Divergences.kl(new double[] {0.5, 0.5 + 5e-9}, new double[] {0.5, 0.5}));
    }

    /** A random distribution over k outcomes, with some exact zeros. */
    static double[] randomDistribution(Rng rng, int k) {
        double[] p = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            p[i] = rng.nextDouble() < 0.2 ? 0 : -Math.log(1 - rng.nextDouble());   // Exp(1): a Dirichlet(1) draw
            s += p[i];
        }
        if (s == 0) {
            p[rng.nextInt(k)] = 1;
            return p;
        }
        for (int i = 0; i < k; i++) p[i] /= s;
        return p;
    }

    @Test
    void extremeButValidDistributionsGiveFiniteExactValues() {
        // p/q overflowed to ∞ (KL +∞ where it is 367.72); ½·MIN_VALUE rounded m to 0 (JS log 2 where it is ≈ 0)
        double want = 0.5 * Math.log(0.5 / 1.0) + 0.5 * (Math.log(0.5) - Math.log(1e-320));
        assertEquals(want, Divergences.kl(new double[] {0.5, 0.5}, new double[] {1 - 1e-320, 1e-320}), 1e-9);
        assertEquals(367.7205, want, 1e-4);
        assertEquals(0.0, Divergences.js(new double[] {1, Double.MIN_VALUE}, new double[] {1, 0}), 1e-300);
        assertEquals(Divergences.LOG_2, Divergences.js(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
    }
}
