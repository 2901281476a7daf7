package nash.nn;

import nash.core.Rng;
import nash.core.Tensor;

/** In training, zeroes each element with probability p and scales the rest by 1/(1−p); identity in evaluation. */
public class Dropout extends Module {

    final double p;
    private Rng rng;

    /**
     * Dropout drawing its masks from a stream of its own, split from {@code rng} (seeded: the same
     * masks on every run; two layers built from one generator draw different masks). The stream's
     * state is in {@link #randomStates}, so a checkpoint can resume it.
     */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        this.p = p;
        this.rng = rng.split();
    }

    @Override protected long[] randomState() { return rng.state(); }

    @Override protected void restoreRandomState(long[] state) { rng = Rng.fromState(state); }

    @Override public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) return x;
        double[] mask = new double[x.size()];
        double keep = p == 1 ? 0 : 1 / (1 - p);
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextDouble() >= p ? keep : 0;
        return x.mul(Tensor.wrap(mask, x.shape()));
    }

    @Override public String toString() { return "Dropout(" + p + ")"; }
}
