package nash.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OptimizerTest {

    @Test
    void sgdWithMomentumByHand() {
        Tensor p = Tensor.of(new double[] {1.0}).requiresGrad(true);
        Sgd opt = new Sgd(List.of(p), 0.1).momentum(0.9);
        p.setGrad(Tensor.of(new double[] {2.0}));
        opt.step();                                              // b = 2, p = 1 − 0.2
        assertEquals(0.8, p.item(), 1e-15);
        p.setGrad(Tensor.of(new double[] {1.0}));
        opt.step();                                              // b = 0.9·2 + 1 = 2.8, p = 0.8 − 0.28
        assertEquals(0.52, p.item(), 1e-15);
    }

    @Test
    void sgdMomentumBufferStartsAsTheGradientWhenItIsNew() {
        // As PyTorch: b = g when the parameter has no buffer yet, whatever its step count. Momentum switched on at
        // step 3, or a state dict with a step count but no buffer, must not start from b = (1 − dampening)·g.
        Tensor p = Tensor.of(new double[] {1.0}).requiresGrad(true);
        Sgd opt = new Sgd(List.of(p), 0.1);
        for (int i = 0; i < 2; i++) {
            p.setGrad(Tensor.of(new double[] {1.0}));
            opt.step();                                          // p = 1 − 0.1 − 0.1
        }
        opt.momentum(0.9).dampening(0.5);
        p.setGrad(Tensor.of(new double[] {2.0}));
        opt.step();                                              // b = 2 (not 0.5·2), p = 0.8 − 0.2
        assertEquals(0.6, p.item(), 1e-15);
        p.setGrad(Tensor.of(new double[] {2.0}));
        opt.step();                                              // b = 0.9·2 + 0.5·2 = 2.8, p = 0.6 − 0.28
        assertEquals(0.32, p.item(), 1e-15);

        Tensor q = Tensor.of(new double[] {1.0}).requiresGrad(true);
        Sgd loaded = new Sgd(List.of(q), 0.1).momentum(0.9).dampening(0.5);
        loaded.loadStateDict(java.util.Map.of("lr", Tensor.scalar(0.1), "state.0.step", Tensor.scalar(5)));
        q.setGrad(Tensor.of(new double[] {2.0}));
        loaded.step();                                           // no buffer in the dict: b = 2, q = 1 − 0.2
        assertEquals(0.8, q.item(), 1e-15);
    }

    @Test
    void nesterovAndWeightDecayByHand() {
        Tensor p = Tensor.of(new double[] {1.0}).requiresGrad(true);
        Sgd opt = new Sgd(List.of(p), 0.1).momentum(0.5).nesterov(true).weightDecay(0.1);
        p.setGrad(Tensor.of(new double[] {1.0}));
        opt.step();                                              // d = 1.1, b = 1.1, step d + 0.5·b = 1.65
        assertEquals(1 - 0.165, p.item(), 1e-15);
    }

    @Test
    void adamFirstStepMovesByLr() {
        // With bias correction the first Adam step is lr·g/(|g| + eps·…) ≈ lr·sign(g).
        Tensor p = Tensor.of(new double[] {1.0, -1.0}).requiresGrad(true);
        Adam opt = new Adam(List.of(p), 0.01);
        p.setGrad(Tensor.of(new double[] {3.0, -0.5}));
        opt.step();
        assertEquals(0.99, p.get(0), 1e-9);
        assertEquals(-0.99, p.get(1), 1e-9);
    }

    @Test
    void adamWDecaysDecoupled() {
        Tensor p = Tensor.of(new double[] {2.0}).requiresGrad(true);
        AdamW opt = new AdamW(List.of(p), 0.1);
        p.setGrad(Tensor.of(new double[] {0.0}));
        opt.step();                                              // zero gradient: only p·(1 − lr·wd)
        assertEquals(2.0 * (1 - 0.1 * 0.01), p.item(), 1e-15);
    }

    @Test
    void rmspropByHand() {
        Tensor p = Tensor.of(new double[] {1.0}).requiresGrad(true);
        RmsProp opt = new RmsProp(List.of(p), 0.01);
        p.setGrad(Tensor.of(new double[] {2.0}));
        opt.step();                                              // s = 0.01·4, p −= 0.01·2/(√0.04 + 1e-8)
        assertEquals(1 - 0.01 * 2 / (0.2 + 1e-8), p.item(), 1e-15);
    }

    /** Runs n steps of minimising Σ (p − 3)² from a fixed start. */
    static void train(Optimizer opt, Tensor p, int n) {
        for (int i = 0; i < n; i++) {
            opt.zeroGrad();
            p.sub(3).square().sum().backward();
            opt.step();
        }
    }

    @Test
    void stateDictResumesBitForBit() {
        List<Function<Tensor, Optimizer>> makers = List.of(
                p -> new Adam(List.of(p), 0.05).betas(0.5, 0.999),
                p -> new AdamW(List.of(p), 0.05),
                p -> new Sgd(List.of(p), 0.01).momentum(0.9).nesterov(true),
                p -> new RmsProp(List.of(p), 0.01).momentum(0.5).centered(true));
        for (Function<Tensor, Optimizer> make : makers) {
            Tensor a = Tensor.randn(new Rng(1), 5).requiresGrad(true);
            Optimizer straight = make.apply(a);
            train(straight, a, 20);

            Tensor b = Tensor.randn(new Rng(1), 5).requiresGrad(true);
            Optimizer first = make.apply(b);
            train(first, b, 10);
            Map<String, Tensor> saved = first.stateDict();
            Tensor c = b.copy().requiresGrad(true);
            Optimizer resumed = make.apply(c);
            resumed.loadStateDict(saved);
            train(resumed, c, 10);
            assertArrayEquals(a.toArray(), c.toArray(), straight.getClass().getSimpleName());
        }
    }

    @Test
    void badStateIsRejected() {
        Tensor p = Tensor.zeros(3).requiresGrad(true);
        Adam opt = new Adam(List.of(p), 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.loadStateDict(Map.of("state.0.exp_avg", Tensor.zeros(4))));
        assertTrue(e.getMessage().contains("state.0.exp_avg"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(Map.of("state.7.step", Tensor.scalar(1))));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(Tensor.zeros(2)), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), -1));
    }

    @Test
    void clipGradNormScalesToTheLimit() {
        Tensor a = Tensor.zeros(2).requiresGrad(true), b = Tensor.zeros(1).requiresGrad(true);
        a.setGrad(Tensor.of(new double[] {3, 0}));
        b.setGrad(Tensor.of(new double[] {4}));
        double norm = Optimizer.clipGradNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-15);
        assertEquals(3.0 / (5 + 1e-6), a.grad().get(0), 1e-15);
        assertEquals(4.0 / (5 + 1e-6), b.grad().get(0), 1e-15);
    }

    @Test
    void adamNeedsAPositiveEps() {
        // eps = 0 with a zero gradient: m / (√v + eps) = 0/0, and the parameters turn NaN.
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        for (double eps : new double[] {0, -1e-8, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1).eps(eps));
            assertTrue(e.getMessage().startsWith("Adam: eps") && e.getMessage().contains(Double.toString(eps)), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(p), 0.1).eps(0));
        assertTrue(e.getMessage().startsWith("AdamW: eps"), e.getMessage());
    }

    @Test
    void settersRejectValuesThatWouldSpoilTheParameters() {
        // Each of these was accepted, and some turned the parameters NaN (RmsProp eps 0 or alpha 2,
        // Sgd dampening NaN at step 2) or were ignored (RmsProp momentum NaN).
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        List<Object[]> bad = new ArrayList<>();                     // {optimizer, setting, value, call}
        for (double v : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
            bad.add(new Object[] {"Sgd", "learning rate", v, (Executable) () -> new Sgd(List.of(p), 0.1).setLr(v)});
            bad.add(new Object[] {"Sgd", "momentum", v, (Executable) () -> new Sgd(List.of(p), 0.1).momentum(v)});
            bad.add(new Object[] {"Sgd", "weight decay", v, (Executable) () -> new Sgd(List.of(p), 0.1).weightDecay(v)});
            bad.add(new Object[] {"Adam", "weight decay", v, (Executable) () -> new Adam(List.of(p), 0.1).weightDecay(v)});
            bad.add(new Object[] {"AdamW", "weight decay", v, (Executable) () -> new AdamW(List.of(p), 0.1).weightDecay(v)});
            bad.add(new Object[] {"RmsProp", "eps", v, (Executable) () -> new RmsProp(List.of(p), 0.1).eps(v)});
            bad.add(new Object[] {"RmsProp", "momentum", v, (Executable) () -> new RmsProp(List.of(p), 0.1).momentum(v)});
            bad.add(new Object[] {"RmsProp", "weight decay", v, (Executable) () -> new RmsProp(List.of(p), 0.1).weightDecay(v)});
        }
        for (double v : new double[] {Double.NaN, -5, 1.5}) {
            bad.add(new Object[] {"Sgd", "dampening", v, (Executable) () -> new Sgd(List.of(p), 0.1).dampening(v)});
        }
        for (double v : new double[] {Double.NaN, -0.1, 1, 2}) {
            bad.add(new Object[] {"RmsProp", "alpha", v, (Executable) () -> new RmsProp(List.of(p), 0.1).alpha(v)});
        }
        bad.add(new Object[] {"RmsProp", "eps", 0.0, (Executable) () -> new RmsProp(List.of(p), 0.1).eps(0)});
        bad.add(new Object[] {"Adam", "betas", Double.NaN, (Executable) () -> new Adam(List.of(p), 0.1).betas(Double.NaN, 0.999)});
        for (Object[] b : bad) {
            String what = b[0] + ": " + b[1] + " " + b[2];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, (Executable) b[3], what);
            assertTrue(e.getMessage().startsWith(b[0] + ": " + b[1]) && e.getMessage().contains(b[2].toString()), what + " → " + e.getMessage());
        }

        // A rejected value leaves the setting as it was: a zero gradient still moves nothing.
        RmsProp rms = new RmsProp(List.of(p), 0.1);
        assertThrows(IllegalArgumentException.class, () -> rms.eps(0));
        p.setGrad(Tensor.zeros(2));
        rms.step();
        assertArrayEquals(new double[] {0, 0}, p.toArray());
        new Sgd(List.of(p), 0.1).dampening(1).momentum(2);           // the ends of the ranges are fine
        new RmsProp(List.of(p), 0.1).alpha(0);
    }

    @Test
    void nesterovWithoutPlainMomentumFailsBeforeAnythingChanges() {
        Tensor p = Tensor.ones(2).requiresGrad(true);
        for (Sgd opt : List.of(new Sgd(List.of(p), 0.1).nesterov(true), new Sgd(List.of(p), 0.1).momentum(0.9).dampening(0.5).nesterov(true))) {
            p.setGrad(Tensor.ones(2));
            IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
            assertTrue(e.getMessage().startsWith("Sgd: Nesterov"), e.getMessage());
            assertEquals(0.0, opt.stateDict().get("state.0.step").item(), "the step was not counted");
            assertArrayEquals(new double[] {1, 1}, p.toArray());
        }
    }

    /** An Adam after one step on a parameter [3], and a copy of its state dict to vary. */
    static Adam steppedAdam(Tensor p) {
        Adam opt = new Adam(List.of(p), 0.1);
        p.setGrad(Tensor.of(new double[] {1, -2, 3}));
        opt.step();
        return opt;
    }

    @Test
    void aBadStateDictIsRejectedWholeAndChangesNothing() {
        Tensor p = Tensor.zeros(3).requiresGrad(true);
        Adam opt = steppedAdam(p);
        Map<String, Tensor> before = opt.stateDict();
        Tensor r = Tensor.zeros(3).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(r), 0.1).momentum(0.9);
        r.setGrad(Tensor.ones(3));
        sgd.step();
        Map<String, Tensor> sgdState = sgd.stateDict();
        Object[][] cases = {
            {"state.0.step", Tensor.of(new double[] {1, 1}), "state.0.step"},
            {"state.0.step", Tensor.scalar(-1), "state.0.step"},
            {"state.0.step", Tensor.scalar(1.5), "state.0.step"},
            {"state.0.step", Tensor.scalar(Double.NaN), "state.0.step"},
            {"state.0.bogus", Tensor.zeros(3), "state.0.bogus"},
            {"state.0.momentum_buffer", Tensor.zeros(3), "state.0.momentum_buffer"},
            {"state.0.exp_avg_sq", Tensor.of(new double[] {1, -1, 1}), "state.0.exp_avg_sq"},
            {"state.0.exp_avg", Tensor.of(new double[] {0, Double.NaN, 0}), "state.0.exp_avg"},
            {"state.0.exp_avg_sq", Tensor.of(new double[] {0, Double.NEGATIVE_INFINITY, 0}), "state.0.exp_avg_sq"},
            {"state.01.step", Tensor.scalar(1), "state.01.step"},
            {"lr", Tensor.scalar(Double.NaN), "lr"},
            {"lr", Tensor.zeros(2), "lr"},
        };
        for (Object[] c : cases) {
            Map<String, Tensor> sd = new LinkedHashMap<>(opt.stateDict());
            sd.put((String) c[0], (Tensor) c[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(sd), c[0] + " = " + c[1]);
            assertTrue(e.getMessage().startsWith("Adam.loadStateDict: ") && e.getMessage().contains((String) c[2]), e.getMessage());
            assertStateEquals(before, opt.stateDict());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1).loadStateDict(before));
        assertTrue(e.getMessage().contains("state.0.exp_avg"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(sgdState));
        assertTrue(e.getMessage().contains("state.0.momentum_buffer"), e.getMessage());
        assertStateEquals(before, opt.stateDict());

        // An overflowed mean of squares (+∞) is a state stateDict() can produce: it loads as saved.
        Map<String, Tensor> overflowed = new LinkedHashMap<>(opt.stateDict());
        overflowed.put("state.0.exp_avg_sq", Tensor.of(new double[] {0, Double.POSITIVE_INFINITY, 0}));
        Adam other = new Adam(List.of(p), 0.1);
        other.loadStateDict(overflowed);
        assertStateEquals(overflowed, other.stateDict());

        // Still usable: the next step continues from the kept moments, as one that never saw the bad dicts.
        Tensor q = Tensor.zeros(3).requiresGrad(true);
        Adam twin = steppedAdam(q);
        p.setGrad(Tensor.ones(3));
        q.setGrad(Tensor.ones(3));
        opt.step();
        twin.step();
        assertArrayEquals(q.toArray(), p.toArray());
    }

    static void assertStateEquals(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.toArray(), actual.get(k).toArray(), k));
    }

    @Test
    void stateDictsOfAnyShapeOfStepLoad() {
        // A step count saved as [1] (one value) loads as well as a scalar; an empty dict resets the state.
        Tensor p = Tensor.zeros(3).requiresGrad(true);
        Adam opt = steppedAdam(p);
        Map<String, Tensor> sd = new LinkedHashMap<>(opt.stateDict());
        sd.put("state.0.step", Tensor.of(new double[] {4}));
        opt.loadStateDict(sd);
        assertEquals(4.0, opt.stateDict().get("state.0.step").item());
        opt.loadStateDict(Map.of());
        assertEquals(List.of("lr", "state.0.step"), List.copyOf(opt.stateDict().keySet()));
        assertEquals(0.0, opt.stateDict().get("state.0.step").item());
    }
}
