package nash.core;

import java.util.Arrays;
import java.util.List;
import nash.core.kernel.ZeroedArrays;

/**
 * An n-dimensional array of doubles that remembers how it was computed.
 *
 * <p>Storage is one contiguous row-major {@code double[]} and an {@code int[]} shape: element
 * (i₀, …, iᵣ₋₁) lives at Σ iₖ·strideₖ with row-major strides. {@link #reshape} (and squeeze, unsqueeze,
 * flatten), {@link #detach} and the ops that would change nothing (an identity permute, a whole-axis narrow, …: see
 * {@link Movement}) share the array; every other op makes a new one. A tensor made by an op from inputs that require grad records
 * the op in a graph (define-by-run, as in PyTorch); {@link #backward()} walks that graph and
 * accumulates gradients into the leaves that {@link #requiresGrad(boolean) require} them.
 *
 * <p>Ops follow numpy broadcasting; their gradients are summed back to each input's shape.
 * Methods here are conveniences over the op classes {@link Elementwise}, {@link Reduce},
 * {@link Movement}, {@link MatMul}, {@link Conv} and {@link Losses}.
 */
public final class Tensor {

    final double[] data;
    final int[] shape;
    final int size;
    final Version version;
    /** The op that made this tensor, or null for a leaf (or a result outside the graph). */
    Graph.Node node;
    /** For a leaf: whether gradients accumulate into it. For an op result: whether it is in the graph. */
    boolean requiresGrad;
    Tensor grad;

    Tensor(double[] data, int[] shape) {
        this(data, shape, new Version());
    }

    Tensor(double[] data, int[] shape, Version version) {
        this.data = data;
        this.shape = shape;
        this.size = data.length;
        this.version = version;
    }

    // ------------------------------------------------------------------ creation

    /**
     * A tensor holding a copy of {@code data} in the given shape (a 1-D tensor when no shape is given).
     *
     * @throws IllegalArgumentException if the shape's size differs from data.length
     */
    public static Tensor of(double[] data, int... shape) {
        int[] s = shape.length == 0 ? new int[] {data.length} : shape.clone();
        if (Shape.size("Tensor.of", s) != data.length) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape " + Shape.str(s));
        }
        return new Tensor(data.clone(), s);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int n = rows.length, m = n == 0 ? 0 : rows[0].length;
        double[] d = new double[Shape.size("Tensor.of", n, m)];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != m) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length + " values, row 0 has " + m);
            }
            System.arraycopy(rows[i], 0, d, i * m, m);
        }
        return new Tensor(d, new int[] {n, m});
    }

    /**
     * Wraps an array without copying it: the caller hands the array over and must not change it.
     * For kernels and loaders that have just filled a fresh array.
     */
    public static Tensor wrap(double[] data, int... shape) {
        int[] s = shape.clone();
        if (Shape.size("Tensor.wrap", s) != data.length) {
            throw new IllegalArgumentException("Tensor.wrap: " + data.length + " values do not fill shape " + Shape.str(s));
        }
        return new Tensor(data, s);
    }

    /** A 0-dimensional tensor holding v. */
    public static Tensor scalar(double v) { return new Tensor(new double[] {v}, new int[0]); }

    /** A tensor of zeros in the given shape. */
    public static Tensor zeros(int... shape) { return new Tensor(ZeroedArrays.get(Shape.size("zeros", shape)), shape.clone()); }

    /** A tensor of ones in the given shape. */
    public static Tensor ones(int... shape) { return filled("ones", 1.0, shape); }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) { return filled("full", value, shape); }

    private static Tensor filled(String op, double value, int[] shape) {
        double[] d = ZeroedArrays.get(Shape.size(op, shape));
        Arrays.fill(d, value);
        return new Tensor(d, shape.clone());
    }

    /** Zeros in the shape of {@code t}. */
    public static Tensor zerosLike(Tensor t) { return zeros(t.shape); }

    /** Ones in the shape of {@code t}. */
    public static Tensor onesLike(Tensor t) { return ones(t.shape); }

    /** [0, 1, …, n−1]. */
    public static Tensor arange(int n) { return arange(0, n, 1); }

    /** start, start+step, … while below end (above end for a negative step). */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: need finite start, end and a non-zero step, got " + start + ", " + end + ", " + step);
        }
        long n = Math.max(0, (long) Math.ceil((end - start) / step));
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("arange: " + n + " elements is too many");
        double[] d = new double[(int) n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return new Tensor(d, new int[] {(int) n});
    }

    /** n evenly spaced values from start to end inclusive. */
    public static Tensor linspace(double start, double end, int n) {
        if (n < 0) throw new IllegalArgumentException("linspace: n must be ≥ 0, got " + n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = n == 1 ? start : start + (end - start) * i / (n - 1);
        return new Tensor(d, new int[] {n});
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        double[] d = new double[Shape.size("eye", n, n)];
        for (int i = 0; i < n; i++) d[i * n + i] = 1.0;
        return new Tensor(d, new int[] {n, n});
    }

    /** Standard normal samples from {@code rng}. */
    public static Tensor randn(Rng rng, int... shape) {
        double[] d = ZeroedArrays.get(Shape.size("randn", shape));
        rng.fillNormal(d);
        return new Tensor(d, shape.clone());
    }

    /** Uniform samples in [0, 1) from {@code rng}. */
    public static Tensor rand(Rng rng, int... shape) {
        double[] d = ZeroedArrays.get(Shape.size("rand", shape));
        rng.fillUniform(d);
        return new Tensor(d, shape.clone());
    }

    /**
     * The result of an op, for writing new differentiable ops: it is recorded in the graph (with
     * {@code inputs} as parents) when grad mode is on and some input requires grad. Give it a
     * backward function with {@link #onBackward}.
     *
     * @param op     the op's name, used in error messages
     * @param data   the result, handed over (not copied)
     * @param shape  the result's shape (not copied)
     * @param inputs the op's differentiable inputs (nulls allowed)
     */
    public static Tensor fromOp(String op, double[] data, int[] shape, Tensor... inputs) {
        if (data.length != Shape.size(op, shape)) {                           // a new op's bug, caught where it is made
            throw new IllegalArgumentException(op + ": " + data.length + " values for a result of shape " + Shape.str(shape));
        }
        Tensor y = new Tensor(data, shape);
        if (Autograd.isGradEnabled()) {
            for (Tensor t : inputs) {
                if (t != null && t.requiresGrad) {
                    y.node = new Graph.Node(op, inputs);
                    y.requiresGrad = true;
                    break;
                }
            }
        }
        return y;
    }

    /**
     * Sets the backward function of a tensor made by {@link #fromOp}; a no-op when it is not in the
     * graph. {@code saved} are the tensors the function reads: changing one of them in place before
     * backward is reported as an error.
     *
     * @return this
     */
    public Tensor onBackward(BackwardFn fn, Tensor... saved) {
        if (node != null) {
            node.fn = fn;
            if (saved.length > 0) {
                node.saved = saved;
                node.savedVersions = new int[saved.length];
                for (int i = 0; i < saved.length; i++) node.savedVersions[i] = saved[i].version.value;
            }
        }
        return this;
    }

    // ------------------------------------------------------------------ reading

    /** A copy of the shape. */
    public int[] shape() { return shape.clone(); }

    /** The length of one axis (negative counts from the end). */
    public int shape(int axis) { return shape[Shape.axis("shape", axis, shape.length)]; }

    /** The number of axes. */
    public int dim() { return shape.length; }

    /** The number of elements. */
    public int size() { return size; }

    /** The value of a one-element tensor. */
    public double item() {
        if (size != 1) throw new IllegalStateException("item: tensor of shape " + Shape.str(shape) + " has " + size + " elements, not 1");
        return data[0];
    }

    /** A copy of the values, row-major. */
    public double[] toArray() { return data.clone(); }

    /** The element at the given index (one coordinate per axis). */
    public double get(int... index) { return data[offset("get", index)]; }

    /**
     * The backing array itself, not a copy: for kernels, loaders and optimizers. Writing into it
     * bypasses autograd; call {@link #markModified()} after doing so.
     */
    public double[] data() { return data; }

    private int offset(String op, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates for a tensor of shape " + Shape.str(shape));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException(op + ": index " + Arrays.toString(index) + " is outside shape " + Shape.str(shape));
            }
            off = off * shape[i] + index[i];
        }
        return off;
    }

    // ------------------------------------------------------------------ in-place writes (not recorded)

    /** Marks the storage as changed in place, so backward through a graph that saved it fails loudly. */
    public void markModified() { version.value++; }

    /** Sets one element in place. */
    public Tensor set(double value, int... index) {
        data[offset("set", index)] = value;
        markModified();
        return this;
    }

    /** Sets every element in place. */
    public Tensor fill(double value) {
        Arrays.fill(data, value);
        markModified();
        return this;
    }

    /** Copies the values of {@code src} (same number of elements) in place. */
    public Tensor copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("copyFrom: source " + Shape.str(src.shape) + " does not fit " + Shape.str(shape));
        }
        System.arraycopy(src.data, 0, data, 0, size);
        markModified();
        return this;
    }

    /** this += alpha·other, in place (same shape), e.g. an optimizer step. */
    public Tensor addInPlace(Tensor other, double alpha) {
        if (!Arrays.equals(other.shape, shape)) {
            throw new IllegalArgumentException("addInPlace: shapes " + Shape.str(shape) + " and " + Shape.str(other.shape) + " differ");
        }
        Elementwise.K.axpy(alpha, other.data, 0, data, 0, size);
        markModified();
        return this;
    }

    /** A new tensor with a copy of the values, outside the graph. */
    public Tensor copy() { return new Tensor(data.clone(), shape.clone()); }

    // ------------------------------------------------------------------ autograd

    /** Whether gradients flow to (a leaf) or through (an op result) this tensor. */
    public boolean requiresGrad() { return requiresGrad; }

    /**
     * Makes a leaf accumulate gradients in backward (or stop doing so).
     *
     * @throws IllegalStateException on an op result: detach it first
     */
    public Tensor requiresGrad(boolean on) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad: this tensor was made by '" + node.op
                    + "' and is part of a graph; call detach() to get a leaf");
        }
        requiresGrad = on;
        return this;
    }

    /** Whether this tensor was made by the user (or detached), not recorded from an op. */
    public boolean isLeaf() { return node == null; }

    /** The name of the op that made this tensor, or null for a leaf. */
    public String op() { return node == null ? null : node.op; }

    /** The gradient accumulated by backward, or null. */
    public Tensor grad() { return grad; }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() { grad = null; }

    /** Replaces the gradient (e.g. by an optimizer's clipping); null forgets it. */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: gradient " + Shape.str(g.shape) + " for a tensor of shape " + Shape.str(shape));
        }
        grad = g;
    }

    /** The same values (shared array), cut from the graph: a leaf that does not require grad. */
    public Tensor detach() { return new Tensor(data, shape, version); }

    /** backward() of a scalar: d this / d leaf accumulated into every leaf that requires grad; frees the graph. */
    public void backward() { backward(null, false); }

    /** backward with an explicit seed of this tensor's shape (vector-Jacobian product). */
    public void backward(Tensor seed) { backward(seed, false); }

    /** backward with an explicit seed (null: ones for a scalar), keeping the graph when asked. */
    public void backward(Tensor seed, boolean retainGraph) {
        Tensor[] seeds = Autograd.seeds("backward", new Tensor[] {this}, seed == null ? null : List.of(seed));
        Graph.run(new Tensor[] {this}, seeds, null, false, retainGraph);
    }

    void accumulateGrad(Tensor g, boolean createGraph) {
        if (createGraph) {
            grad = grad == null ? g : Elementwise.add(grad, g);
        } else if (grad == null || grad.node != null) {
            double[] d = grad == null ? g.data.clone() : Elementwise.add(grad.detach(), g).data;
            grad = new Tensor(d, shape.clone());
        } else {
            grad.addInPlace(g, 1.0);
        }
    }

    // ------------------------------------------------------------------ elementwise

    /** this + o, broadcast. */
    public Tensor add(Tensor o) { return Elementwise.add(this, o); }
    /** this + s. */
    public Tensor add(double s) { return Elementwise.add(this, s); }
    /** this − o, broadcast. */
    public Tensor sub(Tensor o) { return Elementwise.sub(this, o); }
    /** this − s. */
    public Tensor sub(double s) { return Elementwise.sub(this, s); }
    /** s − this. */
    public Tensor rsub(double s) { return Elementwise.rsub(s, this); }
    /** this · o, broadcast. */
    public Tensor mul(Tensor o) { return Elementwise.mul(this, o); }
    /** this · s. */
    public Tensor mul(double s) { return Elementwise.mul(this, s); }
    /** this / o, broadcast. */
    public Tensor div(Tensor o) { return Elementwise.div(this, o); }
    /** this / s. */
    public Tensor div(double s) { return Elementwise.div(this, s); }
    /** s / this. */
    public Tensor rdiv(double s) { return Elementwise.rdiv(s, this); }
    /** this^p for a constant p. */
    public Tensor pow(double p) { return Elementwise.pow(this, p); }
    /** this^p, broadcast; ∂/∂p = this^p·log(this), taken as 0 where this = 0 and p ≥ 0. See {@link Elementwise#pow(Tensor, Tensor)}. */
    public Tensor pow(Tensor p) { return Elementwise.pow(this, p); }
    /** −this. */
    public Tensor neg() { return Elementwise.neg(this); }
    /** exp(this), elementwise. */
    public Tensor exp() { return Elementwise.exp(this); }
    /** ln(this), elementwise. */
    public Tensor log() { return Elementwise.log(this); }
    /** √this, elementwise. */
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    /** this², elementwise. */
    public Tensor square() { return Elementwise.square(this); }
    /** |this|, elementwise; the gradient is sign(this) (0 at 0). */
    public Tensor abs() { return Elementwise.abs(this); }
    /** tanh(this), elementwise. */
    public Tensor tanh() { return Elementwise.tanh(this); }
    /** σ(this) = 1/(1+e^−this), elementwise, stable for either sign. */
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    /** max(this, 0), elementwise; the gradient is 1 where this &gt; 0, else 0. */
    public Tensor relu() { return Elementwise.relu(this); }
    /** this &gt; 0 ? this : slope·this, elementwise ({@code slope} must be finite). */
    public Tensor leakyRelu(double slope) { return Elementwise.leakyRelu(this, slope); }
    /** log(1 + eˣ), elementwise, finite for every finite x. */
    public Tensor softplus() { return Elementwise.softplus(this); }
    /** log σ(this) = −softplus(−this), elementwise, stable. */
    public Tensor logSigmoid() { return Elementwise.logSigmoid(this); }
    /** min(max(this, lo), hi), elementwise (lo ≤ hi); the gradient passes where lo ≤ this ≤ hi. See {@link Elementwise#clamp}. */
    public Tensor clamp(double lo, double hi) { return Elementwise.clamp(this, lo, hi); }
    /** max(this, o), broadcast; at ties each side gets half the gradient. */
    public Tensor maximum(Tensor o) { return Elementwise.maximum(this, o); }
    /** min(this, o), broadcast; at ties each side gets half the gradient. */
    public Tensor minimum(Tensor o) { return Elementwise.minimum(this, o); }
    /** 1.0 where this &gt; o, else 0.0 (not differentiable). */
    public Tensor gt(Tensor o) { return Elementwise.gt(this, o); }
    /** 1.0 where this &gt; s, else 0.0 (not differentiable). */
    public Tensor gt(double s) { return Elementwise.gt(this, Tensor.scalar(s)); }
    /** 1.0 where this ≥ o, else 0.0 (not differentiable). */
    public Tensor ge(Tensor o) { return Elementwise.ge(this, o); }
    /** 1.0 where this ≥ s, else 0.0 (not differentiable). */
    public Tensor ge(double s) { return Elementwise.ge(this, Tensor.scalar(s)); }
    /** 1.0 where this &lt; o, else 0.0 (not differentiable). */
    public Tensor lt(Tensor o) { return Elementwise.lt(this, o); }
    /** 1.0 where this &lt; s, else 0.0 (not differentiable). */
    public Tensor lt(double s) { return Elementwise.lt(this, Tensor.scalar(s)); }
    /** 1.0 where this ≤ o, else 0.0 (not differentiable). */
    public Tensor le(Tensor o) { return Elementwise.le(this, o); }
    /** 1.0 where this ≤ s, else 0.0 (not differentiable). */
    public Tensor le(double s) { return Elementwise.le(this, Tensor.scalar(s)); }
    /** 1.0 where this = o, else 0.0 (not differentiable). */
    public Tensor eq(Tensor o) { return Elementwise.eq(this, o); }
    /** 1.0 where this = s, else 0.0 (not differentiable). */
    public Tensor eq(double s) { return Elementwise.eq(this, Tensor.scalar(s)); }
    /** cond ≠ 0 ? a : b, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Elementwise.where(cond, a, b); }

    // ------------------------------------------------------------------ reductions

    /** Σ of all elements, as a 0-d tensor. */
    public Tensor sum() { return Reduce.sum(this, new int[0], false); }
    /** Σ over {@code axis}, which is dropped. */
    public Tensor sum(int axis) { return Reduce.sum(this, new int[] {axis}, false); }
    /** Σ over {@code axis}; kept as a size-1 axis when {@code keepDim}. */
    public Tensor sum(int axis, boolean keepDim) { return Reduce.sum(this, new int[] {axis}, keepDim); }
    /** Σ over {@code axes} (every axis when empty); kept as size-1 axes when {@code keepDim}. See {@link Reduce#sum}. */
    public Tensor sum(int[] axes, boolean keepDim) { return Reduce.sum(this, axes, keepDim); }
    /** The mean of all elements, as a 0-d tensor. */
    public Tensor mean() { return Reduce.mean(this, new int[0], false); }
    /** The mean over {@code axis}, which is dropped. */
    public Tensor mean(int axis) { return Reduce.mean(this, new int[] {axis}, false); }
    /** The mean over {@code axis}; kept as a size-1 axis when {@code keepDim}. */
    public Tensor mean(int axis, boolean keepDim) { return Reduce.mean(this, new int[] {axis}, keepDim); }
    /** The mean over {@code axes} (every axis when empty); kept as size-1 axes when {@code keepDim}. See {@link Reduce#mean}. */
    public Tensor mean(int[] axes, boolean keepDim) { return Reduce.mean(this, axes, keepDim); }
    /** Unbiased variance of all elements (divides by n−1, as PyTorch's default). */
    public Tensor var() { return Reduce.var(this, new int[0], false, true); }
    /** Unbiased variance over {@code axis} (divides by n−1), which is dropped. */
    public Tensor var(int axis) { return Reduce.var(this, new int[] {axis}, false, true); }
    /** Variance over {@code axes} (every axis when empty): Σ(x − mean)² / (n − 1) when {@code unbiased}, / n otherwise. See {@link Reduce#var}. */
    public Tensor var(int[] axes, boolean keepDim, boolean unbiased) { return Reduce.var(this, axes, keepDim, unbiased); }
    /** The largest element, as a 0-d tensor; the gradient is shared equally among tied maxima. */
    public Tensor max() { return Reduce.max(this, new int[0], false); }
    /** max over {@code axis}, which is dropped; the gradient is shared equally among tied maxima. */
    public Tensor max(int axis) { return Reduce.max(this, new int[] {axis}, false); }
    /** max over {@code axis}; kept as a size-1 axis when {@code keepDim}. */
    public Tensor max(int axis, boolean keepDim) { return Reduce.max(this, new int[] {axis}, keepDim); }
    /** max over {@code axes} (every axis when empty); kept as size-1 axes when {@code keepDim}. See {@link Reduce#max}. */
    public Tensor max(int[] axes, boolean keepDim) { return Reduce.max(this, axes, keepDim); }
    /** The smallest element, as a 0-d tensor; the gradient is shared equally among tied minima. */
    public Tensor min() { return Reduce.min(this, new int[0], false); }
    /** min over {@code axis}, which is dropped; the gradient is shared equally among tied minima. */
    public Tensor min(int axis) { return Reduce.min(this, new int[] {axis}, false); }
    /** min over {@code axis}; kept as a size-1 axis when {@code keepDim}. */
    public Tensor min(int axis, boolean keepDim) { return Reduce.min(this, new int[] {axis}, keepDim); }
    /** min over {@code axes} (every axis when empty); kept as size-1 axes when {@code keepDim}. See {@link Reduce#min}. */
    public Tensor min(int[] axes, boolean keepDim) { return Reduce.min(this, axes, keepDim); }
    /** log Σ exp(x) over all elements, as a 0-d tensor, computed stably: m + log Σ exp(x − m). */
    public Tensor logSumExp() { return Reduce.logSumExp(this, new int[0], false); }
    /** log Σ exp(x) over {@code axis} (dropped), computed stably: m + log Σ exp(x − m). */
    public Tensor logSumExp(int axis) { return Reduce.logSumExp(this, new int[] {axis}, false); }
    /** log Σ exp(x) over {@code axes} (every axis when empty); kept as size-1 axes when {@code keepDim}. See {@link Reduce#logSumExp}. */
    public Tensor logSumExp(int[] axes, boolean keepDim) { return Reduce.logSumExp(this, axes, keepDim); }
    /** x − logSumExp(x) along {@code axis}; same shape as this. */
    public Tensor logSoftmax(int axis) { return Reduce.logSoftmax(this, axis); }
    /** exp(logSoftmax(x)) along {@code axis}: each slice along it sums to 1; same shape as this. */
    public Tensor softmax(int axis) { return Reduce.softmax(this, axis); }
    /** The Euclidean norm of all elements. */
    public Tensor norm() { return Reduce.norm(this, new int[0], false); }
    /** The Euclidean norm √(Σ x²) over {@code axes} (every axis when empty); kept as size-1 axes when {@code keepDim}. */
    public Tensor norm(int[] axes, boolean keepDim) { return Reduce.norm(this, axes, keepDim); }

    // ------------------------------------------------------------------ shape

    /** The same array seen with another shape; one dimension may be −1 (inferred). */
    public Tensor reshape(int... newShape) { return Movement.reshape(this, newShape); }
    /** A 1-D view. */
    public Tensor flatten() { return Movement.flatten(this, 0); }
    /** Axes from startAxis on merged into one (flatten(1) turns [N,C,H,W] into [N,C·H·W]). */
    public Tensor flatten(int startAxis) { return Movement.flatten(this, startAxis); }
    /** Every axis of length 1 removed (shares the array). */
    public Tensor squeeze() { return Movement.squeeze(this); }
    /** Axis {@code axis} removed; it must have length 1 (shares the array). */
    public Tensor squeeze(int axis) { return Movement.squeeze(this, axis); }
    /** A new axis of length 1 at position {@code axis} (−1: last; shares the array). */
    public Tensor unsqueeze(int axis) { return Movement.unsqueeze(this, axis); }
    /** Axes {@code a} and {@code b} swapped (negative counts from the end). See {@link Movement#transpose}. */
    public Tensor transpose(int a, int b) { return Movement.transpose(this, a, b); }
    /** The transpose of a 2-D tensor. */
    public Tensor t() {
        if (shape.length != 2) throw new IllegalArgumentException("t: needs a 2-D tensor, got " + Shape.str(shape));
        return Movement.transpose(this, 0, 1);
    }
    /** The axes reordered: the result's axis k is this tensor's axis {@code axes[k]}. See {@link Movement#permute}. */
    public Tensor permute(int... axes) { return Movement.permute(this, axes); }
    /** Elements [start, start+length) along {@code axis}. */
    public Tensor narrow(int axis, int start, int length) { return Movement.narrow(this, axis, start, length); }
    /** Elements [start, end) along an axis. */
    public Tensor slice(int axis, int start, int end) { return Movement.slice(this, axis, start, end); }
    /** The slices at positions {@code index} along {@code axis}, in that order (repeats allowed). */
    public Tensor indexSelect(int axis, int... index) { return Movement.indexSelect(this, axis, index); }
    /** Repeated along the axes where this has length 1 (or is missing), numpy-style; the gradient is summed back. */
    public Tensor broadcastTo(int... newShape) { return Movement.broadcastTo(this, newShape); }
    /** Tensors joined along an existing axis; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... ts) { return Movement.concat(axis, ts); }
    /** Tensors of equal shape joined along a new axis at position {@code axis}. */
    public static Tensor stack(int axis, Tensor... ts) { return Movement.stack(axis, ts); }

    // ------------------------------------------------------------------ linear algebra

    /** The matrix product (2-D, or batched 3-D). */
    public Tensor matmul(Tensor b) { return MatMul.matmul(this, b, false, false); }
    /** op(this)·op(b) where op transposes the last two axes when its flag is set. */
    public Tensor matmul(Tensor b, boolean transA, boolean transB) { return MatMul.matmul(this, b, transA, transB); }

    // ------------------------------------------------------------------ comparisons and printing

    /** |this − o| ≤ atol + rtol·|o| everywhere (same shape; NaNs never close). */
    public boolean allClose(Tensor o, double rtol, double atol) {
        if (!Arrays.equals(shape, o.shape)) return false;
        for (int i = 0; i < size; i++) {
            double a = data[i], b = o.data[i];
            if (a == b) continue;
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) return false;
        }
        return true;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        if (size > 1000) {
            sb.append("shape=").append(Shape.str(shape)).append(", first=").append(data[0]);
        } else {
            format(sb, 0, 0);
            if (shape.length > 1 || (shape.length == 1 && size == 0)) sb.append(", shape=").append(Shape.str(shape));
        }
        if (node != null) sb.append(", op=").append(node.op);
        else if (requiresGrad) sb.append(", requiresGrad=true");
        return sb.append(')').toString();
    }

    private int format(StringBuilder sb, int axis, int off) {
        if (axis == shape.length) {
            sb.append(data[off]);
            return off + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) sb.append(", ");
            off = format(sb, axis + 1, off);
        }
        sb.append(']');
        return off;
    }
}
