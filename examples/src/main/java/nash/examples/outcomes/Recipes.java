package nash.examples.outcomes;

import java.util.List;
import nash.gan.data.Toy2d;
import nash.gan.loss.GanLoss;

/**
 * The settings Outcomes runs, per mixture: a plain GAN and the remedies for mode collapse.
 * The plain GAN and the remedies share the networks, the batch and the schedule where they can,
 * so the table compares methods rather than tuning effort.
 */
public final class Recipes {

    /** The command-line names, in table order. */
    public static final List<String> KEYS = List.of("gan", "pacgan", "wgan-gp", "unrolled");

    private Recipes() {}

    /** Every recipe for a mixture (ring8 or grid25), in table order. */
    public static List<ToyRecipe> forMixture(Toy2d mixture) {
        boolean ring = mixture.name().startsWith("ring");
        int steps = ring ? 6000 : 6000;
        return List.of(
            new ToyRecipe("gan", "GAN (non-saturating)", GanLoss.NON_SATURATING, 1, 1, 0, 0, 0.5, 2, 128, 2, 256, 1e-3, 0.5, steps, 0.5),
            new ToyRecipe("pacgan", "PacGAN2", GanLoss.NON_SATURATING, 2, 1, 0, 0, 0.5, 2, 128, 2, 256, 1e-3, 0.5, steps, 0.5),
            new ToyRecipe("wgan-gp", "WGAN-GP", GanLoss.WASSERSTEIN, 1, 5, 0.1, 0, 0.5, 2, 128, 2, 256, 1e-3, 0.5, steps / 2, 0.5),
            new ToyRecipe("unrolled", "Unrolled GAN (k = 5)", GanLoss.NON_SATURATING, 1, 1, 0, 5, 0.5, 2, 128, 2, 256, 1e-3, 0.5, steps / 2, 0.5));
    }

    /** The recipe named {@code key} for a mixture. */
    public static ToyRecipe find(Toy2d mixture, String key) {
        return forMixture(mixture).stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + key + "'; choose from " + KEYS));
    }
}
