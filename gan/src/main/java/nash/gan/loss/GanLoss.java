package nash.gan.loss;

import nash.core.Losses;
import nash.core.Tensor;

/**
 * The GAN objectives, each as a pair of losses named by the player they train, computed stably
 * from the discriminator's raw outputs (logits, or critic values for Wasserstein).
 *
 * <p>With D = σ(logit): log D = −softplus(−logit) and log(1 − D) = −softplus(logit), so every loss
 * below is finite for any logit. The discriminator loss of MINIMAX and NON_SATURATING is −V(D, G).
 */
public enum GanLoss {

    /** G, saturating (Goodfellow et al. 2014): min E log(1 − D(G(z))) = −E softplus(logit). */
    MINIMAX {
        @Override public Tensor generator(Tensor fake) { return fake.softplus().mean().neg(); }
    },

    /** G, non-saturating: min −E log D(G(z)) = E softplus(−logit). */
    NON_SATURATING {
        @Override public Tensor generator(Tensor fake) { return fake.neg().softplus().mean(); }
    },

    /** WGAN (Arjovsky et al. 2017): critic max E f(x) − E f(G(z)); G min −E f(G(z)). Needs a Lipschitz constraint. */
    WASSERSTEIN {
        @Override public Tensor discriminator(Tensor real, Tensor fake, double smoothing) {
            checkSmoothing(smoothing);
            return fake.mean().sub(real.mean());
        }

        @Override public Tensor generator(Tensor fake) { return fake.mean().neg(); }
    },

    /** Hinge (Lim and Ye; SNGAN, BigGAN): D min E relu(1 − D(x)) + E relu(1 + D(G(z))); G min −E D(G(z)). */
    HINGE {
        @Override public Tensor discriminator(Tensor real, Tensor fake, double smoothing) {
            checkSmoothing(smoothing);
            return real.rsub(1).relu().mean().add(fake.add(1).relu().mean());
        }

        @Override public Tensor generator(Tensor fake) { return fake.mean().neg(); }
    },

    /** Least squares (Mao et al. 2017, a=0, b=c=1): D min ½E(D(x) − 1)² + ½E D(G(z))²; G min ½E(D(G(z)) − 1)². */
    LEAST_SQUARES {
        @Override public Tensor discriminator(Tensor real, Tensor fake, double smoothing) {
            checkSmoothing(smoothing);
            return real.sub(1 - smoothing).square().mean().add(fake.square().mean()).mul(0.5);
        }

        @Override public Tensor generator(Tensor fake) { return fake.sub(1).square().mean().mul(0.5); }
    };

    /**
     * The discriminator's (critic's) loss on its outputs for real and generated samples.
     * For the log-loss objectives: −E log D(x) − E log(1 − D(G(z))) = BCE(real, 1) + BCE(fake, 0),
     * with one-sided label smoothing the real target becomes 1 − smoothing (Salimans et al. 2016).
     */
    public Tensor discriminator(Tensor real, Tensor fake, double smoothing) {
        checkSmoothing(smoothing);
        Tensor realTarget = Tensor.full(1 - smoothing, real.shape());
        return Losses.bceWithLogits(real, realTarget).add(Losses.bceWithLogits(fake, Tensor.zeros(fake.shape())));
    }

    /** Whether this objective has targets that label smoothing can soften (not the critic losses, WASSERSTEIN and HINGE). */
    public boolean smoothable() { return this != WASSERSTEIN && this != HINGE; }

    /**
     * Checks a label smoothing for this objective: in [0, 1), and 0 for WASSERSTEIN and HINGE, whose critic values
     * have no target to soften (a smoothing there was silently ignored).
     */
    public void checkSmoothing(double smoothing) {
        if (!(smoothing >= 0 && smoothing < 1)) throw new IllegalArgumentException(this + ": label smoothing must be in [0, 1), got " + smoothing);
        if (smoothing != 0 && !smoothable()) {
            throw new IllegalArgumentException(this + ": label smoothing has no target to soften in a critic loss, got " + smoothing);
        }
    }

    /** The discriminator's loss without label smoothing. */
    public Tensor discriminator(Tensor real, Tensor fake) { return discriminator(real, fake, 0.0); }

    /** The generator's loss on the discriminator's outputs for its samples. */
    public abstract Tensor generator(Tensor fake);

    /** Whether D's outputs are logits of a probability (so D(x) = σ(output) is meaningful). */
    public boolean probabilistic() { return this == MINIMAX || this == NON_SATURATING; }

    /** The value function V(D, G) = E log D(x) + E log(1 − D(G(z))) estimated from logits. */
    public static Tensor value(Tensor realLogits, Tensor fakeLogits) {
        return realLogits.logSigmoid().mean().add(fakeLogits.neg().logSigmoid().mean());
    }
}
