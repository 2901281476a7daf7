package nash.core.kernel;

/**
 * The contract every compute kernel implements: plain loops over {@code double[]} with offsets.
 *
 * <p>Two implementations stand side by side: {@link ScalarKernels}, the reference and fallback,
 * and {@code VectorKernels}, the same operations with the JDK Vector API. Tests run both over
 * awkward sizes; lane-wise operations must agree bit for bit (except exp, the sigmoid and tanh, which the
 * vector kernels compute with their own polynomials: within 2, 2 and 4 ulp), reductions and GEMM within a
 * tolerance that grows with the length. Every implementation gives the same bits on every run, at
 * any thread count. {@link KernelsProvider} chooses one at start-up.
 *
 * <p>Arrays are read from {@code off} for {@code n} elements. An output may be the same array as
 * an input at the same offset (in-place), never overlapping at a different offset. The instances
 * {@link KernelsProvider} hands out check all of this (and GEMM's and the convolutions' operand sizes,
 * Adam's step and hyperparameters) before they write anything, and throw an
 * {@code IllegalArgumentException} naming the kernel, the operand and the lengths.
 */
public interface Kernels {

    /** Lane-wise functions of one argument. */
    enum Unary {
        /** −x. */
        NEG,
        /** eˣ. */
        EXP,
        /** ln x. */
        LOG,
        /** √x. */
        SQRT,
        /** x². */
        SQUARE,
        /** |x|. */
        ABS,
        /** sign x: −1.0, 1.0, or x itself for ±0 and NaN. */
        SIGN,
        /** tanh x. */
        TANH,
        /** σ(x) = 1/(1+e^−x), without overflow for either sign. */
        SIGMOID,
        /** max(x, 0); NaN stays NaN. */
        RELU,
        /** log(1+eˣ), computed as max(x,0) + log1p(e^−|x|). */
        SOFTPLUS,
        /** 1/x. */
        RECIPROCAL,
        /** ln(1+x), accurate near 0. */
        LOG1P,
        /** eˣ − 1, accurate near 0. */
        EXPM1
    }

    /** Lane-wise functions of two arguments; comparisons give 1.0 or 0.0. */
    enum Binary {
        /** a + b. */
        ADD,
        /** a − b. */
        SUB,
        /** a · b. */
        MUL,
        /** a / b. */
        DIV,
        /** max(a, b) as {@link Math#max(double, double)}: NaN if either is NaN, +0.0 over −0.0. */
        MAX,
        /** min(a, b) as {@link Math#min(double, double)}: NaN if either is NaN, −0.0 under +0.0. */
        MIN,
        /** a^b as {@link Math#pow(double, double)}. */
        POW,
        /** 1.0 if a &gt; b, else 0.0 (0.0 if either is NaN). */
        GT,
        /** 1.0 if a ≥ b, else 0.0 (0.0 if either is NaN). */
        GE,
        /** 1.0 if a &lt; b, else 0.0 (0.0 if either is NaN). */
        LT,
        /** 1.0 if a ≤ b, else 0.0 (0.0 if either is NaN). */
        LE,
        /** 1.0 if a = b, else 0.0 (0.0 if either is NaN). */
        EQ
    }

    /** A short name for logs and benchmark labels, e.g. {@code scalar} or {@code vector-512}. */
    String name();

    /** y[i] = f(x[i]). */
    void unary(Unary op, double[] x, int xOff, double[] y, int yOff, int n);

    /** y[i] = a[i] op b[i]. */
    void binary(Binary op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n);

    /** y[i] = a[i] op s. */
    void binaryScalar(Binary op, double[] a, int aOff, double s, double[] y, int yOff, int n);

    /** y[i] = s op b[i]. */
    void scalarBinary(Binary op, double s, double[] b, int bOff, double[] y, int yOff, int n);

    /** y[i] = x[i] > 0 ? x[i] : slope·x[i]. */
    void leakyRelu(double slope, double[] x, int xOff, double[] y, int yOff, int n);

    /** y[i] = g[i] · (x[i] > 0 ? 1 : slope): leaky ReLU's backward (ReLU's with slope 0; 1 at 0⁺ as in PyTorch) in one pass. */
    void leakyReluGrad(double slope, double[] x, int xOff, double[] g, int gOff, double[] y, int yOff, int n);

    /** y[i] = lo where x[i] &lt; lo, hi where x[i] &gt; hi, else x[i] (so −0.0 stays −0.0 and NaN stays NaN); lo ≤ hi. */
    void clamp(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n);

    /** y[i] = lo ≤ x[i] ≤ hi ? 1 : 0 (where clamp passes the gradient). */
    void inRange(double lo, double hi, double[] x, int xOff, double[] y, int yOff, int n);

    /** y[i] += alpha·x[i]. */
    void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n);

    /** Σ x[i], in an order fixed by n alone (so the same bits on every run). */
    double sum(double[] x, int off, int n);

    /** Σ x[i]², in an order fixed by n alone; NaN if any x[i] is NaN, +∞ if any is infinite. */
    double sumOfSquares(double[] x, int off, int n);

    /** max x[i] (NaN if any is NaN); −∞ for n = 0. */
    double max(double[] x, int off, int n);

    /** min x[i] (NaN if any is NaN); +∞ for n = 0. */
    double min(double[] x, int off, int n);

    /**
     * Binary cross-entropy with logits, elementwise and stable for every finite or infinite x and
     * t in [0, 1]: y = (1−t)·max(x,0) + t·max(−x,0) + log1p(exp(−|x|)), a zero coefficient
     * contributing exactly zero (so x = +∞, t = 1 gives 0, not NaN).
     */
    void bceWithLogits(double[] x, int xOff, double[] t, int tOff, double[] y, int yOff, int n);

    /**
     * C (+)= op(A)·op(B), all row-major and contiguous. op(A) is [m,k]: A is stored [m,k], or [k,m]
     * when {@code transA}. op(B) is [k,n]: B is stored [k,n], or [n,k] when {@code transB}.
     * With {@code accumulate} C is added to, otherwise overwritten. Each element of C is computed
     * in an order fixed by the shapes alone, so the thread count never changes the bits.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate);

    /**
     * cols:[g.colRows(), g.colCols()] = the windows of x:[n,c,h,w] from x[xOff] (see {@link ConvGeometry}). cols
     * overwritten. With xOff at image i0 and g.n() = nb, the windows of images i0 .. i0+nb of a larger batch.
     */
    void im2col(ConvGeometry g, double[] x, int xOff, double[] cols);

    /**
     * x:[n,c,h,w] from x[xOff] += the adjoint of im2col applied to cols (overlapping windows summed, each pixel
     * in the order of its taps (i, j), whatever n). x accumulated into.
     */
    void col2im(ConvGeometry g, double[] cols, double[] x, int xOff);

    /**
     * One Adam step on the n parameters from {@code off}, in place, as PyTorch's Adam/AdamW (t is the 1-based step):
     * with l2 ≠ 0, g += l2·p (Adam's weight decay); with decoupled ≠ 0, p −= lr·decoupled·p (AdamW);
     * m = β1·m + (1−β1)·g;  v = β2·v + (1−β2)·g²;  p −= (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + eps),
     * computed as p −= (lr·√(1−β2ᵗ) / (1−β1ᵗ))·m / (√v + eps·√(1−β2ᵗ)): the same value with one division
     * fewer, which made the vector kernel 20% faster (it waits on the divider, not on memory).
     * p, m and v are modified; g is read.
     */
    void adam(double[] p, double[] g, double[] m, double[] v, int off, int n, double lr, double beta1, double beta2,
              double eps, double l2, double decoupled, long t);
}
