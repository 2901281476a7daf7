package nash.nn.optim;

import java.util.ArrayList;
import java.util.Arrays;
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

    /** The parameters, in the order given (an unmodifiable copy of the list). */
    protected final List<Tensor> params;
    /** The learning rate, finite and ≥ 0. */
    protected double lr;
    private final Map<String, Tensor[]> slots = new LinkedHashMap<>();
    /** Steps taken by each parameter (a parameter without a gradient does not step). */
    protected final long[] steps;

    /** Checks that {@code params} is non-empty and holds distinct leaves that require grad, and that {@code lr} is finite and ≥ 0. */
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

    /** v, if finite and > 0; else an exception naming this optimizer and the setting (an eps of 0 makes 0/0). */
    protected final double positive(String setting, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting + " must be positive and finite, got " + v);
        }
        return v;
    }

    /** The learning rate. */
    public double lr() { return lr; }

    /** Sets the learning rate (finite and ≥ 0), e.g. for a schedule; it applies from the next step. */
    public void setLr(double lr) {
        checkLr(lr);
        this.lr = lr;
    }

    /** The parameters this optimizer updates, in order (unmodifiable). */
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

    /** Whether parameter i already has slot {@code name} (made by an earlier {@link #slot} call or loaded). */
    protected final boolean hasSlot(String name, int i) {
        Tensor[] s = slots.get(name);
        return s != null && s[i] != null;
    }

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
     * Restores a {@link #stateDict()} exactly. The whole dict is checked first: on any error
     * nothing changes. Parameters the dict does not mention start afresh (step 0, no slots).
     *
     * @throws IllegalArgumentException naming each bad key: one this optimizer does not keep
     *         ({@link #slotNames()}), a shape that does not match its parameter, a step that is not an
     *         integer ≥ 0, a NaN (it would reach the parameters at the next step), or a negative value in a mean of
     *         squares; ±∞, which an overflowing mean of squares reaches, loads as saved
     */
    public void loadStateDict(Map<String, Tensor> state) {
        String name = getClass().getSimpleName();
        List<String> problems = new ArrayList<>();
        double newLr = lr;
        long[] newSteps = new long[params.size()];
        Map<String, Tensor[]> newSlots = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String k = e.getKey();
            Tensor v = e.getValue();
            if (k.equals("lr")) {
                double x = v.size() == 1 ? v.item() : Double.NaN;
                if (!(x >= 0) || Double.isInfinite(x)) problems.add("lr must be one finite value ≥ 0, got " + describe(v));
                else newLr = x;
                continue;
            }
            String[] parts = k.split("\\.", 3);
            int i = parts.length == 3 && parts[0].equals("state") ? parseIndex(parts[1]) : -1;
            if (i < 0 || i >= params.size()) {
                problems.add("unexpected key " + k + " (" + params.size() + " parameters, state.0 to state." + (params.size() - 1) + ")");
            } else if (parts[2].equals("step")) {
                double x = v.size() == 1 ? v.item() : Double.NaN;
                // an integer a long holds exactly; a negative or fractional count would skew bias corrections
                if (!(x >= 0 && x <= 0x1p53 && x == Math.rint(x))) problems.add(k + " must be one integer ≥ 0, got " + describe(v));
                else newSteps[i] = (long) x;
            } else if (slotNames() != null && !slotNames().contains(parts[2])) {
                problems.add("unexpected key " + k + " (" + name + " keeps " + slotNames() + ")");
            } else if (!Arrays.equals(v.shape(), params.get(i).shape())) {
                problems.add(k + " has shape " + Arrays.toString(v.shape()) + ", parameter " + i + " has " + Arrays.toString(params.get(i).shape()));
            } else {
                String bad = badValue(parts[2], v.data());
                if (bad != null) problems.add(k + " holds " + bad);
                else newSlots.computeIfAbsent(parts[2], s -> new Tensor[params.size()])[i] = v.copy();
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(name + ".loadStateDict: " + String.join("; ", problems));
        lr = newLr;
        System.arraycopy(newSteps, 0, steps, 0, steps.length);
        slots.clear();
        slots.putAll(newSlots);
    }

    private static String describe(Tensor v) { return v.size() == 1 ? Double.toString(v.item()) : "shape " + Arrays.toString(v.shape()); }

    /** A description of the first value a slot must not hold (NaN; negative in a mean of squares), or null. */
    private String badValue(String slot, double[] d) {
        for (int j = 0; j < d.length; j++) {
            if (Double.isNaN(d[j])) return d[j] + " at " + j;
            if (d[j] < 0 && isMeanOfSquares(slot)) return "the negative " + d[j] + " at " + j + " (a mean of squares)";
        }
        return null;
    }

    /** The names of the slots {@link #update} may create; a state dict may hold no others. Null (the default, for
     *  optimizers written before the check): any name. */
    protected List<String> slotNames() { return null; }

    /** Whether a slot is a running mean of squared gradients, never negative (√ of it would be NaN). */
    protected boolean isMeanOfSquares(String slot) { return false; }

    private static int parseIndex(String s) {
        try {
            int i = Integer.parseInt(s);
            return Integer.toString(i).equals(s) ? i : -1;      // one spelling per index: not 01 or +1
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
