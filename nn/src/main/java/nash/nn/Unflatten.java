package nash.nn;

import java.util.Arrays;
import nash.core.Tensor;

/** Splits one axis into several: Unflatten(1, 128, 7, 7) turns [N, 6272] into [N, 128, 7, 7]. */
public class Unflatten extends Module {

    final int axis;
    final int[] sizes;

    /**
     * Splits {@code axis} (negative counts from the end) into {@code sizes} (each ≥ 1, or one −1 inferred, as PyTorch),
     * whose product must be its length (checked at forward).
     */
    public Unflatten(int axis, int... sizes) {
        if (sizes.length == 0) throw new IllegalArgumentException("Unflatten: needs at least one size");
        int inferred = 0;
        for (int v : sizes) {
            if (v == -1) inferred++;
            else if (v < 1) throw new IllegalArgumentException("Unflatten: sizes must be ≥ 1 (or one −1), got " + Arrays.toString(sizes));
        }
        if (inferred > 1) throw new IllegalArgumentException("Unflatten: at most one −1 in " + Arrays.toString(sizes));
        this.axis = axis;
        this.sizes = sizes.clone();
    }

    @Override public Tensor forward(Tensor x) {
        int[] s = x.shape();
        int a = axis < 0 ? axis + s.length : axis;
        if (a < 0 || a >= s.length) throw new IllegalArgumentException("Unflatten: axis " + axis + " out of range for " + Arrays.toString(s));
        int[] out = new int[s.length - 1 + sizes.length];
        System.arraycopy(s, 0, out, 0, a);
        System.arraycopy(sizes, 0, out, a, sizes.length);
        System.arraycopy(s, a + 1, out, a + sizes.length, s.length - a - 1);
        long prod = 1;
        int infer = -1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1) infer = i;
            else prod = Math.min(prod * sizes[i], 1L << 31);          // capped: past any axis length, no wrap-around
        }
        if (infer >= 0 && s[a] % prod == 0) {
            out[a + infer] = (int) (s[a] / prod);
            prod *= out[a + infer];
        }
        if (prod != s[a]) {
            throw new IllegalArgumentException("Unflatten: axis " + a + " of " + Arrays.toString(s) + " has " + s[a]
                    + " elements, not " + Arrays.toString(sizes));
        }
        return x.reshape(out);
    }

    @Override public String toString() { return "Unflatten(" + axis + ", " + Arrays.toString(sizes) + ")"; }
}
