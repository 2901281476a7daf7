package nash.gan.layers;

import nash.core.Tensor;

/**
 * Feature matching (Salimans et al. 2016): G matches the mean of an intermediate layer f of D
 * on real and generated data, L_G = ‖E_x f(x) − E_z f(G(z))‖², instead of fooling D's output.
 */
public final class FeatureMatching {

    private FeatureMatching() {}

    /** ‖mean_i real_i − mean_i fake_i‖² over features [N, …]; the real features are treated as constants. */
    public static Tensor loss(Tensor realFeatures, Tensor fakeFeatures) {
        Tensor r = realFeatures.detach().flatten(1).mean(0), f = fakeFeatures.flatten(1).mean(0);
        return f.sub(r).square().sum();
    }
}
