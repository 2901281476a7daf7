package nash.nn;

import nash.core.Tensor;

/** Merges the axes from startAxis on (default 1): [N, C, H, W] → [N, C·H·W]. */
public class Flatten extends Module {

    final int startAxis;

    public Flatten() { this(1); }

    public Flatten(int startAxis) { this.startAxis = startAxis; }

    @Override public Tensor forward(Tensor x) { return x.flatten(startAxis); }

    @Override public String toString() { return "Flatten(" + startAxis + ")"; }
}
