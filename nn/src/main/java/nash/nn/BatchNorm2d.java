package nash.nn;

import java.util.Arrays;
import nash.core.Tensor;

/** Batch normalisation of x:[N, C, H, W], statistics over N, H and W. */
public class BatchNorm2d extends BatchNorm {

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics (PyTorch's defaults). */
    public BatchNorm2d(int channels) { this(channels, 1e-5, 0.1, true, true); }

    /** momentum null: a cumulative average; without {@code trackRunningStats}, evaluation uses the batch statistics. */
    public BatchNorm2d(int channels, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(channels, eps, momentum, affine, trackRunningStats);
    }

    @Override int[] batchAxes(Tensor x) {
        if (x.dim() == 4) return new int[] {0, 2, 3};
        throw new IllegalArgumentException("BatchNorm2d: needs [N, C, H, W], got " + Arrays.toString(x.shape()));
    }
}
