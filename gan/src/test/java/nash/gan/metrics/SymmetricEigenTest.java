package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import org.junit.jupiter.api.Test;

/** Jacobi eigendecomposition: hand cases, reconstruction A = VΛVᵀ and orthonormality on random and degenerate matrices. */
class SymmetricEigenTest {

    @Test void twoByTwoByHand() {
        // [[2,1],[1,2]]: λ = 1 with (1,−1)/√2, λ = 3 with (1,1)/√2
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {1, 3}, e.values(), 1e-15);
        double[][] v = e.vectors();
        double h = Math.sqrt(0.5);
        assertEquals(h, Math.abs(v[0][0]), 1e-15);
        assertEquals(-v[0][0], v[1][0], 1e-15);   // (1, −1) up to sign
        assertEquals(h, Math.abs(v[0][1]), 1e-15);
        assertEquals(v[0][1], v[1][1], 1e-15);    // (1, 1) up to sign
    }

    @Test void diagonalAndOneByOne() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{3, 0, 0}, {0, -1, 0}, {0, 0, 2}});
        assertArrayEquals(new double[] {-1, 2, 3}, e.values(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, column(e.vectors(), 0), 0.0);
        assertArrayEquals(new double[] {-7}, SymmetricEigen.of(new double[][] {{-7}}).values(), 0.0);
        SymmetricEigen zero = SymmetricEigen.of(new double[3][3]);
        assertArrayEquals(new double[3], zero.values(), 0.0);
        assertOrthonormal(zero.vectors(), 0.0);
    }

    @Test void reconstructsRandomSymmetricMatrices() {
        Rng rng = new Rng(21);
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 10, 17, 33, 64}) {
            for (int t = 0; t < 3; t++) {
                double[][] a = randomSymmetric(rng, n);
                SymmetricEigen e = SymmetricEigen.of(a);
                check(a, e, 1e-13);
                double trace = 0, sum = 0;
                for (int i = 0; i < n; i++) trace += a[i][i];
                for (double l : e.values()) sum += l;
                assertEquals(trace, sum, 1e-12 * n, "Σλ = Tr A");
            }
        }
    }

    @Test void repeatedEigenvaluesKeepOrthonormalVectors() {
        Rng rng = new Rng(22);
        double[][] spectra = {
            {1, 1, 1, 2, 2, 5, 0, 0},
            {4, 4, 4, 4, 4, 4},            // a multiple of the identity, rotated: still 4·I
            {-3, -3, 2, 2, 2, 1e-9, 7},
            {1e-12, 1e-12, 1, 1},
        };
        for (double[] lambda : spectra) {
            int n = lambda.length;
            double[][] q = randomOrthogonal(rng, n);
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) s += q[i][k] * lambda[k] * q[j][k];
                    a[i][j] = s;
                }
            }
            for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) a[i][j] = a[j][i];   // exactly symmetric
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] sorted = lambda.clone();
            java.util.Arrays.sort(sorted);
            assertArrayEquals(sorted, e.values(), 1e-13 * maxAbs(lambda));
            check(a, e, 1e-13);
        }
    }

    @Test void extremeScalesDoNotOverflow() {
        Rng rng = new Rng(23);
        for (double scale : new double[] {1e-150, 1e150}) {
            double[][] a = randomSymmetric(rng, 6);
            for (double[] row : a) for (int j = 0; j < row.length; j++) row[j] *= scale;
            SymmetricEigen e = SymmetricEigen.of(a);
            check(a, e, 1e-13);
        }
    }

    @Test void applyGivesTheSquareRootOfAPsdMatrix() {
        double[][] a = {{4, 2}, {2, 3}};
        double[][] r = SymmetricEigen.of(a).apply(Math::sqrt);
        double[][] rr = multiply(r, r);
        for (int i = 0; i < 2; i++) assertArrayEquals(a[i], rr[i], 1e-14);
        assertEquals(r[0][1], r[1][0], 0.0);
        // the identity function reconstructs A
        double[][] same = SymmetricEigen.of(a).apply(x -> x);
        for (int i = 0; i < 2; i++) assertArrayEquals(a[i], same[i], 1e-14);
    }

    @Test void inputIsNotModifiedAndResultsAreReproducible() {
        double[][] a = randomSymmetric(new Rng(24), 9);
        double[][] copy = new double[9][];
        for (int i = 0; i < 9; i++) copy[i] = a[i].clone();
        SymmetricEigen x = SymmetricEigen.of(a), y = SymmetricEigen.of(a);
        for (int i = 0; i < 9; i++) assertArrayEquals(copy[i], a[i], 0.0);
        assertArrayEquals(x.values(), y.values(), 0.0);
        for (int i = 0; i < 9; i++) assertArrayEquals(x.vectors()[i], y.vectors()[i], 0.0);
    }

    @Test void badMatricesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2, 3}, {2, 1, 0}}));
        assertTrue(e.getMessage().contains("must be square, got 2×3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {2.5, 1}}));
        assertTrue(e.getMessage().contains("not symmetric: a[0][1] = 2.0 but a[1][0] = 2.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertTrue(e.getMessage().contains("a[0][1] = NaN is not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {2}}));
        assertTrue(e.getMessage().contains("row 1 has 1 values, row 0 has 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[0][0]));
    }

    // ------------------------------------------------------------------ helpers

    /** ‖A − VΛVᵀ‖ and ‖VᵀV − I‖ entrywise within tol·max|A| (and tol). */
    static void check(double[][] a, SymmetricEigen e, double tol) {
        int n = a.length;
        double[] l = e.values();
        double[][] v = e.vectors();
        double scale = Math.max(maxAbs(a), Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += v[i][k] * l[k] * v[j][k];
                assertEquals(a[i][j], s, tol * scale * n, "A = VΛVᵀ at " + i + "," + j + " (n=" + n + ")");
            }
        }
        for (int k = 1; k < n; k++) assertTrue(l[k - 1] <= l[k], "ascending");
        assertOrthonormal(v, tol * n);
    }

    static void assertOrthonormal(double[][] v, double tol) {
        int n = v.length;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += v[i][a] * v[i][b];
                assertEquals(a == b ? 1 : 0, s, tol + 1e-15, "VᵀV = I at " + a + "," + b);
            }
        }
    }

    static double[][] randomSymmetric(Rng rng, int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = rng.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    /** Q from Gram–Schmidt on a Gaussian matrix (columns orthonormal). */
    static double[][] randomOrthogonal(Rng rng, int n) {
        double[][] q = new double[n][n];
        for (int c = 0; c < n; c++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rng.nextGaussian();
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += x[i] * q[i][p];
                    for (int i = 0; i < n; i++) x[i] -= dot * q[i][p];
                }
            }
            double norm = 0;
            for (double v : x) norm += v * v;
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) q[i][c] = x[i] / norm;
        }
        return q;
    }

    static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) c[i] = m[i][j];
        return c;
    }

    static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) m = Math.max(m, Math.abs(v));
        return m;
    }

    static double maxAbs(double[][] x) {
        double m = 0;
        for (double[] r : x) m = Math.max(m, maxAbs(r));
        return m;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) for (int p = 0; p < k; p++) for (int j = 0; j < m; j++) c[i][j] += a[i][p] * b[p][j];
        return c;
    }
}
