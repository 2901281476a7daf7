package nash.gan.train;

import java.util.Collections;
import java.util.Map;

/**
 * The statistics of one generator step (after its critic steps): {@code loss_d}, {@code loss_g},
 * {@code d_real} and {@code d_fake} (D(x) and D(G(z)) as probabilities for log-loss GANs, raw
 * outputs otherwise), {@code grad_norm_d}, {@code grad_norm_g}, and where they apply
 * {@code penalty}, {@code wasserstein} (E f(x) − E f(G(z))) and {@code skipped}. The
 * discriminator's statistics are means over the step's k critic steps (so a critic step skipped
 * for a non-finite value makes them non-finite too; {@code skipped} is the number of player updates
 * skipped so far in the run under {@link NanPolicy#SKIP}: a running total, not this step's count).
 */
public record StepStats(long step, Map<String, Double> values) {

    /** Wraps {@code values} in an unmodifiable view (not a copy). */
    public StepStats {
        values = Collections.unmodifiableMap(values);
    }

    /** The statistic {@code name}; an {@code IllegalArgumentException}, listing those present, if there is none by that name. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) throw new IllegalArgumentException("StepStats: no statistic '" + name + "' (have " + values.keySet() + ")");
        return v;
    }
}
