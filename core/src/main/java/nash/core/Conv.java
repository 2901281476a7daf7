package nash.core;

import static nash.core.Elementwise.K;

import nash.core.kernel.ConvGeometry;
import nash.core.kernel.Parallel;
import nash.core.kernel.ZeroedArrays;

/**
 * 2-D convolution as im2col + GEMM, and transposed convolution as its adjoint (GEMM + col2im).
 *
 * <p>The primitives are {@link #im2col} and {@link #col2im}, linear maps that are each other's
 * adjoint, hence each other's gradient. conv2d and convTranspose2d are defined as composites of them
 * with matmul, reshape and permute ({@code conv2dComposite}, {@code convTranspose2dComposite}), but
 * run as single ops over chunks of images: a chunk's column matrix (a DCGAN layer's is 25 MB for
 * the whole batch) goes into a reused per-thread buffer instead of a fresh array that the JVM zeroes
 * (docs/conv.md). Every element is the same FMA chain as in the composite (a GEMM's chain over k
 * continues from C across chunks; col2im sums each pixel's taps in the same order), so the bits
 * are the composite's. Their backward runs the same chunks; when it is itself recorded (second
 * derivatives, e.g. a gradient penalty) it is the composite's backward, built from differentiable ops.
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
        double[] cols = ZeroedArrays.get(Shape.size("im2col", g.colRows(), g.colCols()));
        K.im2col(g, x.data, 0, cols);
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
        double[] x = ZeroedArrays.get(g.inputSize());
        K.col2im(g, cols.data, x, 0);
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
        return conv2d(x, w, bias, g, imagesPerChunk(g, o));
    }

    /** conv2d as defined: im2col, one GEMM [O, C·kh·kw]·[C·kh·kw, N·L] → [O, N·L], permuted to [N,O,OH,OW], + bias. */
    static Tensor conv2dComposite(Tensor x, Tensor w, Tensor bias, ConvGeometry g) {
        int o = w.shape[0];
        Tensor cols = im2col(x, g);                                            // [C·kh·kw, N·L]
        Tensor y = MatMul.matmul(Movement.reshape(w, o, g.colRows()), cols, false, false); // [O, N·L]
        y = Movement.permute(Movement.reshape(y, o, g.n(), g.outH() * g.outW()), 1, 0, 2);
        y = Movement.reshape(y, g.n(), o, g.outH(), g.outW());
        return bias == null ? y : Elementwise.add(y, Movement.reshape(bias, 1, o, 1, 1));
    }

    /**
     * conv2d over chunks of {@code chunk} images, with the composite's bits. Per chunk: cols = im2col(x chunk)
     * [C·kh·kw, nb·L], Y = W·cols [O, nb·L], y[n0+i, o, :] = Y[o, i·L ..] + b[o]. Backward per chunk, with G the
     * chunk of ∂y as [O, nb·L]: ∂W += G·colsᵀ (chunks in order: each element one FMA chain over N·L), ∂x = col2im(Wᵀ·G).
     */
    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, int chunk) {
        int n = g.n(), o = w.shape[0], ck = g.colRows(), l = g.outH() * g.outW(), image = g.c() * g.h() * g.w();
        double[] y = ZeroedArrays.get(Shape.size("conv2d", n, o, g.outH(), g.outW()));   // sizes past 2³¹ − 1 named, not wrapped
        int colSize = Shape.size("conv2d", ck, chunk, l), outSize = Shape.size("conv2d", o, chunk, l);
        double[][] s = scratch(colSize, outSize, 0);
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int nb = Math.min(chunk, n - n0), cols = nb * l;
            ConvGeometry gc = g.images(nb);
            K.im2col(gc, x.data, n0 * image, s[0]);
            K.gemm(false, false, o, cols, ck, w.data, 0, s[0], 0, s[1], 0, false);
            toImages(s[1], o, nb, l, y, n0, bias == null ? null : bias.data);
        }
        Tensor out = Tensor.fromOp("conv2d", y, new int[] {n, o, g.outH(), g.outW()}, x, w, bias);
        return out.onBackward(gy -> {
            boolean needX = Graph.needs(x), needW = Graph.needs(w), needB = bias != null && Graph.needs(bias);
            Tensor db = needB ? biasGrad(gy, o) : null;
            if (Autograd.isGradEnabled()) { // recorded: the composite's backward, from differentiable ops
                Tensor gm = Movement.reshape(Movement.permute(Movement.reshape(gy, n, o, l), 1, 0, 2), o, n * l);
                return Elementwise.grads(
                        needX ? col2im(MatMul.mm(Movement.reshape(w, o, ck), gm, true, false), g) : null,
                        needW ? Movement.reshape(MatMul.mm(gm, im2col(x, g), false, true), w.shape) : null, db);
            }
            Graph.Sink sw = needW ? Graph.sink(w, x, gy, w) : null;
            boolean addW = sw == null || sw.claim();                     // the first chunk adds to ∂W, or overwrites the sink's buffer
            double[] dx = needX ? ZeroedArrays.get(x.data.length) : null;
            double[] dw = !needW ? null : sw != null ? sw.buffer.data : ZeroedArrays.get(w.data.length);
            if (needW && n == 0 && !addW) java.util.Arrays.fill(dw, 0.0);
            double[][] t = scratch(colSize, outSize, 0);
            for (int n0 = 0; n0 < n; n0 += chunk) {
                int nb = Math.min(chunk, n - n0), cols = nb * l;
                ConvGeometry gc = g.images(nb);
                fromImages(gy.data, n0, nb, o, l, t[1]);                     // G [O, nb·L]
                if (needW) {
                    K.im2col(gc, x.data, n0 * image, t[0]);
                    K.gemm(false, true, o, ck, cols, t[1], 0, t[0], 0, dw, 0, addW || n0 > 0);  // ∂W += G·colsᵀ
                }
                if (needX) {
                    K.gemm(true, false, ck, cols, o, w.data, 0, t[1], 0, t[0], 0, false); // Wᵀ·G
                    K.col2im(gc, t[0], dx, n0 * image);
                }
            }
            return Elementwise.grads(needX ? Tensor.wrap(dx, x.shape()) : null, weightGrad(sw, dw, w), db);
        }, x, w);
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
        if (outputPadding[0] >= stride[0] || outputPadding[1] >= stride[1]) return croppedFromFull(x, w, bias, stride, padding, dilation, oh, ow);
        ConvGeometry g = geometry("convTranspose2d", new int[] {n, o, oh, ow}, kh, kw, stride, padding, dilation);
        if (g.outH() != h || g.outW() != wd) {
            throw new IllegalArgumentException("convTranspose2d: geometry mismatch for input " + Shape.str(x.shape));
        }
        return convTranspose2d(x, w, bias, g, imagesPerChunk(g, c));
    }

    /**
     * convTranspose2d with an output padding ≥ the stride (allowed, as PyTorch, below the dilation), which no conv
     * geometry over the oh×ow output maps back onto H×W: the full output (no padding, [N,O,Hf,Wf]) cropped to rows
     * [ph, ph + oh) and columns [pw, pw + ow), zero-extended where that passes Hf or Wf, + bias.
     */
    private static Tensor croppedFromFull(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int oh, int ow) {
        Tensor y = convTranspose2d(x, w, null, stride, new int[] {0, 0}, new int[] {0, 0}, dilation);
        int[] out = {oh, ow};
        for (int a = 0; a < 2; a++) {
            int full = y.shape[2 + a], start = Math.min(padding[a], full), kept = Math.min(out[a], full - start);
            y = Movement.pad(Movement.narrow(y, 2 + a, start, kept), 2 + a, 0, out[a] - kept);
        }
        return bias == null ? y : Elementwise.add(y, Movement.reshape(bias, 1, bias.shape[0], 1, 1));
    }

    /** convTranspose2d as defined: x as [C, N·H·W], one GEMM Wᵀ·x → columns [O·kh·kw, N·H·W], col2im, + bias. */
    static Tensor convTranspose2dComposite(Tensor x, Tensor w, Tensor bias, ConvGeometry g) {
        int n = x.shape[0], c = x.shape[1], l = x.shape[2] * x.shape[3], o = w.shape[1];
        Tensor xs = Movement.reshape(Movement.permute(Movement.reshape(x, n, c, l), 1, 0, 2), c, n * l); // [C, N·H·W]
        Tensor cols = MatMul.matmul(Movement.reshape(w, c, g.colRows()), xs, true, false);  // [O·kh·kw, N·H·W]
        Tensor y = col2im(cols, g);
        return bias == null ? y : Elementwise.add(y, Movement.reshape(bias, 1, o, 1, 1));
    }

    /**
     * convTranspose2d over chunks of {@code chunk} images, with the composite's bits; g is the geometry of the
     * output image (conv2d's input side). Per chunk: X = x chunk as [C, nb·L], cols = Wᵀ·X, y chunk = col2im(cols)
     * + b. Backward per chunk, with cols = im2col(∂y chunk): ∂x = W·cols as images; ∂W += X·colsᵀ (chunks in order).
     */
    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, ConvGeometry g, int chunk) {
        int n = x.shape[0], c = x.shape[1], l = x.shape[2] * x.shape[3], o = w.shape[1], ck = g.colRows();
        int image = g.c() * g.h() * g.w();
        double[] y = ZeroedArrays.get(g.inputSize());
        int colSize = Shape.size("convTranspose2d", ck, chunk, l), inSize = Shape.size("convTranspose2d", c, chunk, l);
        double[][] s = scratch(colSize, inSize, 0);
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int nb = Math.min(chunk, n - n0), cols = nb * l;
            fromImages(x.data, n0, nb, c, l, s[1]);                            // X [C, nb·L]
            K.gemm(true, false, ck, cols, c, w.data, 0, s[1], 0, s[0], 0, false);
            K.col2im(g.images(nb), s[0], y, n0 * image);
            if (bias != null) addBias(y, n0, nb, o, g.h() * g.w(), bias.data);
        }
        Tensor out = Tensor.fromOp("convTranspose2d", y, new int[] {n, o, g.h(), g.w()}, x, w, bias);
        return out.onBackward(gy -> {
            boolean needX = Graph.needs(x), needW = Graph.needs(w), needB = bias != null && Graph.needs(bias);
            Tensor db = needB ? biasGrad(gy, o) : null;
            if (Autograd.isGradEnabled()) { // recorded: the composite's backward, from differentiable ops
                Tensor gc = im2col(gy, g);                                     // [O·kh·kw, N·L]
                Tensor xs = needW ? Movement.reshape(Movement.permute(Movement.reshape(x, n, c, l), 1, 0, 2), c, n * l) : null;
                Tensor dx = needX ? Movement.reshape(Movement.permute(Movement.reshape(
                        MatMul.mm(Movement.reshape(w, c, ck), gc, false, false), c, n, l), 1, 0, 2), x.shape) : null;
                return Elementwise.grads(dx, needW ? Movement.reshape(MatMul.mm(xs, gc, false, true), w.shape) : null, db);
            }
            Graph.Sink sw = needW ? Graph.sink(w, x, gy, w) : null;
            boolean addW = sw == null || sw.claim();
            double[] dx = needX ? ZeroedArrays.get(x.data.length) : null;
            double[] dw = !needW ? null : sw != null ? sw.buffer.data : ZeroedArrays.get(w.data.length);
            if (needW && n == 0 && !addW) java.util.Arrays.fill(dw, 0.0);
            double[][] t = scratch(colSize, inSize, needW ? inSize : 0);
            for (int n0 = 0; n0 < n; n0 += chunk) {
                int nb = Math.min(chunk, n - n0), cols = nb * l;
                K.im2col(g.images(nb), gy.data, n0 * image, t[0]);           // columns of ∂y [O·kh·kw, nb·L]
                if (needX) {
                    K.gemm(false, false, c, cols, ck, w.data, 0, t[0], 0, t[1], 0, false); // W·cols
                    toImages(t[1], c, nb, l, dx, n0, null);
                }
                if (needW) {
                    fromImages(x.data, n0, nb, c, l, t[2]);
                    K.gemm(false, true, c, ck, cols, t[2], 0, t[0], 0, dw, 0, addW || n0 > 0);  // ∂W += X·colsᵀ
                }
            }
            return Elementwise.grads(needX ? Tensor.wrap(dx, x.shape()) : null, weightGrad(sw, dw, w), db);
        }, x, w);
    }

    /** ∂W as the backward function returns it: the buffer of its sink ({@link Graph#sink}) itself, or the new array. */
    private static Tensor weightGrad(Graph.Sink sw, double[] dw, Tensor w) {
        return dw == null ? null : sw != null ? sw.buffer : Tensor.wrap(dw, w.shape());
    }

    /**
     * Images per chunk: the largest column matrix of a chunk ([rows, nb·L]) about CHUNK_BYTES, at least one image.
     * The chunk does not change the bits (see the class comment); it bounds the per-thread buffers.
     */
    static int imagesPerChunk(ConvGeometry g, int otherRows) {
        if (g.n() == 0) return 1;                                              // no images: no chunks at all
        long perImage = (long) Math.max(g.colRows(), otherRows) * g.outH() * g.outW() * Double.BYTES;
        int most = (int) Math.max(1, Math.min(g.n(), CHUNK_BYTES / Math.max(1, perImage)));
        return ceilDiv(g.n(), ceilDiv(g.n(), most));                           // balanced: 64 images as 32 + 32, not 41 + 23
    }

    /**
     * Bytes of a chunk's column matrix: a DCGAN layer's batch of 64 in two chunks. Chunks of 2 MB were slower (W
     * repacked and ∂W transposed per chunk, smaller GEMMs); 13–32 MB measured alike (docs/conv.md).
     */
    static final long CHUNK_BYTES = Long.getLong("nash.conv.chunkBytes", 16L << 20);

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /** This thread's three scratch arrays, grown to at least the sizes given; contents undefined. */
    private static double[][] scratch(int s0, int s1, int s2) {
        double[][] s = SCRATCH.get();
        if (s[0].length < s0) s[0] = new double[s0];
        if (s[1].length < s1) s[1] = new double[s1];
        if (s[2].length < s2) s[2] = new double[s2];
        return s;
    }

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {{}, {}, {}});

    /** img[n0+i, r, :] = m[r, i·L .. (i+1)·L] (+ bias[r]): a [R, nb·L] block back into [N, R, L] images. */
    private static void toImages(double[] m, int rows, int nb, int l, double[] img, int n0, double[] bias) {
        Parallel.chunks(rows, rowsPerTask(nb * l), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                for (int i = 0; i < nb; i++) {
                    int src = (r * nb + i) * l, dst = ((n0 + i) * rows + r) * l;
                    if (bias == null) System.arraycopy(m, src, img, dst, l);
                    else for (int t = 0; t < l; t++) img[dst + t] = m[src + t] + bias[r];
                }
            }
        });
    }

    /** m[r, i·L .. (i+1)·L] = img[n0+i, r, :]: images nb from n0 of [N, R, L] as one [R, nb·L] block. */
    private static void fromImages(double[] img, int n0, int nb, int rows, int l, double[] m) {
        Parallel.chunks(rows, rowsPerTask(nb * l), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                for (int i = 0; i < nb; i++) System.arraycopy(img, ((n0 + i) * rows + r) * l, m, (r * nb + i) * l, l);
            }
        });
    }

    /** y[n0+i, r, :] += bias[r] for the images of a chunk. */
    private static void addBias(double[] y, int n0, int nb, int rows, int l, double[] bias) {
        for (int i = n0; i < n0 + nb; i++) {
            for (int r = 0; r < rows; r++) {
                double b = bias[r];
                for (int t = (i * rows + r) * l, end = t + l; t < end; t++) y[t] += b;
            }
        }
    }

    /** Rows per parallel task of a copy with {@code perRow} values per row: about Elementwise.GRAIN values per task. */
    private static int rowsPerTask(int perRow) { return Math.max(1, Elementwise.GRAIN / Math.max(1, perRow)); }

    /** ∂b of y + b[1,O,1,1]: gy summed over images and pixels, as the composite's broadcast add does. */
    private static Tensor biasGrad(Tensor gy, int o) {
        return Movement.reshape(Shape.sumTo(gy, new int[] {1, o, 1, 1}), o);
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
