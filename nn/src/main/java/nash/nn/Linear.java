package nash.nn;

import nash.core.MatMul;
import nash.core.Rng;
import nash.core.Tensor;

/** y = x·Wᵀ + b, with x:[…, in], W:[out, in], b:[out] (PyTorch's layout and default initialisation). */
public class Linear extends Module implements Weighted {

    final Tensor weight, bias;                     // [out, in], [out] or null
    /** Input and output features. */
    public final int in, out;

    /** With a bias; see {@link #Linear(int, int, boolean, Rng)}. */
    public Linear(int in, int out, Rng rng) { this(in, out, true, rng); }

    /** Weight [out, in] and, when {@code bias}, bias [out], drawn from U(−1/√in, 1/√in) with {@code rng} (PyTorch's default). */
    public Linear(int in, int out, boolean bias, Rng rng) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear: sizes must be positive, got " + in + " → " + out);
        this.in = in;
        this.out = out;
        weight = param("weight", Init.defaultWeight(rng, out, in));
        this.bias = bias ? param("bias", Init.defaultBias(rng, in, out)) : null;
    }

    @Override public Tensor weight() { return weight; }

    /** The bias [out], or null when built without one. */
    public Tensor bias() { return bias; }

    @Override public Tensor forward(Tensor x) { return forward(x, use(weight)); }

    @Override public Tensor forward(Tensor x, Tensor w) {
        if (x.dim() < 1 || x.shape(-1) != in) {
            throw new IllegalArgumentException("Linear(" + in + " → " + out + "): input " + java.util.Arrays.toString(x.shape())
                    + " does not end in " + in);
        }
        Tensor x2 = x.dim() == 2 ? x : x.reshape(-1, in);
        Tensor y = MatMul.linear(x2, w, use(bias));                         // [N, out] = x·Wᵀ + b
        if (x.dim() == 2) return y;
        int[] s = x.shape();
        s[s.length - 1] = out;
        return y.reshape(s);
    }

    @Override public String toString() { return "Linear(" + in + " → " + out + (bias == null ? ", no bias" : "") + ")"; }
}
