package nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class ModuleTest {

    static Sequential net(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(4, 3, rng), new BatchNorm1d(3), new LeakyReLU(0.2), new Linear(3, 1, false, rng));
    }

    @Test
    void namesAreDottedPathsInRegistrationOrder() {
        Sequential n = net(1);
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight"), List.copyOf(n.namedParameters().keySet()));
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"), List.copyOf(n.namedBuffers().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "1.running_mean", "1.running_var",
                "1.num_batches_tracked"), List.copyOf(n.stateDict().keySet()));
        assertEquals(4 * 3 + 3 + 3 + 3 + 3, n.numParameters());
        for (Tensor p : n.parameters()) assertTrue(p.requiresGrad() && p.isLeaf());
    }

    @Test
    void stateDictRoundTripsIntoAFreshModule() {
        Sequential a = net(1), b = net(2);
        a.train().forward(Tensor.randn(new Rng(3), 5, 4));          // moves the running statistics
        b.loadStateDict(a.stateDict(), true);
        Tensor x = Tensor.randn(new Rng(4), 2, 4);
        assertArrayEquals(a.eval().forward(x).toArray(), b.eval().forward(x).toArray());
    }

    @Test
    void strictLoadNamesMissingUnexpectedAndMisshapenKeys() {
        Sequential n = net(1);
        Map<String, Tensor> sd = new LinkedHashMap<>(n.stateDict());
        sd.remove("0.bias");
        sd.put("9.weight", Tensor.zeros(1));
        sd.put("3.weight", Tensor.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.loadStateDict(sd, true));
        assertTrue(e.getMessage().contains("missing: [0.bias]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected: [9.weight]"), e.getMessage());
        assertTrue(e.getMessage().contains("3.weight (expected [1, 3], got [2, 3])"), e.getMessage());
        sd.put("3.weight", Tensor.full(0.5, 1, 3));
        n.loadStateDict(sd, false);                                  // non-strict: missing and unexpected are fine
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, n.namedParameters().get("3.weight").toArray());
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential n = net(1);
        n.eval();
        for (Module m : n.modules()) assertFalse(m.isTraining());
        n.train();
        for (Module m : n.modules()) assertTrue(m.isTraining());
    }

    @Test
    void zeroGradForgetsGradients() {
        Sequential n = net(1);
        n.forward(Tensor.randn(new Rng(2), 3, 4)).sum().backward();
        assertTrue(n.parameters().stream().allMatch(p -> p.grad() != null));
        n.zeroGrad();
        for (Tensor p : n.parameters()) assertNull(p.grad());
    }

    @Test
    void badRegistrationsAreRejected() {
        class Bad extends Module {
            Bad(String name) { param(name, Tensor.zeros(1)); param("w", Tensor.zeros(1)); }
            @Override public Tensor forward(Tensor x) { return x; }
        }
        assertThrows(IllegalArgumentException.class, () -> new Bad("w"));
        assertThrows(IllegalArgumentException.class, () -> new Bad("a.b"));
    }

    @Test
    void layersRejectWrongInputsClearly() {
        Rng rng = new Rng(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Linear(4, 2, rng).forward(Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("Linear(4 → 2)") && e.getMessage().contains("[3, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 4, 2, 2)));
        assertTrue(e.getMessage().contains("BatchNorm2d(3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.zeros(1, 3)));
        assertTrue(e.getMessage().contains("more than 1 value per channel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 2, rng).forward(Tensor.of(new double[] {1, 5})));
        assertTrue(e.getMessage().contains("index 5.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 3, 3).forward(Tensor.zeros(2, 10)));
        // one −1 is inferred, as PyTorch (was: refused); other sizes below 1 are refused when built (were: at reshape)
        assertArrayEquals(new int[] {3, 2, 4}, new Unflatten(1, -1, 4).forward(Tensor.zeros(3, 8)).shape());
        assertArrayEquals(new int[] {3, 2, 4}, new Unflatten(-1, 2, -1).forward(Tensor.zeros(3, 8)).shape());
        var bad = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, -1, 3).forward(Tensor.zeros(3, 8)));
        assertTrue(bad.getMessage().contains("has 8 elements, not [-1, 3]"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, -2, -4));
        assertTrue(bad.getMessage().contains("Unflatten: sizes must be ≥ 1 (or one −1), got [-2, -4]"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, -1, -1));
        assertTrue(bad.getMessage().contains("at most one −1"), bad.getMessage());
    }

    @Test
    void convolutionsCheckTheirGeometryWhenBuilt() {
        Rng rng = new Rng(1);
        int[] one = {1, 1}, zero = {0, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(1, 1, new int[] {3}, one, zero, one, true, rng));
        assertTrue(e.getMessage().startsWith("Conv2d: kernel") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 3, 0, 0, rng));
        assertTrue(e.getMessage().startsWith("Conv2d: stride") && e.getMessage().contains("[0, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 0, 1, 0, rng));
        assertTrue(e.getMessage().startsWith("Conv2d: kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 3, 1, -1, rng));
        assertTrue(e.getMessage().startsWith("Conv2d: padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, new int[] {3, 3}, one, zero, new int[] {1, 0}, true, rng));
        assertTrue(e.getMessage().startsWith("Conv2d: dilation") && e.getMessage().contains("[1, 0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 1, 3, 1, 0, rng));

        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(1, 1, new int[] {3}, one, zero, zero, one, true, rng));
        assertTrue(e.getMessage().startsWith("ConvTranspose2d: kernel") && e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(1, 1, 3, 0, 0, rng));
        assertTrue(e.getMessage().startsWith("ConvTranspose2d: stride"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(1, 1, new int[] {3, 3}, new int[] {2, 2}, zero, new int[] {2, 0}, one, true, rng));
        assertTrue(e.getMessage().startsWith("ConvTranspose2d: output padding") && e.getMessage().contains("[2, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(1, 1, new int[] {3, 3}, new int[] {2, 2}, zero, new int[] {-1, 0}, one, true, rng));
        assertTrue(e.getMessage().startsWith("ConvTranspose2d: output padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(1, 1, new int[] {3, 3}, one, zero, new int[] {0}, one, true, rng));
        assertTrue(e.getMessage().startsWith("ConvTranspose2d: output padding"), e.getMessage());
        new ConvTranspose2d(1, 1, new int[] {3, 3}, new int[] {1, 1}, zero, new int[] {1, 1}, new int[] {2, 2}, true, rng);  // < dilation is enough
    }

    @Test
    void normalisationNeedsAPositiveFiniteEps() {
        // eps = 0 on a constant row is 0/0: every output NaN, with no error.
        for (double eps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[] {3}, eps, true));
            assertTrue(e.getMessage().startsWith("LayerNorm: eps") && e.getMessage().contains(Double.toString(eps)), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3, eps, 0.1, true, true));
            assertTrue(e.getMessage().startsWith("BatchNorm2d: eps") && e.getMessage().contains(Double.toString(eps)), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(2, 0));
        assertTrue(e.getMessage().startsWith("LayerNorm: normalized shape") && e.getMessage().contains("[2, 0]"), e.getMessage());
        Tensor y = new LayerNorm(3).forward(Tensor.full(2.0, 2, 3));
        assertArrayEquals(new double[6], y.toArray());
    }

    @Test
    void withModeGivesEachModuleItsOwnModeBack() {
        // sample() and the classifier's batches used eval() then train(): a BatchNorm frozen in eval inside a training
        // network came back training, and its running statistics moved on the next batch
        Rng rng = new Rng(1);
        BatchNorm1d bn = new BatchNorm1d(3);
        Sequential net = new Sequential(new Linear(2, 3, rng), bn, new Dropout(0.5, rng));
        bn.eval();
        assertEquals(Boolean.TRUE, net.withMode(false, () -> !net.isTraining() && !bn.isTraining()));
        assertTrue(net.isTraining());
        assertFalse(bn.isTraining());
        assertEquals(Boolean.TRUE, net.withMode(true, () -> bn.isTraining()));
        assertFalse(bn.isTraining());
        assertThrows(IllegalStateException.class, () -> net.withMode(true, () -> { throw new IllegalStateException(); }));
        assertTrue(net.isTraining());
        assertFalse(bn.isTraining(), "restored when the body throws too");
    }
}
