package nash.gan;

import nash.core.Tensor;

/** A network that also takes class labels: a conditional generator G(z, y) or discriminator D(x, y). */
public interface Conditional {

    /** y:[N] holds class indices as doubles. */
    Tensor forward(Tensor x, Tensor labels);

    /** The number of classes. */
    int classes();

    /**
     * Checks that labels is [N], one per row of x:[N, …] (a [1] or [N, 1] was broadcast by the projection into
     * a wrong score or a wrong shape), naming {@code who} and both shapes.
     */
    static void checkLabels(String who, Tensor x, Tensor labels) {
        if (labels.dim() != 1 || x.dim() == 0 || labels.shape(0) != x.shape(0)) {
            throw new IllegalArgumentException(who + ": needs labels [N] for input [N, …], got labels "
                    + java.util.Arrays.toString(labels.shape()) + " for input " + java.util.Arrays.toString(x.shape()));
        }
    }
}
