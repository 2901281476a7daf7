package nash.nn;

import java.util.Arrays;
import nash.core.Tensor;

/** y = (x − mean) / √(var + eps) · weight + bias over the last dimensions (biased variance), as PyTorch. */
public class LayerNorm extends Module {

    final Tensor weight, bias;                     // normalizedShape, or null
    final int[] normalizedShape;
    final double eps;

    /** eps 1e-5 with elementwise affine parameters. */
    public LayerNorm(int... normalizedShape) { this(normalizedShape, 1e-5, true); }

    /**
     * Normalises over the trailing axes {@code normalizedShape} (non-empty, sizes ≥ 1), with eps finite and &gt; 0;
     * with {@code elementwiseAffine}, parameters weight (ones) and bias (zeros) of that shape.
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0) throw new IllegalArgumentException("LayerNorm: normalized shape is empty");
        for (int d : normalizedShape) {
            if (d <= 0) throw new IllegalArgumentException("LayerNorm: normalized shape " + Arrays.toString(normalizedShape) + " has a size < 1");
        }
        // eps = 0 on a constant row is 0/0: NaN everywhere
        positiveEps("LayerNorm", eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        weight = elementwiseAffine ? param("weight", Tensor.ones(normalizedShape)) : null;
        bias = elementwiseAffine ? param("bias", Tensor.zeros(normalizedShape)) : null;
    }

    @Override public Tensor forward(Tensor x) {
        int k = normalizedShape.length, r = x.dim();
        int[] s = x.shape();
        if (r < k || !Arrays.equals(Arrays.copyOfRange(s, r - k, r), normalizedShape)) {
            throw new IllegalArgumentException("LayerNorm" + Arrays.toString(normalizedShape) + ": input " + Arrays.toString(s)
                    + " does not end in the normalized shape");
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) axes[i] = r - k + i;
        Tensor y = x.sub(x.mean(axes, true)).div(x.var(axes, true, false).add(eps).sqrt());
        return weight == null ? y : y.mul(use(weight)).add(use(bias));
    }
}
