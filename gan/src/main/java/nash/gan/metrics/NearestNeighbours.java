package nash.gan.metrics;

import nash.core.Tensor;

/**
 * The nearest training example of each generated sample: a memorisation check. A generator that
 * copies its training set produces samples at distance ≈ 0 from a training image; look at the
 * smallest distances, and at the pairs side by side.
 */
public final class NearestNeighbours {

    private NearestNeighbours() {}

    /**
     * @param index    [n], the row of the training set nearest to each sample (ties: the lower row)
     * @param distance [n], the Euclidean distance to it
     */
    public record Match(int[] index, double[] distance) {}

    /**
     * For each sample, its nearest training example by Euclidean distance (exact, by brute force:
     * O(n·m·d)).
     *
     * @param samples  [n][d], n ≥ 1
     * @param training [m][d], m ≥ 1
     */
    public static Match nearest(double[][] samples, double[][] training) {
        String where = "NearestNeighbours.nearest";
        int ds = Matrices.check(where, "samples", samples, 1), dt = Matrices.check(where, "training", training, 1);
        Matrices.sameWidth(where, "samples", ds, "training", dt);
        int[] idx = new int[samples.length];
        double[] dist = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            int best = 0;
            double bestD2 = Double.POSITIVE_INFINITY;
            for (int j = 0; j < training.length; j++) {
                double d2 = Matrices.squaredDistance(samples[i], training[j]);
                if (d2 < bestD2) {
                    bestD2 = d2;
                    best = j;
                }
            }
            idx[i] = best;
            dist[i] = Math.sqrt(bestD2);
        }
        return new Match(idx, dist);
    }

    /** {@link #nearest(double[][], double[][])} for tensors [n, …] and [m, …], e.g. images [n,1,28,28]. */
    public static Match nearest(Tensor samples, Tensor training) {
        String where = "NearestNeighbours.nearest";
        return nearest(Matrices.rows(where, "samples", samples), Matrices.rows(where, "training", training));
    }
}
