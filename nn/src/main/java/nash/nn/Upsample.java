package nash.nn;

import java.util.Arrays;
import nash.core.Tensor;

/**
 * Nearest-neighbour upsampling by an integer factor: [N, C, H, W] → [N, C, H·s, W·s]. A composite
 * of reshape and broadcast ([N,C,H,1,W,1] → [N,C,H,s,W,s]), so its gradient sums each s×s block.
 */
public class Upsample extends Module {

    final int scale;

    /** Repeats each pixel {@code scale} ≥ 1 times along the height and the width. */
    public Upsample(int scale) {
        if (scale < 1) throw new IllegalArgumentException("Upsample: scale must be ≥ 1, got " + scale);
        this.scale = scale;
    }

    @Override public Tensor forward(Tensor x) {
        if (x.dim() != 4) throw new IllegalArgumentException("Upsample: needs [N, C, H, W], got " + Arrays.toString(x.shape()));
        int n = x.shape(0), c = x.shape(1), h = x.shape(2), w = x.shape(3), s = scale;
        return x.reshape(n, c, h, 1, w, 1).broadcastTo(n, c, h, s, w, s).reshape(n, c, h * s, w * s);
    }

    @Override public String toString() { return "Upsample(nearest, " + scale + ")"; }
}
