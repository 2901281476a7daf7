package nash.examples.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nash.core.Rng;
import nash.gan.data.Toy2d;
import nash.gan.data.Toy2dSource;
import nash.gan.loss.GanLoss;
import nash.gan.penalty.GradientPenalty;
import nash.gan.train.GanTrainer;
import nash.nn.LeakyReLU;
import nash.nn.Linear;
import nash.nn.ReLU;
import nash.nn.Sequential;
import nash.nn.optim.Adam;

/**
 * One way of training a GAN on a 2-D mixture, every setting spelled out: the objective and the
 * remedy (PacGAN packing, gradient penalty, unrolling), the two MLPs, Adam's settings, the batch
 * and the number of generator steps. The learning rates stay constant, then fall linearly to 1% of
 * their value over the last {@code decay} fraction of the steps, so the samples settle on the
 * narrow modes (σ = 0.01 on the ring) instead of jittering around them.
 *
 * @param key        the name on the command line (gan, pacgan, wgan-gp, unrolled)
 * @param label      the name in the table
 * @param loss       the objective
 * @param pac        PacGAN degree m (1: no packing)
 * @param critic     discriminator steps per generator step
 * @param gp         λ of the WGAN-GP gradient penalty (0: none)
 * @param unrolled   unrolled-GAN lookahead k (0: none), with SGD step {@code unrolledLr}
 * @param latent     latent size
 * @param gWidth     G's hidden units per layer
 * @param gDepth     G's hidden layers
 * @param dWidth     D's hidden units per layer
 * @param dDepth     D's hidden layers
 * @param batch      samples per batch (a multiple of pac)
 * @param lr         Adam's learning rate, G and D alike, before the decay
 * @param beta1      Adam's β₁ (β₂ = 0.999)
 * @param steps      generator steps
 * @param decay      the fraction of the steps over which the learning rates fall to 1%
 */
public record ToyRecipe(String key, String label, GanLoss loss, int pac, int critic, double gp, int unrolled, double unrolledLr,
                        int latent, int gWidth, int gDepth, int dWidth, int dDepth, int batch, double lr, double beta1, int steps,
                        double decay) {

    /**
     * The plain non-saturating GAN every recipe starts from: latent 2, G and D of 2 × 128 units,
     * batch 256, Adam 1e-3 β (0.5, 0.999), 6,000 steps, the rate falling over the second half.
     */
    public static ToyRecipe plain(String key, String label) {
        return new ToyRecipe(key, label, GanLoss.NON_SATURATING, 1, 1, 0, 0, 0, 2, 128, 2, 128, 2, 256, 1e-3, 0.5, 6000, 0.5);
    }

    public ToyRecipe withLoss(GanLoss l) { return new ToyRecipe(key, label, l, pac, critic, gp, unrolled, unrolledLr, latent, gWidth, gDepth, dWidth, dDepth, batch, lr, beta1, steps, decay); }

    public ToyRecipe withPac(int m) { return new ToyRecipe(key, label, loss, m, critic, gp, unrolled, unrolledLr, latent, gWidth, gDepth, dWidth, dDepth, batch, lr, beta1, steps, decay); }

    /** k critic steps per generator step with a WGAN-GP penalty of weight λ. */
    public ToyRecipe withPenalty(int k, double lambda) { return new ToyRecipe(key, label, loss, pac, k, lambda, unrolled, unrolledLr, latent, gWidth, gDepth, dWidth, dDepth, batch, lr, beta1, steps, decay); }

    public ToyRecipe withUnrolled(int k, double sgdLr) { return new ToyRecipe(key, label, loss, pac, critic, gp, k, sgdLr, latent, gWidth, gDepth, dWidth, dDepth, batch, lr, beta1, steps, decay); }

    public ToyRecipe withDiscriminator(int width, int depth) { return new ToyRecipe(key, label, loss, pac, critic, gp, unrolled, unrolledLr, latent, gWidth, gDepth, width, depth, batch, lr, beta1, steps, decay); }

    public ToyRecipe withLr(double rate) { return new ToyRecipe(key, label, loss, pac, critic, gp, unrolled, unrolledLr, latent, gWidth, gDepth, dWidth, dDepth, batch, rate, beta1, steps, decay); }

    /** Samples per batch (D sees batch / pac packed samples). */
    public ToyRecipe withBatch(int b) { return new ToyRecipe(key, label, loss, pac, critic, gp, unrolled, unrolledLr, latent, gWidth, gDepth, dWidth, dDepth, b, lr, beta1, steps, decay); }

    /** The same recipe for another number of generator steps. */
    public ToyRecipe withSteps(int s) { return new ToyRecipe(key, label, loss, pac, critic, gp, unrolled, unrolledLr, latent, gWidth, gDepth, dWidth, dDepth, batch, lr, beta1, s, decay); }

    /** G: latent → gWidth (ReLU) × gDepth → 2. */
    Sequential generator(Rng rng) { return mlp(latent, gWidth, gDepth, 2, false, rng); }

    /** D: 2·pac → dWidth (LeakyReLU 0.2) × dDepth → 1 logit. */
    Sequential discriminator(Rng rng) { return mlp(2 * pac, dWidth, dDepth, 1, true, rng); }

    private static Sequential mlp(int in, int width, int depth, int out, boolean leaky, Rng rng) {
        Sequential s = new Sequential();
        int w = in;
        for (int i = 0; i < depth; i++) {
            s.add(new Linear(w, width, rng));
            s.add(leaky ? new LeakyReLU(0.2) : new ReLU());
            w = width;
        }
        s.add(new Linear(w, out, rng));
        return s;
    }

    /** A trainer for this recipe on a mixture; the seed fixes the initial weights, the data and the latents. */
    public Run start(Toy2d mixture, long seed) {
        Rng init = new Rng(seed * 7919 + 17);
        Sequential g = generator(init), d = discriminator(init);
        Adam optG = new Adam(g.parameters(), lr).betas(beta1, 0.999), optD = new Adam(d.parameters(), lr).betas(beta1, 0.999);
        GanTrainer.Builder b = GanTrainer.builder(g, d, latent).loss(loss).pac(pac).criticSteps(critic)
                .generatorOptimizer(optG).discriminatorOptimizer(optD)
                .data(new Toy2dSource(mixture, batch, seed * 31 + 5)).seed(seed);
        if (gp > 0) b.penalty(new GradientPenalty(gp, false));
        if (unrolled > 0) b.unrolled(unrolled, unrolledLr);
        return new Run(this, b.build(), List.of(optG, optD));
    }

    /** The learning rate at generator step {@code step} (1-based) of {@code steps}: flat, then linear down to 1%. */
    public double lrAt(long step, long total) {
        double flat = total * (1 - decay);
        if (step <= flat) return lr;
        double left = (total - step) / (total - flat);
        return lr * Math.max(0.01, left);
    }

    /** The settings in one line, for the results file. */
    public String describe() {
        List<String> s = new ArrayList<>();
        s.add("loss " + loss.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (pac > 1) s.add("pac " + pac);
        if (critic > 1) s.add(critic + " critic steps");
        if (gp > 0) s.add("gradient penalty λ " + fmt(gp));
        if (unrolled > 0) s.add("unrolled k " + unrolled + " (SGD " + fmt(unrolledLr) + ")");
        s.add("G " + latent + "→" + (gWidth + "→").repeat(gDepth) + "2 ReLU");
        s.add("D " + 2 * pac + "→" + (dWidth + "→").repeat(dDepth) + "1 LeakyReLU(0.2)");
        s.add("batch " + batch);
        s.add("Adam " + fmt(lr) + " β (" + fmt(beta1) + ", 0.999)");
        s.add(String.format(Locale.ROOT, "%,d steps, lr falling to 1%% over the last %.0f%%", steps, 100 * decay));
        return String.join(", ", s);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v).replaceAll("0+(e|$)", "$1");
    }

    /** A recipe being trained: the trainer and the optimizers whose learning rates follow the schedule. */
    public record Run(ToyRecipe recipe, GanTrainer trainer, List<Adam> optimizers) {
        /** Runs generator steps up to {@code recipe.steps()}, setting the learning rate before each. */
        public void train(java.util.function.LongConsumer afterStep) {
            int total = recipe.steps();
            while (trainer.stepCount() < total) {
                long next = trainer.stepCount() + 1;
                double rate = recipe.lrAt(next, total);
                for (Adam a : optimizers) a.setLr(rate);
                trainer.step();
                afterStep.accept(next);
            }
        }
    }
}
