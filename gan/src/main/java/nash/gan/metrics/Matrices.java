package nash.gan.metrics;

import java.util.Arrays;
import nash.core.Tensor;

/** Shape checks and conversions shared by the metrics: every message names the function and the argument. */
final class Matrices {

    private Matrices() {}

    /**
     * Checks a matrix given as rows: at least {@code minRows} rows, all of one length ≥ 1, finite.
     *
     * @return the number of columns
     */
    static int check(String where, String name, double[][] x, int minRows) {
        if (x == null) throw new IllegalArgumentException(where + ": " + name + " must not be null");
        if (x.length < minRows) {
            throw new IllegalArgumentException(where + ": " + name + " has " + x.length + " rows, need at least " + minRows);
        }
        if (x.length == 0) return 0;
        if (x[0] == null || x[0].length == 0) throw new IllegalArgumentException(where + ": " + name + "[0] has no values");
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(where + ": " + name + " row " + i + " has "
                        + (x[i] == null ? "no" : String.valueOf(x[i].length)) + " values, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(where + ": " + name + "[" + i + "][" + j + "] = " + x[i][j] + " is not finite");
                }
            }
        }
        return d;
    }

    /** Checks a vector: non-null, length ≥ 1, finite. */
    static void checkVector(String where, String name, double[] v) {
        if (v == null) throw new IllegalArgumentException(where + ": " + name + " must not be null");
        if (v.length == 0) throw new IllegalArgumentException(where + ": " + name + " is empty");
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(where + ": " + name + "[" + i + "] = " + v[i] + " is not finite");
        }
    }

    /** A tensor [n, …] as n rows of its remaining axes flattened (e.g. images [n,1,28,28] → n rows of 784). */
    static double[][] rows(String where, String name, Tensor t) {
        if (t == null) throw new IllegalArgumentException(where + ": " + name + " must not be null");
        if (t.dim() < 2) {
            throw new IllegalArgumentException(where + ": " + name + " must be [n, d] (one row per sample), got shape "
                    + Arrays.toString(t.shape()));
        }
        int n = t.shape(0), d = n == 0 ? 0 : t.size() / n;
        double[] data = t.data();
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) r[i] = Arrays.copyOfRange(data, i * d, (i + 1) * d);
        return r;
    }

    /** A tensor [d] (or [1, d]) as a vector. */
    static double[] vector(String where, String name, Tensor t) {
        if (t == null) throw new IllegalArgumentException(where + ": " + name + " must not be null");
        if (t.dim() == 1 || (t.dim() == 2 && t.shape(0) == 1)) return t.toArray();
        throw new IllegalArgumentException(where + ": " + name + " must be a vector [d], got shape " + Arrays.toString(t.shape()));
    }

    /** ‖a − b‖², summed in index order. */
    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }

    /** Both sets have the same number of columns. */
    static void sameWidth(String where, String nameA, int a, String nameB, int b) {
        if (a != b) {
            throw new IllegalArgumentException(where + ": " + nameA + " has " + a + " columns but " + nameB + " has " + b);
        }
    }
}
