package nash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutogradTest {

    @Test
    void backwardOfAScalarFillsLeafGradients() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {0.5, -1, 2}).requiresGrad(true);
        x.mul(w).sum().backward();                                  // d/dx Σ x·w = w
        assertArrayEquals(new double[] {0.5, -1, 2}, x.grad().toArray());
        assertArrayEquals(new double[] {1, 2, 3}, w.grad().toArray());
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.square().backward();
        x.square().backward();
        assertEquals(12.0, x.grad().item());                         // 2·(2x)
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(5).backward();
        assertEquals(5.0, x.grad().item());
    }

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.mul(x).add(x.exp().mul(x));                     // x² + x·eˣ
        y.backward();
        assertEquals(2 * 2 + Math.exp(2) * (1 + 2), x.grad().item(), 1e-12);
    }

    @Test
    void backwardWithASeedIsAVectorJacobianProduct() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.square();
        y.backward(Tensor.of(new double[] {10, 100}));
        assertArrayEquals(new double[] {20, 400}, x.grad().toArray());
    }

    @Test
    void backwardOnANonScalarWithoutSeedIsAClearError() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.square().backward());
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void aSeedOfTheWrongShapeIsAClearError() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.square().backward(Tensor.ones(3)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void backwardThroughAFreedGraphIsAClearError() {
        Tensor x = Tensor.scalar(1.5).requiresGrad(true);
        Tensor y = x.tanh().mul(2);
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("freed") && e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.scalar(1.5).requiresGrad(true);
        Tensor y = x.tanh();
        y.backward(null, true);
        y.backward();
        double d = 1 - Math.tanh(1.5) * Math.tanh(1.5);
        assertEquals(2 * d, x.grad().item(), 1e-15);
    }

    @Test
    void modifyingASavedTensorInPlaceIsCaught() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {3, 4});
        Tensor y = x.mul(w).sum();                                   // mul saves w
        w.set(7, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("modified in place"), e.getMessage());
    }

    @Test
    void modifyingAnUnsavedTensorIsAllowed() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 4});
        Tensor y = x.add(b).sum();                                   // add saves nothing
        b.fill(0);
        y.backward();
        assertArrayEquals(new double[] {1, 1}, x.grad().toArray());
    }

    @Test
    void aReshapeSharesTheVersionCounter() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {1, 1, 1, 1});
        Tensor y = x.mul(w).sum();
        w.reshape(2, 2).set(5, 1, 1);
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void opsThatChangeNothingStillLeaveTheGraphUnderNoGrad() {
        // reshape to the same shape, an identity permute, broadcastTo the same shape, narrow over a whole axis and
        // pad by nothing returned x itself — requiring grad — so a loss built on them sent gradients into x
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        java.util.List<Tensor> outs = new java.util.ArrayList<>();
        try (GradMode scope = Autograd.noGrad()) {
            outs.add(x.reshape(3));
            outs.add(x.permute(0));
            outs.add(x.transpose(0, 0));
            outs.add(x.broadcastTo(3));
            outs.add(x.narrow(0, 0, 3));
            outs.add(Movement.pad(x, 0, 0, 0));
        }
        for (Tensor y : outs) {
            assertFalse(y.requiresGrad());
            assertArrayEquals(x.data(), y.data(), 0.0);
        }
        Tensor w = Tensor.of(new double[] {1, 1, 1}).requiresGrad(true);
        w.mul(outs.get(0)).sum().backward();
        assertNull(x.grad());
        assertSame(x, x.reshape(3));                             // with grad on, x itself, as before
    }

    @Test
    void noGradScopeRecordsNothingAndRestores() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        try (GradMode scope = Autograd.noGrad()) {
            Tensor y = x.square();
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            try (GradMode inner = Autograd.enableGrad()) {
                assertTrue(x.square().requiresGrad());
            }
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.square().requiresGrad());
    }

    @Test
    void detachCutsTheGraphButSharesValues() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.square();
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertEquals(4.0, d.item());
        Tensor z = y.mul(d);                                         // d is a constant: dz/dx = d·2x
        z.backward();
        assertEquals(16.0, x.grad().item());
    }

    @Test
    void requiresGradOnAnOpResultIsAnError() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> x.square().requiresGrad(true));
    }

    @Test
    void backwardOnATensorOutsideTheGraphIsAClearError() {
        Tensor x = Tensor.scalar(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.square().backward());
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void gradReturnsGradientsWithoutTouchingLeaves() {
        Tensor x = Tensor.scalar(0.7).requiresGrad(true);
        Tensor g = Autograd.grad(x.pow(3), x, false);
        assertEquals(3 * 0.7 * 0.7, g.item(), 1e-15);
        assertNull(x.grad());
    }

    @Test
    void higherOrderDerivativesToAnyOrder() {
        Tensor x = Tensor.scalar(1.3).requiresGrad(true);
        Tensor y = x.pow(4);                                         // y = x⁴
        Tensor d1 = Autograd.grad(y, x, true);                       // 4x³
        Tensor d2 = Autograd.grad(d1, x, true);                      // 12x²
        Tensor d3 = Autograd.grad(d2, x, true);                      // 24x
        Tensor d4 = Autograd.grad(d3, x, true);                      // 24
        assertEquals(4 * Math.pow(1.3, 3), d1.item(), 1e-12);
        assertEquals(12 * 1.3 * 1.3, d2.item(), 1e-12);
        assertEquals(24 * 1.3, d3.item(), 1e-12);
        assertEquals(24, d4.item(), 1e-12);
    }

    @Test
    void secondDerivativeOfTanh() {
        Tensor x = Tensor.scalar(0.4).requiresGrad(true);
        Tensor d1 = Autograd.grad(x.tanh(), x, true);
        Tensor d2 = Autograd.grad(d1, x, false);
        double t = Math.tanh(0.4);
        assertEquals(-2 * t * (1 - t * t), d2.item(), 1e-14);       // d²/dx² tanh = −2 tanh·(1 − tanh²)
    }

    @Test
    void gradientPenaltyStyleDoubleBackwardReachesParameters() {
        // ‖∂(w·x)²/∂x‖² = (2·w²·x)²... here: f = (w x)², ∂f/∂x = 2w²x, penalty = (2w²x)², ∂penalty/∂w = 2(2w²x)·4wx
        Tensor w = Tensor.scalar(0.5).requiresGrad(true);
        Tensor x = Tensor.scalar(2.0).requiresGrad(true);
        Tensor f = w.mul(x).square();
        Tensor gx = Autograd.grad(f, x, true);
        Tensor penalty = gx.square();
        penalty.backward();
        double g = 2 * 0.25 * 2.0;
        assertEquals(2 * g * 4 * 0.5 * 2.0, w.grad().item(), 1e-12);
    }

    @Test
    void unusedInputsGetZeroGradients() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor u = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        List<Tensor> g = Autograd.grad(x.square(), List.of(x, u), false);
        assertEquals(2.0, g.get(0).item());
        assertArrayEquals(new double[] {0, 0}, g.get(1).toArray());
    }

    @Test
    void gradWithRespectToAnIntermediateTensor() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        Tensor h = x.mul(2);
        Tensor y = h.square();
        assertEquals(12.0, Autograd.grad(y, h, false).item());      // dy/dh = 2h
    }

    @Test
    void aHundredThousandOpChainRunsBackwardIteratively() {
        Tensor x = Tensor.scalar(1.0).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) y = y.mul(1.0000001).add(0.0);
        y.backward();
        assertEquals(Math.pow(1.0000001, 100_000), x.grad().item(), 1e-9);
    }

    @Test
    void accumulationIntoGradDoesNotAliasTheBackwardValues() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor seed = Tensor.of(new double[] {1, 1});
        x.add(0.0).backward(seed);                                   // the gradient passed through is the seed itself
        x.add(0.0).backward(seed);
        assertArrayEquals(new double[] {2, 2}, x.grad().toArray());
        assertArrayEquals(new double[] {1, 1}, seed.toArray());
    }

    @Test
    void createGraphGradAccumulatesDifferentiably() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor g = Autograd.grad(x.pow(3), x, true);                 // 3x² = 12
        assertTrue(g.requiresGrad());
        assertSame(null, x.grad());
        g.backward();                                                // d(3x²)/dx = 6x
        assertEquals(12.0, x.grad().item());
    }
}
