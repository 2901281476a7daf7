package nash.gan;

import nash.core.Tensor;

/** A network that also takes class labels: a conditional generator G(z, y) or discriminator D(x, y). */
public interface Conditional {

    /** y:[N] holds class indices as doubles. */
    Tensor forward(Tensor x, Tensor labels);

    /** The number of classes. */
    int classes();
}
