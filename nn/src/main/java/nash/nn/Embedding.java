package nash.nn;

import java.util.Arrays;
import nash.core.Rng;
import nash.core.Tensor;

/** A lookup table: indices of any shape → their rows of weight [num, dim], shape indices.shape + [dim]. */
public class Embedding extends Module implements Weighted {

    final Tensor weight;                           // [num, dim], N(0, 1) as PyTorch
    /** The number of rows (valid indices 0 … num−1) and the length of each. */
    public final int num, dim;

    /** A table [num, dim] drawn from N(0, 1) with {@code rng}, as PyTorch. */
    public Embedding(int num, int dim, Rng rng) {
        if (num <= 0 || dim <= 0) throw new IllegalArgumentException("Embedding: sizes must be positive, got " + num + " x " + dim);
        this.num = num;
        this.dim = dim;
        weight = param("weight", Tensor.randn(rng, num, dim));
    }

    @Override public Tensor weight() { return weight; }

    /** Rows for integer-valued indices (e.g. class labels held in a tensor). */
    @Override public Tensor forward(Tensor indices) { return forward(indices, use(weight)); }

    @Override public Tensor forward(Tensor indices, Tensor w) {
        int[] idx = new int[indices.size()];
        double[] d = indices.data();
        for (int i = 0; i < idx.length; i++) {
            if (d[i] != Math.rint(d[i]) || d[i] < 0 || d[i] >= num) {
                throw new IllegalArgumentException("Embedding(" + num + "): index " + d[i] + " at position " + i + " is not an integer in [0, " + num + ")");
            }
            idx[i] = (int) d[i];
        }
        int[] s = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        s[s.length - 1] = dim;
        return w.indexSelect(0, idx).reshape(s);
    }

    /** Rows for integer indices. */
    public Tensor forward(int... indices) {
        double[] d = new double[indices.length];
        for (int i = 0; i < d.length; i++) d[i] = indices[i];
        return forward(Tensor.wrap(d, indices.length));
    }
}
