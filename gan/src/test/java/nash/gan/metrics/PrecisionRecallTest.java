package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.data.Toy2d;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    static double[][] col(double... v) {
        double[][] x = new double[v.length][];
        for (int i = 0; i < v.length; i++) x[i] = new double[] {v[i]};
        return x;
    }

    static final double[][] REAL = col(0, 1, 2, 3, 4);

    @Test void kthNeighbourDistancesByHand() {
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, PrecisionRecall.kthNeighbourDistances(REAL, 1), 0.0);
        // k = 2: 0 → {1, 2}: 2;  1 → {0, 2}: 1;  2: 1;  3: 1;  4: 2
        assertArrayEquals(new double[] {2, 1, 1, 1, 2}, PrecisionRecall.kthNeighbourDistances(REAL, 2), 0.0);
        // a duplicate is a neighbour at distance 0, itself is not
        assertArrayEquals(new double[] {0, 0, 5}, PrecisionRecall.kthNeighbourDistances(col(0, 0, 5), 1), 0.0);
    }

    @Test void precisionAndRecallByHandWithK1() {
        // real radii all 1. generated: 0.5 in, 10 out, 4.9 in (0.9 from 4), −1 in (exactly 1 from 0)
        double[][] gen = col(0.5, 10, 4.9, -1);
        // generated radii (k = 1): 0.5 → 1.5, 10 → 5.1, 4.9 → 4.4, −1 → 1.5; every real point is within one
        PrecisionRecall.Result r = PrecisionRecall.of(REAL, gen, 1);
        assertEquals(0.75, r.precision(), 0.0);
        assertEquals(1.0, r.recall(), 0.0);
        assertEquals(1, r.k());
    }

    @Test void precisionAndRecallByHandWithK2() {
        // real radii [2,1,1,1,2]: 5.9 in (1.9 from 4), 6.1 out, −2 in (exactly 2 from 0), 2.5 in
        double[][] gen = col(5.9, 6.1, -2, 2.5);
        // generated radii (k = 2): 5.9 → {0.2, 3.4}: 3.4; 6.1 → {0.2, 3.6}: 3.6; −2 → {4.5, 7.9}: 7.9; 2.5 → {3.4, 3.6}: 3.6
        // real points: all within 7.9 of −2 → recall 1
        PrecisionRecall.Result r = PrecisionRecall.of(REAL, gen, 2);
        assertEquals(0.75, r.precision(), 0.0);
        assertEquals(1.0, r.recall(), 0.0);
        assertEquals(0.75, PrecisionRecall.fractionInManifold(REAL, new double[] {2, 1, 1, 1, 2}, gen), 0.0);
        assertEquals(0.25, PrecisionRecall.fractionInManifold(REAL, new double[] {0, 0, 0, 0, 0}, col(3, 3.5, -1, 7)), 0.0);
    }

    @Test void identicalSetsHavePerfectPrecisionAndRecall() {
        double[][] x = new double[50][3];
        Rng rng = new Rng(51);
        for (double[] row : x) for (int j = 0; j < 3; j++) row[j] = rng.nextGaussian();
        PrecisionRecall.Result r = PrecisionRecall.of(x, x);
        assertEquals(1.0, r.precision());
        assertEquals(1.0, r.recall());
        assertEquals(3, r.k());
    }

    @Test void aCollapsedGeneratorHasHighPrecisionAndLowRecall() {
        Toy2d grid = Toy2d.grid();
        Tensor real = grid.sample(1000, new Rng(52));
        Toy2d one = new Toy2d("one", new double[][] {grid.modes()[7]}, grid.sigma());
        Tensor fake = one.sample(1000, new Rng(53));
        PrecisionRecall.Result r = PrecisionRecall.of(real, fake, 3);
        // ~40 real points per mode: their 3-NN balls cover most, not all, of one mode's Gaussian
        assertTrue(r.precision() > 0.9, "precision " + r.precision());
        assertTrue(r.recall() < 0.1, "recall " + r.recall());
    }

    @Test void badInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(col(1, 2, 3), col(1, 2, 3, 4), 3));
        assertTrue(e.getMessage().contains("PrecisionRecall.of: real has 3 rows, need at least 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(REAL, new double[][] {{1, 2}, {1, 2}}, 1));
        assertTrue(e.getMessage().contains("real has 1 columns but generated has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(REAL, REAL, 0));
        assertTrue(e.getMessage().contains("k must be ≥ 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.fractionInManifold(REAL, new double[2], REAL));
        assertTrue(e.getMessage().contains("2 radii for 5 points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.fractionInManifold(REAL, new double[] {1, 1, -1, 1, 1}, REAL));
        assertTrue(e.getMessage().contains("radii[2] = -1.0 is not ≥ 0"), e.getMessage());
    }
}
