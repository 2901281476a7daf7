package nash.nn;

import java.util.Arrays;
import nash.core.Tensor;

/** Batch normalisation of x:[N, C] or [N, C, L], statistics over N (and L). */
public class BatchNorm1d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics (PyTorch's defaults). */
    public BatchNorm1d(int channels) { this(channels, 1e-5, 0.1, true, true); }

    /** momentum null: a cumulative average; without {@code trackRunningStats}, evaluation uses the batch statistics. */
    public BatchNorm1d(int channels, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(channels, eps, momentum, affine, trackRunningStats);
    }

    @Override int[] batchAxes(Tensor x) {
        if (x.dim() == 2) return new int[] {0};
        if (x.dim() == 3) return new int[] {0, 2};
        throw new IllegalArgumentException("BatchNorm1d: needs [N, C] or [N, C, L], got " + Arrays.toString(x.shape()));
    }
}
