package nash.nn;

import java.util.Arrays;
import nash.core.Conv;
import nash.core.Rng;
import nash.core.Tensor;

/**
 * Transposed 2-D convolution (the adjoint of Conv2d): x:[N, in, H, W] → [N, out, OH, OW] with
 * OH = (H−1)·stride − 2·padding + dilation·(k−1) + outputPadding + 1; weight [in, out, kh, kw]
 * (PyTorch's layout and default initialisation). Computed as one GEMM + col2im.
 */
public class ConvTranspose2d extends Module implements Weighted {

    final Tensor weight, bias;
    /** Input and output channels. */
    public final int in, out;
    final int[] kernel, stride, padding, outputPadding, dilation;

    /** Square kernel, stride and padding, no output padding or dilation, with bias. */
    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, Rng rng) {
        this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {0, 0}, new int[] {1, 1}, true, rng);
    }

    /**
     * Kernel, stride, padding, output padding and dilation as {height, width} pairs; each output padding
     * must be smaller than its stride or its dilation. Weight [in, out, kh, kw] and, when {@code bias}, bias [out]
     * are drawn from U(−1/√fanIn, 1/√fanIn), fanIn = out·kh·kw, with {@code rng} (PyTorch's default).
     */
    public ConvTranspose2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] outputPadding, int[] dilation,
                           boolean bias, Rng rng) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("ConvTranspose2d: channels must be positive, got " + in + " → " + out);
        this.in = in;
        this.out = out;
        this.kernel = Conv2d.pair("ConvTranspose2d", "kernel", kernel, 1);
        this.stride = Conv2d.pair("ConvTranspose2d", "stride", stride, 1);
        this.padding = Conv2d.pair("ConvTranspose2d", "padding", padding, 0);
        this.dilation = Conv2d.pair("ConvTranspose2d", "dilation", dilation, 1);
        this.outputPadding = Conv2d.pair("ConvTranspose2d", "output padding", outputPadding, 0);
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]) {     // as PyTorch (and Conv.convTranspose2d)
                throw new IllegalArgumentException("ConvTranspose2d: output padding " + Arrays.toString(outputPadding)
                        + " must be smaller than stride " + Arrays.toString(stride) + " or dilation " + Arrays.toString(dilation));
            }
        }
        // PyTorch computes the fan from the weight [in, out, kh, kw] as if it were [out', in', …]: fanIn = out·kh·kw.
        weight = param("weight", Init.defaultWeight(rng, in, out, kernel[0], kernel[1]));
        this.bias = bias ? param("bias", Init.defaultBias(rng, out * kernel[0] * kernel[1], out)) : null;
    }

    @Override public Tensor weight() { return weight; }

    /** The bias [out], or null when built without one. */
    public Tensor bias() { return bias; }

    @Override public int outputAxis() { return 1; }

    @Override public Tensor forward(Tensor x) { return forward(x, use(weight)); }

    @Override public Tensor forward(Tensor x, Tensor w) {
        return Conv.convTranspose2d(x, w, use(bias), stride, padding, outputPadding, dilation);
    }

    @Override public String toString() {
        return "ConvTranspose2d(" + in + " → " + out + ", kernel " + kernel[0] + "x" + kernel[1] + ", stride " + stride[0] + ", padding " + padding[0] + ")";
    }
}
