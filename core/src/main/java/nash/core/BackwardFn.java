package nash.core;

/**
 * The backward function of an op: given the gradient of the op's output, the gradients of its
 * inputs, in input order, each of its input's shape ({@code null} where an input needs none).
 *
 * <p>It must be written in differentiable {@link Tensor} operations: with {@code createGraph}
 * the gradients it returns are recorded in the graph and can be differentiated again.
 */
@FunctionalInterface
public interface BackwardFn {
    /** The gradients of the inputs, in input order ({@code null} where an input needs none), from the gradient of the output. */
    Tensor[] apply(Tensor gradOutput);
}
