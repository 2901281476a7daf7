package nash.nn;

import java.util.Arrays;
import nash.core.Conv;
import nash.core.Rng;
import nash.core.Tensor;

/**
 * 2-D convolution: x:[N, in, H, W] → [N, out, OH, OW], weight [out, in, kh, kw], bias [out]
 * (PyTorch's layout and default initialisation). Computed as im2col + one GEMM.
 */
public class Conv2d extends Module implements Weighted {

    final Tensor weight, bias;
    /** Input and output channels. */
    public final int in, out;
    final int[] kernel, stride, padding, dilation;

    /** Square kernel, stride and padding, no dilation, with bias. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, Rng rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, true, rng);
    }

    /**
     * Kernel, stride, padding and dilation as {height, width} pairs. Weight [out, in, kh, kw] and, when
     * {@code bias}, bias [out] are drawn from U(−1/√fanIn, 1/√fanIn), fanIn = in·kh·kw, with {@code rng} (PyTorch's default).
     */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean bias, Rng rng) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Conv2d: channels must be positive, got " + in + " → " + out);
        this.in = in;
        this.out = out;
        this.kernel = pair("Conv2d", "kernel", kernel, 1);
        this.stride = pair("Conv2d", "stride", stride, 1);
        this.padding = pair("Conv2d", "padding", padding, 0);
        this.dilation = pair("Conv2d", "dilation", dilation, 1);
        weight = param("weight", Init.defaultWeight(rng, out, in, kernel[0], kernel[1]));
        this.bias = bias ? param("bias", Init.defaultBias(rng, in * kernel[0] * kernel[1], out)) : null;
    }

    /** A copy of {@code v}, checked to hold two values ≥ min (height, width). */
    static int[] pair(String op, String what, int[] v, int min) {
        if (v.length != 2 || v[0] < min || v[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " must be 2 values ≥ " + min + ", got " + Arrays.toString(v));
        }
        return v.clone();
    }

    @Override public Tensor weight() { return weight; }

    /** The bias [out], or null when built without one. */
    public Tensor bias() { return bias; }

    @Override public Tensor forward(Tensor x) { return forward(x, use(weight)); }

    @Override public Tensor forward(Tensor x, Tensor w) { return Conv.conv2d(x, w, use(bias), stride, padding, dilation); }

    @Override public String toString() {
        return "Conv2d(" + in + " → " + out + ", kernel " + kernel[0] + "x" + kernel[1] + ", stride " + stride[0] + ", padding " + padding[0] + ")";
    }
}
