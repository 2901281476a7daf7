package nash.gan.theory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nash.core.Autograd;
import nash.core.Tensor;

/**
 * The GAN minimax game over K outcomes, played by gradient steps with Nash's autodiff, so that a
 * learner can watch D approach D*, JS fall and V approach −log 4.
 *
 * <p>Both players are tables:
 * <pre>
 *   generator:      logits b ∈ ℝᴷ,  p_G = softmax(b)
 *   discriminator:  logits a ∈ ℝᴷ,  D   = σ(a)
 *   V(D, G) = Σₓ p_data(x) log σ(aₓ) + Σₓ p_G(x) log σ(−aₓ)        (exact expectation, no sampling)
 * </pre>
 * One {@link #step()} is k gradient-ascent steps on V for D (a += η_D ∇ₐV), then one
 * gradient-descent step for G (b −= η_G ∇_b L_G) against the updated D, where L_G is
 * <ul>
 *   <li>{@link GeneratorLoss#MINIMAX}: Σ p_G log(1 − D), the value's own G term, or</li>
 *   <li>{@link GeneratorLoss#NON_SATURATING}: −Σ p_G log D (same fixed point, stronger gradient
 *       where D is confident the outcome is fake).</li>
 * </ul>
 * The history holds a {@link Snapshot} (step, D, p_G, JS, V) before the first step and after each.
 *
 * <pre>{@code
 * TabularGame game = TabularGame.fromDistributions(pData, pG0)
 *         .discriminatorSteps(5).generatorLearningRate(0.5);
 * game.run(2000);
 * game.snapshot().js();   // → 0 as p_G → p_data
 * }</pre>
 * Not thread-safe. Deterministic: there is no randomness in the game.
 */
public final class TabularGame {

    /** What the generator minimises. */
    public enum GeneratorLoss {
        /** L_G = Σ p_G log(1 − D): the minimax value's G term; saturates where D ≈ 0. */
        MINIMAX,
        /** L_G = −Σ p_G log D: the non-saturating loss of Goodfellow et al. (2014). */
        NON_SATURATING
    }

    /**
     * The state of the game after {@code step} steps (step 0: the start).
     *
     * @param step  how many steps were taken
     * @param d     D = σ(a) per outcome
     * @param pG    p_G = softmax(b)
     * @param js    JS(p_data‖p_G)
     * @param value V(D, G)
     */
    public record Snapshot(int step, double[] d, double[] pG, double js, double value) {
        /** V(D*, G) = −log 4 + 2·JS: the value the best discriminator would reach against this G. */
        public double optimalValue() { return -DiscreteGame.LOG_4 + 2 * js; }
    }

    private final double[] pData;
    private final Tensor pDataT;                // [K]
    private final Tensor genLogits;             // b: [K], requires grad
    private final Tensor disLogits;             // a: [K], requires grad
    private double lrD = 1.0;
    private double lrG = 0.2;
    private int dSteps = 1;
    private GeneratorLoss loss = GeneratorLoss.NON_SATURATING;
    private boolean generatorFrozen;
    private int step;
    private final List<Snapshot> history = new ArrayList<>();

    /**
     * A game from the players' logits (copied). Defaults: η_D = 1, η_G = 0.2, k = 1,
     * non-saturating generator loss.
     *
     * @param pData               the data distribution (read, copied)
     * @param generatorLogits     b, p_G = softmax(b)
     * @param discriminatorLogits a, D = σ(a)
     */
    public TabularGame(double[] pData, double[] generatorLogits, double[] discriminatorLogits) {
        String where = "TabularGame";
        Divergences.checkDistribution(where, "pData", pData);
        if (generatorLogits == null || discriminatorLogits == null) {
            throw new IllegalArgumentException(where + ": logits must not be null");
        }
        if (generatorLogits.length != pData.length || discriminatorLogits.length != pData.length) {
            throw new IllegalArgumentException(where + ": pData has " + pData.length + " outcomes but generatorLogits has "
                    + generatorLogits.length + " and discriminatorLogits " + discriminatorLogits.length);
        }
        checkFinite(where, "generatorLogits", generatorLogits);
        checkFinite(where, "discriminatorLogits", discriminatorLogits);
        this.pData = pData.clone();
        this.pDataT = Tensor.of(pData);
        this.genLogits = Tensor.of(generatorLogits).requiresGrad(true);
        this.disLogits = Tensor.of(discriminatorLogits).requiresGrad(true);
        history.add(snapshot());
    }

    /**
     * A game whose generator starts at p_G0 (b = log p_G0, so every p_G0(x) must be &gt; 0) and
     * whose discriminator starts undecided, D = ½ (a = 0).
     */
    public static TabularGame fromDistributions(double[] pData, double[] pG0) {
        Divergences.checkDistribution("TabularGame.fromDistributions", "pG0", pG0);
        double[] b = new double[pG0.length];
        for (int x = 0; x < b.length; x++) {
            if (pG0[x] <= 0) {
                throw new IllegalArgumentException("TabularGame.fromDistributions: pG0[" + x + "] = " + pG0[x]
                        + "; a softmax generator cannot start at 0 (its logit would be −∞)");
            }
            b[x] = Math.log(pG0[x]);
        }
        return new TabularGame(pData, b, new double[pG0.length]);
    }

    // ------------------------------------------------------------------ settings (fluent)

    /** η_D, the discriminator's step size (&gt; 0). */
    public TabularGame discriminatorLearningRate(double lr) {
        lrD = positive("discriminatorLearningRate", lr);
        return this;
    }

    /** η_G, the generator's step size (&gt; 0). */
    public TabularGame generatorLearningRate(double lr) {
        lrG = positive("generatorLearningRate", lr);
        return this;
    }

    /** k, discriminator steps per generator step (≥ 1). */
    public TabularGame discriminatorSteps(int k) {
        if (k < 1) throw new IllegalArgumentException("TabularGame.discriminatorSteps: k must be ≥ 1, got " + k);
        dSteps = k;
        return this;
    }

    /** The generator's loss. */
    public TabularGame generatorLoss(GeneratorLoss l) {
        if (l == null) throw new IllegalArgumentException("TabularGame.generatorLoss: must not be null");
        loss = l;
        return this;
    }

    /** With the generator frozen only D moves, by gradient ascent towards D* of the current p_G. */
    public TabularGame freezeGenerator(boolean frozen) {
        generatorFrozen = frozen;
        return this;
    }

    // ------------------------------------------------------------------ playing

    /** k discriminator ascent steps, then one generator descent step; records and returns the snapshot. */
    public Snapshot step() {
        for (int i = 0; i < dSteps; i++) {
            Tensor v = value(disLogits, genLogits.detach());
            Tensor ga = Autograd.grad(v, disLogits, false);               // ∂V/∂aₓ = p_data(1 − D) − p_G·D
            disLogits.addInPlace(ga, lrD);
        }
        if (!generatorFrozen) {
            Tensor lg = generatorLoss(disLogits.detach(), genLogits);
            Tensor gb = Autograd.grad(lg, genLogits, false);              // ∂L/∂b_j = p_G(j)(ℓ_j − Σ p_G ℓ)
            genLogits.addInPlace(gb, -lrG);
        }
        step++;
        Snapshot s = snapshot();
        history.add(s);
        return s;
    }

    /** Takes {@code steps} steps; returns the snapshots they produced (also appended to the history). */
    public List<Snapshot> run(int steps) {
        if (steps < 0) throw new IllegalArgumentException("TabularGame.run: steps must be ≥ 0, got " + steps);
        List<Snapshot> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) out.add(step());
        return out;
    }

    /** Every snapshot so far, the start first. Not modifiable. */
    public List<Snapshot> history() { return Collections.unmodifiableList(history); }

    /** The current state. */
    @SuppressWarnings("try")   // the scope is used for its effect: no graph recorded inside
    public Snapshot snapshot() {
        try (var scope = Autograd.noGrad()) {
            double[] d = disLogits.sigmoid().toArray();
            double[] pG = genLogits.softmax(0).toArray();
            double v = value(disLogits, genLogits).item();
            return new Snapshot(step, d, pG, Divergences.js(pData, normalised(pG)), v);
        }
    }

    /** D* for the current generator: where gradient ascent on D is heading. */
    public double[] optimalDiscriminator() {
        return DiscreteGame.optimalDiscriminator(pData, normalised(snapshot().pG()));
    }

    // ------------------------------------------------------------------ the objectives, in Tensor ops

    /** V = Σ p_data log σ(a) + Σ softmax(b) log σ(−a): log σ is the stable form of log D. */
    private Tensor value(Tensor a, Tensor b) {
        Tensor pG = b.softmax(0);
        return pDataT.mul(a.logSigmoid()).sum().add(pG.mul(a.neg().logSigmoid()).sum());
    }

    private Tensor generatorLoss(Tensor a, Tensor b) {
        Tensor pG = b.softmax(0);
        return switch (loss) {
            case MINIMAX -> pG.mul(a.neg().logSigmoid()).sum();            // Σ p_G log(1 − D)
            case NON_SATURATING -> pG.mul(a.logSigmoid()).sum().neg();     // −Σ p_G log D
        };
    }

    // ------------------------------------------------------------------ helpers

    /** softmax sums to 1 only up to rounding; rescale so the 1e-9 check of a distribution always passes. */
    private static double[] normalised(double[] p) {
        double s = 0;
        for (double v : p) s += v;
        double[] q = new double[p.length];
        for (int i = 0; i < p.length; i++) q[i] = p[i] / s;
        return q;
    }

    private static double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException("TabularGame." + name + ": must be finite and > 0, got " + v);
        return v;
    }

    private static void checkFinite(String where, String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(where + ": " + name + "[" + i + "] = " + v[i] + " is not finite");
        }
    }
}
