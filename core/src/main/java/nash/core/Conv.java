package nash.core;

import static nash.core.Elementwise.K;

import nash.core.kernel.ConvGeometry;

/**
 * 2-D convolution as im2col + GEMM, and transposed convolution as its adjoint (GEMM + col2im).
 *
 * <p>The primitives are {@link #im2col} and {@link #col2im}, linear maps that are each other's
 * adjoint, hence each other's gradient; conv2d and convTranspose2d are composites of them with
 * matmul, reshape and permute, so their first and second derivatives come for free.
 * Layouts follow PyTorch: x:[N,C,H,W], conv weight [O,C,kh,kw], transposed-conv weight [C,O,kh,kw].
 */
public final class Conv {

    private Conv() {}

    /**
     * The sliding windows of x:[N,C,H,W] as columns: [C·kh·kw, N·OH·OW] (see {@link ConvGeometry}).
     *
     * @param stride   {sh, sw}
     * @param padding  {ph, pw} (zeros)
     * @param dilation {dh, dw}
     */
    public static Tensor im2col(Tensor x, int kh, int kw, int[] stride, int[] padding, int[] dilation) {
        if (x.dim() != 4) throw new IllegalArgumentException("im2col: needs x:[N,C,H,W], got " + Shape.str(x.shape));
        ConvGeometry g = geometry("im2col", x.shape, kh, kw, stride, padding, dilation);
        return im2col(x, g);
    }

    static Tensor im2col(Tensor x, ConvGeometry g) {
        double[] cols = new double[Shape.size(g.colRows(), g.colCols())];
        K.im2col(g, x.data, cols);
        Tensor y = Tensor.fromOp("im2col", cols, new int[] {g.colRows(), g.colCols()}, x);
        return y.onBackward(gy -> Elementwise.grads(col2im(gy, g)));           // adjoint: col2im
    }

    /**
     * The adjoint of im2col: columns [C·kh·kw, N·OH·OW] summed back into an image of {@code imageShape}
     * = {N, C, H, W}, overlapping windows added.
     */
    public static Tensor col2im(Tensor cols, int[] imageShape, int kh, int kw, int[] stride, int[] padding, int[] dilation) {
        if (imageShape.length != 4) throw new IllegalArgumentException("col2im: image shape must be [N,C,H,W], got " + Shape.str(imageShape));
        return col2im(cols, geometry("col2im", imageShape, kh, kw, stride, padding, dilation));
    }

    static Tensor col2im(Tensor cols, ConvGeometry g) {
        if (cols.dim() != 2 || cols.shape[0] != g.colRows() || cols.shape[1] != g.colCols()) {
            throw new IllegalArgumentException("col2im: columns " + Shape.str(cols.shape) + " do not match ["
                    + g.colRows() + ", " + g.colCols() + "] for " + g);
        }
        double[] x = new double[g.inputSize()];
        K.col2im(g, cols.data, x);
        Tensor y = Tensor.fromOp("col2im", x, new int[] {g.n(), g.c(), g.h(), g.w()}, cols);
        return y.onBackward(gy -> Elementwise.grads(im2col(gy, g)));           // adjoint: im2col
    }

    /** conv2d with stride, padding and dilation the same along both axes. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return conv2d(x, w, bias, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1});
    }

    /**
     * y = w ⋆ x + b: x:[N,C,H,W], w:[O,C,kh,kw], bias:[O] or null → y:[N,O,OH,OW].
     * As im2col then one GEMM: [O, C·kh·kw]·[C·kh·kw, N·OH·OW] → [O, N·OH·OW], permuted to [N,O,OH,OW].
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        if (x.dim() != 4 || w.dim() != 4) {
            throw new IllegalArgumentException("conv2d: needs x:[N,C,H,W] and w:[O,C,kh,kw], got " + Shape.str(x.shape) + " and " + Shape.str(w.shape));
        }
        if (w.shape[1] != x.shape[1]) {
            throw new IllegalArgumentException("conv2d: weight " + Shape.str(w.shape) + " expects " + w.shape[1]
                    + " input channels, x " + Shape.str(x.shape) + " has " + x.shape[1]);
        }
        int o = w.shape[0];
        checkBias("conv2d", bias, o);
        ConvGeometry g = geometry("conv2d", x.shape, w.shape[2], w.shape[3], stride, padding, dilation);
        Tensor cols = im2col(x, g);                                            // [C·kh·kw, N·L]
        Tensor y = MatMul.matmul(Movement.reshape(w, o, g.colRows()), cols, false, false); // [O, N·L]
        y = Movement.permute(Movement.reshape(y, o, g.n(), g.outH() * g.outW()), 1, 0, 2);
        y = Movement.reshape(y, g.n(), o, g.outH(), g.outW());
        return bias == null ? y : Elementwise.add(y, Movement.reshape(bias, 1, o, 1, 1));
    }

    /** convTranspose2d with stride and padding the same along both axes, no output padding. */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return convTranspose2d(x, w, bias, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {0, 0}, new int[] {1, 1});
    }

    /**
     * The transposed convolution (the gradient of conv2d with respect to its input): x:[N,C,H,W],
     * w:[C,O,kh,kw], bias:[O] or null → y:[N,O,OH,OW] with OH = (H−1)·sh − 2·ph + dh·(kh−1) + oph + 1.
     * As one GEMM wᵀ·x → columns [O·kh·kw, N·H·W], then col2im.
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int[] dilation) {
        if (x.dim() != 4 || w.dim() != 4) {
            throw new IllegalArgumentException("convTranspose2d: needs x:[N,C,H,W] and w:[C,O,kh,kw], got "
                    + Shape.str(x.shape) + " and " + Shape.str(w.shape));
        }
        if (w.shape[0] != x.shape[1]) {
            throw new IllegalArgumentException("convTranspose2d: weight " + Shape.str(w.shape) + " expects " + w.shape[0]
                    + " input channels, x " + Shape.str(x.shape) + " has " + x.shape[1]);
        }
        pairs("convTranspose2d", stride, padding, dilation);
        if (outputPadding.length != 2) throw new IllegalArgumentException("convTranspose2d: outputPadding needs 2 values");
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] < 0 || (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i])) {
                throw new IllegalArgumentException("convTranspose2d: output padding " + outputPadding[i]
                        + " must be smaller than stride " + stride[i] + " or dilation " + dilation[i]);
            }
        }
        int n = x.shape[0], c = x.shape[1], h = x.shape[2], wd = x.shape[3];
        int o = w.shape[1], kh = w.shape[2], kw = w.shape[3];
        checkBias("convTranspose2d", bias, o);
        int oh = (h - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kh - 1) + outputPadding[0] + 1;
        int ow = (wd - 1) * stride[1] - 2 * padding[1] + dilation[1] * (kw - 1) + outputPadding[1] + 1;
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("convTranspose2d: output size " + oh + "x" + ow + " is not positive for input " + Shape.str(x.shape));
        }
        ConvGeometry g = geometry("convTranspose2d", new int[] {n, o, oh, ow}, kh, kw, stride, padding, dilation);
        if (g.outH() != h || g.outW() != wd) {
            throw new IllegalArgumentException("convTranspose2d: geometry mismatch for input " + Shape.str(x.shape));
        }
        Tensor xs = Movement.reshape(Movement.permute(Movement.reshape(x, n, c, h * wd), 1, 0, 2), c, n * h * wd); // [C, N·H·W]
        Tensor cols = MatMul.matmul(Movement.reshape(w, c, o * kh * kw), xs, true, false);  // [O·kh·kw, N·H·W]
        Tensor y = col2im(cols, g);
        return bias == null ? y : Elementwise.add(y, Movement.reshape(bias, 1, o, 1, 1));
    }

    private static void checkBias(String op, Tensor bias, int channels) {
        if (bias != null && (bias.dim() != 1 || bias.shape[0] != channels)) {
            throw new IllegalArgumentException(op + ": bias " + Shape.str(bias.shape) + " does not match " + channels + " output channels");
        }
    }

    private static void pairs(String op, int[] stride, int[] padding, int[] dilation) {
        if (stride.length != 2 || padding.length != 2 || dilation.length != 2) {
            throw new IllegalArgumentException(op + ": stride, padding and dilation need 2 values each");
        }
    }

    static ConvGeometry geometry(String op, int[] image, int kh, int kw, int[] stride, int[] padding, int[] dilation) {
        pairs(op, stride, padding, dilation);
        try {
            return new ConvGeometry(image[0], image[1], image[2], image[3], kh, kw,
                    stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": input " + Shape.str(image) + ": " + e.getMessage(), e);
        }
    }
}
