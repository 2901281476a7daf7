package nash.nn;

import nash.core.Tensor;

/** y = σ(x) = 1/(1+e^−x) */
public class Sigmoid extends Module {
    @Override public Tensor forward(Tensor x) { return x.sigmoid(); }

    @Override public String toString() { return "Sigmoid"; }
}
