package nash.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nash.core.Tensor;

/**
 * A piece of a network: named parameters (leaves that require grad), named buffers (state that
 * is saved but not trained, such as batch-norm running statistics) and named child modules.
 *
 * <p>Everything is registered explicitly, by name, in the constructor; the dotted path of a name
 * is its state-dict key, as in PyTorch ({@code net.0.weight}). No reflection.
 */
public abstract class Module {

    /** eps, if finite and > 0; else an exception naming the layer (an eps of 0 makes 0/0 where a variance or norm is 0). */
    protected static double positiveEps(String layer, double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) throw new IllegalArgumentException(layer + ": eps must be positive and finite, got " + eps);
        return eps;
    }

    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    /** Stand-ins for this module's parameters while {@link #withParameters} runs (null: none). */
    private Map<Tensor, Tensor> substitutes;

    /** y = f(x). */
    public abstract Tensor forward(Tensor x);

    // ------------------------------------------------------------------ registration

    /** Registers a parameter: {@code init} becomes a leaf that requires grad. Returns it. */
    protected final Tensor param(String name, Tensor init) {
        checkName(name);
        if (!init.isLeaf()) throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name + "' must be a leaf tensor");
        init.requiresGrad(true);
        params.put(name, init);
        return init;
    }

    /** Registers a buffer: saved in the state dict, not trained. Returns it. */
    protected final Tensor buffer(String name, Tensor init) {
        checkName(name);
        buffers.put(name, init);
        return init;
    }

    /** Registers a child module under {@code name}. Returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' must be non-empty and contain no dot");
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is already registered");
        }
    }

    /**
     * The tensor forward should use for one of this module's parameters: the parameter itself, or
     * its stand-in inside {@link #withParameters}. Layers read every parameter through this.
     */
    public final Tensor use(Tensor param) {
        if (substitutes == null || param == null) return param;
        Tensor s = substitutes.get(param);
        return s != null ? s : param;
    }

    /**
     * Runs {@code body} with some parameters replaced by other tensors (by dotted name), e.g.
     * θ − η·∇θ still attached to the graph: how an unrolled GAN differentiates through the
     * discriminator's own updates. The parameters themselves are not modified.
     */
    public final <T> T withParameters(Map<String, Tensor> replacements, java.util.function.Supplier<T> body) {
        Map<Module, Map<Tensor, Tensor>> installed = new IdentityHashMap<>();
        for (Map.Entry<String, Tensor> e : replacements.entrySet()) {
            String name = e.getKey();
            Module owner = this;
            int dot;
            String rest = name;
            while ((dot = rest.indexOf('.')) >= 0) {
                owner = owner.children.get(rest.substring(0, dot));
                if (owner == null) throw new IllegalArgumentException("withParameters: no module on the path of '" + name + "'");
                rest = rest.substring(dot + 1);
            }
            Tensor p = owner.params.get(rest);
            if (p == null) throw new IllegalArgumentException("withParameters: no parameter '" + name + "'");
            if (!Arrays.equals(p.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("withParameters: '" + name + "' has shape " + Arrays.toString(p.shape())
                        + ", replacement " + Arrays.toString(e.getValue().shape()));
            }
            installed.computeIfAbsent(owner, m -> new IdentityHashMap<>()).put(p, e.getValue());
        }
        Map<Module, Map<Tensor, Tensor>> previous = new IdentityHashMap<>();
        for (Map.Entry<Module, Map<Tensor, Tensor>> e : installed.entrySet()) {
            previous.put(e.getKey(), e.getKey().substitutes);
            e.getKey().substitutes = e.getValue();
        }
        try {
            return body.get();
        } finally {
            for (Map.Entry<Module, Map<Tensor, Tensor>> e : previous.entrySet()) e.getKey().substitutes = e.getValue();
        }
    }

    // ------------------------------------------------------------------ traversal

    /** Parameters of this module and its descendants, in registration order, each once. */
    public final List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Parameters by dotted name, in registration order (a parameter shared twice is listed once). */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, new IdentityHashMap<>(), true);
        return out;
    }

    /** Buffers by dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, new IdentityHashMap<>(), false);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, Map<Tensor, Boolean> seen, boolean parameters) {
        for (Map.Entry<String, Tensor> e : (parameters ? params : buffers).entrySet()) {
            if (seen.put(e.getValue(), Boolean.TRUE) == null) out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> c : children.entrySet()) c.getValue().collect(prefix + c.getKey() + ".", out, seen, parameters);
    }

    /** Direct children by name. */
    public final Map<String, Module> children() { return Collections.unmodifiableMap(children); }

    /** This module and every descendant, depth first. */
    public final List<Module> modules() {
        List<Module> out = new ArrayList<>();
        out.add(this);
        for (Module c : children.values()) out.addAll(c.modules());
        return out;
    }

    // ------------------------------------------------------------------ random streams

    /** The state of this module's own random stream (Dropout's masks), or null when it draws none. */
    protected long[] randomState() { return null; }

    /** Puts this module's random stream back to a state {@link #randomState} returned. */
    protected void restoreRandomState(long[] state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no random stream");
    }

    /**
     * The state of every random stream in the tree, by dotted module name ("" for this module):
     * what a checkpoint needs besides the state dict to resume bit for bit. Not part of the state
     * dict, which stays PyTorch's (its Dropout has no state).
     */
    public final Map<String, long[]> randomStates() {
        Map<String, long[]> out = new LinkedHashMap<>();
        eachNamed("", (name, m) -> {
            long[] s = m.randomState();
            if (s != null) out.put(name, s);
        });
        return out;
    }

    /**
     * Restores what {@link #randomStates} returned.
     *
     * @throws IllegalArgumentException naming a module with a random stream that {@code states} lacks,
     *                                  a name that is not such a module, or a state a stream rejects;
     *                                  nothing is restored then
     */
    public final void restoreRandomStates(Map<String, long[]> states) {
        Map<String, long[]> now = randomStates();
        if (!now.keySet().equals(states.keySet())) {
            throw new IllegalArgumentException("restoreRandomStates into " + getClass().getSimpleName() + ": random streams "
                    + new TreeSet<>(now.keySet()) + ", given " + new TreeSet<>(states.keySet()));
        }
        try {
            eachNamed("", (name, m) -> {
                if (states.containsKey(name)) m.restoreRandomState(states.get(name));
            });
        } catch (RuntimeException e) {
            eachNamed("", (name, m) -> {
                if (now.containsKey(name)) m.restoreRandomState(now.get(name));
            });
            throw e;
        }
    }

    private void eachNamed(String name, java.util.function.BiConsumer<String, Module> visit) {
        visit.accept(name, this);
        for (Map.Entry<String, Module> c : children.entrySet()) c.getValue().eachNamed(name.isEmpty() ? c.getKey() : name + "." + c.getKey(), visit);
    }

    /** The number of trainable values. */
    public final long numParameters() {
        long n = 0;
        for (Tensor p : parameters()) n += p.size();
        return n;
    }

    // ------------------------------------------------------------------ modes and gradients

    /** Training mode (batch statistics, dropout on), recursively. Returns this. */
    public Module train() { return setTraining(true); }

    /** Evaluation mode (running statistics, dropout off), recursively. Returns this. */
    public Module eval() { return setTraining(false); }

    private Module setTraining(boolean on) {
        for (Module m : modules()) m.training = on;
        return this;
    }

    /** Whether this module is in training mode (the default), as set by {@link #train} and {@link #eval}. */
    public final boolean isTraining() { return training; }

    /**
     * Runs {@code body} with this module and every one below it in training mode ({@code training}) or evaluation
     * mode, then gives each its own mode back — also a submodule that was in another mode than this one (a frozen
     * BatchNorm kept in eval inside a training G).
     */
    public final <T> T withMode(boolean training, java.util.function.Supplier<T> body) {
        List<Module> all = modules();
        boolean[] was = new boolean[all.size()];
        for (int i = 0; i < was.length; i++) was[i] = all.get(i).training;
        setTraining(training);
        try {
            return body.get();
        } finally {
            for (int i = 0; i < was.length; i++) all.get(i).training = was[i];
        }
    }

    /** Forgets the gradients of every parameter. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    // ------------------------------------------------------------------ state dict

    /**
     * Parameters then buffers by dotted name: the tensors themselves (detached views sharing the
     * arrays), ready for {@code Safetensors.save}. A module or tensor reached by two paths (one layer used twice in a
     * Sequential) appears once, under its first path: PyTorch's state_dict lists every path, so such a net's
     * PyTorch dict has keys this one does not (and a strict load of it here names them as unexpected).
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((k, v) -> out.put(k, v.detach()));
        out.putAll(namedBuffers());
        return out;
    }

    /**
     * Copies values into the parameters and buffers, in place.
     *
     * @param strict when true, a missing or unexpected key is an error; a wrong shape always is
     * @throws IllegalArgumentException naming every missing, unexpected or wrongly shaped key; in
     *                                  that case nothing has been copied
     */
    public final void loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = new LinkedHashMap<>(namedParameters());
        own.putAll(namedBuffers());
        Set<String> missing = new TreeSet<>(), unexpected = new TreeSet<>();
        List<String> wrongShape = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor mine = own.get(e.getKey());
            if (mine == null) unexpected.add(e.getKey());
            else if (!Arrays.equals(mine.shape(), e.getValue().shape())) {
                wrongShape.add(e.getKey() + " (expected " + Arrays.toString(mine.shape()) + ", got " + Arrays.toString(e.getValue().shape()) + ")");
            }
        }
        List<String> problems = new ArrayList<>();
        if (!wrongShape.isEmpty()) problems.add("wrong shape: " + String.join(", ", wrongShape));
        if (strict && !missing.isEmpty()) problems.add("missing: " + missing);
        if (strict && !unexpected.isEmpty()) problems.add("unexpected: " + unexpected);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": " + String.join("; ", problems));
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor mine = own.get(e.getKey());
            if (mine != null) mine.copyFrom(e.getValue());
        }
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName());
        if (!children.isEmpty()) {
            sb.append("(\n");
            for (Map.Entry<String, Module> c : children.entrySet()) {
                sb.append("  (").append(c.getKey()).append("): ").append(c.getValue().toString().replace("\n", "\n  ")).append('\n');
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
