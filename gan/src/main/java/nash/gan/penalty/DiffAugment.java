package nash.gan.penalty;

import java.util.Arrays;
import nash.core.Rng;
import nash.core.Tensor;

/**
 * Differentiable augmentation (Zhao et al. 2020), applied to real and generated images alike
 * before D, with the gradient flowing through it to G. Images x:[N, C, H, W]; each sample draws
 * its own parameters:
 * colour: brightness x + (r − ½), saturation (x − mean_c)·2r + mean_c, contrast (x − mean)·(r + ½) + mean;
 * translation by up to ⅛ of the size with zero fill; cutout of a zeroed ½-size square.
 */
public final class DiffAugment {

    final boolean color, translation, cutout;

    /** The policy "color,translation,cutout" of the paper. */
    public DiffAugment() { this(true, true, true); }

    /** Which augmentations to apply; they run in the order colour, translation, cutout. */
    public DiffAugment(boolean color, boolean translation, boolean cutout) {
        this.color = color;
        this.translation = translation;
        this.cutout = cutout;
    }

    /**
     * x:[N, C, H, W] augmented per sample with parameters drawn from {@code rng}: colour, translation by up to ⅛
     * of the size, a ½-size cutout (those enabled); differentiable in x.
     */
    public Tensor apply(Tensor x, Rng rng) {
        if (x.dim() != 4) throw new IllegalArgumentException("DiffAugment: needs images [N, C, H, W], got " + Arrays.toString(x.shape()));
        if (color) x = color(x, rng);
        if (translation) x = translate(x, rng, 0.125);
        if (cutout) x = cutout(x, rng, 0.5);
        return x;
    }

    static Tensor color(Tensor x, Rng rng) {
        int n = x.shape(0);
        x = x.add(Tensor.rand(rng, n, 1, 1, 1).sub(0.5));                                   // brightness
        Tensor m = x.mean(1, true);
        x = x.sub(m).mul(Tensor.rand(rng, n, 1, 1, 1).mul(2)).add(m);                        // saturation
        Tensor mm = x.mean(new int[] {1, 2, 3}, true);
        return x.sub(mm).mul(Tensor.rand(rng, n, 1, 1, 1).add(0.5)).add(mm);                 // contrast
    }

    /** Shifts each sample by integers in [−⌊ratio·H + ½⌋, …] rows and columns, filling with zeros (a gather). */
    static Tensor translate(Tensor x, Rng rng, double ratio) {
        int n = x.shape(0), c = x.shape(1), h = x.shape(2), w = x.shape(3);
        int sh = (int) (h * ratio + 0.5), sw = (int) (w * ratio + 0.5);
        int zero = x.size();                                                                 // index of an appended 0
        int[] idx = new int[x.size()];
        for (int s = 0; s < n; s++) {
            int dy = rng.nextInt(2 * sh + 1) - sh, dx = rng.nextInt(2 * sw + 1) - sw;
            for (int ch = 0; ch < c; ch++) {
                int base = (s * c + ch) * h * w;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        int si = i - dy, sj = j - dx;
                        idx[base + i * w + j] = si >= 0 && si < h && sj >= 0 && sj < w ? base + si * w + sj : zero;
                    }
                }
            }
        }
        return Tensor.concat(0, x.flatten(), Tensor.zeros(1)).indexSelect(0, idx).reshape(n, c, h, w);
    }

    /** Zeroes a square of ratio·size per sample, centred uniformly at random (it may hang over the edge). */
    static Tensor cutout(Tensor x, Rng rng, double ratio) {
        int n = x.shape(0), h = x.shape(2), w = x.shape(3);
        int ch = (int) (h * ratio + 0.5), cw = (int) (w * ratio + 0.5);
        double[] mask = new double[n * h * w];
        Arrays.fill(mask, 1.0);
        for (int s = 0; s < n; s++) {
            int cy = rng.nextInt(h + (1 - ch % 2)), cx = rng.nextInt(w + (1 - cw % 2));
            for (int i = Math.max(0, cy - ch / 2); i < Math.min(h, cy - ch / 2 + ch); i++) {
                for (int j = Math.max(0, cx - cw / 2); j < Math.min(w, cx - cw / 2 + cw); j++) mask[(s * h + i) * w + j] = 0;
            }
        }
        return x.mul(Tensor.wrap(mask, n, 1, h, w));
    }
}
