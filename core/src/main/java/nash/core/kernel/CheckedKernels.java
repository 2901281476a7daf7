package nash.core.kernel;

import java.util.Objects;

/**
 * The kernels {@link KernelsProvider} hands out: every call's arguments checked, then passed to the implementation.
 * A kernel reads and writes raw arrays at offsets, so a wrong length or offset would otherwise surface as an
 * {@code ArrayIndexOutOfBoundsException} from deep inside a loop (or a worker thread), after part of the output was
 * already overwritten, and an output overlapping an input would silently give wrong values. Here such a call fails
 * before anything is written, with an {@link IllegalArgumentException} naming the kernel, the operand, the
 * lengths and offsets. The checks are a few comparisons per call.
 */
final class CheckedKernels implements Kernels {

    private final Kernels inner;

    CheckedKernels(Kernels inner) { this.inner = Objects.requireNonNull(inner, "inner"); }

    /** The implementation behind the checks (tests). */
    Kernels inner() { return inner; }

    @Override public String name() { return inner.name(); }

    @Override public void unary(Unary op, double[] x, int xOff, double[] y, int yOff, int n) {
        String k = "unary " + Objects.requireNonNull(op, "unary: op is null");
        read(k, "x", x, xOff, n);
        written(k, "y", y, yOff, n, x, xOff, "x");
        inner.unary(op, x, xOff, y, yOff, n);
    }

    @Override public void binary(Binary op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        String k = "binary " + Objects.requireNonNull(op, "binary: op is null");
        read(k, "a", a, aOff, n);
        read(k, "b", b, bOff, n);
        written(k, "y", y, yOff, n, a, aOff, "a");
        written(k, "y", y, yOff, n, b, bOff, "b");
        inner.binary(op, a, aOff, b, bOff, y, yOff, n);
    }

    @Override public void binaryScalar(Binary op, double[] a, int aOff, double s, double[] y, int yOff, int n) {
        String k = "binaryScalar " + Objects.requireNonNull(op, "binaryScalar: op is null");
        read(k, "a", a, aOff, n);
        written(k, "y", y, yOff, n, a, aOff, "a");
        inner.binaryScalar(op, a, aOff, s, y, yOff, n);
    }

    @Override public void scalarBinary(Binary op, double s, double[] b, int bOff, double[] y, int yOff, int n) {
        String k = "scalarBinary " + Objects.requireNonNull(op, "scalarBinary: op is null");
        read(k, "b", b, bOff, n);
        written(k, "y", y, yOff, n, b, bOff, "b");
        inner.scalarBinary(op, s, b, bOff, y, yOff, n);
    }

    @Override public void leakyRelu(double slope, double[] x, int xOff, double[] y, int yOff, int n) {
        read("leakyRelu", "x", x, xOff, n);
        written("leakyRelu", "y", y, yOff, n, x, xOff, "x");
        inner.leakyRelu(slope, x, xOff, y, yOff, n);
    }

    @Override public void leakyReluGrad(double slope, double[] x, int xOff, double[] g, int gOff, double[] y, int yOff, int n) {
        read("leakyReluGrad", "x", x, xOff, n);
        read("leakyReluGrad", "g", g, gOff, n);
        written("leakyReluGrad", "y", y, yOff, n, x, xOff, "x");
        written("leakyReluGrad", "y", y, yOff, n, g, gOff, "g");
        inner.leakyReluGrad(slope, x, xOff, g, gOff, y, yOff, n);
    }

    @Override public void clamp(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        read("clamp", "x", x, xOff, n);
        written("clamp", "y", y, yOff, n, x, xOff, "x");
        inner.clamp(lo, hi, x, xOff, y, yOff, n);
    }

    @Override public void inRange(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        read("inRange", "x", x, xOff, n);
        written("inRange", "y", y, yOff, n, x, xOff, "x");
        inner.inRange(lo, hi, x, xOff, y, yOff, n);
    }

    @Override public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        read("axpy", "x", x, xOff, n);
        written("axpy", "y", y, yOff, n, x, xOff, "x");
        inner.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override public double sum(double[] x, int off, int n) {
        read("sum", "x", x, off, n);
        return inner.sum(x, off, n);
    }

    @Override public double sumOfSquares(double[] x, int off, int n) {
        read("sumOfSquares", "x", x, off, n);
        return inner.sumOfSquares(x, off, n);
    }

    @Override public double max(double[] x, int off, int n) {
        read("max", "x", x, off, n);
        return inner.max(x, off, n);
    }

    @Override public double min(double[] x, int off, int n) {
        read("min", "x", x, off, n);
        return inner.min(x, off, n);
    }

    @Override public void bceWithLogits(double[] x, int xOff, double[] t, int tOff, double[] y, int yOff, int n) {
        read("bceWithLogits", "x", x, xOff, n);
        read("bceWithLogits", "t", t, tOff, n);
        written("bceWithLogits", "y", y, yOff, n, x, xOff, "x");
        written("bceWithLogits", "y", y, yOff, n, t, tOff, "t");
        inner.bceWithLogits(x, xOff, t, tOff, y, yOff, n);
    }

    @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        String shape = "gemm " + m + "×" + n + "×" + k + (transA ? " Aᵀ" : "") + (transB ? " Bᵀ" : "");
        long an = (long) m * k, bn = (long) k * n, cn = (long) m * n;
        read(shape, transA ? "A [k,m]" : "A [m,k]", a, aOff, an);
        read(shape, transB ? "B [n,k]" : "B [k,n]", b, bOff, bn);
        read(shape, "C [m,n]", c, cOff, cn);
        disjoint(shape, "C", c, cOff, cn, a, aOff, an, "A");
        disjoint(shape, "C", c, cOff, cn, b, bOff, bn, "B");
        inner.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override public void im2col(ConvGeometry g, double[] x, int xOff, double[] cols) {
        Objects.requireNonNull(g, "im2col: geometry is null");
        String k = "im2col " + g;
        long xn = (long) g.n() * g.c() * g.h() * g.w(), cn = (long) g.colRows() * g.colCols();
        read(k, "x", x, xOff, xn);
        read(k, "cols", cols, 0, cn);
        disjoint(k, "cols", cols, 0, cn, x, xOff, xn, "x");
        inner.im2col(g, x, xOff, cols);
    }

    @Override public void col2im(ConvGeometry g, double[] cols, double[] x, int xOff) {
        Objects.requireNonNull(g, "col2im: geometry is null");
        String k = "col2im " + g;
        long xn = (long) g.n() * g.c() * g.h() * g.w(), cn = (long) g.colRows() * g.colCols();
        read(k, "cols", cols, 0, cn);
        read(k, "x", x, xOff, xn);
        disjoint(k, "x", x, xOff, xn, cols, 0, cn, "cols");
        inner.col2im(g, cols, x, xOff);
    }

    @Override public void adam(double[] p, double[] g, double[] m, double[] v, int off, int n, double lr, double beta1,
                               double beta2, double eps, double l2, double decoupled, long t) {
        read("adam", "p", p, off, n);
        read("adam", "g", g, off, n);
        read("adam", "m", m, off, n);
        read("adam", "v", v, off, n);
        double[][] arrays = {p, g, m, v};
        String[] names = {"p", "g", "m", "v"};
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) disjoint("adam", names[i], arrays[i], off, n, arrays[j], off, n, names[j]);
        }
        if (t < 1) throw new IllegalArgumentException("adam: the step t counts from 1, got " + t);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("adam: betas must lie in [0, 1), got (" + beta1 + ", " + beta2 + ")");
        }
        if (!(eps > 0) || !Double.isFinite(eps) || !Double.isFinite(lr) || !Double.isFinite(l2) || !Double.isFinite(decoupled)) {
            // eps = 0 would make a parameter whose gradient stayed 0 NaN (0 / 0)
            throw new IllegalArgumentException("adam: lr, l2 and decoupled must be finite and eps finite and > 0, got lr=" + lr
                    + ", eps=" + eps + ", l2=" + l2 + ", decoupled=" + decoupled);
        }
        inner.adam(p, g, m, v, off, n, lr, beta1, beta2, eps, l2, decoupled, t);
    }

    /** x[off, off + n) lies within x. */
    private static void read(String kernel, String what, double[] x, int off, long n) {
        if (x == null) throw new IllegalArgumentException(kernel + ": " + what + " is null");
        if (n < 0) throw new IllegalArgumentException(kernel + ": negative length " + n);
        if (off < 0 || off + n > x.length) {
            throw new IllegalArgumentException(kernel + ": " + what + " needs " + n + " elements from offset " + off
                    + ", but its array has " + x.length);
        }
    }

    /** The output y[yOff, yOff + n) lies within y, and is the input x[xOff ..] itself or does not overlap it. */
    private static void written(String kernel, String what, double[] y, int yOff, int n, double[] x, int xOff, String input) {
        read(kernel, what, y, yOff, n);
        if (y != x || yOff != xOff) disjoint(kernel, what, y, yOff, n, x, xOff, n, input);
    }

    /** y[yOff, yOff + yn) and x[xOff, xOff + xn) share no element. */
    private static void disjoint(String kernel, String yName, double[] y, int yOff, long yn, double[] x, int xOff, long xn, String xName) {
        if (y == x && yn > 0 && xn > 0 && yOff < xOff + xn && xOff < yOff + yn) {
            throw new IllegalArgumentException(kernel + ": " + yName + " [" + yOff + ", " + (yOff + yn) + ") overlaps " + xName
                    + " [" + xOff + ", " + (xOff + xn) + ") in the same array");
        }
    }
}
