package nash.core;

import static nash.core.Elementwise.K;

import java.util.Arrays;
import java.util.List;
import nash.core.kernel.Kernels.Binary;
import nash.core.kernel.Parallel;
import nash.core.kernel.ZeroedArrays;

/**
 * Reductions over all or chosen axes, with {@code keepDim}. Sum, max and min are primitives;
 * mean, variance, norm, log-sum-exp and (log-)softmax are composites of them. Every reduction
 * adds in an order fixed by the shape alone, so results never depend on the thread count.
 */
public final class Reduce {

    private Reduce() {}

    private enum Kind { SUM, MAX, MIN }

    /** Values per parallel task of {@link #l2Norm}: a task's sum is a few microseconds, worth a thread hand-off. */
    private static final int NORM_CHUNK = 1 << 15;

    /**
     * √(Σ x²) over every element of every tensor (e.g. all of a model's gradients, to clip them or to
     * report), as a number outside the graph. Each tensor is cut into fixed chunks of NORM_CHUNK
     * values, the chunks are summed in parallel and their sums added in order, so the bits do not
     * depend on the thread count. NaN if any element is NaN, +∞ if any is infinite.
     */
    public static double l2Norm(List<Tensor> xs) {
        int chunks = 0;
        for (Tensor t : xs) chunks += (t.size + NORM_CHUNK - 1) / NORM_CHUNK;
        double[][] arrays = new double[chunks][];
        int[] from = new int[chunks], to = new int[chunks];
        int c = 0;
        for (Tensor t : xs) {
            for (int f = 0; f < t.size; f += NORM_CHUNK, c++) {
                arrays[c] = t.data;
                from[c] = f;
                to[c] = Math.min(t.size, f + NORM_CHUNK);
            }
        }
        double[] partial = new double[chunks];
        Parallel.run(chunks, i -> partial[i] = K.sumOfSquares(arrays[i], from[i], to[i] - from[i]));
        double s = 0;
        for (double v : partial) s += v;
        return Math.sqrt(s);
    }

    /** y = Σ x over the axes (every axis when none are given). */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        int[] ax = Shape.axes("sum", axes, x.dim());
        int[] outShape = Shape.withoutAxes(x.shape, ax, keepDim);
        Tensor y = Tensor.fromOp("sum", reduce(Kind.SUM, x.data, x.shape, ax), outShape, x);
        int[] keptShape = Shape.withoutAxes(x.shape, ax, true);
        return y.onBackward(gy -> Elementwise.grads(                            // ∂y/∂x = 1, broadcast back
                Movement.broadcastTo(Movement.reshape(gy, keptShape), x.shape)));
    }

    /** y = max x over the axes; the gradient is shared equally among tied maxima. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDim) {
        return extremum("max", Kind.MAX, x, axes, keepDim);
    }

    /** y = min x over the axes; the gradient is shared equally among tied minima. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDim) {
        return extremum("min", Kind.MIN, x, axes, keepDim);
    }

    private static Tensor extremum(String name, Kind kind, Tensor x, int[] axes, boolean keepDim) {
        int[] ax = Shape.axes(name, axes, x.dim());
        for (int a : ax) {
            if (x.shape[a] == 0) throw new IllegalArgumentException(name + ": axis " + a + " of " + Shape.str(x.shape) + " is empty");
        }
        int[] outShape = Shape.withoutAxes(x.shape, ax, keepDim);
        double[] out = reduce(kind, x.data, x.shape, ax);
        Tensor y = Tensor.fromOp(name, out, outShape, x);
        int[] keptShape = Shape.withoutAxes(x.shape, ax, true);
        return y.onBackward(gy -> {
            // mask = [x = y] / (number of ties): a constant, so the second derivative is 0 a.e.
            Tensor yk = new Tensor(out, keptShape);
            Tensor mask = Elementwise.eq(x, yk);
            Tensor ties = new Tensor(reduce(Kind.SUM, mask.data, x.shape, ax), keptShape);
            Tensor share = new Tensor(Elementwise.broadcastBinary(Binary.DIV, mask, ties, x.shape), x.shape);
            return Elementwise.grads(Elementwise.mul(Movement.broadcastTo(Movement.reshape(gy, keptShape), x.shape), share));
        }, x, y);                                                        // y too: an in-place change to it would misplace the gradient
    }

    /** y = mean of x over the axes. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDim) {
        int[] ax = Shape.axes("mean", axes, x.dim());
        return Elementwise.div(sum(x, ax, keepDim), groupSize("mean", x, ax, 1));
    }

    /** Variance over the axes: Σ(x − mean)² / (n − 1) when unbiased, / n otherwise. */
    public static Tensor var(Tensor x, int[] axes, boolean keepDim, boolean unbiased) {
        int[] ax = Shape.axes("var", axes, x.dim());
        int n = groupSize("var", x, ax, unbiased ? 2 : 1);
        Tensor d = Elementwise.sub(x, mean(x, ax, true));
        return Elementwise.div(sum(Elementwise.square(d), ax, keepDim), unbiased ? n - 1 : n);
    }

    /**
     * The Euclidean norm √(Σ x²) over the axes. Its gradient x/‖x‖ is taken as 0 where ‖x‖ = 0 (as PyTorch), where
     * the composite sqrt(Σ x²) would give ∞·0 = NaN.
     */
    public static Tensor norm(Tensor x, int[] axes, boolean keepDim) {
        int[] ax = Shape.axes("norm", axes, x.dim());
        int[] keptShape = Shape.withoutAxes(x.shape, ax, true);
        double[] n;
        try (GradMode scope = Autograd.noGrad()) {
            n = Elementwise.sqrt(sum(Elementwise.square(x), ax, true)).data;
        }
        Tensor y = Tensor.fromOp("norm", n, keptShape, x);
        y.onBackward(gy -> {                                                   // ∂y/∂x = x/y, 0 where y = 0
            Tensor zero = Elementwise.constant(Elementwise.eq(y, Tensor.scalar(0.0)).data, keptShape);
            Tensor safe = Elementwise.where(zero, Tensor.scalar(1.0), y);
            return Elementwise.grads(Elementwise.mul(x, Elementwise.where(zero, Tensor.scalar(0.0), Elementwise.div(gy, safe))));
        }, x, y);
        return keepDim ? y : Movement.reshape(y, Shape.withoutAxes(x.shape, ax, false));
    }

    /**
     * log Σ exp(x) over the axes, as m + log Σ exp(x − m) with m the (detached) maximum, or 0 where
     * that maximum is infinite: finite wherever the math is, for any magnitude of x.
     */
    public static Tensor logSumExp(Tensor x, int[] axes, boolean keepDim) {
        int[] ax = Shape.axes("logSumExp", axes, x.dim());
        double[] m;
        try (GradMode scope = Autograd.noGrad()) {
            m = max(x, ax, true).data;
        }
        for (int i = 0; i < m.length; i++) if (Double.isInfinite(m[i])) m[i] = 0.0;
        Tensor shift = new Tensor(m, Shape.withoutAxes(x.shape, ax, true));
        Tensor y = Elementwise.add(Elementwise.log(sum(Elementwise.exp(Elementwise.sub(x, shift)), ax, true)), shift);
        return keepDim ? y : Movement.reshape(y, Shape.withoutAxes(x.shape, ax, false));
    }

    /** log softmax along an axis: x − logSumExp(x). */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return Elementwise.sub(x, logSumExp(x, new int[] {axis}, true));
    }

    /** softmax along an axis: exp(logSoftmax(x)). */
    public static Tensor softmax(Tensor x, int axis) {
        return Elementwise.exp(logSoftmax(x, axis));
    }

    private static int count(int[] shape, int[] axes) {
        int n = 1;
        for (int a : axes) n *= shape[a];
        return n;
    }

    /**
     * The number of elements each output of a reduction over {@code axes} averages, at least {@code min} unless there
     * is no output at all: fewer would make every output 0/0 = NaN (PyTorch's answer, with a warning at most).
     */
    private static int groupSize(String op, Tensor x, int[] axes, int min) {
        int n = count(x.shape, axes);
        if (n < min && Shape.size(Shape.withoutAxes(x.shape, axes, false)) > 0) {
            throw new IllegalArgumentException(op + ": " + (min == 2 ? "the unbiased variance needs at least 2 elements" : "nothing to average")
                    + " over axes " + java.util.Arrays.toString(axes) + " of shape " + Shape.str(x.shape) + ", got " + n);
        }
        return n;
    }

    /**
     * Reduces the sorted axes. Adjacent axes merge into one; the merged groups are reduced from the
     * innermost out, each as a [outer, r, inner] problem.
     */
    static double[] reduce(Kind kind, double[] data, int[] shape, int[] axes) {
        int[] cur = shape.clone();
        double[] src = data;
        int g = axes.length - 1;
        if (axes.length == 0) return data.clone();
        while (g >= 0) {
            int hi = axes[g], lo = hi;
            while (g > 0 && axes[g - 1] == lo - 1) lo = axes[--g];
            g--;
            int outer = 1, r = 1, inner = 1;
            for (int i = 0; i < lo; i++) outer *= cur[i];
            for (int i = lo; i <= hi; i++) r *= cur[i];
            for (int i = hi + 1; i < cur.length; i++) inner *= cur[i];
            src = reduceAxis(kind, src, outer, r, inner);
            for (int i = lo; i <= hi; i++) cur[i] = 1;
        }
        return src == data ? data.clone() : src;
    }

    /** out[o, i] = ⊕_{j<r} x[o, j, i], j ascending. */
    private static double[] reduceAxis(Kind kind, double[] x, int outer, int r, int inner) {
        double[] out = ZeroedArrays.get(outer * inner);
        if (r == 0) {
            if (kind != Kind.SUM) throw new IllegalArgumentException("cannot take max/min over an empty axis");
            return out;
        }
        Binary op = kind == Kind.SUM ? Binary.ADD : kind == Kind.MAX ? Binary.MAX : Binary.MIN;
        int work = r * inner;
        int grain = Math.max(1, Elementwise.GRAIN / Math.max(1, work));
        Parallel.chunks(outer, grain, (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                int base = o * work;
                if (inner == 1) {
                    out[o] = kind == Kind.SUM ? K.sum(x, base, r) : kind == Kind.MAX ? K.max(x, base, r) : K.min(x, base, r);
                } else {
                    System.arraycopy(x, base, out, o * inner, inner);
                    for (int j = 1; j < r; j++) K.binary(op, out, o * inner, x, base + j * inner, out, o * inner, inner);
                }
            }
        });
        return out;
    }

    static String str(int[] a) { return Arrays.toString(a); }
}
