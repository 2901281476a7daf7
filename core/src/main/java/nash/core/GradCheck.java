package nash.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Gradient checking against central finite differences, in float64 (as PyTorch's gradcheck and
 * gradgradcheck): the whole Jacobian of every input is built both ways and compared entry by
 * entry, |analytic − numeric| ≤ atol + rtol·|numeric|.
 *
 * <pre>{@code
 * GradCheck.check(in -> in[0].tanh().mul(in[1]).sum(), x, y);            // first order
 * GradCheck.checkSecondOrder(in -> in[0].tanh().mul(in[1]).sum(), x, y); // the gradient's gradient
 * }</pre>
 * The inputs are copied; the function must be deterministic and may return any shape.
 */
public final class GradCheck {

    /** Defaults: step 1e-6, absolute tolerance 1e-5, relative tolerance 1e-3. */
    public static final Options DEFAULTS = new Options(1e-6, 1e-5, 1e-3);

    private GradCheck() {}

    /** Finite-difference step and tolerances. */
    public record Options(double eps, double atol, double rtol) {
        /** Checks eps &gt; 0, atol ≥ 0 and rtol ≥ 0, else throws {@code IllegalArgumentException}. */
        public Options {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("GradCheck options: eps > 0, atol ≥ 0, rtol ≥ 0 required, got " + eps + ", " + atol + ", " + rtol);
            }
        }
    }

    /** A Jacobian entry where the analytic and numeric derivatives disagree. */
    public static final class Failure extends AssertionError {
        private static final long serialVersionUID = 1L;

        Failure(String message) { super(message); }
    }

    /** Checks first derivatives with the default options. */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) { check(DEFAULTS, f, inputs); }

    /**
     * Checks the Jacobian of f at {@code inputs} against central differences.
     *
     * @throws Failure naming the input, the entry and both values at the first disagreement
     */
    public static void check(Options o, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = leaves(inputs);
        Tensor y = f.apply(leaves);
        double[][][] analytic = analytic(y, leaves);
        double[][][] numeric = numeric(o.eps(), f, inputs, y.size);
        compare("first-order", o, analytic, numeric, y.shape, inputs);
    }

    /** Checks second derivatives with the default options. */
    public static void checkSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) { checkSecondOrder(DEFAULTS, f, inputs); }

    /**
     * Checks the derivative of the gradient: with a fixed random cotangent v, the function
     * (inputs, v) ↦ vᵀ·∂f/∂inputs (computed with createGraph) is itself gradient-checked.
     */
    public static void checkSecondOrder(Options o, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor probe;
        try (GradMode scope = Autograd.noGrad()) {
            probe = f.apply(leaves(inputs));
        }
        Tensor v = Tensor.randn(new Rng(0x5EED), probe.shape);
        int k = inputs.length;
        Function<Tensor[], Tensor> g = in -> {
            Tensor[] xs = new Tensor[k];   // the numeric pass gives plain copies: make them leaves that require grad
            for (int i = 0; i < k; i++) xs[i] = in[i].requiresGrad() ? in[i] : in[i].detach().requiresGrad(true);
            Tensor y = f.apply(xs);
            if (!y.requiresGrad()) return Tensor.zeros(totalSize(xs));
            List<Tensor> gs = Autograd.grad(List.of(y), Arrays.asList(xs), List.of(in[k]), true, true);
            Tensor[] flat = new Tensor[k];
            for (int i = 0; i < k; i++) flat[i] = Movement.flatten(gs.get(i), 0);
            return Movement.concat(0, flat);
        };
        Tensor[] all = Arrays.copyOf(inputs, k + 1);
        all[k] = v;
        Tensor[] leaves = leaves(all);
        Tensor y = g.apply(leaves);
        double[][][] analytic = analytic(y, leaves);
        double[][][] numeric = numeric(o.eps(), g, all, y.size);
        compare("second-order", o, analytic, numeric, y.shape, all);
    }

    private static int totalSize(Tensor[] xs) {
        int n = 0;
        for (Tensor x : xs) n += x.size;
        return n;
    }

    private static Tensor[] leaves(Tensor[] inputs) {
        Tensor[] l = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) l[i] = inputs[i].copy().requiresGrad(true);
        return l;
    }

    /** J[input][outElem][inElem] by one backward pass per output element. */
    private static double[][][] analytic(Tensor y, Tensor[] leaves) {
        double[][][] j = new double[leaves.length][y.size][];
        for (int i = 0; i < leaves.length; i++) for (int r = 0; r < y.size; r++) j[i][r] = new double[leaves[i].size];
        if (!y.requiresGrad()) return j;
        List<Tensor> ins = Arrays.asList(leaves);
        for (int r = 0; r < y.size; r++) {
            Tensor seed = Tensor.zeros(y.shape);
            seed.data[r] = 1.0;
            List<Tensor> g = Autograd.grad(List.of(y), ins, List.of(seed), false, true);
            for (int i = 0; i < leaves.length; i++) System.arraycopy(g.get(i).data, 0, j[i][r], 0, leaves[i].size);
        }
        return j;
    }

    /** J[input][outElem][inElem] by central differences, two evaluations per input element. */
    private static double[][][] numeric(double eps, Function<Tensor[], Tensor> f, Tensor[] inputs, int outSize) {
        double[][][] j = new double[inputs.length][outSize][];
        // Grad mode stays on: the function may itself differentiate (a gradient penalty, a gradient of a gradient).
        try (GradMode scope = Autograd.enableGrad()) {
            Tensor[] xs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) xs[i] = inputs[i].copy().requiresGrad(true);   // as the analytic pass
            for (int i = 0; i < inputs.length; i++) {
                for (int r = 0; r < outSize; r++) j[i][r] = new double[xs[i].size];
                for (int e = 0; e < xs[i].size; e++) {
                    double orig = xs[i].data[e];
                    xs[i].data[e] = orig + eps;
                    double[] plus = f.apply(xs).data.clone(); // a clone: the output may share the input's array (reshape)
                    xs[i].data[e] = orig - eps;
                    double[] minus = f.apply(xs).data.clone();
                    xs[i].data[e] = orig;
                    if (plus.length != outSize) throw new IllegalStateException("gradcheck: the function's output size changed");
                    for (int r = 0; r < outSize; r++) j[i][r][e] = (plus[r] - minus[r]) / (2 * eps);
                }
            }
        }
        return j;
    }

    private static void compare(String what, Options o, double[][][] a, double[][][] n, int[] outShape, Tensor[] inputs) {
        List<String> bad = new ArrayList<>();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int r = 0; r < a[i].length; r++) {
                for (int e = 0; e < a[i][r].length; e++) {
                    double av = a[i][r][e], nv = n[i][r][e];
                    double err = Math.abs(av - nv);
                    if (!(err <= o.atol() + o.rtol() * Math.abs(nv))) {
                        worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
                        if (bad.size() < 5) {
                            bad.add("input " + i + " " + Shape.str(inputs[i].shape) + " element " + e + ", output element " + r
                                    + ": analytic " + av + ", numerical " + nv);
                        }
                    }
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new Failure("gradcheck (" + what + ", eps " + o.eps() + ", atol " + o.atol() + ", rtol " + o.rtol()
                    + ") failed for output " + Shape.str(outShape) + ", largest error " + worst + ":\n  " + String.join("\n  ", bad));
        }
    }
}
