package nash.nn.optim;

import java.util.List;
import nash.core.Tensor;

/** Adam with decoupled weight decay (Loshchilov and Hutter): p −= lr·wd·p before the Adam step; default wd 0.01. */
public class AdamW extends Adam {

    public AdamW(List<Tensor> params, double lr) {
        super(params, lr);
        weightDecay = 0.01;
    }

    @Override double l2() { return 0; }

    @Override double decoupled() { return weightDecay; }
}
