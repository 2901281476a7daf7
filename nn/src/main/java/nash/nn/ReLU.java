package nash.nn;

import nash.core.Tensor;

/** y = max(x, 0) */
public class ReLU extends Module {
    @Override public Tensor forward(Tensor x) { return x.relu(); }

    @Override public String toString() { return "ReLU"; }
}
