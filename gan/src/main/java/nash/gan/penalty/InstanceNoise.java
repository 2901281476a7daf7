package nash.gan.penalty;

import nash.core.Rng;
import nash.core.Tensor;

/**
 * Instance noise (Sønderby et al. 2016; Arjovsky and Bottou 2017): Gaussian noise of standard
 * deviation σ_t = σ₀·max(0, 1 − t/T) added to real and generated samples alike before D,
 * annealed linearly to zero over T steps.
 */
public final class InstanceNoise {

    final double sigma0;
    final long annealSteps;

    /** σ₀, finite and ≥ 0, annealed linearly to 0 over {@code annealSteps} &gt; 0 steps. */
    public InstanceNoise(double sigma0, long annealSteps) {
        if (!(sigma0 >= 0 && sigma0 < Double.POSITIVE_INFINITY) || annealSteps <= 0) {
            throw new IllegalArgumentException("InstanceNoise: need a finite σ₀ ≥ 0 and annealSteps > 0, got " + sigma0 + ", " + annealSteps);
        }
        this.sigma0 = sigma0;
        this.annealSteps = annealSteps;
    }

    /** σ at step t. */
    public double sigma(long step) { return sigma0 * Math.max(0.0, 1.0 - (double) step / annealSteps); }

    /** x + σ_t·N(0, 1). */
    public Tensor apply(Tensor x, long step, Rng rng) {
        double s = sigma(step);
        return s == 0 ? x : x.add(Tensor.randn(rng, x.shape()).mul(s));
    }
}
