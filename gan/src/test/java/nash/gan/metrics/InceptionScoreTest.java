package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class InceptionScoreTest {

    @Test void confidentAndBalancedScoresK() {
        double[][] p = new double[8][4];
        for (int i = 0; i < 8; i++) p[i][i % 4] = 1;
        assertEquals(4.0, InceptionScore.of(p), 1e-14);
    }

    @Test void identicalRowsScoreOne() {
        double[][] p = {{0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}};
        assertEquals(1.0, InceptionScore.of(p), 1e-15);
    }

    @Test void twoRowsByHand() {
        // p(y) = [¾, ¼]; KL₁ = log(1/¾), KL₂ = ½ log(½/¾) + ½ log(½/¼); IS = exp((KL₁ + KL₂)/2)
        double kl1 = Math.log(4.0 / 3), kl2 = 0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2);
        double expected = Math.exp((kl1 + kl2) / 2);
        assertEquals(1.2408064788027997, expected, 1e-12);
        assertEquals(expected, InceptionScore.of(new double[][] {{1, 0}, {0.5, 0.5}}), 1e-15);
        assertEquals(expected, InceptionScore.of(Tensor.of(new double[][] {{1, 0}, {0.5, 0.5}})), 1e-15);
    }

    @Test void splitsAsTheReferenceImplementation() {
        // 21 rows, 10 splits: rows [⌊i·21/10⌋, ⌊(i+1)·21/10⌋), as openai/improved-gan: nine parts of 2, the last of 3
        // (the last row was left out, and results differed from the reference whenever splits did not divide n)
        double[][] p = new double[21][2];
        for (int i = 0; i < 20; i++) p[i][i % 2] = 1;       // each part of 2: one of each class → IS 2
        p[20] = new double[] {1, 0};                        // the last part: classes 0, 1, 0
        double last = Math.exp((2 * Math.log(1.5) + Math.log(3)) / 3);
        InceptionScore.Split s = InceptionScore.of(p, 10);
        assertEquals(10, s.scores().length);
        assertEquals(last, s.scores()[9], 1e-14);
        assertEquals((9 * 2 + last) / 10, s.mean(), 1e-14);
        // two parts scoring 2 and 1: mean 1.5, population sd 0.5
        double[][] q = {{1, 0}, {0, 1}, {1, 0}, {1, 0}};
        InceptionScore.Split t = InceptionScore.of(q, 2);
        assertArrayEquals(new double[] {2, 1}, t.scores(), 1e-14);
        assertEquals(1.5, t.mean(), 1e-14);
        assertEquals(0.5, t.std(), 1e-14);
    }

    @Test void aTinyProbabilityDoesNotMakeTheScoreInfinite() {
        // p(y) = MIN_VALUE/3 rounded to 0, so p/p(y) = ∞ and IS = ∞ where it is 1 to within 1e-320
        double[][] p = {{1, 0}, {1, 0}, {1.0, Double.MIN_VALUE}};
        assertEquals(1.0, InceptionScore.of(p), 1e-12);
    }

    @Test void badInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] {{2.0, -1.0}}));
        assertTrue(e.getMessage().contains("probs[0][1] = -1.0 is negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] {{0.5, 0.5}, {1.5, 2.5}}));
        assertTrue(e.getMessage().contains("row 1 sums to 4.0, not 1: pass probabilities"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] {{1, 0}}, 2));
        assertTrue(e.getMessage().contains("splits must be in [1, n = 1], got 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[0][]));
    }
}
