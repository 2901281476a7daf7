package nash.nn;

import nash.core.Tensor;

/** y = x > 0 ? x : slope·x (PyTorch's default slope 0.01; GANs use 0.2). */
public class LeakyReLU extends Module {

    final double slope;

    /** Slope 0.01, PyTorch's default. */
    public LeakyReLU() { this(0.01); }

    /** y = x &gt; 0 ? x : slope·x ({@code slope} must be finite: checked at forward). */
    public LeakyReLU(double slope) { this.slope = slope; }

    @Override public Tensor forward(Tensor x) { return x.leakyRelu(slope); }

    @Override public String toString() { return "LeakyReLU(" + slope + ")"; }
}
