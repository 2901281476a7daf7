package nash.examples.outcomes;

import java.util.List;
import nash.gan.data.Toy2d;
import nash.gan.loss.GanLoss;

/**
 * The settings Outcomes runs, per mixture: a plain GAN and the remedies for mode collapse.
 *
 * <p>The plain GAN shares G (2 × 128 ReLU) with every recipe. Against a D of 3 × 256 LeakyReLU
 * units it collapses on the grid (to the border modes); "GAN, D 2×128" is the same GAN against a
 * weaker D, which in these runs did not collapse but left more samples between the modes.
 * PacGAN2 judges pairs: its D (2 × 256) needs a larger batch (512, i.e. 256 pairs), a lower rate and
 * more steps to resolve 64 mode pairs in 4-D on the ring and 625 on the grid. Chosen from
 * single-seed trials at batch 512 on the grid (seed 1, all 25 modes each time; high-quality share):
 * rate 1e-3 and 12,000 steps 84.5% with D 2 × 128, 87.8% with 2 × 256; 2 × 256 at 20,000 steps
 * 94.2% (seed 2: 94.6%); rate 2e-3, 12,000 steps 47%. On the ring, 8,000 steps gave 92.9% and
 * 93.3% (seeds 1 and 2) against 84.0% for the earlier D 3 × 256 at batch 256.
 * WGAN-GP and the unrolled GAN are available ({@code --methods}) with the settings tried once; they
 * were not tuned and are not in the default run.
 */
public final class Recipes {

    /** The command-line names, in table order. */
    public static final List<String> KEYS = List.of("gan", "gan-d128", "pacgan", "wgan-gp", "unrolled");

    /** What {@code examples/outcomes} runs unless told otherwise. */
    public static final List<String> DEFAULT = List.of("gan", "gan-d128", "pacgan");

    private Recipes() {}

    /** Every recipe for a mixture (ring8 or grid25), in table order. */
    public static List<ToyRecipe> forMixture(Toy2d mixture) {
        boolean ring = mixture.name().startsWith("ring");
        int steps = ring ? 4000 : 6000;
        ToyRecipe gan = ToyRecipe.plain("gan", "GAN (non-saturating)").withDiscriminator(256, 3).withLr(2e-3).withSteps(steps);
        ToyRecipe pac = ToyRecipe.plain("pacgan", "PacGAN2").withDiscriminator(256, 2).withPac(2).withBatch(512).withLr(1e-3)
                .withSteps(ring ? 8000 : 20000);
        return List.of(
            gan,
            ToyRecipe.plain("gan-d128", "GAN, D 2×128").withLr(2e-3).withSteps(steps),
            pac,
            ToyRecipe.plain("wgan-gp", "WGAN-GP").withLoss(GanLoss.WASSERSTEIN).withPenalty(5, 1.0).withSteps(4000),
            ToyRecipe.plain("unrolled", "Unrolled GAN (k = 5)").withUnrolled(5, 0.02).withLr(2e-3).withSteps(2000));
    }

    /** The recipe named {@code key} for a mixture. */
    public static ToyRecipe find(Toy2d mixture, String key) {
        return forMixture(mixture).stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + key + "'; choose from " + KEYS));
    }
}
