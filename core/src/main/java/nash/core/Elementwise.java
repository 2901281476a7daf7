package nash.core;

import java.util.Arrays;
import nash.core.kernel.Kernels;
import nash.core.kernel.Kernels.Binary;
import nash.core.kernel.Kernels.Unary;
import nash.core.kernel.KernelsProvider;
import nash.core.kernel.Parallel;
import nash.core.kernel.ZeroedArrays;

/**
 * Elementwise ops with numpy broadcasting. Each reads as forward, then backward, with the
 * derivative in one line; backward is written in these same ops, so it can be differentiated again.
 * Broadcasting is undone in one place, {@link Shape#sumTo}.
 */
public final class Elementwise {

    static final Kernels K = KernelsProvider.get();

    /** Elements per parallel chunk for cheap lane-wise work (add, mul, …). */
    static final int GRAIN = 1 << 16;
    /** Elements per parallel chunk for transcendental work (exp, tanh, …). */
    static final int GRAIN_HEAVY = 1 << 13;

    private Elementwise() {}

    static Tensor[] grads(Tensor... g) { return g; }

    // ------------------------------------------------------------------ arithmetic

    /** y = a + b */
    public static Tensor add(Tensor a, Tensor b) {
        Tensor y = binary("add", Binary.ADD, a, b);
        return y.onBackward(gy -> grads(                                       // ∂y/∂a = ∂y/∂b = 1
                Graph.needs(a) ? Shape.sumTo(gy, a.shape) : null,
                Graph.needs(b) ? Shape.sumTo(gy, b.shape) : null));
    }

    /** y = a + s */
    public static Tensor add(Tensor a, double s) {
        Tensor y = Tensor.fromOp("add", map(Binary.ADD, a, s), a.shape, a);
        return y.onBackward(gy -> grads(gy));
    }

    /** y = a − b */
    public static Tensor sub(Tensor a, Tensor b) {
        Tensor y = binary("sub", Binary.SUB, a, b);
        return y.onBackward(gy -> grads(                                       // ∂y/∂a = 1, ∂y/∂b = −1
                Graph.needs(a) ? Shape.sumTo(gy, a.shape) : null,
                Graph.needs(b) ? Shape.sumTo(neg(gy), b.shape) : null));
    }

    /** y = a − s */
    public static Tensor sub(Tensor a, double s) {
        Tensor y = Tensor.fromOp("sub", map(Binary.SUB, a, s), a.shape, a);
        return y.onBackward(gy -> grads(gy));
    }

    /** y = s − b */
    public static Tensor rsub(double s, Tensor b) {
        Tensor y = Tensor.fromOp("rsub", map(s, Binary.SUB, b), b.shape, b);
        return y.onBackward(gy -> grads(neg(gy)));
    }

    /** y = a · b */
    public static Tensor mul(Tensor a, Tensor b) {
        Tensor y = binary("mul", Binary.MUL, a, b);
        return y.onBackward(gy -> grads(                                       // ∂y/∂a = b, ∂y/∂b = a
                Graph.needs(a) ? Shape.sumTo(mul(gy, b), a.shape) : null,
                Graph.needs(b) ? Shape.sumTo(mul(gy, a), b.shape) : null), a, b);
    }

    /** y = a · s */
    public static Tensor mul(Tensor a, double s) {
        Tensor y = Tensor.fromOp("mul", map(Binary.MUL, a, s), a.shape, a);
        return y.onBackward(gy -> grads(mul(gy, s)));
    }

    /** y = a / b */
    public static Tensor div(Tensor a, Tensor b) {
        Tensor y = binary("div", Binary.DIV, a, b);
        return y.onBackward(gy -> grads(                                       // ∂y/∂a = 1/b, ∂y/∂b = −a/b² = −y/b
                Graph.needs(a) ? Shape.sumTo(div(gy, b), a.shape) : null,
                // as −(gy·(a/b))/b: b·b under- or overflows where the quotient does not (b = 1e-200: −∞ or NaN)
                Graph.needs(b) ? Shape.sumTo(neg(div(mul(gy, div(a, b)), b)), b.shape) : null), a, b);
    }

    /** y = a / s */
    public static Tensor div(Tensor a, double s) {
        Tensor y = Tensor.fromOp("div", map(Binary.DIV, a, s), a.shape, a);
        return y.onBackward(gy -> grads(div(gy, s)));
    }

    /** y = s / b */
    public static Tensor rdiv(double s, Tensor b) {
        Tensor y = Tensor.fromOp("rdiv", map(s, Binary.DIV, b), b.shape, b);
        return y.onBackward(gy -> grads(neg(div(mul(gy, s), mul(b, b)))), b);  // ∂y/∂b = −s/b²
    }

    /** y = a^p for a constant p (PyTorch's pow with a scalar exponent). */
    public static Tensor pow(Tensor a, double p) {
        if (p == 2.0) return square(a);
        Tensor y = Tensor.fromOp("pow", map(Binary.POW, a, p), a.shape, a);
        if (p == 0.0) return y.onBackward(gy -> grads(mul(gy, 0.0)));
        if (p == 1.0) return y.onBackward(gy -> grads(gy));
        return y.onBackward(gy -> grads(mul(gy, mul(pow(a, p - 1), p))), a);    // ∂y/∂a = p·a^(p−1)
    }

    /** y = a^b elementwise with broadcasting. */
    public static Tensor pow(Tensor a, Tensor b) {
        Tensor y = binary("pow", Binary.POW, a, b);
        return y.onBackward(gy -> grads(
                // ∂y/∂a = b·a^(b−1), taken as 0 where b = 0 (0·0^−1 would be NaN at a = 0; as PyTorch)
                Graph.needs(a) ? Shape.sumTo(mul(gy, where(eq(b, zeroLike()), zeroLike(), mul(b, pow(a, sub(b, 1.0))))), a.shape) : null,
                // ∂y/∂b = a^b·log a, taken as 0 where a = 0 and b ≥ 0 (the limit, as PyTorch does)
                Graph.needs(b) ? Shape.sumTo(mul(gy, where(mul(eq(a, zeroLike()), ge(b, zeroLike())),
                        zeroLike(), mul(pow(a, b), log(a)))), b.shape) : null), a, b);
    }

    private static Tensor zeroLike() { return Tensor.scalar(0.0); }

    /** y = −x */
    public static Tensor neg(Tensor x) {
        Tensor y = Tensor.fromOp("neg", map(Unary.NEG, x, GRAIN), x.shape, x);
        return y.onBackward(gy -> grads(neg(gy)));
    }

    // ------------------------------------------------------------------ unary functions

    /** y = eˣ */
    public static Tensor exp(Tensor x) {
        Tensor y = Tensor.fromOp("exp", map(Unary.EXP, x, GRAIN_HEAVY), x.shape, x);
        return y.onBackward(gy -> grads(mul(gy, y)), y);                       // dy/dx = y
    }

    /** y = ln x */
    public static Tensor log(Tensor x) {
        Tensor y = Tensor.fromOp("log", map(Unary.LOG, x, GRAIN_HEAVY), x.shape, x);
        return y.onBackward(gy -> grads(div(gy, x)), x);                       // dy/dx = 1/x
    }

    /** y = √x */
    public static Tensor sqrt(Tensor x) {
        Tensor y = Tensor.fromOp("sqrt", map(Unary.SQRT, x, GRAIN), x.shape, x);
        return y.onBackward(gy -> grads(div(gy, mul(y, 2.0))), y);             // dy/dx = 1/(2√x)
    }

    /** y = x² */
    public static Tensor square(Tensor x) {
        Tensor y = Tensor.fromOp("square", map(Unary.SQUARE, x, GRAIN), x.shape, x);
        return y.onBackward(gy -> grads(mul(gy, mul(x, 2.0))), x);             // dy/dx = 2x
    }

    /** y = |x| */
    public static Tensor abs(Tensor x) {
        Tensor y = Tensor.fromOp("abs", map(Unary.ABS, x, GRAIN), x.shape, x);
        return y.onBackward(gy -> grads(mul(gy, constant(map(Unary.SIGN, x, GRAIN), x.shape))), x); // dy/dx = sign x
    }

    /** y = tanh x */
    public static Tensor tanh(Tensor x) {
        Tensor y = Tensor.fromOp("tanh", map(Unary.TANH, x, GRAIN_HEAVY), x.shape, x);
        return y.onBackward(gy -> grads(mul(gy, rsub(1.0, square(y)))), y);    // dy/dx = 1 − y²
    }

    /** y = σ(x) = 1/(1+e^−x), stable for either sign. */
    public static Tensor sigmoid(Tensor x) {
        Tensor y = Tensor.fromOp("sigmoid", map(Unary.SIGMOID, x, GRAIN_HEAVY), x.shape, x);
        return y.onBackward(gy -> grads(mul(gy, mul(y, rsub(1.0, y)))), y);    // dy/dx = y(1 − y)
    }

    /** y = max(x, 0) */
    public static Tensor relu(Tensor x) {
        Tensor y = Tensor.fromOp("relu", map(Unary.RELU, x, GRAIN), x.shape, x);
        return y.onBackward(gy -> grads(activationGrad(gy, x, 0.0)), x);       // dy/dx = [x > 0]
    }

    /** y = x > 0 ? x : slope·x */
    public static Tensor leakyRelu(Tensor x, double slope) {
        if (!Double.isFinite(slope)) throw new IllegalArgumentException("leakyRelu: slope must be finite, got " + slope);
        double[] out = ZeroedArrays.get(x.size);
        Parallel.chunks(x.size, GRAIN, (f, t) -> K.leakyRelu(slope, x.data, f, out, f, t - f));
        Tensor y = Tensor.fromOp("leakyRelu", out, x.shape, x);
        return y.onBackward(gy -> grads(activationGrad(gy, x, slope)), x);     // dy/dx = x > 0 ? 1 : slope
    }

    /**
     * g·(x > 0 ? 1 : slope), the backward of (leaky) ReLU as one pass with no mask array. Linear in g,
     * and x counts as a constant (the second derivative in x is 0 almost everywhere), so its own
     * backward is itself. Same bits as g times the mask.
     */
    static Tensor activationGrad(Tensor g, Tensor x, double slope) {
        if (!Arrays.equals(g.shape, x.shape)) {
            throw new IllegalArgumentException("activationGrad: gradient " + Shape.str(g.shape) + " does not match input " + Shape.str(x.shape));
        }
        double[] out = ZeroedArrays.get(x.size);
        Parallel.chunks(x.size, GRAIN, (f, t) -> K.leakyReluGrad(slope, x.data, f, g.data, f, out, f, t - f));
        Tensor y = Tensor.fromOp("activationGrad", out, x.shape, g);
        return y.onBackward(gg -> grads(activationGrad(gg, x, slope)), x);
    }

    /** y = softplus(x) = log(1 + eˣ), finite for every finite x. */
    public static Tensor softplus(Tensor x) {
        Tensor y = Tensor.fromOp("softplus", map(Unary.SOFTPLUS, x, GRAIN_HEAVY), x.shape, x);
        return y.onBackward(gy -> grads(mul(gy, sigmoid(x))), x);              // dy/dx = σ(x)
    }

    /** y = log σ(x) = −softplus(−x): a composite, stable because softplus is. */
    public static Tensor logSigmoid(Tensor x) {
        return neg(softplus(neg(x)));
    }

    /** y = min(max(x, lo), hi); the gradient passes where lo ≤ x ≤ hi (as PyTorch). */
    public static Tensor clamp(Tensor x, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) throw new IllegalArgumentException("clamp: bounds must not be NaN, got " + lo + " and " + hi);
        if (lo > hi) throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        double[] out = ZeroedArrays.get(x.size);
        Parallel.chunks(x.size, GRAIN, (f, t) -> K.clamp(lo, hi, x.data, f, out, f, t - f));
        Tensor y = Tensor.fromOp("clamp", out, x.shape, x);
        return y.onBackward(gy -> {
            double[] d = ZeroedArrays.get(x.size);
            Parallel.chunks(x.size, GRAIN, (f, t) -> K.inRange(lo, hi, x.data, f, d, f, t - f));
            return grads(mul(gy, constant(d, x.shape)));
        }, x);
    }

    /** y = max(a, b); at ties each side gets half the gradient (as PyTorch). */
    public static Tensor maximum(Tensor a, Tensor b) {
        Tensor y = binary("maximum", Binary.MAX, a, b);
        return y.onBackward(gy -> {
            Tensor half = mul(eq(a, b), 0.5);
            return grads(Graph.needs(a) ? Shape.sumTo(mul(gy, add(gt(a, b), half)), a.shape) : null,
                         Graph.needs(b) ? Shape.sumTo(mul(gy, add(gt(b, a), half)), b.shape) : null);
        }, a, b);
    }

    /** y = min(a, b); at ties each side gets half the gradient (as PyTorch). */
    public static Tensor minimum(Tensor a, Tensor b) {
        Tensor y = binary("minimum", Binary.MIN, a, b);
        return y.onBackward(gy -> {
            Tensor half = mul(eq(a, b), 0.5);
            return grads(Graph.needs(a) ? Shape.sumTo(mul(gy, add(lt(a, b), half)), a.shape) : null,
                         Graph.needs(b) ? Shape.sumTo(mul(gy, add(lt(b, a), half)), b.shape) : null);
        }, a, b);
    }

    /** y = cond ≠ 0 ? a : b, all three broadcast together. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        int n = Shape.size(shape);
        double[] c = broadcastData(cond, shape), av = broadcastData(a, shape), bv = broadcastData(b, shape);
        double[] out = ZeroedArrays.get(n);
        for (int i = 0; i < n; i++) out[i] = c[i] != 0 ? av[i] : bv[i];
        Tensor y = Tensor.fromOp("where", out, shape, a, b);
        return y.onBackward(gy -> {
            Tensor mask = constant(normalisedMask(c), shape);
            return grads(Graph.needs(a) ? Shape.sumTo(mul(gy, mask), a.shape) : null,
                         Graph.needs(b) ? Shape.sumTo(mul(gy, rsub(1.0, mask)), b.shape) : null);
        }, cond);
    }

    private static double[] normalisedMask(double[] c) {
        double[] m = new double[c.length];
        for (int i = 0; i < c.length; i++) m[i] = c[i] != 0 ? 1.0 : 0.0;
        return m;
    }

    // ------------------------------------------------------------------ comparisons (not differentiable)

    /** y = 1.0 where a &gt; b, else 0.0, broadcast; a constant outside the graph (not differentiable). */
    public static Tensor gt(Tensor a, Tensor b) { return compare("gt", Binary.GT, a, b); }
    /** y = 1.0 where a ≥ b, else 0.0, broadcast; a constant outside the graph (not differentiable). */
    public static Tensor ge(Tensor a, Tensor b) { return compare("ge", Binary.GE, a, b); }
    /** y = 1.0 where a &lt; b, else 0.0, broadcast; a constant outside the graph (not differentiable). */
    public static Tensor lt(Tensor a, Tensor b) { return compare("lt", Binary.LT, a, b); }
    /** y = 1.0 where a ≤ b, else 0.0, broadcast; a constant outside the graph (not differentiable). */
    public static Tensor le(Tensor a, Tensor b) { return compare("le", Binary.LE, a, b); }
    /** y = 1.0 where a = b, else 0.0 (NaN equals nothing), broadcast; a constant outside the graph (not differentiable). */
    public static Tensor eq(Tensor a, Tensor b) { return compare("eq", Binary.EQ, a, b); }

    private static Tensor compare(String name, Binary op, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(name, a.shape, b.shape);
        return new Tensor(broadcastBinary(op, a, b, shape), shape);
    }

    /** A tensor outside the graph: masks and slopes that backward multiplies by. */
    static Tensor constant(double[] data, int[] shape) { return new Tensor(data, shape); }

    // ------------------------------------------------------------------ kernels with broadcasting

    static Tensor binary(String name, Binary op, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(name, a.shape, b.shape);
        return Tensor.fromOp(name, broadcastBinary(op, a, b, shape), shape, a, b);
    }

    static double[] map(Unary op, Tensor x, int grain) {
        double[] out = ZeroedArrays.get(x.size);
        Parallel.chunks(x.size, grain, (f, t) -> K.unary(op, x.data, f, out, f, t - f));
        return out;
    }

    static double[] map(Binary op, Tensor a, double s) {
        double[] out = ZeroedArrays.get(a.size);
        Parallel.chunks(a.size, GRAIN, (f, t) -> K.binaryScalar(op, a.data, f, s, out, f, t - f));
        return out;
    }

    static double[] map(double s, Binary op, Tensor b) {
        double[] out = ZeroedArrays.get(b.size);
        Parallel.chunks(b.size, GRAIN, (f, t) -> K.scalarBinary(op, s, b.data, f, out, f, t - f));
        return out;
    }

    /** out = a op b over the broadcast shape. */
    static double[] broadcastBinary(Binary op, Tensor a, Tensor b, int[] shape) {
        int n = Shape.size(shape);
        double[] out = ZeroedArrays.get(n);
        if (n == 0) return out;
        if (a.size == n && b.size == n) {
            Parallel.chunks(n, GRAIN, (f, t) -> K.binary(op, a.data, f, b.data, f, out, f, t - f));
        } else if (b.size == 1 && a.size == n) {
            double s = b.data[0];
            Parallel.chunks(n, GRAIN, (f, t) -> K.binaryScalar(op, a.data, f, s, out, f, t - f));
        } else if (a.size == 1 && b.size == n) {
            double s = a.data[0];
            Parallel.chunks(n, GRAIN, (f, t) -> K.scalarBinary(op, s, b.data, f, out, f, t - f));
        } else {
            Runs runs = new Runs(shape, a.shape, b.shape);
            int[] offs = new int[2];
            int len = runs.len;
            for (int r = 0; r < runs.count; r++) {
                runs.offsets(r, offs);
                int o = r * len, oa = offs[0], ob = offs[1];
                boolean ca = runs.inner[0] == 1, cb = runs.inner[1] == 1;
                if (ca && cb) K.binary(op, a.data, oa, b.data, ob, out, o, len);
                else if (ca) K.binaryScalar(op, a.data, oa, b.data[ob], out, o, len);
                else if (cb) K.scalarBinary(op, a.data[oa], b.data, ob, out, o, len);
                else Arrays.fill(out, o, o + len, nash.core.kernel.ScalarKernels.apply(op, a.data[oa], b.data[ob]));
            }
        }
        return out;
    }

    /** The values of x broadcast to {@code shape} (x's own array when no broadcast is needed). */
    static double[] broadcastData(Tensor x, int[] shape) {
        if (Arrays.equals(x.shape, shape) || x.size == Shape.size(shape)) return x.data;
        int n = Shape.size(shape);
        double[] out = ZeroedArrays.get(n);
        if (x.size == 1) {
            Arrays.fill(out, x.data[0]);
            return out;
        }
        Runs runs = new Runs(shape, x.shape);
        int[] offs = new int[1];
        for (int r = 0; r < runs.count; r++) {
            runs.offsets(r, offs);
            int o = r * runs.len;
            if (runs.inner[0] == 1) System.arraycopy(x.data, offs[0], out, o, runs.len);
            else Arrays.fill(out, o, o + runs.len, x.data[offs[0]]);
        }
        return out;
    }

    /**
     * How a broadcast output splits into contiguous runs. Output dimensions are merged wherever
     * every operand is contiguous (or broadcast) across them, leaving an innermost run of
     * {@code len} elements in which each operand has stride 1 or 0; {@link #offsets} gives each
     * operand's start for run r.
     */
    static final class Runs {
        final int len, count;
        final int[] inner;       // per operand: stride in the run (0 or 1)
        final int[] dims;        // outer (merged) dimensions
        final int[][] strides;   // per operand, per outer dimension

        Runs(int[] out, int[]... operands) {
            int r = out.length, k = operands.length;
            int[][] st = new int[k][r];
            for (int j = 0; j < k; j++) {
                int[] s = operands[j];
                int acc = 1;
                for (int i = r - 1; i >= 0; i--) {
                    int si = i - (r - s.length);
                    int d = si >= 0 ? s[si] : 1;
                    st[j][i] = d == 1 ? 0 : acc;
                    acc *= d;
                }
            }
            // Merge dimensions from the innermost outwards.
            int[] md = new int[r];
            int[][] ms = new int[k][r];
            int m = 0;
            for (int i = r - 1; i >= 0; i--) {
                if (out[i] == 1) continue;
                if (m > 0) {
                    boolean merge = true;
                    for (int j = 0; j < k && merge; j++) merge = st[j][i] == ms[j][m - 1] * md[m - 1];
                    if (merge) {
                        md[m - 1] *= out[i];
                        continue;
                    }
                }
                md[m] = out[i];
                for (int j = 0; j < k; j++) ms[j][m] = st[j][i];
                m++;
            }
            if (m == 0) { // every dimension is 1
                md[0] = 1;
                m = 1;
            }
            len = md[0];
            inner = new int[k];
            for (int j = 0; j < k; j++) inner[j] = ms[j][0];
            dims = new int[m - 1];
            strides = new int[k][m - 1];
            int c = 1;
            for (int i = 1; i < m; i++) {
                dims[i - 1] = md[i];
                c *= md[i];
                for (int j = 0; j < k; j++) strides[j][i - 1] = ms[j][i];
            }
            count = c;
        }

        void offsets(int run, int[] offs) {
            Arrays.fill(offs, 0);
            int rem = run;
            for (int d = 0; d < dims.length; d++) {
                int idx = rem % dims[d];
                rem /= dims[d];
                for (int j = 0; j < offs.length; j++) offs[j] += idx * strides[j][d];
            }
        }
    }
}
