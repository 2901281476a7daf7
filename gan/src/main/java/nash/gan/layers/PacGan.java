package nash.gan.layers;

import java.util.Arrays;
import nash.core.Tensor;

/**
 * PacGAN packing (Lin et al. 2018): D judges m samples at once, all real or all generated, which
 * makes a collapsed generator easy to spot. [N, F] → [N/m, m·F]; images [N, C, H, W] → [N/m, m·C, H, W]
 * (consecutive samples stacked along the channels). The D it feeds is built for m× the input.
 */
public final class PacGan {

    private PacGan() {}

    /** x:[N, d₁, …] → [N/m, m·d₁, …], each m consecutive samples stacked along axis 1: a reshape sharing the array (m ≥ 1 must divide N). */
    public static Tensor pack(Tensor x, int m) {
        if (m < 1) throw new IllegalArgumentException("PacGan.pack: m must be ≥ 1, got " + m);
        int[] s = x.shape();
        if (s.length < 2) throw new IllegalArgumentException("PacGan.pack: needs [N, …], got " + Arrays.toString(s));  // also for m = 1
        int n = s[0];
        if (n % m != 0) throw new IllegalArgumentException("PacGan.pack: batch " + n + " is not divisible by " + m);
        if (m == 1) return x;
        int[] out = Arrays.copyOf(s, s.length);
        out[0] = n / m;
        out[1] = s[1] * m;
        return x.reshape(out);        // row-major: the m samples of a pack are contiguous, so this is a view
    }
}
