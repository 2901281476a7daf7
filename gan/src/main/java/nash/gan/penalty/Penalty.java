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

    /**
     * The penalty for a conditional GAN, where D judges each batch with its own labels: {@code dReal} has the real
     * batch's labels bound, {@code dFake} the generated batch's (what {@code GanTrainer} passes; the same function for
     * an unconditional GAN). By default every input is judged by {@code dReal} (points between real and generated
     * samples take the real sample's label); a penalty on generated samples alone overrides this (R2).
     */
    default Tensor compute(UnaryOperator<Tensor> dReal, UnaryOperator<Tensor> dFake, Tensor real, Tensor fake, Rng rng) {
        return compute(dReal, real, fake, rng);
    }

    /** Per-sample Euclidean norms of g over every axis but the first: ‖gᵢ‖, shape [N] (g [N]: |gᵢ|). */
    static Tensor perSampleNorm(Tensor g) {
        // + 1e-12 keeps the derivative of √ finite where a gradient is exactly zero
        return perSampleSquares(g).add(1e-12).sqrt();
    }

    /** Per-sample ‖gᵢ‖² over every axis but the first, shape [N]; for samples of shape [N] (scalars), gᵢ². */
    static Tensor perSampleSquares(Tensor g) {
        if (g.dim() == 0) throw new IllegalArgumentException("Penalty: samples need a first axis indexing them, got a scalar");
        if (g.dim() == 1) return g.square();          // sum over no axes would be over every axis: the whole batch
        int[] axes = new int[g.dim() - 1];
        for (int i = 0; i < axes.length; i++) axes[i] = i + 1;
        return g.square().sum(axes, false);
    }
}
