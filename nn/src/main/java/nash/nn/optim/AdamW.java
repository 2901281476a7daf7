package nash.nn.optim;

import java.util.List;
import nash.core.Tensor;

/** Adam with decoupled weight decay (Loshchilov and Hutter): p −= lr·wd·p before the Adam step; default wd 0.01. */
public class AdamW extends Adam {

    /** AdamW over {@code params} with learning rate {@code lr}; weight decay 0.01, betas (0.9, 0.999), eps 1e-8. */
    public AdamW(List<Tensor> params, double lr) {
        super(params, lr);
        weightDecay = 0.01;
    }

    @Override double l2() { return 0; }

    @Override double decoupled() { return weightDecay; }
}
