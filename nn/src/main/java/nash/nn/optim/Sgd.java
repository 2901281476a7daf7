package nash.nn.optim;

import java.util.List;
import nash.core.Tensor;

/**
 * Stochastic gradient descent, as PyTorch's SGD: g += wd·p; with momentum μ,
 * b = μ·b + (1−dampening)·g (b = g while there is no buffer yet), g = nesterov ? g + μ·b : b; then p −= lr·g.
 */
public class Sgd extends Optimizer {

    double momentum, dampening, weightDecay;
    boolean nesterov;

    /** Plain SGD over {@code params} with learning rate {@code lr}: no momentum, dampening or weight decay. */
    public Sgd(List<Tensor> params, double lr) { super(params, lr); }

    /** The momentum μ, finite and ≥ 0 (default 0: none). Returns this. */
    public Sgd momentum(double m) {
        momentum = nonNegative("momentum", m);
        return this;
    }

    /** The dampening of the momentum buffer, in [0, 1] (default 0). Returns this. */
    public Sgd dampening(double d) {
        if (!(d >= 0 && d <= 1)) throw new IllegalArgumentException(getClass().getSimpleName() + ": dampening must be in [0, 1], got " + d);
        dampening = d;
        return this;
    }

    /** Whether to use Nesterov momentum, which needs momentum &gt; 0 and zero dampening (checked at {@link #step}). Returns this. */
    public Sgd nesterov(boolean on) {
        nesterov = on;
        return this;
    }

    /** The L2 weight decay wd (g += wd·p), finite and ≥ 0 (default 0). Returns this. */
    public Sgd weightDecay(double wd) {
        weightDecay = nonNegative("weight decay", wd);
        return this;
    }

    @Override protected List<String> slotNames() { return List.of("momentum_buffer"); }

    @Override protected void checkSettings() {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalStateException(getClass().getSimpleName() + ": Nesterov momentum needs momentum > 0 and zero dampening, got momentum "
                    + momentum + ", dampening " + dampening);
        }
    }

    @Override protected void update(int i, double[] p, double[] g, long t) {
        boolean fresh = momentum != 0 && !hasSlot("momentum_buffer", i);     // b = g when it is new, as PyTorch
        double[] buf = momentum != 0 ? slot("momentum_buffer", i) : null;
        for (int j = 0; j < p.length; j++) {
            double d = g[j] + weightDecay * p[j];
            if (buf != null) {
                buf[j] = fresh ? d : momentum * buf[j] + (1 - dampening) * d;
                d = nesterov ? d + momentum * buf[j] : buf[j];
            }
            p[j] -= lr * d;
        }
    }
}
