package nash.core;

import java.util.Arrays;
import java.util.List;

/**
 * Reverse-mode differentiation beyond {@link Tensor#backward()}: gradients returned as tensors,
 * to any order, and the scopes that switch recording off.
 */
public final class Autograd {

    private Autograd() {}

    /** Whether ops on this thread record a graph. */
    public static boolean isGradEnabled() { return GradMode.STATE.get().enabled; }

    /** A scope in which no graph is recorded (results never require grad). Close it to leave. */
    public static GradMode noGrad() { return new GradMode(false); }

    /** A scope in which recording is on again, e.g. inside a {@link #noGrad()} scope. */
    public static GradMode enableGrad() { return new GradMode(true); }

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}: Σ_k gradOutputs[k]ᵀ · ∂outputs[k]/∂inputs.
     *
     * <p>No leaf's {@code grad} is touched. An input the outputs do not depend on gets zeros.
     * With {@code createGraph} the returned gradients are part of the graph and can be
     * differentiated again (to any order); the graph is then retained as well.
     *
     * @param gradOutputs one seed per output, of its shape; null (the list or an entry) means ones
     *                    for a scalar output
     * @param retainGraph keep the graph for another backward (implied by createGraph)
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean createGraph, boolean retainGraph) {
        Tensor[] outs = outputs.toArray(new Tensor[0]);
        Tensor[] seeds = seeds("grad", outs, gradOutputs);
        Tensor[] ins = inputs.toArray(new Tensor[0]);
        Tensor[] g = Graph.run(outs, seeds, ins, createGraph, retainGraph || createGraph);
        for (int i = 0; i < g.length; i++) {
            if (g[i] == null) g[i] = Tensor.zeros(ins[i].shape);
        }
        return Arrays.asList(g);
    }

    /** ∂output/∂input for a scalar output. */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(List.of(output), List.of(input), null, createGraph, createGraph).get(0);
    }

    /** ∂output/∂inputs for a scalar output. */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        return grad(List.of(output), inputs, null, createGraph, createGraph);
    }

    static Tensor[] seeds(String op, Tensor[] outs, List<Tensor> gradOutputs) {
        if (gradOutputs != null && gradOutputs.size() != outs.length) {
            throw new IllegalArgumentException(op + ": " + outs.length + " outputs but " + gradOutputs.size() + " gradOutputs");
        }
        Tensor[] seeds = new Tensor[outs.length];
        for (int i = 0; i < outs.length; i++) {
            Tensor o = outs[i];
            if (!o.requiresGrad()) {
                throw new IllegalArgumentException(op + ": output " + i + " " + Shape.str(o.shape)
                        + " does not require grad (no input of its graph requires grad, or it was made under noGrad)");
            }
            Tensor s = gradOutputs == null ? null : gradOutputs.get(i);
            if (s == null) {
                if (o.size != 1) {
                    throw new IllegalArgumentException(op + ": output " + i + " has shape " + Shape.str(o.shape)
                            + "; a gradient seed can be implied only for a scalar output, so pass one of that shape");
                }
                s = Tensor.ones(o.shape);
            } else if (!Arrays.equals(s.shape, o.shape)) {
                throw new IllegalArgumentException(op + ": seed of shape " + Shape.str(s.shape)
                        + " for output " + i + " of shape " + Shape.str(o.shape));
            }
            seeds[i] = s;
        }
        return seeds;
    }
}
