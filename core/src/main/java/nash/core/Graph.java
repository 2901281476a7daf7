package nash.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import nash.core.kernel.ZeroedArrays;

/**
 * The define-by-run graph: each op result that needs a gradient holds a {@link Node} naming its
 * inputs and its backward function. {@link #run} walks the graph in reverse topological order,
 * iteratively, so a chain of any length runs without deep recursion.
 */
final class Graph {

    private Graph() {}

    /** One recorded op. */
    static final class Node {
        final String op;
        final Tensor[] inputs;
        BackwardFn fn;
        Tensor[] saved;
        int[] savedVersions;
        boolean freed;
        /** The gradient flowing into this node's output, summed during one walk. */
        Tensor pending;
        /** The walk that last visited this node (for the topological sort). */
        long visit;
        /** The walk in which this node leads to a wanted input (see {@link #needs}). */
        long neededIn;

        Node(String op, Tensor[] inputs) {
            this.op = op;
            this.inputs = inputs;
        }
    }

    /**
     * The inputs an {@code Autograd.grad} walk wants, so backward functions can skip the rest, and
     * the caller's buffers their gradients are summed into (null: fresh arrays).
     */
    private record Filter(long walk, Map<Object, Integer> wanted, Sink[] sinks, Map<Tensor, Sink> leafSinks) {}

    /**
     * A caller's buffer that one wanted leaf's gradient is summed into ({@code Autograd.gradInto}).
     * A backward function may write its contribution straight into it (see {@link #sink}); every
     * other contribution is copied or added in by the walk.
     */
    static final class Sink {
        final Tensor buffer;
        private boolean filled;

        Sink(Tensor buffer, boolean filled) {
            this.buffer = buffer;
            this.filled = filled;
            buffer.markModified();                   // a graph that saved it will refuse to use the new values
        }

        /** Whether the buffer already holds a partial sum to add to; from now on it does. */
        boolean claim() {
            boolean was = filled;
            filled = true;
            return was;
        }

        void add(Tensor g) {
            if (g == buffer) return;                                    // written in place by a backward function
            if (claim()) buffer.addInPlace(g, 1.0);
            else System.arraycopy(g.data, 0, buffer.data, 0, buffer.size);
        }
    }

    private static final ThreadLocal<Filter> FILTER = new ThreadLocal<>();

    /**
     * Whether a backward function should compute the gradient of input t: t requires grad and,
     * inside {@code Autograd.grad}, some wanted input is reachable through it. So the generator's
     * step never computes gradients of the discriminator's weights.
     */
    static boolean needs(Tensor t) {
        if (!t.requiresGrad) return false;
        Filter f = FILTER.get();
        if (f == null || f.wanted == null) return true;
        return t.node != null ? t.node.neededIn == f.walk : f.wanted.containsKey(t);
    }

    /**
     * The buffer leaf t's gradient is being summed into in a first-order walk: the caller's, when an
     * {@code Autograd.gradInto} walk wants t; t's own {@code grad} (made now if t has none) in a
     * {@code backward()}; else null. A backward function that uses it writes its contribution into
     * {@code buffer} (overwriting it unless {@link Sink#claim} says a partial sum is there) and
     * returns {@code buffer} itself as t's gradient. So a weight gradient costs no extra array and
     * no separate sum however many times the weight was used. Null too when the buffer is one of
     * {@code reads}, the tensors the backward function reads while it writes.
     */
    static Sink sink(Tensor t, Tensor... reads) {
        Filter f = FILTER.get();
        if (f == null || t.node != null || Autograd.isGradEnabled()) return null;
        Sink s;
        if (f.leafSinks != null) {
            if (!t.requiresGrad || (t.grad != null && t.grad.node != null)) return null;
            s = f.leafSinks.computeIfAbsent(t, Graph::leafSink);
        } else {
            Integer slot = f.sinks == null ? null : f.wanted.get(t);
            s = slot == null ? null : f.sinks[slot];
        }
        if (s != null) {
            for (Tensor r : reads) if (s.buffer.data == r.data) return null;
        }
        return s;
    }

    /** The sink of a leaf's own gradient in backward(): its grad, added to, or a new one, overwritten. */
    private static Sink leafSink(Tensor t) {
        if (t.grad != null) return new Sink(t.grad, true);
        t.grad = new Tensor(ZeroedArrays.get(t.size), t.shape.clone());
        return new Sink(t.grad, false);
    }

    private static final java.util.concurrent.atomic.AtomicLong WALKS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Runs backward from {@code roots}, seeded with {@code seeds}.
     *
     * @param inputs when null, gradients are accumulated into the {@code grad} of every leaf that
     *               requires one (backward); otherwise they are returned for these tensors only
     *               and no leaf's {@code grad} is touched (Autograd.grad)
     * @return the gradients of {@code inputs} (null entries where none arrived), or null
     */
    static Tensor[] run(Tensor[] roots, Tensor[] seeds, Tensor[] inputs, boolean createGraph, boolean retainGraph) {
        return run(roots, seeds, inputs, null, createGraph, retainGraph);
    }

    /**
     * As {@link #run(Tensor[], Tensor[], Tensor[], boolean, boolean)}, summing input i's gradient
     * into {@code into[i]} (same shape, overwritten) when {@code into} is given: first order only.
     * The result for input i is then {@code into[i]}, or null if no gradient arrived.
     */
    static Tensor[] run(Tensor[] roots, Tensor[] seeds, Tensor[] inputs, Tensor[] into, boolean createGraph, boolean retainGraph) {
        Map<Object, Integer> wanted = null;
        int[] first = null;                  // first[i]: the slot that collects input i's gradient (an earlier copy of it)
        Tensor[] results = null;
        Sink[] sinks = null;
        if (into != null) {
            if (createGraph) throw new IllegalArgumentException("gradInto: gradients written into buffers cannot record a graph");
            sinks = new Sink[into.length];
            for (int i = 0; i < into.length; i++) sinks[i] = new Sink(into[i], false);
        }
        if (inputs != null) {
            wanted = new IdentityHashMap<>();
            results = new Tensor[inputs.length];
            first = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                Tensor t = inputs[i];
                if (!t.requiresGrad()) {
                    throw new IllegalArgumentException("grad: input " + i + " " + Shape.str(t.shape)
                            + " does not require grad; call requiresGrad(true) on it before building the graph");
                }
                Integer earlier = wanted.putIfAbsent(t.node != null ? t.node : t, i);
                first[i] = earlier != null ? earlier : i;
            }
        }
        List<Node> order = topologicalOrder(roots);
        Filter previous = FILTER.get();
        if (wanted != null) {
            long walk = order.isEmpty() ? -1 : order.get(0).visit;
            for (Node n : order) {            // inputs come before their consumers in this order
                boolean need = wanted.containsKey(n);
                for (Tensor in : n.inputs) {
                    if (need || in == null || !in.requiresGrad) continue;
                    need = in.node != null ? in.node.neededIn == walk : wanted.containsKey(in);
                }
                if (need) n.neededIn = walk;
            }
            FILTER.set(new Filter(walk, wanted, sinks, null));
        } else if (!createGraph) {
            FILTER.set(new Filter(-1, null, null, new IdentityHashMap<>()));          // backward(): into the leaves' grads
        } else {
            FILTER.remove();
        }
        try (GradMode mode = createGraph ? Autograd.enableGrad() : Autograd.noGrad()) {
            for (int r = 0; r < roots.length; r++) {
                Tensor root = roots[r];
                if (root.node != null) root.node.pending = accumulate(root.node.pending, seeds[r]);
                else deliverToLeaf(root, seeds[r], wanted, sinks, results, createGraph);
            }
            for (int idx = order.size() - 1; idx >= 0; idx--) {
                Node node = order.get(idx);
                Tensor gy = node.pending;
                node.pending = null;
                if (gy == null) continue;
                if (wanted != null) {
                    Integer slot = wanted.get(node);
                    if (slot != null) results[slot] = accumulate(results[slot], gy);   // a wanted op result
                }
                Tensor[] grads = call(node, gy);
                if (!retainGraph) free(node);
                for (int i = 0; i < node.inputs.length; i++) {
                    Tensor in = node.inputs[i];
                    Tensor g = i < grads.length ? grads[i] : null;
                    if (in == null || g == null || !in.requiresGrad()) continue;
                    if (!Arrays.equals(g.shape, in.shape)) {
                        throw new IllegalStateException("backward of '" + node.op + "' returned a gradient of shape "
                                + Shape.str(g.shape) + " for input " + i + " of shape " + Shape.str(in.shape));
                    }
                    if (in.node != null) in.node.pending = accumulate(in.node.pending, g);
                    else deliverToLeaf(in, g, wanted, sinks, results, createGraph);
                }
            }
            if (sinks != null) {
                for (int i = 0; i < sinks.length; i++) {
                    if (results[i] == null || first[i] != i) continue;
                    if (results[i] != sinks[i].buffer) sinks[i].add(results[i]);   // a wanted op result, summed in the walk
                    results[i] = sinks[i].buffer;
                }
            }
            if (first != null) {                 // an input listed twice gets the same gradient in each of its slots
                for (int i = 0; i < first.length; i++) {
                    if (first[i] == i || results[first[i]] == null) continue;
                    if (sinks != null) {
                        sinks[i].add(results[first[i]]);
                        results[i] = sinks[i].buffer;
                    } else {
                        results[i] = results[first[i]];
                    }
                }
            }
        } finally {
            for (Node n : order) n.pending = null;
            if (previous != null) FILTER.set(previous);
            else FILTER.remove();
        }
        return results;
    }

    private static Tensor[] call(Node node, Tensor gy) {
        if (node.freed) {
            throw new IllegalStateException("backward: the graph through '" + node.op + "' was already freed by an earlier "
                    + "backward; pass retainGraph=true the first time to run backward through it twice");
        }
        if (node.saved != null) {
            for (int i = 0; i < node.saved.length; i++) {
                Tensor s = node.saved[i];
                if (s.version.value != node.savedVersions[i]) {
                    throw new IllegalStateException("backward: a tensor of shape " + Shape.str(s.shape) + " saved by '"
                            + node.op + "' was modified in place after it was saved (version " + node.savedVersions[i]
                            + ", now " + s.version.value + "); clone it before changing it");
                }
            }
        }
        if (node.fn == null) throw new IllegalStateException("op '" + node.op + "' recorded no backward function");
        return node.fn.apply(gy);
    }

    private static void free(Node node) {
        node.fn = null;
        node.saved = null;
        node.freed = true;
    }

    private static void deliverToLeaf(Tensor leaf, Tensor g, Map<Object, Integer> wanted, Sink[] sinks, Tensor[] results,
                                      boolean createGraph) {
        if (wanted != null) {
            Integer slot = wanted.get(leaf);
            if (slot == null) return;
            if (sinks != null) {
                sinks[slot].add(g);
                results[slot] = sinks[slot].buffer;
            } else {
                results[slot] = accumulate(results[slot], g);
            }
            return;
        }
        if (!leaf.requiresGrad) return;
        Filter f = FILTER.get();
        Sink s = f != null && f.leafSinks != null ? f.leafSinks.get(leaf) : null;
        if (s != null && g == s.buffer) return;                              // written in place by a backward function
        leaf.accumulateGrad(g, createGraph);
    }

    private static Tensor accumulate(Tensor sum, Tensor g) {
        return sum == null ? g : Elementwise.add(sum, g);
    }

    /** Nodes reachable from the roots, each after all of its inputs (iterative depth-first post-order). */
    private static List<Node> topologicalOrder(Tensor[] roots) {
        long walk = WALKS.incrementAndGet();
        List<Node> order = new ArrayList<>();
        ArrayList<Node> stack = new ArrayList<>();
        ArrayList<Integer> next = new ArrayList<>();
        for (Tensor root : roots) {
            Node r = root.node;
            if (r == null || r.visit == walk) continue;
            r.visit = walk;
            stack.add(r);
            next.add(0);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                Node n = stack.get(top);
                int i = next.get(top);
                if (i < n.inputs.length) {
                    next.set(top, i + 1);
                    Tensor in = n.inputs[i];
                    if (in != null && in.node != null && in.node.visit != walk) {
                        in.node.visit = walk;
                        stack.add(in.node);
                        next.add(0);
                    }
                } else {
                    stack.remove(top);
                    next.remove(top);
                    order.add(n);
                }
            }
        }
        return order;
    }
}
