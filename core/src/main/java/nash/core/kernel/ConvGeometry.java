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

    public ConvGeometry {
        if (n < 0 || c <= 0 || h <= 0 || w <= 0 || kh <= 0 || kw <= 0 || sh <= 0 || sw <= 0
                || ph < 0 || pw < 0 || dh <= 0 || dw <= 0) {
            throw new IllegalArgumentException("conv geometry: invalid " + this);
        }
        // (fields are assigned after this compact constructor, so the sizes are computed from the parameters)
        if ((h + 2 * ph - dh * (kh - 1) - 1) < 0 || (w + 2 * pw - dw * (kw - 1) - 1) < 0) {
            throw new IllegalArgumentException("conv geometry: kernel " + kh + "x" + kw + " (dilation " + dh + "x" + dw
                    + ") does not fit input " + h + "x" + w + " with padding " + ph + "x" + pw);
        }
    }

    public int outH() { return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1; }

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
