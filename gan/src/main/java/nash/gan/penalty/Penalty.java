package nash.gan.penalty;

import java.util.function.UnaryOperator;
import nash.core.Rng;
import nash.core.Tensor;

/** A regulariser added to the discriminator's loss, computed from D and a batch of real and generated samples. */
public interface Penalty {

    /**
     * The penalty (a scalar, differentiable in D's parameters).
     *
     * @param d    the discriminator as a function of its input (labels, if any, already bound)
     * @param real real samples [N, …] (not modified)
     * @param fake generated samples [N, …], detached (not modified)
     * @param rng  randomness the penalty may draw (interpolation weights)
     */
    Tensor compute(UnaryOperator<Tensor> d, Tensor real, Tensor fake, Rng rng);

    /** Per-sample Euclidean norms of g over every axis but the first: ‖gᵢ‖, shape [N]. */
    static Tensor perSampleNorm(Tensor g) {
        int[] axes = new int[g.dim() - 1];
        for (int i = 0; i < axes.length; i++) axes[i] = i + 1;
        // + 1e-12 keeps the derivative of √ finite where a gradient is exactly zero
        return g.square().sum(axes, false).add(1e-12).sqrt();
    }
}
