package nash.gan.theory;

/**
 * The GAN minimax game on a finite set of outcomes, in closed form.
 *
 * <p>With p_data and p_G distributions over K outcomes and a discriminator d ∈ [0,1]^K (d[x] = the
 * probability that outcome x is real), the value is
 * <pre>
 *   V(D, G) = Σₓ p_data(x) log D(x) + Σₓ p_G(x) log(1 − D(x)).
 * </pre>
 * D maximises V pointwise at D*(x) = p_data(x) / (p_data(x) + p_G(x)), and there
 * V(D*, G) = −log 4 + 2·JS(p_data‖p_G); at equilibrium p_G = p_data, D* = ½ and V = −log 4.
 * Derivation: {@code docs/theory.md}. For the same game played by gradient steps see
 * {@link TabularGame}.
 */
public final class DiscreteGame {

    /** log 4: −V at equilibrium. */
    public static final double LOG_4 = Math.log(4.0);

    private DiscreteGame() {}

    /**
     * D*(x) = p_data(x) / (p_data(x) + p_G(x)) for each outcome x.
     *
     * <p>Where p_data(x) = p_G(x) = 0 the ratio is 0/0; every D(x) then gives the same V (the
     * outcome carries no weight), and we return ½, the limit along p_G = p_data, so that D* = ½
     * everywhere at equilibrium and V(D*, G) stays finite.
     *
     * @return a new array of length K
     * @throws IllegalArgumentException if the inputs are not distributions of the same length
     */
    public static double[] optimalDiscriminator(double[] pData, double[] pG) {
        checkGame("DiscreteGame.optimalDiscriminator", pData, pG);
        double[] d = new double[pData.length];
        for (int x = 0; x < d.length; x++) {
            double s = pData[x] + pG[x];
            d[x] = s == 0 ? 0.5 : pData[x] / s;
        }
        return d;
    }

    /**
     * V(D, G) = Σ p_data log d + Σ p_G log(1 − d).
     *
     * <p>A term with zero weight contributes 0 (0·log 0 = 0); a term with positive weight on
     * log 0 makes V = −∞ (a discriminator certain of the wrong answer on an outcome that occurs).
     *
     * @param d discriminator output per outcome, each in [0, 1]
     * @throws IllegalArgumentException on lengths that differ, d outside [0,1] or NaN, or inputs
     *                                  that are not distributions
     */
    public static double value(double[] d, double[] pData, double[] pG) {
        String where = "DiscreteGame.value";
        checkGame(where, pData, pG);
        if (d == null) throw new IllegalArgumentException(where + ": d must not be null");
        if (d.length != pData.length) {
            throw new IllegalArgumentException(where + ": d has " + d.length + " outcomes, the distributions have " + pData.length);
        }
        double v = 0;
        for (int x = 0; x < d.length; x++) {
            if (!(d[x] >= 0 && d[x] <= 1)) {
                throw new IllegalArgumentException(where + ": d[" + x + "] = " + d[x] + " is not in [0, 1]");
            }
            if (pData[x] > 0) v += pData[x] * Math.log(d[x]);
            if (pG[x] > 0) v += pG[x] * Math.log1p(-d[x]);
        }
        return v;
    }

    /** V(D*, G) = max_D V(D, G), evaluated from D*; equals −log 4 + 2·JS(p_data‖p_G). */
    public static double optimalValue(double[] pData, double[] pG) {
        return value(optimalDiscriminator(pData, pG), pData, pG);
    }

    private static void checkGame(String where, double[] pData, double[] pG) {
        if (pData == null || pG == null) throw new IllegalArgumentException(where + ": distributions must not be null");
        if (pData.length != pG.length) {
            throw new IllegalArgumentException(where + ": pData has " + pData.length + " outcomes, pG has " + pG.length);
        }
        Divergences.checkDistribution(where, "pData", pData);
        Divergences.checkDistribution(where, "pG", pG);
    }
}
