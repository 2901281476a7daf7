package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms: 1-D, diagonal, 2×2 non-commuting; and its invariances. */
class FrechetDistanceTest {

    static double[][] gaussian(Rng rng, int n, int d, double shift, double scale) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) x[i][j] = shift + scale * rng.nextGaussian() + 0.3 * (j > 0 ? x[i][j - 1] : 0);
        }
        return x;
    }

    @Test void meanAndSampleCovarianceByHand() {
        double[][] x = {{0, 1}, {2, 1}, {4, 4}};
        assertArrayEquals(new double[] {2, 2}, FrechetDistance.mean(x), 1e-15);
        // deviations (−2,−1), (0,−1), (2,2): Σ = [[8, 6], [6, 6]] / (n − 1 = 2)
        double[][] c = FrechetDistance.covariance(x);
        assertArrayEquals(new double[] {4, 3}, c[0], 1e-15);
        assertArrayEquals(new double[] {3, 3}, c[1], 1e-15);
        assertArrayEquals(new double[] {2}, FrechetDistance.covariance(new double[][] {{0}, {2}})[0], 0.0);   // n − 1, not n
    }

    @Test void identicalSetsAreAtDistanceZero() {
        Rng rng = new Rng(31);
        for (int d : new int[] {1, 2, 5, 16}) {
            double[][] x = gaussian(rng, 200, d, 3.0, 2.0);
            assertEquals(0.0, FrechetDistance.between(x, x), 1e-9, "d = " + d);
        }
    }

    @Test void oneDimensionalClosedForm() {
        // d² = (μ₁ − μ₂)² + (σ₁ − σ₂)²
        double[][] x = {{1}, {2}, {3}, {4}}, y = {{2}, {4}, {6}, {8}, {10}};
        // μ₁ = 2.5, s₁² = 5/3;  μ₂ = 6, s₂² = 40/4 = 10
        double expected = 3.5 * 3.5 + Math.pow(Math.sqrt(5.0 / 3) - Math.sqrt(10), 2);
        assertEquals(expected, FrechetDistance.between(x, y), 1e-13);
        assertEquals(15.751700857389407, expected, 1e-12);
    }

    @Test void diagonalCovariancesClosedForm() {
        // d² = Σ (μ₁ᵢ − μ₂ᵢ)² + Σ (√aᵢ − √bᵢ)²
        double[] mu1 = {0, 1, -2}, mu2 = {1, 1, 0};
        double[][] s1 = {{4, 0, 0}, {0, 1, 0}, {0, 0, 9}}, s2 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 0.25}};
        double expected = 1 + 0 + 4 + (2 - 1) * (2 - 1) + 0 + (3 - 0.5) * (3 - 0.5);
        assertEquals(12.25, expected, 0.0);
        assertEquals(expected, FrechetDistance.fromStatistics(mu1, s1, mu2, s2), 1e-13);
    }

    @Test void nonCommutingTwoByTwoClosedForm() {
        // For 2×2 PSD M, Tr √M = √(Tr M + 2√det M); Σ₁Σ₂ is similar to a PSD M with
        // Tr M = Tr Σ₁Σ₂ and det M = det Σ₁ · det Σ₂.
        double[][] s1 = {{2, 1}, {1, 2}}, s2 = {{3, 0}, {0, 1}};
        double trProd = 2 * 3 + 2 * 1, det = (4 - 1) * 3;
        double trSqrt = Math.sqrt(trProd + 2 * Math.sqrt(det));
        double expected = 1 + 4 + (4 + 4) - 2 * trSqrt;   // ‖(1,2)‖² + Tr Σ₁ + Tr Σ₂ − 2 Tr √(Σ₁Σ₂)
        assertEquals(expected, FrechetDistance.fromStatistics(new double[] {0, 0}, s1, new double[] {1, 2}, s2), 1e-13);
        assertEquals(trSqrt, FrechetDistance.traceSqrtProduct(s1, s2), 1e-14);
        assertEquals(trSqrt, FrechetDistance.traceSqrtProduct(s2, s1), 1e-14);
    }

    /**
     * A golden value from the pytorch-fid recipe, NumPy/SciPy in float64:
     * <pre>
     * x = np.array([[((i*31+j*17+i*j*7)%23)/7.0 for j in range(5)] for i in range(40)])
     * y = np.array([[((i*13+j*29+i*i*j*3)%19)/5.0 - 0.5*j for j in range(5)] for i in range(50)])
     * mu1, mu2 = x.mean(0), y.mean(0); s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
     * covmean = scipy.linalg.sqrtm(s1 @ s2).real
     * ((mu1-mu2)**2).sum() + np.trace(s1) + np.trace(s2) - 2*np.trace(covmean)   # 5.814681887636963
     * </pre>
     */
    @Test void matchesScipySqrtmGoldenValue() {
        double[][] x = new double[40][5], y = new double[50][5];
        for (int i = 0; i < 40; i++) for (int j = 0; j < 5; j++) x[i][j] = ((i * 31 + j * 17 + i * j * 7) % 23) / 7.0;
        for (int i = 0; i < 50; i++) for (int j = 0; j < 5; j++) y[i][j] = ((i * 13 + j * 29 + i * i * j * 3) % 19) / 5.0 - 0.5 * j;
        assertEquals(5.814681887636963, FrechetDistance.between(x, y), 1e-12);
    }

    @Test void symmetricPermutationAndTranslationInvariant() {
        Rng rng = new Rng(32);
        double[][] x = gaussian(rng, 300, 6, 0, 1), y = gaussian(rng, 250, 6, 0.5, 1.5);
        double d = FrechetDistance.between(x, y);
        assertTrue(d > 0.5);
        assertEquals(d, FrechetDistance.between(y, x), 1e-10 * d);
        double[][] shuffled = new double[x.length][];
        int[] p = rng.permutation(x.length);
        for (int i = 0; i < x.length; i++) shuffled[i] = x[p[i]];
        assertEquals(d, FrechetDistance.between(shuffled, y), 1e-10 * d);
        double[][] xs = new double[x.length][6], ys = new double[y.length][6];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < 6; j++) xs[i][j] = x[i][j] + 10 * j;
        for (int i = 0; i < y.length; i++) for (int j = 0; j < 6; j++) ys[i][j] = y[i][j] + 10 * j;
        assertEquals(d, FrechetDistance.between(xs, ys), 1e-9 * d);
        assertEquals(d, FrechetDistance.between(x, y), 0.0, "same input, same bits");
    }

    @Test void largeSampleOfTwoGaussiansApproachesTheirDistance() {
        // N(0, I) vs N(1, 4I) in 3-D: d² = 3·1 + 3·(2 − 1)² = 6
        Rng rng = new Rng(33);
        int n = 20000;
        double[][] x = new double[n][3], y = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextGaussian();
                y[i][j] = 1 + 2 * rng.nextGaussian();
            }
        }
        assertEquals(6.0, FrechetDistance.between(x, y), 0.15);
    }

    @Test void tensorsAreFlattenedPerSample() {
        Rng rng = new Rng(34);
        double[][] x = gaussian(rng, 20, 4, 0, 1), y = gaussian(rng, 30, 4, 1, 1);
        Tensor tx = Tensor.of(x).reshape(20, 1, 2, 2), ty = Tensor.of(y).reshape(30, 1, 2, 2);
        assertEquals(FrechetDistance.between(x, y), FrechetDistance.between(tx, ty), 0.0);
    }

    @Test void badShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}, {2}}));
        assertTrue(e.getMessage().contains("FrechetDistance.between: x has 2 columns but y has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(new double[][] {{1}}, new double[][] {{1}, {2}}));
        assertTrue(e.getMessage().contains("x has 1 rows, need at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(new double[][] {{1}, {Double.NaN}}, new double[][] {{1}, {2}}));
        assertTrue(e.getMessage().contains("x[1][0] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.fromStatistics(new double[] {0, 0}, new double[][] {{1}}, new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}}));
        assertTrue(e.getMessage().contains("sigma1 is 1×1, the means have 2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.fromStatistics(new double[] {0}, new double[][] {{1}}, new double[] {0, 0}, new double[][] {{1}}));
        assertTrue(e.getMessage().contains("mu1 has 1 values but mu2 has 2"), e.getMessage());
        // sigma2 was never checked: an asymmetric one gave 0.26 (and swapped into sigma1, an exception), −4·I gave −6
        double[] zero = {0, 0};
        double[][] id = {{1, 0}, {0, 1}};
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.fromStatistics(zero, id, zero, new double[][] {{1, 5}, {0, 1}}));
        assertTrue(e.getMessage().contains("FrechetDistance.fromStatistics: sigma2 is not symmetric: sigma2[0][1] = 5.0 but sigma2[1][0] = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.fromStatistics(zero, id, zero, new double[][] {{-4, 0}, {0, -4}}));
        assertTrue(e.getMessage().contains("sigma2 is not positive semi-definite: it has the eigenvalue -4.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.fromStatistics(zero, new double[][] {{1, 2}, {2, 1}}, zero, id));
        assertTrue(e.getMessage().contains("sigma1 is not positive semi-definite"), e.getMessage());
        assertEquals(0.0, FrechetDistance.fromStatistics(zero, id, zero, id), 1e-12);
        e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(Tensor.zeros(5), Tensor.zeros(5, 1)));
        assertTrue(e.getMessage().contains("x must be [n, d]"), e.getMessage());
    }
}
