package nash.nn;

import nash.core.Rng;
import nash.core.Shape;
import nash.core.Tensor;

/**
 * Weight initialisers with PyTorch's definitions (torch.nn.init). For a weight of shape
 * [out, in, k…], fanIn = in·Πk and fanOut = out·Πk.
 */
public final class Init {

    private Init() {}

    /** Which fan Kaiming initialisation preserves. */
    public enum Mode {
        /** fan = fanIn: keeps the variance of the activations in the forward pass. */
        FAN_IN,
        /** fan = fanOut: keeps the variance of the gradients in the backward pass. */
        FAN_OUT
    }

    /** {fanIn, fanOut} of a weight shape (at least 2-D). */
    public static int[] fans(int... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Init.fans: need a weight of at least 2 dimensions, got " + java.util.Arrays.toString(shape));
        }
        int receptive = 1;
        for (int i = 2; i < shape.length; i++) receptive *= shape[i];
        return new int[] {shape[1] * receptive, shape[0] * receptive};
    }

    /**
     * The recommended gain of a nonlinearity: linear, conv, sigmoid 1; tanh 5/3; relu √2;
     * leaky_relu √(2/(1+slope²)); selu 3/4.
     */
    public static double gain(String nonlinearity, double slope) {
        switch (nonlinearity) {
            case "linear": case "conv1d": case "conv2d": case "conv_transpose2d": case "sigmoid": return 1.0;
            case "tanh": return 5.0 / 3.0;
            case "relu": return Math.sqrt(2.0);
            case "leaky_relu": return Math.sqrt(2.0 / (1 + slope * slope));
            case "selu": return 0.75;
            default: throw new IllegalArgumentException("Init.gain: unknown nonlinearity '" + nonlinearity + "'");
        }
    }

    /** U(lo, hi); lo = hi gives that constant. */
    public static Tensor uniform(Rng rng, double lo, double hi, int... shape) {
        if ((!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) && Shape.size("Init.uniform", shape) > 0) { // empty: nothing to fill (a fan of 0 gives ∞ bounds)
            throw new IllegalArgumentException("Init.uniform: bounds must be finite with lo ≤ hi, got " + lo + ", " + hi);
        }
        Tensor t = Tensor.rand(rng, shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * d[i];
        return t;
    }

    /** N(mean, std²); std = 0 gives the constant mean. */
    public static Tensor normal(Rng rng, double mean, double std, int... shape) {
        if ((!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std)) && Shape.size("Init.normal", shape) > 0) {
            throw new IllegalArgumentException("Init.normal: needs a finite mean and a finite std ≥ 0, got mean " + mean + ", std " + std);
        }
        Tensor t = Tensor.randn(rng, shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = mean + std * d[i];
        return t;
    }

    /** N(0, 0.02²), the DCGAN initialisation. */
    public static Tensor dcgan(Rng rng, int... shape) { return normal(rng, 0.0, 0.02, shape); }

    /** Glorot: U(−a, a) with a = gain·√(6 / (fanIn + fanOut)). */
    public static Tensor xavierUniform(Rng rng, double gain, int... shape) {
        int[] f = fans(shape);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(rng, -a, a, shape);
    }

    /** Glorot: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). */
    public static Tensor xavierNormal(Rng rng, double gain, int... shape) {
        int[] f = fans(shape);
        return normal(rng, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), shape);
    }

    /** He: U(−b, b) with b = √3·gain/√fan, gain from the nonlinearity and slope a. */
    public static Tensor kaimingUniform(Rng rng, double a, Mode mode, String nonlinearity, int... shape) {
        double std = gain(nonlinearity, a) / Math.sqrt(fan(mode, shape));
        double bound = Math.sqrt(3.0) * std;
        return uniform(rng, -bound, bound, shape);
    }

    /** He: N(0, std²) with std = gain/√fan. */
    public static Tensor kaimingNormal(Rng rng, double a, Mode mode, String nonlinearity, int... shape) {
        return normal(rng, 0, gain(nonlinearity, a) / Math.sqrt(fan(mode, shape)), shape);
    }

    private static int fan(Mode mode, int[] shape) {
        int[] f = fans(shape);
        return mode == Mode.FAN_IN ? f[0] : f[1];
    }

    /**
     * PyTorch's default for Linear and Conv weights: kaiming_uniform with a = √5, which is
     * U(−1/√fanIn, 1/√fanIn).
     */
    public static Tensor defaultWeight(Rng rng, int... shape) {
        return kaimingUniform(rng, Math.sqrt(5.0), Mode.FAN_IN, "leaky_relu", shape);
    }

    /** PyTorch's default bias: U(−1/√fanIn, 1/√fanIn). */
    public static Tensor defaultBias(Rng rng, int fanIn, int n) {
        double b = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        return uniform(rng, -b, b, n);
    }

    /**
     * The DCGAN recipe applied to a whole network, in place: the weight of every {@link Weighted} layer — convolutions,
     * linear layers and also {@link Embedding} tables (a conditional model's label embeddings) — N(0, 0.02²), their
     * biases 0; batch-norm weights N(1, 0.02²), biases 0.
     */
    public static void dcganInit(Module root, Rng rng) {
        for (Module m : root.modules()) {
            if (m instanceof BatchNorm bn) {
                if (bn.weight() != null) bn.weight().copyFrom(normal(rng, 1.0, 0.02, bn.weight().shape()));
                if (bn.bias() != null) bn.bias().fill(0);
            } else if (m instanceof Weighted w) {
                w.weight().copyFrom(dcgan(rng, w.weight().shape()));
                Tensor b = m.namedParameters().get("bias");
                if (b != null) b.fill(0);
            }
        }
    }
}
