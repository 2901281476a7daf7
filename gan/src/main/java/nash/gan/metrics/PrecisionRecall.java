package nash.gan.metrics;

import nash.core.Tensor;

/**
 * Improved precision and recall for generative models (Kynkäänniemi et al. 2019), on feature
 * vectors.
 *
 * <p>The manifold of a set X is the union of balls B(xᵢ, rᵢ), where rᵢ is the distance from xᵢ to
 * its k-th nearest neighbour in X (itself excluded; a duplicate of xᵢ counts as a neighbour at
 * distance 0). A point q is in the manifold when ‖q − xᵢ‖ ≤ rᵢ for some i. Then
 * <pre>
 *   precision = fraction of generated samples in the manifold of the real ones   (quality)
 *   recall    = fraction of real samples in the manifold of the generated ones   (coverage)
 * </pre>
 * A collapsed generator has high precision and low recall. Exact pairwise Euclidean distances:
 * O((n_real + n_gen)² · d) time, deterministic.
 */
public final class PrecisionRecall {

    /** The neighbourhood size of the paper. */
    public static final int DEFAULT_K = 3;

    private PrecisionRecall() {}

    /** @param k the neighbourhood size the radii were computed with */
    public record Result(double precision, double recall, int k) {}

    /** Precision and recall with k = 3. */
    public static Result of(double[][] real, double[][] generated) { return of(real, generated, DEFAULT_K); }

    /** {@link #of(double[][], double[][], int)} for tensors [n, …] (axes after the first flattened). */
    public static Result of(Tensor real, Tensor generated, int k) {
        String where = "PrecisionRecall.of";
        return of(Matrices.rows(where, "real", real), Matrices.rows(where, "generated", generated), k);
    }

    /**
     * @param real      [n_r][d], n_r &gt; k
     * @param generated [n_g][d], n_g &gt; k
     * @param k         neighbourhood size ≥ 1
     */
    public static Result of(double[][] real, double[][] generated, int k) {
        String where = "PrecisionRecall.of";
        if (k < 1) throw new IllegalArgumentException(where + ": k must be ≥ 1, got " + k);
        int dr = Matrices.check(where, "real", real, k + 1), dg = Matrices.check(where, "generated", generated, k + 1);
        Matrices.sameWidth(where, "real", dr, "generated", dg);
        // squared radii throughout: a point exactly at a k-th neighbour's distance is inside, with no sqrt rounding
        double[] r2Real = kthNeighbourSquared(real, k), r2Gen = kthNeighbourSquared(generated, k);
        return new Result(inside(real, r2Real, generated), inside(generated, r2Gen, real), k);
    }

    /**
     * For each point, the distance to its k-th nearest other point of the same set.
     *
     * @param x [n][d], n &gt; k
     * @return [n]
     */
    public static double[] kthNeighbourDistances(double[][] x, int k) {
        String where = "PrecisionRecall.kthNeighbourDistances";
        if (k < 1) throw new IllegalArgumentException(where + ": k must be ≥ 1, got " + k);
        Matrices.check(where, "x", x, k + 1);
        double[] r = kthNeighbourSquared(x, k);
        for (int i = 0; i < r.length; i++) r[i] = Math.sqrt(r[i]);
        return r;
    }

    private static double[] kthNeighbourSquared(double[][] x, int k) {
        int n = x.length;
        double[] r = new double[n];
        double[] best = new double[k];                 // the k smallest squared distances so far, ascending
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double d2 = Matrices.squaredDistance(x[i], x[j]);
                if (d2 >= best[k - 1]) continue;
                int p = k - 1;                         // insert, keeping best sorted
                while (p > 0 && best[p - 1] > d2) {
                    best[p] = best[p - 1];
                    p--;
                }
                best[p] = d2;
            }
            r[i] = best[k - 1];
        }
        return r;
    }

    /**
     * The fraction of queries inside the manifold ⋃ B(pointsᵢ, radiiᵢ).
     *
     * @param points  [n][d]
     * @param radii   [n]
     * @param queries [m][d], m ≥ 1
     */
    public static double fractionInManifold(double[][] points, double[] radii, double[][] queries) {
        String where = "PrecisionRecall.fractionInManifold";
        int dp = Matrices.check(where, "points", points, 1), dq = Matrices.check(where, "queries", queries, 1);
        Matrices.sameWidth(where, "points", dp, "queries", dq);
        if (radii == null || radii.length != points.length) {
            throw new IllegalArgumentException(where + ": " + (radii == null ? "no" : String.valueOf(radii.length))
                    + " radii for " + points.length + " points");
        }
        double[] r2 = new double[radii.length];
        for (int i = 0; i < radii.length; i++) {
            if (!(radii[i] >= 0)) throw new IllegalArgumentException(where + ": radii[" + i + "] = " + radii[i] + " is not ≥ 0");
            r2[i] = radii[i] * radii[i];
        }
        return inside(points, r2, queries);
    }

    private static double inside(double[][] points, double[] r2, double[][] queries) {
        int inside = 0;
        for (double[] q : queries) {
            for (int i = 0; i < points.length; i++) {
                if (Matrices.squaredDistance(q, points[i]) <= r2[i]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / queries.length;
    }
}
