package nash.core.kernel;

import java.util.Arrays;

/**
 * The reference kernels: one plain loop per operation, written for clarity. They are the test
 * oracle for {@code VectorKernels} and the fallback when the Vector API is absent or disabled
 * ({@code -Dnash.kernels=scalar}).
 */
public class ScalarKernels implements Kernels {

    /** Instances come from {@link KernelsProvider}, which puts argument checks in front of them. */
    ScalarKernels() {}

    /** Below this many multiply-adds a GEMM runs on the calling thread. */
    static final long GEMM_PARALLEL_WORK = 1L << 18;
    /** Rows of C per parallel task: fixed, so the split never depends on the thread count. */
    static final int GEMM_ROWS_PER_TASK = 16;

    @Override public String name() { return "scalar"; }

    /** f(x) for one lane; the definition every implementation must reproduce. */
    public static double apply(Unary op, double x) {
        switch (op) {
            case NEG: return -x;
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SQRT: return Math.sqrt(x);
            case SQUARE: return x * x;
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return sigmoid(x);
            case RELU: return x > 0 ? x : (x == x ? 0.0 : x);
            case SOFTPLUS: return softplus(x);
            case RECIPROCAL: return 1.0 / x;
            case LOG1P: return Math.log1p(x);
            case EXPM1: return Math.expm1(x);
            default: throw new AssertionError(op);
        }
    }

    /** a op b for one lane. */
    public static double apply(Binary op, double a, double b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case MAX: return Math.max(a, b);
            case MIN: return Math.min(a, b);
            case POW: return Math.pow(a, b);
            case GT: return a > b ? 1.0 : 0.0;
            case GE: return a >= b ? 1.0 : 0.0;
            case LT: return a < b ? 1.0 : 0.0;
            case LE: return a <= b ? 1.0 : 0.0;
            case EQ: return a == b ? 1.0 : 0.0;
            default: throw new AssertionError(op);
        }
    }

    /** σ(x) = 1/(1+e^−x), computed without overflow for either sign. */
    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** softplus(x) = log(1+e^x) = max(x,0) + log1p(e^−|x|), finite wherever the math is. */
    public static double softplus(double x) {
        return (x > 0 ? x : 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** One lane of {@link #bceWithLogits}. */
    public static double bceWithLogits(double x, double t) {
        double v = Math.log1p(Math.exp(-Math.abs(x)));
        if (t != 1.0 && x > 0) v += (1.0 - t) * x;
        if (t != 0.0 && x < 0) v -= t * x;
        return v;
    }

    @Override public void unary(Unary op, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = apply(op, x[xOff + i]);
    }

    @Override public void binary(Binary op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = apply(op, a[aOff + i], b[bOff + i]);
    }

    @Override public void binaryScalar(Binary op, double[] a, int aOff, double s, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = apply(op, a[aOff + i], s);
    }

    @Override public void scalarBinary(Binary op, double s, double[] b, int bOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = apply(op, s, b[bOff + i]);
    }

    @Override public void leakyRelu(double slope, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v > 0 ? v : slope * v;
        }
    }

    @Override public void leakyReluGrad(double slope, double[] x, int xOff, double[] g, int gOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = g[gOff + i] * (x[xOff + i] > 0 ? 1.0 : slope);
    }

    @Override public void clamp(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v < lo ? lo : (v > hi ? hi : v);
        }
    }

    @Override public void inRange(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v >= lo && v <= hi ? 1.0 : 0.0;
        }
    }

    @Override public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override public double sum(double[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[off + i];
        return s;
    }

    @Override public double sumOfSquares(double[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s = Math.fma(x[off + i], x[off + i], s);
        return s;
    }

    @Override public double max(double[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, x[off + i]);
        return m;
    }

    @Override public double min(double[] x, int off, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.min(m, x[off + i]);
        return m;
    }

    @Override public void bceWithLogits(double[] x, int xOff, double[] t, int tOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = bceWithLogits(x[xOff + i], t[tOff + i]);
    }

    @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        if ((long) m * n * k < GEMM_PARALLEL_WORK) {
            gemmRows(transA, transB, 0, m, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        int tasks = (m + GEMM_ROWS_PER_TASK - 1) / GEMM_ROWS_PER_TASK;
        Parallel.run(tasks, t -> gemmRows(transA, transB, t * GEMM_ROWS_PER_TASK,
                Math.min(m, (t + 1) * GEMM_ROWS_PER_TASK), m, n, k, a, aOff, b, bOff, c, cOff, accumulate));
    }

    /**
     * Rows [i0, i1) of C. Every c[i,j] = (accumulate ? c[i,j] : 0) + Σ_p a[i,p]·b[p,j], p ascending:
     * the ikj form streams rows of B (or dot products when B is transposed).
     */
    static void gemmRows(boolean transA, boolean transB, int i0, int i1, int m, int n, int k,
                         double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        for (int i = i0; i < i1; i++) {
            int ci = cOff + i * n;
            if (!accumulate) java.util.Arrays.fill(c, ci, ci + n, 0.0);
            if (transB) {
                for (int j = 0; j < n; j++) {
                    double s = c[ci + j];
                    int bj = bOff + j * k;
                    for (int p = 0; p < k; p++) s += elementA(transA, a, aOff, m, k, i, p) * b[bj + p];
                    c[ci + j] = s;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    double aip = elementA(transA, a, aOff, m, k, i, p);
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    private static double elementA(boolean transA, double[] a, int aOff, int m, int k, int i, int p) {
        return transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
    }

    @Override public void im2col(ConvGeometry g, double[] x, int xOff, double[] cols) {
        int oh = g.outH(), ow = g.outW(), ncols = g.colCols();
        int rows = g.colRows();
        if (g.sw() == 1) { // window rows are contiguous runs of x: copied row by row
            Parallel.run(rows, r -> im2colRow(g, x, xOff, cols, r, oh, ow, ncols));
            return;
        }
        Taps taps = Taps.of(g);                                               // strided: one gather per window
        int perImage = oh * ow, plane = g.h() * g.w(), kk = g.kh() * g.kw();
        Parallel.run(rows, r -> {
            int tap = r % kk, ci = r / kk;
            int[] in = taps.inside[tap], at = taps.at[tap], out = taps.outside[tap];
            for (int ni = 0; ni < g.n(); ni++) {
                int src = xOff + (ni * g.c() + ci) * plane, o = r * ncols + ni * perImage;
                for (int q = 0; q < in.length; q++) cols[o + in[q]] = x[src + at[q]];
                for (int q = 0; q < out.length; q++) cols[o + out[q]] = 0.0;
            }
        });
    }

    private static void im2colRow(ConvGeometry g, double[] x, int xOff, double[] cols, int r, int oh, int ow, int ncols) {
        int j = r % g.kw(), i = (r / g.kw()) % g.kh(), ci = r / (g.kw() * g.kh());
        int w = g.w(), sw = g.sw(), shift = j * g.dw() - g.pw();                 // ix = ox·sw + shift
        int lo = validFrom(shift, sw, ow), hi = validTo(shift, sw, w, ow);
        int base = r * ncols;
        for (int ni = 0; ni < g.n(); ni++) {
            int xPlane = xOff + (ni * g.c() + ci) * g.h() * w;
            for (int oy = 0; oy < oh; oy++) {
                int iy = oy * g.sh() - g.ph() + i * g.dh();
                int o = base + (ni * oh + oy) * ow;
                if (iy < 0 || iy >= g.h() || lo >= hi) {
                    Arrays.fill(cols, o, o + ow, 0.0);
                    continue;
                }
                // The window row is inside for ox in [lo, hi): no bounds test per element there.
                Arrays.fill(cols, o, o + lo, 0.0);
                int src = xPlane + iy * w + shift;
                if (sw == 1) System.arraycopy(x, src + lo, cols, o + lo, hi - lo);
                else for (int ox = lo; ox < hi; ox++) cols[o + ox] = x[src + ox * sw];
                Arrays.fill(cols, o + hi, o + ow, 0.0);
            }
        }
    }

    /** The first ox with ox·sw + shift ≥ 0 (clipped to [0, ow]). */
    private static int validFrom(int shift, int sw, int ow) {
        return shift >= 0 ? 0 : Math.min(ow, (-shift + sw - 1) / sw);
    }

    /** One past the last ox with ox·sw + shift < w (clipped to [0, ow]). */
    private static int validTo(int shift, int sw, int w, int ow) {
        int last = w - 1 - shift;                                             // ox·sw ≤ last
        return last < 0 ? 0 : Math.min(ow, last / sw + 1);
    }

    @Override public void col2im(ConvGeometry g, double[] cols, double[] x, int xOff) {
        if (g.n() == 0) return;                                 // no images: nothing to add (the split below divides by n)
        Taps taps = Taps.of(g);
        int ncols = g.colCols(), perImage = g.outH() * g.outW(), plane = g.h() * g.w(), kk = g.kh() * g.kw();
        // Tasks are blocks of channels (or, with fewer channels than tasks, of images): each writes only its own planes
        // of x, each pixel's taps added in tap order, so the partition does not change the bits. Blocks, not single
        // channels: two threads on neighbouring channels shared the cache lines where their planes meet (a 14×14 plane
        // is 24.5 lines) at every tap, and col2im hardly gained from a second thread.
        int c = g.c(), n = g.n();
        int perC = Math.max(1, (c + COL2IM_TASKS - 1) / COL2IM_TASKS), cBlocks = (c + perC - 1) / perC;
        int nSplit = Math.min(n, Math.max(1, COL2IM_TASKS / cBlocks)), perN = (n + nSplit - 1) / nSplit, nBlocks = (n + perN - 1) / perN;
        Parallel.run(cBlocks * nBlocks, t -> {
            int c0 = t / nBlocks * perC, n0 = t % nBlocks * perN, n1 = Math.min(n, n0 + perN);
            for (int ci = c0; ci < Math.min(c, c0 + perC); ci++) {
                for (int tap = 0; tap < kk; tap++) {
                    int[] in = taps.inside[tap], at = taps.at[tap];
                    int row = (ci * kk + tap) * ncols;
                    for (int ni = n0; ni < n1; ni++) {
                        int dst = xOff + (ni * c + ci) * plane, o = row + ni * perImage;
                        for (int q = 0; q < in.length; q++) x[dst + at[q]] += cols[o + in[q]];
                    }
                }
            }
        });
    }

    /** Tasks col2im aims for (blocks of channels or images; see col2im). */
    private static final int COL2IM_TASKS = 8;

    /**
     * A conv window as tables, per tap (i, j) = i·kw + j: the window positions t = oy·ow + ox whose pixel lies inside
     * the image ({@code inside}), that pixel's offset iy·w + ix in its plane ({@code at}), and the positions that fall
     * in the padding ({@code outside}). A strided window row of a DCGAN layer is 7 values, too short for a loop of its
     * own; one gather over the whole window measured 1.3–1.5× faster for im2col and col2im (64×64×14×14, 4×4, stride 2).
     */
    private record Taps(int[][] inside, int[][] at, int[][] outside) {
        static Taps of(ConvGeometry g) {
            int oh = g.outH(), ow = g.outW(), kk = g.kh() * g.kw(), l = oh * ow;
            int[][] inside = new int[kk][], at = new int[kk][], outside = new int[kk][];
            int[] in = new int[l], a = new int[l], out = new int[l];
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int nIn = 0, nOut = 0;
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            int iy = oy * g.sh() - g.ph() + i * g.dh(), ix = ox * g.sw() - g.pw() + j * g.dw(), t = oy * ow + ox;
                            if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                                in[nIn] = t;
                                a[nIn++] = iy * g.w() + ix;
                            } else {
                                out[nOut++] = t;
                            }
                        }
                    }
                    int tap = i * g.kw() + j;
                    inside[tap] = Arrays.copyOf(in, nIn);
                    at[tap] = Arrays.copyOf(a, nIn);
                    outside[tap] = Arrays.copyOf(out, nOut);
                }
            }
            return new Taps(inside, at, outside);
        }
    }

    @Override public void adam(double[] p, double[] g, double[] m, double[] v, int off, int n, double lr, double beta1, double beta2,
                               double eps, double l2, double decoupled, long t) {
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepBc = lr / (1 - Math.pow(beta1, t)) * bc2Sqrt, epsBc = eps * bc2Sqrt; // see Kernels.adam
        for (int i = off; i < off + n; i++) {
            double gi = l2 != 0 ? g[i] + l2 * p[i] : g[i];
            if (decoupled != 0) p[i] *= 1 - lr * decoupled;
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            p[i] -= stepBc * m[i] / (Math.sqrt(v[i]) + epsBc);
        }
    }
}
