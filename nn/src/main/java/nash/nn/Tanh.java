package nash.nn;

import nash.core.Tensor;

/** y = tanh x */
public class Tanh extends Module {
    @Override public Tensor forward(Tensor x) { return x.tanh(); }

    @Override public String toString() { return "Tanh"; }
}
