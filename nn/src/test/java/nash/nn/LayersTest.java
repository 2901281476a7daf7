package nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nash.core.Autograd;
import nash.core.GradCheck;
import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every layer gradient-checked to second order, with respect to its input and its parameters. */
class LayersTest {

    record Case(String name, Supplier<Module> make, int[] inputShape) {}

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("Linear", () -> new Linear(3, 2, new Rng(1)), new int[] {4, 3}));
        c.add(new Case("Linear 3-D input", () -> new Linear(3, 2, new Rng(1)), new int[] {2, 2, 3}));
        c.add(new Case("Conv2d s2 p1", () -> new Conv2d(2, 3, 3, 2, 1, new Rng(2)), new int[] {2, 2, 5, 5}));
        c.add(new Case("Conv2d dilated", () -> new Conv2d(1, 2, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 0}, new int[] {2, 1}, false, new Rng(2)),
                new int[] {1, 1, 5, 4}));
        c.add(new Case("ConvTranspose2d s2 p1", () -> new ConvTranspose2d(2, 3, 4, 2, 1, new Rng(3)), new int[] {2, 2, 3, 3}));
        c.add(new Case("ConvTranspose2d output padding", () -> new ConvTranspose2d(1, 2, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, true, new Rng(3)), new int[] {1, 1, 2, 3}));
        c.add(new Case("BatchNorm1d train", () -> withAffine(new BatchNorm1d(3)), new int[] {4, 3}));
        c.add(new Case("BatchNorm1d eval", () -> evalWithStats(new BatchNorm1d(3)), new int[] {4, 3}));
        c.add(new Case("BatchNorm2d train", () -> withAffine(new BatchNorm2d(2)), new int[] {2, 2, 2, 3}));
        c.add(new Case("LayerNorm", () -> withAffine(new LayerNorm(3, 2)), new int[] {2, 3, 2}));
        c.add(new Case("Upsample", () -> new Upsample(2), new int[] {1, 2, 2, 3}));
        c.add(new Case("SpectralNorm(Linear) eval", () -> new SpectralNorm(new Linear(3, 4, new Rng(4)), new Rng(5)).eval(), new int[] {2, 3}));
        c.add(new Case("SpectralNorm(Conv2d) eval", () -> new SpectralNorm(new Conv2d(2, 2, 3, 1, 1, new Rng(4)), new Rng(5)).eval(), new int[] {1, 2, 3, 3}));
        c.add(new Case("SpectralNorm(ConvTranspose2d) eval", () -> new SpectralNorm(new ConvTranspose2d(2, 3, 2, 2, 0, new Rng(4)), new Rng(5)).eval(),
                new int[] {1, 2, 2, 2}));
        c.add(new Case("activations", () -> new Sequential(new LeakyReLU(0.2), new Tanh(), new Sigmoid(), new Flatten(), new Unflatten(1, 2, 3)),
                new int[] {2, 6}));
        return c;
    }

    static Module withAffine(Module m) {
        // Non-trivial affine parameters, so their gradients are checked at a generic point.
        for (Tensor p : m.parameters()) p.copyFrom(Tensor.randn(new Rng(p.size() + 17), p.shape()).mul(0.5).add(1));
        return m;
    }

    static Module evalWithStats(BatchNorm bn) {
        withAffine(bn);
        bn.runningMean().copyFrom(Tensor.of(new double[] {0.1, -0.2, 0.3}));
        bn.runningVar().copyFrom(Tensor.of(new double[] {0.5, 1.5, 2.0}));
        return bn.eval();
    }

    @TestFactory
    Stream<DynamicTest> inputGradientsFirstAndSecondOrder() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Module m = c.make.get();
            Tensor x = Tensor.randn(new Rng(9), c.inputShape);
            GradCheck.check(in -> m.forward(in[0]), x);
            GradCheck.checkSecondOrder(in -> m.forward(in[0]), x);
        }));
    }

    @TestFactory
    Stream<DynamicTest> parameterGradientsMatchFiniteDifferences() {
        // The analytic parameter gradients (from backward) against central differences on the parameters.
        return cases().stream().filter(c -> !c.make.get().parameters().isEmpty()).map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Module m = c.make.get();
            Tensor x = Tensor.randn(new Rng(9), c.inputShape);
            Tensor y0 = m.forward(x);
            Tensor seed = Tensor.randn(new Rng(10), y0.shape());
            List<Tensor> ps = m.parameters();
            m.zeroGrad();
            m.forward(x).mul(seed).sum().backward();
            double h = 1e-6;
            for (Tensor p : ps) {
                double[] d = p.data();
                for (int i = 0; i < d.length; i++) {
                    double orig = d[i];
                    d[i] = orig + h;
                    double plus = m.forward(x).mul(seed).sum().item();
                    d[i] = orig - h;
                    double minus = m.forward(x).mul(seed).sum().item();
                    d[i] = orig;
                    double numeric = (plus - minus) / (2 * h), analytic = p.grad().data()[i];
                    assertEquals(numeric, analytic, 1e-5 + 1e-3 * Math.abs(numeric), c.name + " parameter element " + i);
                }
            }
        }));
    }

    @Test
    void batchNormTracksRunningStatisticsAsPyTorch() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor x = Tensor.of(new double[] {1, 10, 3, 20, 5, 30}, 3, 2);
        bn.forward(x);
        // batch mean [3, 20], unbiased var [4, 100]: running = 0.9·init + 0.1·batch
        assertArrayEquals(new double[] {0.3, 2.0}, bn.runningMean().toArray(), 1e-15);
        assertArrayEquals(new double[] {0.9 + 0.4, 0.9 + 10}, bn.runningVar().toArray(), 1e-14);
        assertEquals(1.0, bn.namedBuffers().get("num_batches_tracked").item());
        Tensor y = bn.forward(x);                                    // normalised with the biased variance
        assertEquals((1 - 3) / Math.sqrt(8.0 / 3 + 1e-5), y.get(0, 0), 1e-12);
    }

    @Test
    void spectralNormDividesByTheLargestSingularValue() {
        Linear lin = new Linear(2, 2, false, new Rng(1));
        lin.weight().copyFrom(Tensor.of(new double[] {3, 0, 0, 1}, 2, 2));    // σ_max = 3
        SpectralNorm sn = new SpectralNorm(lin, new Rng(2));
        for (int i = 0; i < 30; i++) sn.sigma();                             // power iterations converge
        assertEquals(3.0, sn.sigma().item(), 1e-9);
        Tensor y = sn.forward(Tensor.of(new double[] {1, 1}, 1, 2));
        assertArrayEquals(new double[] {1, 1.0 / 3}, y.toArray(), 1e-9);
        assertTrue(sn.stateDict().containsKey("weight_u") && sn.stateDict().containsKey("module.weight"));
    }

    @Test
    void spectralNormSurvivesTwoForwardsBeforeBackward() {
        // D(real) and D(fake) in one step both advance u; the first graph must still run backward.
        SpectralNorm sn = new SpectralNorm(new Linear(3, 1, new Rng(1)), new Rng(2));
        Tensor a = sn.forward(Tensor.randn(new Rng(3), 2, 3)).sum();
        Tensor b = sn.forward(Tensor.randn(new Rng(4), 2, 3)).sum();
        a.add(b).backward();
        assertTrue(sn.parameters().get(0).grad() != null);
    }

    @Test
    void spectralNormChecksItsSettings() {
        // eps = 0 on a zero weight normalises 0/0 into NaN u and v; eps < 0 makes the max() meaningless.
        for (double eps : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SpectralNorm(new Linear(2, 2, new Rng(1)), 1, eps, new Rng(2)));
            assertTrue(e.getMessage().startsWith("SpectralNorm: eps") && e.getMessage().contains(Double.toString(eps)), e.getMessage());
        }
        for (int it : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SpectralNorm(new Linear(2, 2, new Rng(1)), it, 1e-12, new Rng(2)));
            assertTrue(e.getMessage().startsWith("SpectralNorm: iterations") && e.getMessage().contains(Integer.toString(it)), e.getMessage());
        }
    }

    @Test
    void spectralNormOfAZeroWeightIsAClearErrorAndRecovers() {
        Linear lin = new Linear(3, 2, new Rng(1));
        double[] w = lin.weight().data(), saved = w.clone();
        SpectralNorm sn = new SpectralNorm(lin, new Rng(2));
        java.util.Arrays.fill(w, 0.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sn.forward(Tensor.ones(4, 3)));
        assertTrue(e.getMessage().startsWith("SpectralNorm: σ(W) = 0.0 for the weight [2, 3]"), e.getMessage());
        // the power iteration kept its vectors (a zero W·v would have zeroed them for good), so a non-zero weight works again
        System.arraycopy(saved, 0, w, 0, w.length);
        Tensor y = sn.forward(Tensor.ones(4, 3));
        for (double yi : y.toArray()) assertTrue(Double.isFinite(yi));
        assertTrue(sn.sigma().item() > 0);
    }

    @Test
    void dropoutIsSeededAndScaled() {
        Tensor x = Tensor.ones(1000);
        Tensor a = new Dropout(0.3, new Rng(5)).forward(x), b = new Dropout(0.3, new Rng(5)).forward(x);
        assertArrayEquals(a.toArray(), b.toArray());
        long zeros = java.util.Arrays.stream(a.toArray()).filter(v -> v == 0).count();
        assertTrue(zeros > 240 && zeros < 360, "zeros " + zeros);
        for (double v : a.toArray()) assertTrue(v == 0 || Math.abs(v - 1 / 0.7) < 1e-15);
        Dropout d = new Dropout(0.3, new Rng(5));
        d.eval();
        assertArrayEquals(x.toArray(), d.forward(x).toArray());
    }

    @Test
    void dropoutStreamsAreOwnAndRestorable() {
        Rng shared = new Rng(5);
        Sequential net = new Sequential(new Dropout(0.5, shared), new Linear(4, 4, shared), new Dropout(0.5, shared));
        Tensor x = Tensor.ones(2, 4);
        Tensor first = ((Dropout) net.children().get("0")).forward(x), other = ((Dropout) net.children().get("2")).forward(x);
        assertFalse(java.util.Arrays.equals(first.toArray(), other.toArray()), "two layers built from one generator draw different masks");

        java.util.Map<String, long[]> saved = net.randomStates();
        assertEquals(java.util.List.of("0", "2"), new java.util.ArrayList<>(saved.keySet()));
        Tensor next = net.forward(x);
        net.restoreRandomStates(saved);
        assertArrayEquals(next.toArray(), net.forward(x).toArray(), "after a restore the same masks again");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.restoreRandomStates(java.util.Map.of("0", saved.get("0"))));
        assertTrue(e.getMessage().contains("[0, 2]"), e.getMessage());
        assertTrue(new Linear(2, 2, shared).randomStates().isEmpty());

        java.util.Map<String, long[]> bad = new java.util.LinkedHashMap<>(net.randomStates());
        java.util.Map<String, long[]> before = net.randomStates();
        bad.put("0", new long[] {1, 2, 3, 4});   // a valid state, applied first ...
        bad.put("2", new long[4]);               // ... then one that is not (all zero), so all is rolled back
        assertThrows(IllegalArgumentException.class, () -> net.restoreRandomStates(bad));
        assertArrayEquals(before.get("0"), net.randomStates().get("0"), "a failed restore changes nothing");
        assertArrayEquals(before.get("2"), net.randomStates().get("2"));
    }

    @Test
    void upsampleRepeatsPixels() {
        Tensor y = new Upsample(2).forward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.toArray());
    }

    @Test
    void embeddingLooksUpRows() {
        Embedding e = new Embedding(3, 2, new Rng(1));
        Tensor y = e.forward(2, 0);
        assertArrayEquals(new double[] {e.weight().get(2, 0), e.weight().get(2, 1), e.weight().get(0, 0), e.weight().get(0, 1)}, y.toArray());
        Tensor g = Autograd.grad(e.forward(Tensor.of(new double[] {1, 1}, 2)).sum(), e.weight(), false);
        assertArrayEquals(new double[] {0, 0, 2, 2, 0, 0}, g.toArray());
    }
}
