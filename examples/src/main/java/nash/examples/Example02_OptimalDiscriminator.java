package nash.examples;

import java.util.Locale;
import nash.gan.theory.DiscreteGame;
import nash.gan.theory.Divergences;
import nash.gan.theory.TabularGame;

/**
 * Tutorial 2 — the optimal discriminator and the Jensen–Shannon divergence.
 *
 * <p>The lesson: for a fixed generator, the discriminator that maximises
 * V(D, G) = E_data log D(x) + E_G log(1 − D(x)) is D*(x) = p_data(x) / (p_data(x) + p_G(x)), and
 * there V(D*, G) = −log 4 + 2·JS(p_data‖p_G). So a generator facing the best discriminator
 * minimises JS, and the game ends at p_G = p_data, D* = ½, V = −log 4.
 *
 * <p>You will see the lesson's worked examples on a few discrete outcomes, computed exactly
 * (its 3-outcome exercise: D* ≈ [0.714, 0.375, 0.4], m, the two KL terms, JS ≈ 0.051; its 2-outcome
 * anchor: D*(0) ≈ 0.4167, D*(1) = 0.625, JS ≈ 0.021; the equilibrium), then the same game played
 * by gradient steps with Nash's autodiff: first D alone climbing to D*, then both players, with
 * JS falling to 0 and V rising to −log 4.
 */
public final class Example02_OptimalDiscriminator {

    public static void main(String[] args) {
        // ---- Part 1: the lesson's 3-outcome exercise, outcomes {A, B, C}
        double[] pData = {0.5, 0.3, 0.2};
        double[] pG = {0.2, 0.5, 0.3};
        System.out.println("p_data = " + fmt(pData) + ",  p_G = " + fmt(pG));

        // D*(x) = p_data(x) / (p_data(x) + p_G(x))
        double[] dStar = DiscreteGame.optimalDiscriminator(pData, pG);
        System.out.println("D*     = " + fmt(dStar));                      // [0.714286, 0.375000, 0.400000] = 5/7, 3/8, 2/5
        // Most confident "real" at A (the data over-produces it), most confident "fake" at B.

        // m = (p_data + p_G)/2, then KL(p‖m) = Σ p log(p/m) term by term, as the lesson writes it
        double[] m = Divergences.mixture(pData, pG);
        System.out.println("m      = " + fmt(m));                          // [0.350000, 0.400000, 0.250000]
        System.out.println("KL(p_data‖m) terms " + fmt(klTerms(pData, m)));  // [0.178337, -0.086305, -0.044629]
        System.out.println("KL(p_G‖m)    terms " + fmt(klTerms(pG, m)));     // [-0.111923, 0.111572, 0.054696]
        double klData = Divergences.kl(pData, m), klG = Divergences.kl(pG, m);
        System.out.printf(Locale.ROOT, "KL(p_data‖m) = %.6f%n", klData);                 // 0.047404 (the lesson's 0.0475 adds rounded terms)
        System.out.printf(Locale.ROOT, "KL(p_G‖m)    = %.6f%n", klG);                    // 0.054345 (lesson: 0.0544)

        // JS = ½ KL(p_data‖m) + ½ KL(p_G‖m)
        double js = Divergences.js(pData, pG);
        System.out.printf(Locale.ROOT, "JS(p_data‖p_G) = %.6f nats (of at most log 2 = %.6f)%n", js, Divergences.LOG_2);  // 0.050875 ≈ 0.051

        // V(D*, G) = −log 4 + 2·JS: evaluate V at D* and compare with the formula
        double vStar = DiscreteGame.optimalValue(pData, pG);
        System.out.printf(Locale.ROOT, "V(D*, G)         = %.6f%n", vStar);              // -1.284545
        System.out.printf(Locale.ROOT, "−log 4 + 2·JS    = %.6f%n", -DiscreteGame.LOG_4 + 2 * js);  // -1.284545
        // Any other D scores less: D* is the maximum. D = ½ everywhere scores exactly −log 4.
        double[] nudged = {dStar[0] - 0.05, dStar[1] + 0.05, dStar[2]};
        System.out.printf(Locale.ROOT, "V(D* nudged, G)  = %.6f%n", DiscreteGame.value(nudged, pData, pG));          // -1.292719
        System.out.printf(Locale.ROOT, "V(½, G)          = %.6f%n", DiscreteGame.value(new double[] {0.5, 0.5, 0.5}, pData, pG));  // -1.386294

        // ---- Part 2: the 2-outcome anchor of the lesson's summary
        double[] coin = {0.5, 0.5}, skewed = {0.7, 0.3};
        System.out.println();
        System.out.println("p_data = " + fmt(coin) + ",  p_G = " + fmt(skewed));
        System.out.println("D*     = " + fmt(DiscreteGame.optimalDiscriminator(coin, skewed)));  // [0.416667, 0.625000]
        System.out.printf(Locale.ROOT, "JS     = %.6f%n", Divergences.js(coin, skewed));                      // 0.021006 ≈ 0.021

        // ---- Part 3: equilibrium, p_G = p_data
        System.out.println();
        System.out.println("equilibrium p_G = p_data = " + fmt(pData));
        System.out.println("D*     = " + fmt(DiscreteGame.optimalDiscriminator(pData, pData)));  // [0.500000, 0.500000, 0.500000]
        System.out.printf(Locale.ROOT, "JS     = %.6f,  V(D*, G) = %.6f = −log 4%n",
                Divergences.js(pData, pData), DiscreteGame.optimalValue(pData, pData));     // 0.000000, -1.386294

        // ---- Part 4: D alone, by gradient ascent on V (G frozen at the lesson's p_G)
        // Both players are tables: D = σ(a), p_G = softmax(b). a += η ∂V/∂a, ∂V/∂aₓ = p_data(1 − D) − p_G·D.
        System.out.println();
        System.out.println("D by gradient ascent on V, G frozen (η_D = 1), heading for D* = " + fmt(dStar));
        TabularGame dOnly = TabularGame.fromDistributions(pData, pG).freezeGenerator(true);
        System.out.println("  step   D                                  V(D, G)");
        for (int step : new int[] {0, 1, 2, 5, 10, 20, 50}) {
            while (dOnly.snapshot().step() < step) dOnly.step();
            TabularGame.Snapshot s = dOnly.snapshot();
            System.out.printf(Locale.ROOT, "  %4d   %-32s   %.6f%n", s.step(), fmt(s.d()), s.value());
        }
        // step 0 starts at D = ½, V = −log 4; step 50 prints D = [0.714216, 0.375003, 0.400157] ≈ D*
        // and V = -1.284545 = V(D*, G) to 6 decimals.

        // ---- Part 5: both players, the non-saturating generator loss, one D step per G step
        // G: b −= η_G ∂L_G/∂b with L_G = −Σ p_G log D. Columns: p_G, JS(p_data‖p_G), V(D, G), and
        // V(D*, G) = −log 4 + 2·JS, what the best D would score against this G.
        System.out.println();
        System.out.println("The game by gradient steps (η_D = 1, η_G = 0.2, k = 1), from p_G = " + fmt(pG));
        TabularGame game = TabularGame.fromDistributions(pData, pG);
        System.out.println("  step   p_G                                D                                  JS         V(D, G)     V(D*, G)");
        for (int step : new int[] {0, 1, 5, 10, 20, 50, 100, 200, 400}) {
            while (game.snapshot().step() < step) game.step();
            TabularGame.Snapshot s = game.snapshot();
            System.out.printf(Locale.ROOT, "  %4d   %-32s   %-32s   %.3e  %.6f   %.6f%n",
                    s.step(), fmt(s.pG()), fmt(s.d()), s.js(), s.value(), s.optimalValue());
        }
        TabularGame.Snapshot end = game.snapshot();
        System.out.printf(Locale.ROOT, "after %d steps: JS = %.2e, max |D − ½| = %.2e, V + log 4 = %.2e%n",
                end.step(), end.js(), maxDistanceFromHalf(end.d()), end.value() + DiscreteGame.LOG_4);
        // step 0:   JS 5.087e-02, V(D, G) = -1.386294 (D = ½), V(D*, G) = -1.284545
        // step 50:  JS 2.144e-03, p_G = [0.435, 0.331, 0.233] closing in on p_data
        // step 400: p_G = p_data and D = ½ to 6 decimals; prints JS = 2.06e-14, max |D − ½| = 2.77e-07,
        // V + log 4 = 3.44e-14: the equilibrium.
    }

    /** The terms p(x)·log(p(x)/q(x)) whose sum is KL(p‖q). */
    static double[] klTerms(double[] p, double[] q) {
        double[] t = new double[p.length];
        for (int i = 0; i < p.length; i++) t[i] = p[i] == 0 ? 0 : p[i] * Math.log(p[i] / q[i]);
        return t;
    }

    static double maxDistanceFromHalf(double[] d) {
        double m = 0;
        for (double v : d) m = Math.max(m, Math.abs(v - 0.5));
        return m;
    }

    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", v[i]));
        return sb.append(']').toString();
    }

    private Example02_OptimalDiscriminator() {}
}

// How to run: ./mvnw -q -DskipTests package && java --add-modules jdk.incubator.vector -cp examples/target/nash.jar nash.examples.Example02_OptimalDiscriminator
