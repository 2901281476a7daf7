package nash.gan.metrics;

import nash.core.Tensor;

/**
 * The Inception Score (Salimans et al. 2016) from a classifier's class probabilities:
 * <pre>
 *   IS = exp( E_x KL( p(y|x) ‖ p(y) ) ),   p(y) = E_x p(y|x)
 * </pre>
 * High when each sample is classified confidently (peaked p(y|x)) and the classes are varied (flat
 * p(y)). It lies in [1, K]: 1 when every sample gets the same distribution, K when each is
 * classified with certainty and the K classes are equally frequent. Here the classifier is any
 * model producing probabilities (e.g. one trained on Fashion-MNIST), not Inception-v3, so scores
 * are comparable only between runs that use the same classifier.
 */
public final class InceptionScore {

    /** How far a row of probabilities may sum from 1 (classifier outputs are often float32). */
    public static final double ROW_SUM_TOLERANCE = 1e-6;

    private InceptionScore() {}

    /**
     * The score over all rows.
     *
     * @param probs [n][K], n ≥ 1: row i is p(y|xᵢ), entries ≥ 0 summing to 1 within {@value #ROW_SUM_TOLERANCE}
     */
    public static double of(double[][] probs) {
        check("InceptionScore.of", probs);
        return score(probs, 0, probs.length);
    }

    /** {@link #of(double[][])} for a tensor [n, K]. */
    public static double of(Tensor probs) {
        return of(Matrices.rows("InceptionScore.of", "probs", probs));
    }

    /**
     * The mean and standard deviation of the score over {@code splits} parts, as the reference
     * implementation (openai/improved-gan) reports it: part s is rows [⌊s·n/splits⌋, ⌊(s+1)·n/splits⌋), so every row
     * is used and the parts differ in size by at most one, and the deviation is the population one (divisor
     * splits). The usual choice is 10.
     */
    public static Split of(double[][] probs, int splits) {
        String where = "InceptionScore.of";
        check(where, probs);
        if (splits < 1 || splits > probs.length) {
            throw new IllegalArgumentException(where + ": splits must be in [1, n = " + probs.length + "], got " + splits);
        }
        long n = probs.length;
        double[] s = new double[splits];
        double mean = 0;
        for (int i = 0; i < splits; i++) {
            s[i] = score(probs, (int) (i * n / splits), (int) ((i + 1) * n / splits));
            mean += s[i];
        }
        mean /= splits;
        double var = 0;
        for (double v : s) var += (v - mean) * (v - mean);
        return new Split(mean, Math.sqrt(var / splits), s);
    }

    /** The scores of the parts, their mean and population standard deviation. */
    public record Split(double mean, double std, double[] scores) {}

    /** exp(mean over rows [from, to) of KL(p(y|x) ‖ p(y))), p(y) the mean of those rows. */
    private static double score(double[][] p, int from, int to) {
        int k = p[0].length, n = to - from;
        double[] logPy = new double[k];         // log p(y) = log Σᵢ p − log n: the sum, unlike the mean, cannot round to 0
        for (int i = from; i < to; i++) for (int c = 0; c < k; c++) logPy[c] += p[i][c];
        for (int c = 0; c < k; c++) logPy[c] = Math.log(logPy[c]) - Math.log(n);
        double klSum = 0;
        for (int i = from; i < to; i++) {
            double kl = 0;
            for (int c = 0; c < k; c++) {
                if (p[i][c] > 0) kl += p[i][c] * (Math.log(p[i][c]) - logPy[c]);   // 0·log 0 = 0; p > 0 ⇒ Σ p > 0
            }
            klSum += kl;
        }
        return Math.exp(Math.max(0, klSum / n));
    }

    private static void check(String where, double[][] probs) {
        Matrices.check(where, "probs", probs, 1);
        for (int i = 0; i < probs.length; i++) {
            double s = 0;
            for (int c = 0; c < probs[i].length; c++) {
                if (probs[i][c] < 0) {
                    throw new IllegalArgumentException(where + ": probs[" + i + "][" + c + "] = " + probs[i][c] + " is negative");
                }
                s += probs[i][c];
            }
            if (Math.abs(s - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException(where + ": row " + i + " sums to " + s
                        + ", not 1: pass probabilities (softmax of the logits), not logits");
            }
        }
    }
}
