package nash.nn;

import nash.core.Tensor;

/** Merges the axes from startAxis on (default 1): [N, C, H, W] → [N, C·H·W]. */
public class Flatten extends Module {

    final int startAxis;

    /** Merges the axes from 1 on: [N, C, H, W] → [N, C·H·W]. */
    public Flatten() { this(1); }

    /** Merges the axes from {@code startAxis} on (negative counts from the end). */
    public Flatten(int startAxis) { this.startAxis = startAxis; }

    @Override public Tensor forward(Tensor x) { return x.flatten(startAxis); }

    @Override public String toString() { return "Flatten(" + startAxis + ")"; }
}
