package nash.gan.theory;

/**
 * Kullback–Leibler and Jensen–Shannon divergences between discrete distributions, in nats
 * (natural log).
 *
 * <p>Conventions: 0·log(0/q) = 0 for any q (an outcome p never produces costs nothing), and
 * p·log(p/0) = +∞ for p &gt; 0 (KL is infinite where q misses mass that p has). JS never meets the
 * second case, because its mixture m = (p+q)/2 is positive wherever p or q is, so 0 ≤ JS ≤ log 2 (computed as
 * p·log(2p/(p+q)), since (p+q)/2 itself can round to 0 for subnormal p and q).
 * Derivations and the worked numbers of the lesson: {@code docs/theory.md}.
 *
 * <p>Inputs are read, never modified. Each must be a distribution: same length as the other,
 * every entry finite and ≥ 0, entries summing to 1 within {@value #SUM_TOLERANCE}.
 */
public final class Divergences {

    /** How far Σp may be from 1 for p to count as a distribution. */
    public static final double SUM_TOLERANCE = 1e-9;

    /** log 2, the largest JS divergence (reached when the supports are disjoint). */
    public static final double LOG_2 = Math.log(2.0);

    private Divergences() {}

    /** KL(p‖q) = Σ p log(p/q) ≥ 0; +∞ if some q(x) = 0 &lt; p(x). A rounding residue below 0 is returned as 0. */
    public static double kl(double[] p, double[] q) {
        checkPair("Divergences.kl", p, q);
        return Math.max(0.0, klUnchecked(p, q));
    }

    /** JS(p‖q) = ½ KL(p‖m) + ½ KL(q‖m), m = (p+q)/2; symmetric, in [0, log 2]. */
    public static double js(double[] p, double[] q) {
        checkPair("Divergences.js", p, q);
        // ½ Σ p·log(2p/(p+q)) + ½ Σ q·log(2q/(p+q)): m = (p+q)/2 itself can round to 0 where p or q is subnormal
        // (½·MIN_VALUE = 0), which made the KL against m infinite and JS log 2 for two practically equal distributions
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double t = p[i] + q[i];
            if (p[i] > 0) s += p[i] * Math.log(2 * p[i] / t);
            if (q[i] > 0) s += q[i] * Math.log(2 * q[i] / t);
        }
        double js = 0.5 * s;
        // NOTE: rounding can leave JS an ulp outside [0, log 2] (e.g. −5e-18 at p = q); clamp to the true range.
        return Math.min(LOG_2, Math.max(0.0, js));
    }

    /** The mixture m = (p+q)/2 of two distributions of the same length. */
    public static double[] mixture(double[] p, double[] q) {
        checkPair("Divergences.mixture", p, q);
        return mix(p, q);
    }

    private static double[] mix(double[] p, double[] q) {
        double[] m = new double[p.length];
        for (int i = 0; i < p.length; i++) m[i] = 0.5 * (p[i] + q[i]);
        return m;
    }

    static double klUnchecked(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) continue;                       // 0·log(0/q) = 0
            if (q[i] == 0) return Double.POSITIVE_INFINITY; // p·log(p/0) = +∞
            double r = p[i] / q[i];                        // log(p/q), or log p − log q where p/q over- or underflows
            s += p[i] * (r > 0 && r < Double.POSITIVE_INFINITY ? Math.log(r) : Math.log(p[i]) - Math.log(q[i]));
        }
        return s;
    }

    /**
     * Checks that p and q are distributions over the same outcomes.
     *
     * @throws IllegalArgumentException naming {@code where}, the argument and the offending value
     */
    static void checkPair(String where, double[] p, double[] q) {
        if (p == null || q == null) throw new IllegalArgumentException(where + ": distributions must not be null");
        if (p.length != q.length) {
            throw new IllegalArgumentException(where + ": distributions over different numbers of outcomes: "
                    + p.length + " and " + q.length);
        }
        checkDistribution(where, "p", p);
        checkDistribution(where, "q", q);
    }

    /**
     * Checks that {@code p} is a distribution: non-empty, entries finite and ≥ 0, Σ within
     * {@value #SUM_TOLERANCE} of 1.
     *
     * @param where the caller's name for messages, e.g. "DiscreteGame.value"
     * @param name  the argument's name for messages, e.g. "pData"
     * @throws IllegalArgumentException naming the offending entry or sum
     */
    public static void checkDistribution(String where, String name, double[] p) {
        if (p == null) throw new IllegalArgumentException(where + ": " + name + " must not be null");
        if (p.length == 0) throw new IllegalArgumentException(where + ": " + name + " has no outcomes");
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isFinite(p[i]) || p[i] < 0) {
                throw new IllegalArgumentException(where + ": " + name + "[" + i + "] = " + p[i]
                        + " is not a probability (must be finite and ≥ 0)");
            }
            s += p[i];
        }
        if (Math.abs(s - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(where + ": " + name + " sums to " + s
                    + ", not 1 (tolerance " + SUM_TOLERANCE + ")");
        }
    }
}
