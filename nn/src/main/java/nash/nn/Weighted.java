package nash.nn;

import nash.core.Tensor;

/**
 * A layer with a weight that can be used with a weight other than its own: how
 * {@link SpectralNorm} runs a layer with W/σ(W).
 */
public interface Weighted {

    /** The layer's own weight parameter. */
    Tensor weight();

    /** forward(x) computed with {@code weight} in place of the layer's own. */
    Tensor forward(Tensor x, Tensor weight);

    /** The axis of the weight that indexes output features (0, or 1 for a transposed convolution). */
    default int outputAxis() { return 0; }
}
