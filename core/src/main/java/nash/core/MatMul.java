package nash.core;

import static nash.core.Elementwise.K;

import nash.core.kernel.Parallel;
import nash.core.kernel.ZeroedArrays;

/**
 * Matrix products with transpose flags, so that backward never materialises a transpose.
 *
 * <p>The primitive is op(A)·op(B) for 2-D operands or 3-D operands with the same batch; a 3-D
 * operand times a 2-D one (a batch against a shared matrix) is a composite of it.
 */
public final class MatMul {

    private MatMul() {}

    /**
     * op(a)·op(b), where op transposes the last two axes when its flag is set.
     * Shapes: [m,k]·[k,n] → [m,n]; [B,m,k]·[B,k,n] → [B,m,n]; [B,m,k]·[k,n] → [B,m,n];
     * [m,k]·[B,k,n] → [B,m,n].
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        int ra = a.dim(), rb = b.dim();
        if (ra < 2 || ra > 3 || rb < 2 || rb > 3) {
            throw new IllegalArgumentException("matmul: needs 2-D or 3-D operands, got " + Shape.str(a.shape) + " and " + Shape.str(b.shape));
        }
        checkInner(a, b, transA, transB);   // here, on the caller's shapes: the mixed-rank cases below reshape or broadcast first
        if (ra == rb) return mm(a, b, transA, transB);
        if (ra == 3) { // and rb == 2
            if (!transA) { // [B,m,k]·W: the batch folds into the rows of one 2-D product
                int batch = a.shape[0], m = a.shape[1];
                Tensor y = mm(Movement.reshape(a, batch * m, a.shape[2]), b, false, transB);
                return Movement.reshape(y, batch, m, y.shape[1]);
            }
            return mm(a, Movement.broadcastTo(Movement.unsqueeze(b, 0), a.shape[0], b.shape[0], b.shape[1]), true, transB);
        }
        // ra == 2, rb == 3, W·[B,k,n]: put the batch beside the columns, one 2-D product
        int batch = b.shape[0], n = transB ? b.shape[1] : b.shape[2];    // n from b, not y.shape[1] / B: B may be 0
        Tensor cols = transB ? Movement.reshape(b, batch * b.shape[1], b.shape[2])
                             : Movement.reshape(Movement.permute(b, 1, 0, 2), b.shape[1], batch * b.shape[2]);
        Tensor y = mm(a, cols, transA, transB);                            // [m, B·n]
        return Movement.permute(Movement.reshape(y, y.shape[0], batch, n), 1, 0, 2);
    }

    /** k of op(a) against k of op(b), over their last two axes. */
    private static void checkInner(Tensor a, Tensor b, boolean transA, boolean transB) {
        int ra = a.dim(), rb = b.dim();
        int ka = transA ? a.shape[ra - 2] : a.shape[ra - 1], kb = transB ? b.shape[rb - 1] : b.shape[rb - 2];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(a.shape) + (transA ? "ᵀ" : "") + " and "
                    + Shape.str(b.shape) + (transB ? "ᵀ" : "") + " do not match (inner dimensions " + ka + " and " + kb + ")");
        }
    }

    /**
     * y = x·Wᵀ + b, the affine map of a linear layer: x:[N, in], W:[out, in], b:[out] or null → [N, out].
     * NOTE: a primitive for speed only: C starts as the broadcast bias and one GEMM accumulates
     * into it (no separate pass, no second array). Its backward is plain matmuls and a sum.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        if (x.dim() != 2 || w.dim() != 2 || x.shape[1] != w.shape[1]) {
            throw new IllegalArgumentException("linear: x " + Shape.str(x.shape) + " and weight " + Shape.str(w.shape)
                    + " do not match (need x:[N, in], W:[out, in])");
        }
        int n = x.shape[0], in = x.shape[1], out = w.shape[0];
        if (b != null && (b.dim() != 1 || b.shape[0] != out)) {
            throw new IllegalArgumentException("linear: bias " + Shape.str(b.shape) + " does not match " + out + " outputs");
        }
        double[] c = ZeroedArrays.get(Shape.size("linear", n, out));           // not n * out: it may wrap past 2^31
        if (b != null) for (int i = 0; i < n; i++) System.arraycopy(b.data, 0, c, i * out, out);
        if (in > 0) K.gemm(false, true, n, out, in, x.data, 0, w.data, 0, c, 0, b != null);
        Tensor y = Tensor.fromOp("linear", c, new int[] {n, out}, x, w, b);
        return y.onBackward(gy -> Elementwise.grads(
                Graph.needs(x) ? mm(gy, w, false, false) : null,                         // ∂x = gy·W
                Graph.needs(w) ? mmGrad(w, gy, x, true, false) : null,                   // ∂W = gyᵀ·x
                b != null && Graph.needs(b) ? Reduce.sum(gy, new int[] {0}, false) : null), x, w); // ∂b = Σ_rows gy
    }

    /** The primitive: 2-D·2-D or 3-D·3-D with equal batch. */
    static Tensor mm(Tensor a, Tensor b, boolean transA, boolean transB) {
        boolean batched = a.dim() == 3;
        int batch = batched ? a.shape[0] : 1;
        if (batched && b.shape[0] != batch) {
            throw new IllegalArgumentException("matmul: batch sizes differ in " + Shape.str(a.shape) + " and " + Shape.str(b.shape));
        }
        checkInner(a, b, transA, transB);
        int r = a.dim();
        int m = transA ? a.shape[r - 1] : a.shape[r - 2], k = transA ? a.shape[r - 2] : a.shape[r - 1];
        int n = transB ? b.shape[r - 2] : b.shape[r - 1];
        int[] outShape = batched ? new int[] {batch, m, n} : new int[] {m, n};
        double[] c = ZeroedArrays.get(Shape.size("matmul", outShape));
        int sa = m * k, sb = k * n, sc = m * n;
        if (k > 0) {
            if (batch == 1) {
                K.gemm(transA, transB, m, n, k, a.data, 0, b.data, 0, c, 0, true);   // c is fresh zeros: accumulate, no second zeroing pass
            } else {
                Parallel.run(batch, i -> K.gemm(transA, transB, m, n, k, a.data, i * sa, b.data, i * sb, c, i * sc, true));
            }
        }
        Tensor y = Tensor.fromOp("matmul", c, outShape, a, b);
        return y.onBackward(gy -> Elementwise.grads(
                Graph.needs(a) ? gradA(a, gy, b, transA, transB) : null,
                Graph.needs(b) ? gradB(b, gy, a, transA, transB) : null), a, b);
    }

    // C = op(A)·op(B). With G = ∂L/∂C:  A plain: ∂A = G·op(B)ᵀ;  A transposed: ∂A = op(B)·Gᵀ.
    private static Tensor gradA(Tensor a, Tensor g, Tensor b, boolean transA, boolean transB) {
        return transA ? mmGrad(a, b, g, transB, true) : mmGrad(a, g, b, false, !transB);
    }

    // B plain: ∂B = op(A)ᵀ·G;  B transposed: ∂B = Gᵀ·op(A).
    private static Tensor gradB(Tensor b, Tensor g, Tensor a, boolean transA, boolean transB) {
        return transB ? mmGrad(b, g, a, true, transA) : mmGrad(b, a, g, !transA, false);
    }

    /**
     * op(a)·op(b) (2-D) as the gradient of {@code t}: summed straight into t's buffer when an
     * {@code Autograd.gradInto} walk holds one ({@link Graph#sink}): no new array and no separate
     * sum when t was used more than once. Otherwise a new tensor, as {@link #mm}.
     */
    private static Tensor mmGrad(Tensor t, Tensor a, Tensor b, boolean transA, boolean transB) {
        Graph.Sink s = a.dim() == 2 && b.dim() == 2 ? Graph.sink(t, a, b) : null;
        if (s == null) return mm(a, b, transA, transB);
        int m = transA ? a.shape[1] : a.shape[0], k = transA ? a.shape[0] : a.shape[1], n = transB ? b.shape[0] : b.shape[1];
        boolean partial = s.claim();
        if (k > 0) K.gemm(transA, transB, m, n, k, a.data, 0, b.data, 0, s.buffer.data, 0, partial);
        else if (!partial) java.util.Arrays.fill(s.buffer.data, 0.0);
        return s.buffer;
    }
}
