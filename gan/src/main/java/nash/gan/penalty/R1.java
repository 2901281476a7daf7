package nash.gan.penalty;

import java.util.function.UnaryOperator;
import nash.core.Autograd;
import nash.core.Rng;
import nash.core.Tensor;

/**
 * Zero-centred gradient penalties (Mescheder et al. 2018): R1 = γ/2·E_x ‖∇D(x)‖² on real data,
 * R2 = γ/2·E ‖∇D(G(z))‖² on generated data.
 */
public final class R1 implements Penalty {

    final double gamma;
    final boolean onReal;

    private R1(double gamma, boolean onReal) {
        if (!(gamma >= 0 && gamma < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("R1/R2: γ must be finite and ≥ 0, got " + gamma);
        this.gamma = gamma;
        this.onReal = onReal;
    }

    /** R1: the penalty on real samples. */
    public static R1 r1(double gamma) { return new R1(gamma, true); }

    /** R2: the penalty on generated samples. */
    public static R1 r2(double gamma) { return new R1(gamma, false); }

    @Override public Tensor compute(UnaryOperator<Tensor> d, Tensor real, Tensor fake, Rng rng) {
        return compute(d, d, real, fake, rng);
    }

    /** R1 judges the real samples with their labels, R2 the generated ones with theirs. */
    @Override public Tensor compute(UnaryOperator<Tensor> dReal, UnaryOperator<Tensor> dFake, Tensor real, Tensor fake, Rng rng) {
        Tensor x = (onReal ? real : fake).detach().requiresGrad(true);
        Tensor g = Autograd.grad((onReal ? dReal : dFake).apply(x).sum(), x, true);
        return Penalty.perSampleSquares(g).mean().mul(gamma / 2);
    }
}
