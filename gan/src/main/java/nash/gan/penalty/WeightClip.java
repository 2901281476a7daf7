package nash.gan.penalty;

import nash.core.Tensor;
import nash.nn.Module;

/** The original WGAN's Lipschitz constraint: after each critic step every parameter is clamped to [−c, c]. */
public final class WeightClip {

    private WeightClip() {}

    /** Clamps every parameter of {@code critic} to [−c, c], in place. */
    public static void apply(Module critic, double c) {
        if (!(c > 0)) throw new IllegalArgumentException("WeightClip: c must be positive, got " + c);
        for (Tensor p : critic.parameters()) {
            double[] d = p.data();
            for (int i = 0; i < d.length; i++) d[i] = Math.max(-c, Math.min(c, d[i]));
            p.markModified();
        }
    }
}
