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
        Objects.requireNonNull(op, "unary: op is null");
        lanes("unary", op, "x", x, xOff, y, yOff, n);
        inner.unary(op, x, xOff, y, yOff, n);
    }

    @Override public void binary(Binary op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        Objects.requireNonNull(op, "binary: op is null");
        read("binary", op, "a", a, aOff, n);
        read("binary", op, "b", b, bOff, n);
        written("binary", op, "y", y, yOff, n, a, aOff, "a");
        written("binary", op, "y", y, yOff, n, b, bOff, "b");
        inner.binary(op, a, aOff, b, bOff, y, yOff, n);
    }

    @Override public void binaryScalar(Binary op, double[] a, int aOff, double s, double[] y, int yOff, int n) {
        Objects.requireNonNull(op, "binaryScalar: op is null");
        lanes("binaryScalar", op, "a", a, aOff, y, yOff, n);
        inner.binaryScalar(op, a, aOff, s, y, yOff, n);
    }

    @Override public void scalarBinary(Binary op, double s, double[] b, int bOff, double[] y, int yOff, int n) {
        Objects.requireNonNull(op, "scalarBinary: op is null");
        lanes("scalarBinary", op, "b", b, bOff, y, yOff, n);
        inner.scalarBinary(op, s, b, bOff, y, yOff, n);
    }

    @Override public void leakyRelu(double slope, double[] x, int xOff, double[] y, int yOff, int n) {
        lanes("leakyRelu", null, "x", x, xOff, y, yOff, n);
        inner.leakyRelu(slope, x, xOff, y, yOff, n);
    }

    @Override public void leakyReluGrad(double slope, double[] x, int xOff, double[] g, int gOff, double[] y, int yOff, int n) {
        read("leakyReluGrad", null, "x", x, xOff, n);
        read("leakyReluGrad", null, "g", g, gOff, n);
        written("leakyReluGrad", null, "y", y, yOff, n, x, xOff, "x");
        written("leakyReluGrad", null, "y", y, yOff, n, g, gOff, "g");
        inner.leakyReluGrad(slope, x, xOff, g, gOff, y, yOff, n);
    }

    @Override public void clamp(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        // lo > hi (or a NaN bound) has no min(max(x, lo), hi) both implementations agree on, lane by lane
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp: needs lo ≤ hi, got lo = " + lo + ", hi = " + hi);
        lanes("clamp", null, "x", x, xOff, y, yOff, n);
        inner.clamp(lo, hi, x, xOff, y, yOff, n);
    }

    @Override public void inRange(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n) {
        lanes("inRange", null, "x", x, xOff, y, yOff, n);
        inner.inRange(lo, hi, x, xOff, y, yOff, n);
    }

    @Override public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        lanes("axpy", null, "x", x, xOff, y, yOff, n);
        inner.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override public double sum(double[] x, int off, int n) {
        read("sum", null, "x", x, off, n);
        return inner.sum(x, off, n);
    }

    @Override public double sumOfSquares(double[] x, int off, int n) {
        read("sumOfSquares", null, "x", x, off, n);
        return inner.sumOfSquares(x, off, n);
    }

    @Override public double max(double[] x, int off, int n) {
        read("max", null, "x", x, off, n);
        return inner.max(x, off, n);
    }

    @Override public double min(double[] x, int off, int n) {
        read("min", null, "x", x, off, n);
        return inner.min(x, off, n);
    }

    @Override public void bceWithLogits(double[] x, int xOff, double[] t, int tOff, double[] y, int yOff, int n) {
        read("bceWithLogits", null, "x", x, xOff, n);
        read("bceWithLogits", null, "t", t, tOff, n);
        written("bceWithLogits", null, "y", y, yOff, n, x, xOff, "x");
        written("bceWithLogits", null, "y", y, yOff, n, t, tOff, "t");
        inner.bceWithLogits(x, xOff, t, tOff, y, yOff, n);
    }

    @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        long an = (long) m * k, bn = (long) k * n, cn = (long) m * n;
        if (!fits(a, aOff, an) || !fits(b, bOff, bn) || !fits(c, cOff, cn) || overlap(c, cOff, cn, a, aOff, an) || overlap(c, cOff, cn, b, bOff, bn)) {
            String shape = m + "×" + n + "×" + k + (transA ? " Aᵀ" : "") + (transB ? " Bᵀ" : ""); // the same checks, with the message
            read("gemm", shape, transA ? "A [k,m]" : "A [m,k]", a, aOff, an);
            read("gemm", shape, transB ? "B [n,k]" : "B [k,n]", b, bOff, bn);
            read("gemm", shape, "C [m,n]", c, cOff, cn);
            disjoint("gemm", shape, "C", c, cOff, cn, a, aOff, an, "A");
            disjoint("gemm", shape, "C", c, cOff, cn, b, bOff, bn, "B");
        }
        inner.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override public void im2col(ConvGeometry g, double[] x, int xOff, double[] cols) {
        Objects.requireNonNull(g, "im2col: geometry is null");
        long xn = g.inputSize(), cn = (long) g.colRows() * g.colCols();
        read("im2col", g, "x", x, xOff, xn);
        read("im2col", g, "cols", cols, 0, cn);
        disjoint("im2col", g, "cols", cols, 0, cn, x, xOff, xn, "x");
        inner.im2col(g, x, xOff, cols);
    }

    @Override public void col2im(ConvGeometry g, double[] cols, double[] x, int xOff) {
        Objects.requireNonNull(g, "col2im: geometry is null");
        long xn = g.inputSize(), cn = (long) g.colRows() * g.colCols();
        read("col2im", g, "cols", cols, 0, cn);
        read("col2im", g, "x", x, xOff, xn);
        disjoint("col2im", g, "x", x, xOff, xn, cols, 0, cn, "cols");
        inner.col2im(g, cols, x, xOff);
    }

    @Override public void adam(double[] p, double[] g, double[] m, double[] v, int off, int n, double lr, double beta1,
                               double beta2, double eps, double l2, double decoupled, long t) {
        read("adam", null, "p", p, off, n);
        read("adam", null, "g", g, off, n);
        read("adam", null, "m", m, off, n);
        read("adam", null, "v", v, off, n);
        disjoint("adam", null, "p", p, off, n, g, off, n, "g");
        disjoint("adam", null, "p", p, off, n, m, off, n, "m");
        disjoint("adam", null, "p", p, off, n, v, off, n, "v");
        disjoint("adam", null, "g", g, off, n, m, off, n, "m");
        disjoint("adam", null, "g", g, off, n, v, off, n, "v");
        disjoint("adam", null, "m", m, off, n, v, off, n, "v");
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
    private static boolean fits(double[] x, int off, long n) { return x != null && n >= 0 && off >= 0 && off + n <= x.length; }

    /** y[yOff, yOff + yn) and x[xOff, xOff + xn) share an element. */
    private static boolean overlap(double[] y, int yOff, long yn, double[] x, int xOff, long xn) {
        return y == x && yn > 0 && xn > 0 && yOff < xOff + xn && xOff < yOff + yn;
    }

    /** The kernel's name for a message: "unary EXP", "gemm 7×9×5 Aᵀ" (detail formatted only when a check fails). */
    private static String name(String kernel, Object detail) { return detail == null ? kernel : kernel + " " + detail; }

    /** Throws unless x[off, off + n) lies within x. */
    private static void read(String kernel, Object detail, String what, double[] x, int off, long n) {
        if (fits(x, off, n)) return;
        String k = name(kernel, detail);
        if (x == null) throw new IllegalArgumentException(k + ": " + what + " is null");
        if (n < 0) throw new IllegalArgumentException(k + ": negative length " + n);
        throw new IllegalArgumentException(k + ": " + what + " needs " + n + " elements from offset " + off
                + ", but its array has " + x.length);
    }

    /** A lane-wise kernel's input x[xOff, xOff + n) (called xName) and its output y[yOff, yOff + n): see read and written. */
    private static void lanes(String kernel, Object detail, String xName, double[] x, int xOff, double[] y, int yOff, int n) {
        read(kernel, detail, xName, x, xOff, n);
        written(kernel, detail, "y", y, yOff, n, x, xOff, xName);
    }

    /** Throws unless the output y[yOff, yOff + n) lies within y and is the input x[xOff ..] itself or does not overlap it. */
    private static void written(String kernel, Object detail, String what, double[] y, int yOff, int n, double[] x, int xOff, String input) {
        read(kernel, detail, what, y, yOff, n);
        if (y != x || yOff != xOff) disjoint(kernel, detail, what, y, yOff, n, x, xOff, n, input);
    }

    /** Throws if y[yOff, yOff + yn) and x[xOff, xOff + xn) share an element. */
    private static void disjoint(String kernel, Object detail, String yName, double[] y, int yOff, long yn, double[] x, int xOff, long xn, String xName) {
        if (overlap(y, yOff, yn, x, xOff, xn)) {
            throw new IllegalArgumentException(name(kernel, detail) + ": " + yName + " [" + yOff + ", " + (yOff + yn) + ") overlaps "
                    + xName + " [" + xOff + ", " + (xOff + xn) + ") in the same array");
        }
    }
}
