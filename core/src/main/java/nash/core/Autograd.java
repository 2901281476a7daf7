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

    /**
     * {@link #grad} (first order), writing each input's gradient into the tensor of {@code into} at the
     * same position (same shape; overwritten) instead of new arrays: a training loop that keeps one
     * buffer per parameter allocates no gradient arrays, and a weight used several times (a
     * discriminator applied to a real and a fake batch) has its products summed straight into
     * the buffer. Returns {@code into}'s tensors, an input the outputs do not depend on getting zeros.
     * The buffers must be distinct and must not require grad.
     */
    public static List<Tensor> gradInto(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                        List<Tensor> into, boolean retainGraph) {
        if (into.size() != inputs.size()) {
            throw new IllegalArgumentException("gradInto: " + inputs.size() + " inputs but " + into.size() + " buffers");
        }
        Tensor[] ins = inputs.toArray(new Tensor[0]);
        Tensor[] bufs = into.toArray(new Tensor[0]);
        // arrays, not tensors: two buffers viewing one array (b and b.detach()) would each overwrite the other's gradient
        java.util.Set<double[]> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Set<double[]> inputArrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Tensor t : ins) inputArrays.add(t.data);
        for (int i = 0; i < bufs.length; i++) {
            Tensor b = bufs[i];
            if (!Arrays.equals(b.shape, ins[i].shape)) {
                throw new IllegalArgumentException("gradInto: buffer " + i + " has shape " + Shape.str(b.shape)
                        + " but input " + i + " has shape " + Shape.str(ins[i].shape));
            }
            if (b.requiresGrad()) throw new IllegalArgumentException("gradInto: buffer " + i + " requires grad; pass a plain tensor");
            if (!seen.add(b.data)) throw new IllegalArgumentException("gradInto: buffer " + i + " shares its array with the buffer for another input");
            if (inputArrays.contains(b.data)) throw new IllegalArgumentException("gradInto: buffer " + i + " shares its array with an input");
        }
        Tensor[] outs = outputs.toArray(new Tensor[0]);
        Tensor[] g = Graph.run(outs, seeds("gradInto", outs, gradOutputs), ins, bufs, false, retainGraph);
        for (int i = 0; i < g.length; i++) {
            if (g[i] == null) {
                Arrays.fill(bufs[i].data, 0.0);
                bufs[i].markModified();
                g[i] = bufs[i];
            }
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
