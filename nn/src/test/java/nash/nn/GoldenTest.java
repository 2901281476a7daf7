package nash.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import nash.core.Rng;
import nash.core.Tensor;
import nash.nn.Golden.Case;
import nash.nn.Golden.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every layer against PyTorch (float64): the forward output, the input gradient and the parameter
 * gradients for a fixed upstream gradient, in training and evaluation mode, and the buffers after
 * the forward; and the initialisers' bounds, standard deviations, gains and fans. The fixtures and
 * what they hold are described in {@code nn/src/test/python/make_golden.py}; the tolerance is
 * {@link Golden#TOL}.
 */
class GoldenTest {

    static final String[] LAYER_FILES = {"linear", "conv2d", "conv_transpose2d", "batchnorm", "layernorm", "activations", "shapes", "spectral_norm"};

    /** Every layer of the nn package must have golden cases. */
    static final Set<String> LAYERS = Set.of("Linear", "Conv2d", "ConvTranspose2d", "BatchNorm1d", "BatchNorm2d", "LayerNorm", "Dropout",
            "Embedding", "ReLU", "LeakyReLU", "Tanh", "Sigmoid", "Flatten", "Unflatten", "Upsample", "SpectralNorm(Linear)",
            "SpectralNorm(Conv2d)", "SpectralNorm(ConvTranspose2d)");

    static final Map<String, Double> WORST = new ConcurrentHashMap<>();

    @AfterAll static void report() { Golden.report("GoldenTest", WORST); }

    // ------------------------------------------------------------------ layers

    @TestFactory Stream<DynamicTest> layers() {
        return Stream.of(LAYER_FILES).flatMap(f -> Golden.load(f).stream()).map(c -> DynamicTest.dynamicTest(c.name(), () -> checkLayer(c)));
    }

    @Test void everyLayerHasGoldenCases() {
        Set<String> covered = new TreeSet<>();
        for (String f : LAYER_FILES) for (Case c : Golden.load(f)) covered.add(group(c.config()));
        Set<String> missing = new TreeSet<>(LAYERS);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "layers without golden cases");
    }

    /** The name a case's errors are reported under: the layer, e.g. "SpectralNorm(Conv2d)". */
    static String group(Config c) {
        String layer = c.str("layer");
        return layer.equals("SpectralNorm") ? layer + "(" + c.str("inner") + ")" : layer;
    }

    /**
     * Loads the case's state into a Nash layer, runs forward and backward (once, or once per
     * mode of a sequence case), and compares everything.
     */
    static void checkLayer(Case c) {
        Config cfg = c.config();
        String group = group(cfg);
        Module m = build(cfg, new Rng(0));
        String[] modes = cfg.has("modes") ? cfg.str("modes").split(",") : new String[] {cfg.str("mode")};
        cfg.assertAllRead(c.name());
        m.loadStateDict(c.prefixed("state."), true);
        for (int i = 0; i < modes.length; i++) {
            String step = cfg.has("modes") ? i + "." : "";
            if (modes[i].equals("train")) m.train();
            else m.eval();
            m.zeroGrad();
            forwardBackward(c, step, m, group);
        }
    }

    private static void forwardBackward(Case c, String step, Module m, String group) {
        String name = c.name() + (step.isEmpty() ? "" : " step " + step.substring(0, step.length() - 1));
        Tensor x = c.t(step + "x").copy();
        boolean inputGrad = c.has(step + "gx");           // not for Embedding's indices
        if (inputGrad) x.requiresGrad(true);
        Tensor y = m.forward(x);
        Golden.assertClose(name + " y", c.t(step + "y"), y, group, WORST);

        y.backward(c.t(step + "gy"));
        if (inputGrad) Golden.assertClose(name + " gx", c.t(step + "gx"), x.grad(), group, WORST);
        Map<String, Tensor> grads = c.prefixed(step + "grad."), params = m.namedParameters();
        assertEquals(grads.keySet(), params.keySet(), name + ": parameters");
        grads.forEach((k, g) -> Golden.assertClose(name + " grad " + k, g, params.get(k).grad(), group, WORST));
        Map<String, Tensor> after = c.prefixed(step + "after."), buffers = m.namedBuffers();
        assertEquals(after.keySet(), buffers.keySet(), name + ": buffers");
        after.forEach((k, b) -> Golden.assertClose(name + " " + k + " after forward", b, buffers.get(k), group, WORST));
    }

    /** The Nash layer a configuration describes (its values are then loaded from the fixture). */
    static Module build(Config c, Rng rng) {
        switch (c.str("layer")) {
            case "Linear": return new Linear(c.i("in"), c.i("out"), c.bool("bias"), rng);
            case "Conv2d":
                return new Conv2d(c.i("in"), c.i("out"), c.ints("kernel"), c.ints("stride"), c.ints("padding"), c.ints("dilation"), c.bool("bias"), rng);
            case "ConvTranspose2d":
                return new ConvTranspose2d(c.i("in"), c.i("out"), c.ints("kernel"), c.ints("stride"), c.ints("padding"),
                        c.ints("output_padding"), c.ints("dilation"), c.bool("bias"), rng);
            case "BatchNorm1d": return new BatchNorm1d(c.i("channels"), c.d("eps"), momentum(c), c.bool("affine"), c.bool("track"));
            case "BatchNorm2d": return new BatchNorm2d(c.i("channels"), c.d("eps"), momentum(c), c.bool("affine"), c.bool("track"));
            case "LayerNorm": return new LayerNorm(c.ints("shape"), c.d("eps"), c.bool("affine"));
            case "ReLU": return new ReLU();
            case "LeakyReLU": return c.has("slope") ? new LeakyReLU(c.d("slope")) : new LeakyReLU();
            case "Tanh": return new Tanh();
            case "Sigmoid": return new Sigmoid();
            case "Flatten": return c.has("start") ? new Flatten(c.i("start")) : new Flatten();
            case "Unflatten": return new Unflatten(c.i("axis"), c.ints("sizes"));
            case "Upsample": return new Upsample(c.i("scale"));
            case "Dropout": return new Dropout(c.d("p"), rng);
            case "Embedding": return new Embedding(c.i("num"), c.i("dim"), rng);
            case "SpectralNorm": {
                int iterations = c.i("iterations");
                double eps = c.d("eps");
                Module inner = build(c.with("layer", c.str("inner")), rng);
                if (inner instanceof Linear l) return new SpectralNorm(l, iterations, eps, rng);
                if (inner instanceof Conv2d l) return new SpectralNorm(l, iterations, eps, rng);
                if (inner instanceof ConvTranspose2d l) return new SpectralNorm(l, iterations, eps, rng);
                return fail("SpectralNorm of " + inner);
            }
            default: return fail("no such layer: " + c);
        }
    }

    private static Double momentum(Config c) { return c.str("momentum").equals("none") ? null : c.d("momentum"); }

    // ------------------------------------------------------------------ initialisers

    /**
     * The random generators differ, so the initialisers are compared through the numbers torch
     * computed for them: Nash's sample must equal U(lo, hi) or N(mean, std²) drawn from the same
     * seed with torch's lo, hi, mean and std.
     */
    @TestFactory Stream<DynamicTest> initialisers() {
        return Golden.load("init").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> checkInit(c)));
    }

    static void checkInit(Case c) {
        Config cfg = c.config();
        String fn = cfg.str("fn");
        long seed = 7;
        switch (fn) {
            case "gain": {
                double g = Init.gain(cfg.str("nonlinearity"), cfg.d("slope"));
                Golden.assertClose(c.name(), c.t("value"), Tensor.scalar(g), "Init.gain", WORST);
                break;
            }
            case "fans": {
                int[] f = Init.fans(cfg.ints("shape"));
                Golden.assertClose(c.name(), c.t("value"), Tensor.of(new double[] {f[0], f[1]}), "Init.fans", WORST);
                break;
            }
            case "kaiming_uniform": case "kaiming_normal": {
                double a = cfg.d("a");
                Init.Mode mode = cfg.str("mode").equals("fan_in") ? Init.Mode.FAN_IN : Init.Mode.FAN_OUT;
                String nl = cfg.str("nonlinearity");
                int[] s = cfg.ints("shape");
                Tensor actual = fn.equals("kaiming_uniform") ? Init.kaimingUniform(new Rng(seed), a, mode, nl, s)
                        : Init.kaimingNormal(new Rng(seed), a, mode, nl, s);
                Golden.assertClose(c.name(), expectedSample(fn, c.t("value"), seed, s), actual, "Init." + fn, WORST);
                break;
            }
            case "xavier_uniform": case "xavier_normal": {
                double gain = cfg.d("gain");
                int[] s = cfg.ints("shape");
                Tensor actual = fn.equals("xavier_uniform") ? Init.xavierUniform(new Rng(seed), gain, s) : Init.xavierNormal(new Rng(seed), gain, s);
                Golden.assertClose(c.name(), expectedSample(fn, c.t("value"), seed, s), actual, "Init." + fn, WORST);
                break;
            }
            case "module": {
                // The layer draws its weight, then its bias, from one generator: replay the same draws with torch's bounds.
                Module m = build(cfg, new Rng(seed));
                Rng rng = new Rng(seed);
                for (Map.Entry<String, Tensor> p : m.namedParameters().entrySet()) {
                    Tensor v = c.t(p.getKey());
                    int[] s = p.getValue().shape();
                    Tensor expected = p.getKey().equals("weight") && cfg.str("layer").equals("Embedding")
                            ? Init.normal(rng, v.get(0), v.get(1), s) : Init.uniform(rng, v.get(0), v.get(1), s);
                    Golden.assertClose(c.name() + " " + p.getKey(), expected, p.getValue(), "Init (layer defaults)", WORST);
                }
                break;
            }
            case "state": {
                Map<String, Tensor> mine = build(cfg, new Rng(seed)).stateDict(), expected = c.prefixed("state.");
                assertEquals(expected.keySet(), mine.keySet(), c.name());
                expected.forEach((k, v) -> Golden.assertClose(c.name() + " " + k, v, mine.get(k), "Init (layer defaults)", WORST));
                break;
            }
            default: fail("unknown initialiser case " + cfg);
        }
        cfg.assertAllRead(c.name());
    }

    /** U(lo, hi) or N(mean, std²) from {@code seed}, with torch's {lo, hi} or {mean, std}. */
    private static Tensor expectedSample(String fn, Tensor torchArgs, long seed, int[] shape) {
        double a = torchArgs.get(0), b = torchArgs.get(1);
        assertTrue(fn.endsWith("_uniform") || fn.endsWith("_normal"), fn);
        return fn.endsWith("_uniform") ? Init.uniform(new Rng(seed), a, b, shape) : Init.normal(new Rng(seed), a, b, shape);
    }
}
