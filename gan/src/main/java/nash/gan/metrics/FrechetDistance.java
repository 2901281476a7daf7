package nash.gan.metrics;

import nash.core.Tensor;

/**
 * The Fréchet distance between Gaussians fitted to two sets of feature vectors — FID when the
 * features come from an Inception network (Heusel et al. 2017), computed the standard way in float64:
 * <pre>
 *   d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^{1/2})
 * </pre>
 * with sample means and sample covariances (divisor n − 1). Σ₁Σ₂ is not symmetric, but it is similar
 * to the PSD matrix Σ₁^{1/2} Σ₂ Σ₁^{1/2}, so Tr (Σ₁Σ₂)^{1/2} = Σᵢ √λᵢ(Σ₁^{1/2} Σ₂ Σ₁^{1/2}); both
 * square roots come from {@link SymmetricEigen}. Eigenvalues that rounding leaves slightly
 * negative are taken as 0. Derivation: {@code docs/metrics.md}.
 *
 * <p>With fewer samples than dimensions a covariance is singular and its zero eigenvalues come out
 * as ±1e-16·‖Σ‖; their square roots, ~1e-8·√‖Σ‖, then bound the accuracy. Use n &gt; d samples (FID
 * uses 10,000 or 50,000).
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /**
     * The Fréchet distance between the Gaussians fitted to two feature sets.
     *
     * @param x [n₁][d], one row per sample, n₁ ≥ 2
     * @param y [n₂][d], n₂ ≥ 2
     */
    public static double between(double[][] x, double[][] y) {
        String where = "FrechetDistance.between";
        int dx = Matrices.check(where, "x", x, 2), dy = Matrices.check(where, "y", y, 2);
        Matrices.sameWidth(where, "x", dx, "y", dy);
        return fromStatistics(mean(x), covariance(x), mean(y), covariance(y));
    }

    /** {@link #between(double[][], double[][])} for tensors [n, …] (all axes after the first are flattened). */
    public static double between(Tensor x, Tensor y) {
        String where = "FrechetDistance.between";
        return between(Matrices.rows(where, "x", x), Matrices.rows(where, "y", y));
    }

    /**
     * ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^{1/2}) from precomputed statistics.
     *
     * @param mu1    [d]
     * @param sigma1 [d][d], symmetric positive semi-definite
     * @param mu2    [d]
     * @param sigma2 [d][d], symmetric positive semi-definite
     */
    public static double fromStatistics(double[] mu1, double[][] sigma1, double[] mu2, double[][] sigma2) {
        String where = "FrechetDistance.fromStatistics";
        Matrices.checkVector(where, "mu1", mu1);
        Matrices.checkVector(where, "mu2", mu2);
        int d = mu1.length;
        if (mu2.length != d) throw new IllegalArgumentException(where + ": mu1 has " + d + " values but mu2 has " + mu2.length);
        SymmetricEigen e1 = checkCovariance(where, "sigma1", sigma1, d);
        checkCovariance(where, "sigma2", sigma2, d);
        double meanTerm = Matrices.squaredDistance(mu1, mu2);
        double trace = 0;
        for (int i = 0; i < d; i++) trace += sigma1[i][i] + sigma2[i][i];
        return meanTerm + trace - 2 * traceSqrtProduct(e1, sigma2);
    }

    /** Tr (Σ₁Σ₂)^{1/2} = Σ √λ(Σ₁^{1/2} Σ₂ Σ₁^{1/2}) for PSD Σ₁, Σ₂ [d][d]. */
    static double traceSqrtProduct(double[][] s1, double[][] s2) { return traceSqrtProduct(SymmetricEigen.of(s1), s2); }

    /** The same, from Σ₁'s eigendecomposition. */
    private static double traceSqrtProduct(SymmetricEigen e1, double[][] s2) {
        int d = s2.length;
        double[][] r = e1.apply(l -> Math.sqrt(Math.max(l, 0)));                       // Σ₁^{1/2}
        double[][] m = multiply(multiply(r, s2), r);
        for (int i = 0; i < d; i++) {                   // symmetrise the rounding of the two products
            for (int j = i + 1; j < d; j++) {
                double a = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = a;
                m[j][i] = a;
            }
        }
        double t = 0;
        for (double l : SymmetricEigen.of(m).values()) t += Math.sqrt(Math.max(l, 0));
        return t;
    }

    /** The mean of the rows, [d]. */
    public static double[] mean(double[][] x) {
        int d = Matrices.check("FrechetDistance.mean", "x", x, 1);
        double[] mu = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mu[j] += row[j];
        for (int j = 0; j < d; j++) mu[j] /= x.length;
        return mu;
    }

    /** The sample covariance of the rows, Σ (xᵢ − μ)(xᵢ − μ)ᵀ / (n − 1), [d][d]. */
    public static double[][] covariance(double[][] x) {
        int d = Matrices.check("FrechetDistance.covariance", "x", x, 2);
        double[] mu = mean(x);
        double[][] c = new double[d][d];
        double[] r = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) r[j] = row[j] - mu[j];
            for (int i = 0; i < d; i++) {
                double ri = r[i];
                for (int j = i; j < d; j++) c[i][j] += ri * r[j];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= x.length - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }

    /**
     * A covariance: d×d, symmetric (to 1e-12 of its largest entry) and positive semi-definite (no eigenvalue below
     * −1e-9 of the largest): anything else gives a meaningless, possibly negative, distance.
     */
    private static SymmetricEigen checkCovariance(String where, String name, double[][] s, int d) {
        int cols = Matrices.check(where, name, s, 1);
        if (s.length != d || cols != d) {
            throw new IllegalArgumentException(where + ": " + name + " is " + s.length + "×" + cols + ", the means have " + d + " values");
        }
        SymmetricEigen e = SymmetricEigen.of(where, name, s);                       // checks the symmetry, naming s
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (double v : e.values()) { min = Math.min(min, v); max = Math.max(max, Math.abs(v)); }
        if (min < -1e-9 * max) {
            throw new IllegalArgumentException(where + ": " + name + " is not positive semi-definite: it has the eigenvalue " + min);
        }
        return e;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                double[] bp = b[p];
                for (int j = 0; j < m; j++) ci[j] += aip * bp[j];
            }
        }
        return c;
    }
}
