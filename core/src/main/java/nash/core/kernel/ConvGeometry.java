package nash.core.kernel;

/**
 * The geometry of a 2-D convolution window sliding over an input x:[n, c, h, w] with a kh×kw
 * kernel, stride (sh, sw), zero padding (ph, pw) and dilation (dh, dw). The output is oh×ow:
 * oh = ⌊(h + 2·ph − dh·(kh−1) − 1) / sh⌋ + 1, and likewise ow.
 *
 * <p>im2col lays the windows out as columns: cols:[c·kh·kw, n·oh·ow], row (ci·kh + i)·kw + j,
 * column (ni·oh + y)·ow + x holding x[ni, ci, y·sh − ph + i·dh, x·sw − pw + j·dw] (0 outside).
 */
public record ConvGeometry(int n, int c, int h, int w, int kh, int kw,
                           int sh, int sw, int ph, int pw, int dh, int dw) {

    /**
     * Checks n ≥ 0; c, h, w, kernel, stride and dilation ≥ 1; padding ≥ 0; that the dilated kernel fits
     * the padded input; and that the input and one image's column matrix fit a Java array.
     */
    public ConvGeometry {
        if (n < 0 || c <= 0 || h <= 0 || w <= 0 || kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0
                || ph < 0 || pw < 0 || dh <= 0 || dw <= 0) {
            // (not `this`: its fields are still 0 here)
            throw new IllegalArgumentException("conv geometry: needs n ≥ 0, c, h, w, kernel, stride and dilation ≥ 1, padding ≥ 0; got n=" + n
                    + ", c=" + c + ", h=" + h + ", w=" + w + ", kernel " + kh + "x" + kw + ", stride " + sh + "x" + sw
                    + ", padding " + ph + "x" + pw + ", dilation " + dh + "x" + dw);
        }
        // (fields are assigned after this compact constructor, so the sizes are computed from the parameters, in long)
        long spanH = h + 2L * ph - (long) dh * (kh - 1) - 1, spanW = w + 2L * pw - (long) dw * (kw - 1) - 1;
        if (spanH < 0 || spanW < 0) {
            throw new IllegalArgumentException("conv geometry: kernel " + kh + "x" + kw + " (dilation " + dh + "x" + dw
                    + ") does not fit input " + h + "x" + w + " with padding " + ph + "x" + pw);
        }
        // One image's column matrix must fit an array; the whole batch's need not (Conv builds it a chunk of images at a time)
        long oh = spanH / sh + 1, ow = spanW / sw + 1, rows = (long) c * kh * kw, cols = n * oh * ow;
        if (h + 2L * ph > Integer.MAX_VALUE || w + 2L * pw > Integer.MAX_VALUE || (long) n * c * h * w > Integer.MAX_VALUE
                || rows > Integer.MAX_VALUE || oh * ow > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || rows * oh * ow > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("conv geometry: input " + n + "x" + c + "x" + h + "x" + w + " (padded "
                    + (h + 2L * ph) + "x" + (w + 2L * pw) + ") or one image's column matrix " + rows + "x" + (oh * ow)
                    + " exceeds 2^31 - 1 elements, the most a Java array holds");
        }
    }

    /** Output height oh = ⌊(h + 2·ph − dh·(kh−1) − 1) / sh⌋ + 1. */
    public int outH() { return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1; }

    /** Output width ow = ⌊(w + 2·pw − dw·(kw−1) − 1) / sw⌋ + 1. */
    public int outW() { return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1; }

    /** Rows of the column matrix: c·kh·kw. */
    public int colRows() { return c * kh * kw; }

    /** Columns of the column matrix: n·oh·ow. */
    public int colCols() { return n * outH() * outW(); }

    /** The same window over a batch of n images (a chunk of this batch). */
    public ConvGeometry images(int n) {
        return new ConvGeometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    }

    /** Elements of the input x. */
    public int inputSize() { return n * c * h * w; }
}
