package nash.gan.layers;

import java.util.Arrays;
import nash.core.Tensor;
import nash.nn.Module;

/**
 * Minibatch standard deviation (Karras et al. 2018, ProGAN): within groups of G samples, the
 * standard deviation of every feature across the group, averaged to one number per group, appended
 * as an extra feature (a constant channel for images). D can then see when a batch lacks variety,
 * which punishes mode collapse. x:[N, F] → [N, F+1]; x:[N, C, H, W] → [N, C+1, H, W].
 */
public class MinibatchStdDev extends Module {

    final int groupSize;

    /** Groups of 4, as ProGAN (or the whole batch when it is smaller or not divisible). */
    public MinibatchStdDev() { this(4); }

    /** Groups of {@code groupSize} ≥ 2 samples; a batch not divisible by it forms one group. */
    public MinibatchStdDev(int groupSize) {
        if (groupSize < 2) throw new IllegalArgumentException("MinibatchStdDev: group size must be ≥ 2, got " + groupSize);
        this.groupSize = groupSize;
    }

    @Override public Tensor forward(Tensor x) {
        if (x.dim() != 2 && x.dim() != 4) {
            throw new IllegalArgumentException("MinibatchStdDev: needs [N, F] or [N, C, H, W], got " + Arrays.toString(x.shape()));
        }
        int n = x.shape(0);
        if (n < 2) throw new IllegalArgumentException("MinibatchStdDev: needs at least 2 samples, got " + n);
        int g = n % groupSize == 0 ? groupSize : n;
        int rest = x.size() / n;
        if (rest == 0) throw new IllegalArgumentException("MinibatchStdDev: no features to take σ over, got shape " + Arrays.toString(x.shape()));
        Tensor grouped = x.reshape(n / g, g, rest);                                          // [N/G, G, F']
        Tensor std = grouped.var(new int[] {1}, false, false).add(1e-8).sqrt();              // σ over the group
        Tensor s = std.mean(1, true);                                                        // [N/G, 1]
        Tensor perSample = s.reshape(n / g, 1, 1).broadcastTo(n / g, g, 1).reshape(n, 1);    // each sample its group's σ
        if (x.dim() == 2) return Tensor.concat(1, x, perSample);
        int h = x.shape(2), w = x.shape(3);
        return Tensor.concat(1, x, perSample.reshape(n, 1, 1, 1).broadcastTo(n, 1, h, w));
    }

    @Override public String toString() { return "MinibatchStdDev(" + groupSize + ")"; }
}
