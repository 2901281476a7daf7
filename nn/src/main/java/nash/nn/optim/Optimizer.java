package nash.nn.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nash.core.Reduce;
import nash.core.Tensor;

/**
 * Updates parameters in place from their gradients. Each optimizer has its own learning rate, so
 * the two players of a GAN can use two rates. Per-parameter state (moments, step counts) lives in
 * named slots and round-trips exactly through {@link #stateDict()} / {@link #loadStateDict}.
 */
public abstract class Optimizer {

    protected final List<Tensor> params;
    protected double lr;
    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();
    /** Steps taken by each parameter (a parameter without a gradient does not step). */
    protected final long[] steps;

    protected Optimizer(List<Tensor> params, double lr) {
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimize");
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor p : params) {
            if (!p.requiresGrad() || !p.isLeaf()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameters must be leaves that require grad");
            }
            if (seen.put(p, Boolean.TRUE) != null) throw new IllegalArgumentException(getClass().getSimpleName() + ": a parameter is listed twice");
        }
        checkLr(lr);
        this.params = List.copyOf(params);
        this.lr = lr;
        this.steps = new long[params.size()];
    }

    private void checkLr(double lr) { nonNegative("learning rate", lr); }

    /** v, if finite and ≥ 0 (NaN is not); else an exception naming this optimizer and the setting. */
    protected final double nonNegative(String setting, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting + " must be finite and ≥ 0, got " + v);
        }
        return v;
    }

    public double lr() { return lr; }

    public void setLr(double lr) {
        checkLr(lr);
        this.lr = lr;
    }

    public List<Tensor> params() { return params; }

    /** Forgets every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        checkSettings();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) continue;
            steps[i]++;
            update(i, p.data(), g.data(), steps[i]);
            p.markModified();
        }
    }

    /**
     * Updates parameter i in place.
     *
     * @param p the parameter's values (modified)
     * @param g its gradient (not modified)
     * @param t the parameter's step count, from 1
     */
    protected abstract void update(int i, double[] p, double[] g, long t);

    /** Checks settings that only make sense together, before a step changes anything. */
    protected void checkSettings() {}

    /** The slot {@code name} of parameter i (zeros on first use). */
    protected final double[] slot(String name, int i) {
        Tensor[] s = slots.computeIfAbsent(name, k -> new Tensor[params.size()]);
        if (s[i] == null) s[i] = Tensor.zeros(params.get(i).shape());
        return s[i].data();
    }

    /** lr, each parameter's step count and every slot: {@code lr}, {@code state.i.step}, {@code state.i.<slot>}. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr));
        for (int i = 0; i < params.size(); i++) {
            out.put("state." + i + ".step", Tensor.scalar(steps[i]));
            for (Map.Entry<String, Tensor[]> e : slots.entrySet()) {
                if (e.getValue()[i] != null) out.put("state." + i + "." + e.getKey(), e.getValue()[i].copy());
            }
        }
        return out;
    }

    /**
     * Restores a {@link #stateDict()} exactly.
     *
     * @throws IllegalArgumentException on a key this optimizer does not have or a shape that does not match
     */
    public void loadStateDict(Map<String, Tensor> state) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String k = e.getKey();
            if (k.equals("lr")) continue;
            String[] parts = k.split("\\.", 3);
            int i = parts.length == 3 && parts[0].equals("state") ? parseIndex(parts[1]) : -1;
            if (i < 0 || i >= params.size()) {
                problems.add("unexpected key " + k);
            } else if (!parts[2].equals("step") && !java.util.Arrays.equals(e.getValue().shape(), params.get(i).shape())) {
                problems.add(k + " has shape " + java.util.Arrays.toString(e.getValue().shape()) + ", parameter " + i + " has "
                        + java.util.Arrays.toString(params.get(i).shape()));
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: " + String.join("; ", problems));
        if (state.containsKey("lr")) setLr(state.get("lr").item());
        slots.clear();
        java.util.Arrays.fill(steps, 0);
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (e.getKey().equals("lr")) continue;
            String[] parts = e.getKey().split("\\.", 3);
            int i = parseIndex(parts[1]);
            if (parts[2].equals("step")) steps[i] = (long) e.getValue().item();
            else slots.computeIfAbsent(parts[2], k -> new Tensor[params.size()])[i] = e.getValue().copy();
        }
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Scales the gradients so their joint Euclidean norm is at most maxNorm (as PyTorch's
     * clip_grad_norm_: factor maxNorm / (norm + 1e-6) when below 1). Returns the norm before clipping.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGradNorm: maxNorm must be positive, got " + maxNorm);
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) if (p.grad() != null) grads.add(p.grad());
        double norm = Reduce.l2Norm(grads);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Tensor p : params) {
                if (p.grad() == null) continue;
                p.setGrad(p.grad().mul(coef));
            }
        }
        return norm;
    }
}
