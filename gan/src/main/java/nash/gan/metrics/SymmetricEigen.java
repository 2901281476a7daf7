package nash.gan.metrics;

/**
 * Eigendecomposition of a real symmetric matrix, A = V Λ Vᵀ, by the cyclic Jacobi method in
 * float64.
 *
 * <p>Each rotation J in the (p, q) plane is chosen so that (JᵀAJ)_pq = 0; sweeping every pair
 * p &lt; q repeatedly drives the off-diagonal mass to zero (quadratically, once it is small), and
 * the product of the rotations is V. Jacobi is slower than a tridiagonal QL (about 3n³ flops per
 * sweep, 6–10 sweeps; measured here: 0.02 s at n = 128, 1 s at 256, 7 s at 512, so a 2048-wide
 * Inception feature would take many minutes) but simple, exactly reproducible, and accurate for
 * clustered and repeated eigenvalues, where the eigenvectors it returns are still orthonormal.
 * The math: {@code docs/metrics.md}.
 */
public final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;
    private static final double EPS = 0x1.0p-52;

    private final double[] values;      // [n], ascending
    private final double[][] vectors;   // [n][n], column j is the eigenvector of values[j]

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes a symmetric matrix (read, not modified).
     *
     * @param a n×n, n ≥ 1, finite, symmetric within 1e-12 of its largest entry (the mean of a
     *          and aᵀ is decomposed)
     * @throws IllegalArgumentException if a is not square, finite and symmetric
     */
    public static SymmetricEigen of(double[][] a) { return of("SymmetricEigen.of", "a", a); }

    /** {@link #of(double[][])} with errors naming the caller ({@code where}) and the matrix ({@code name}). */
    static SymmetricEigen of(String where, String name, double[][] a) {
        int n = Matrices.check(where, name, a, 1);
        if (n != a.length) throw new IllegalArgumentException(where + ": " + name + " must be square, got " + a.length + "×" + n);
        double scale = 0;
        for (double[] row : a) for (double v : row) scale = Math.max(scale, Math.abs(v));
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-12 * scale) {
                    throw new IllegalArgumentException(where + ": " + name + " is not symmetric: " + name + "[" + i + "][" + j + "] = "
                            + a[i][j] + " but " + name + "[" + j + "][" + i + "] = " + a[j][i]);
                }
                m[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        return jacobi(m);
    }

    /** The eigenvalues, ascending (a copy). */
    public double[] values() { return values.clone(); }

    /** The eigenvectors as columns: vectors()[i][j] is component i of the eigenvector of values()[j] (a copy). */
    public double[][] vectors() {
        double[][] v = new double[vectors.length][];
        for (int i = 0; i < v.length; i++) v[i] = vectors[i].clone();
        return v;
    }

    /** V f(Λ) Vᵀ for a function of the eigenvalues, e.g. the square root of a PSD matrix. */
    public double[][] apply(java.util.function.DoubleUnaryOperator f) {
        int n = values.length;
        double[] fl = new double[n];
        for (int k = 0; k < n; k++) fl[k] = f.applyAsDouble(values[k]);
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += vectors[i][k] * fl[k] * vectors[j][k];
                r[i][j] = s;
                r[j][i] = s;
            }
        }
        return r;
    }

    /** Cyclic Jacobi on m (overwritten). */
    private static SymmetricEigen jacobi(double[][] m) {
        int n = m.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; ; sweep++) {
            double scale = 0;                                  // sums of squares of m/scale cannot overflow
            for (double[] row : m) for (double x : row) scale = Math.max(scale, Math.abs(x));
            if (scale == 0) break;
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += (m[i][i] / scale) * (m[i][i] / scale);
                for (int j = i + 1; j < n; j++) off += (m[i][j] / scale) * (m[i][j] / scale);
            }
            if (off <= 1e-4 * EPS * EPS * diag) break;         // off-diagonal norm below 1% of an ulp of the diagonal's
            if (sweep == MAX_SWEEPS) {
                throw new IllegalStateException("SymmetricEigen: Jacobi did not converge in " + MAX_SWEEPS
                        + " sweeps (relative off-diagonal mass " + off + ")");
            }
            int rotations = 0;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p][q];
                    if (apq == 0) continue;
                    double app = m[p][p], aqq = m[q][q];
                    // after a few sweeps, an entry too small to change either diagonal entry is set to zero
                    if (sweep > 3 && Math.abs(apq) <= EPS * 0.5 * Math.abs(app) && Math.abs(apq) <= EPS * 0.5 * Math.abs(aqq)) {
                        m[p][q] = 0;
                        m[q][p] = 0;
                        continue;
                    }
                    rotate(m, v, p, q, app, aqq, apq);
                    rotations++;
                }
            }
            if (rotations == 0) break;
        }
        // sort ascending, carrying the vectors along (stable: ties keep their order)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[x][x], m[y][y]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            for (int i = 0; i < n; i++) vectors[i][k] = v[i][order[k]];
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * m ← JᵀmJ and v ← vJ for the rotation J (J_pp = J_qq = c, J_pq = s, J_qp = −s) that zeroes m_pq:
     * cot 2φ = θ = (a_qq − a_pp)/(2a_pq), t = tan φ the smaller root of t² + 2θt − 1 = 0.
     */
    private static void rotate(double[][] m, double[][] v, int p, int q, double app, double aqq, double apq) {
        int n = m.length;
        double theta = (aqq - app) / (2 * apq);
        double t = Math.abs(theta) > 1e150 ? 0.5 / theta
                : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++) {                       // columns p, q of m·J
            double mkp = m[k][p], mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {                       // rows p, q of Jᵀ·(mJ)
            double mpk = m[p][k], mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
        for (int k = 0; k < n; k++) {                       // columns p, q of v·J
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
