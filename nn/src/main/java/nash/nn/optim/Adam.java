package nash.nn.optim;

import java.util.List;
import nash.core.Tensor;
import nash.core.kernel.Kernels;
import nash.core.kernel.KernelsProvider;
import nash.core.kernel.Parallel;

/**
 * Adam (Kingma and Ba), as PyTorch's: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²,
 * p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps). Weight decay here is L2 (added to g); {@link AdamW}
 * decouples it. Defaults: betas (0.9, 0.999), eps 1e-8. The update is one fused kernel.
 */
public class Adam extends Optimizer {

    static final Kernels K = KernelsProvider.get();
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay;

    /** Adam over {@code params} with learning rate {@code lr}; betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) { super(params, lr); }

    /** β1 and β2, each in [0, 1) (default 0.9, 0.999). Returns this. */
    public Adam betas(double b1, double b2) {
        if (!(b1 >= 0 && b1 < 1 && b2 >= 0 && b2 < 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": betas must be in [0, 1), got " + b1 + ", " + b2);
        }
        beta1 = b1;
        beta2 = b2;
        return this;
    }

    /** The eps in the denominator, finite and &gt; 0 (default 1e-8). Returns this. */
    public Adam eps(double e) {
        // eps = 0 turns a zero gradient into 0/0 = NaN in every parameter it touches
        eps = positive("eps", e);
        return this;
    }

    /** The weight decay wd, finite and ≥ 0: L2 (g += wd·p) in Adam, decoupled (p −= lr·wd·p) in {@link AdamW}. Returns this. */
    public Adam weightDecay(double wd) {
        weightDecay = nonNegative("weight decay", wd);
        return this;
    }

    /** The L2 coefficient (Adam) and the decoupled one (AdamW). */
    double l2() { return weightDecay; }

    double decoupled() { return 0; }

    @Override protected List<String> slotNames() { return List.of("exp_avg", "exp_avg_sq"); }

    @Override protected boolean isMeanOfSquares(String slot) { return slot.equals("exp_avg_sq"); }

    /** Parameters per parallel chunk: the update is elementwise, so chunks never change the bits. */
    private static final int GRAIN = 1 << 15;

    @Override protected void update(int i, double[] p, double[] g, long t) {
        double[] m = slot("exp_avg", i), v = slot("exp_avg_sq", i);
        double lr = this.lr, l2 = l2(), decoupled = decoupled();
        Parallel.chunks(p.length, GRAIN, (from, to) -> K.adam(p, g, m, v, from, to - from, lr, beta1, beta2, eps, l2, decoupled, t));
    }
}
