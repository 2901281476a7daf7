package nash.nn.optim;

import java.util.List;
import nash.core.Tensor;

/**
 * RMSprop, as PyTorch's: g += wd·p; s = α·s + (1−α)·g²; centered: a = α·a + (1−α)·g and
 * avg = √(s − a²) + eps, else avg = √s + eps; with momentum μ: b = μ·b + g/avg, p −= lr·b;
 * else p −= lr·g/avg. Defaults: α 0.99, eps 1e-8.
 */
public class RmsProp extends Optimizer {

    double alpha = 0.99, eps = 1e-8, momentum, weightDecay;
    boolean centered;

    /** RMSprop over {@code params} with learning rate {@code lr}; α 0.99, eps 1e-8, no momentum, not centered, no weight decay. */
    public RmsProp(List<Tensor> params, double lr) { super(params, lr); }

    /** The smoothing constant α of the mean square, in [0, 1) (default 0.99). Returns this. */
    public RmsProp alpha(double a) {
        // alpha = 1 would keep the mean square at 0 forever; above 1 it goes negative and √ gives NaN
        if (!(a >= 0 && a < 1)) throw new IllegalArgumentException(getClass().getSimpleName() + ": alpha must be in [0, 1), got " + a);
        alpha = a;
        return this;
    }

    /** The eps added to the root mean square, finite and &gt; 0 (default 1e-8). Returns this. */
    public RmsProp eps(double e) {
        // eps = 0 turns a zero gradient into 0/0 = NaN
        eps = positive("eps", e);
        return this;
    }

    /** The momentum μ, finite and ≥ 0 (default 0: none). Returns this. */
    public RmsProp momentum(double m) {
        momentum = nonNegative("momentum", m);
        return this;
    }

    /** Whether to divide by √(s − a²), centred on the running mean a of the gradient, instead of √s (default false). Returns this. */
    public RmsProp centered(boolean c) {
        centered = c;
        return this;
    }

    /** The L2 weight decay wd (g += wd·p), finite and ≥ 0 (default 0). Returns this. */
    public RmsProp weightDecay(double wd) {
        weightDecay = nonNegative("weight decay", wd);
        return this;
    }

    @Override protected List<String> slotNames() { return List.of("square_avg", "grad_avg", "momentum_buffer"); }

    @Override protected boolean isMeanOfSquares(String slot) { return slot.equals("square_avg"); }

    @Override protected void update(int i, double[] p, double[] g, long t) {
        double[] s = slot("square_avg", i);
        double[] a = centered ? slot("grad_avg", i) : null;
        double[] b = momentum > 0 ? slot("momentum_buffer", i) : null;
        for (int j = 0; j < p.length; j++) {
            double gj = g[j] + weightDecay * p[j];
            s[j] = alpha * s[j] + (1 - alpha) * gj * gj;
            double avg;
            if (a != null) {
                a[j] = alpha * a[j] + (1 - alpha) * gj;
                avg = Math.sqrt(s[j] - a[j] * a[j]) + eps;
            } else {
                avg = Math.sqrt(s[j]) + eps;
            }
            if (b != null) {
                b[j] = momentum * b[j] + gj / avg;
                p[j] -= lr * b[j];
            } else {
                p[j] -= lr * gj / avg;
            }
        }
    }
}
