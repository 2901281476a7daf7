package nash.gan.penalty;

import java.util.function.UnaryOperator;
import nash.core.Autograd;
import nash.core.Rng;
import nash.core.Tensor;

/**
 * WGAN-GP (Gulrajani et al. 2017): λ·E[(‖∇D(x̂)‖ − 1)²] at random interpolates
 * x̂ = ε·x + (1 − ε)·x̃, ε ~ U[0, 1] per sample; the one-sided form penalises only ‖∇D(x̂)‖ > 1.
 * The gradient is taken with createGraph, so the penalty trains D through a double backward.
 */
public final class GradientPenalty implements Penalty {

    final double lambda;
    final boolean oneSided;

    /** λ = 10, two-sided: the paper's setting. */
    public GradientPenalty() { this(10.0, false); }

    /** Weight λ, finite and ≥ 0; {@code oneSided} penalises only gradient norms above 1. */
    public GradientPenalty(double lambda, boolean oneSided) {
        if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("GradientPenalty: λ must be finite and ≥ 0, got " + lambda);
        this.lambda = lambda;
        this.oneSided = oneSided;
    }

    @Override public Tensor compute(UnaryOperator<Tensor> d, Tensor real, Tensor fake, Rng rng) {
        if (!java.util.Arrays.equals(real.shape(), fake.shape())) {
            throw new IllegalArgumentException("GradientPenalty: real " + java.util.Arrays.toString(real.shape())
                    + " and fake " + java.util.Arrays.toString(fake.shape()) + " differ");
        }
        int[] epsShape = new int[real.dim()];
        java.util.Arrays.fill(epsShape, 1);
        epsShape[0] = real.shape(0);
        Tensor eps = Tensor.rand(rng, epsShape);                                     // [N, 1, …]
        return at(d, real.detach().mul(eps).add(fake.detach().mul(eps.rsub(1))));
    }

    /** The penalty at given points x̂ [N, …]: λ·mean((‖∇D(x̂ᵢ)‖ − 1)²). */
    public Tensor at(UnaryOperator<Tensor> d, Tensor points) {
        Tensor xhat = points.detach().requiresGrad(true);
        Tensor g = Autograd.grad(d.apply(xhat).sum(), xhat, true);                   // ∇D(x̂ᵢ) per sample
        Tensor dev = Penalty.perSampleNorm(g).sub(1);
        if (oneSided) dev = dev.relu();
        return dev.square().mean().mul(lambda);
    }
}
