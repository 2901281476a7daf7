package nash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@link Autograd#gradInto}: the gradients of {@link Autograd#grad}, written into the caller's buffers. */
class GradIntoTest {

    private final Rng rng = new Rng(7);

    private Tensor param(int... shape) { return Tensor.randn(rng, shape).requiresGrad(true); }

    private static List<Tensor> buffers(List<Tensor> params) {
        List<Tensor> b = new ArrayList<>();
        for (Tensor p : params) b.add(Tensor.full(Double.NaN, p.shape()));   // stale garbage: must be overwritten
        return b;
    }

    /** got = factor·expected, parameter by parameter, to 1e-12 relative (sums in another order round differently). */
    private static void assertClose(List<Tensor> expected, double factor, List<Tensor> got) {
        for (int i = 0; i < expected.size(); i++) {
            double[] e = expected.get(i).data(), g = got.get(i).data();
            for (int j = 0; j < e.length; j++) {
                assertEquals(factor * e[j], g[j], 1e-12 * (1 + Math.abs(e[j])), "parameter " + i + " element " + j);
            }
        }
    }

    private static List<Tensor> grads(List<Tensor> params) {
        List<Tensor> g = new ArrayList<>();
        for (Tensor p : params) g.add(p.grad());
        return g;
    }

    /** A discriminator-like graph: W1, W2 and a matmul weight in every transpose each used on two batches. */
    private List<Tensor> params() {
        return List.of(param(5, 7), param(5), param(1, 5), param(3, 4), param(4, 3), param(7, 3));
    }

    private static Tensor loss(List<Tensor> p, Tensor real, Tensor fake) {
        Function<Tensor, Tensor> d = x -> {
            Tensor h = MatMul.linear(x, p.get(0), p.get(1)).tanh();                        // [N,5]
            Tensor a = MatMul.matmul(p.get(3), p.get(4), true, true);                       // [4,3]ᵀ·[4,3]ᵀ... [4,4]
            Tensor b = MatMul.matmul(x, p.get(5), false, false);                            // [N,3]
            Tensor c = MatMul.matmul(b, p.get(4), false, true);                             // [N,4]
            return MatMul.linear(h, p.get(2), null).sum().add(c.mul(c).sum()).add(a.sum());
        };
        return d.apply(real).add(d.apply(fake).mul(0.5));
    }

    @Test
    void theSameGradientsAsGradWhenEveryParameterIsUsedTwice() {
        List<Tensor> p = params();
        Tensor real = Tensor.randn(rng, 6, 7), fake = Tensor.randn(rng, 6, 7);
        List<Tensor> expected = Autograd.grad(List.of(loss(p, real, fake)), p, null, false, false);
        List<Tensor> bufs = buffers(p);
        for (int round = 0; round < 2; round++) {                   // the second round overwrites the first's sums
            List<Tensor> got = Autograd.gradInto(List.of(loss(p, real, fake)), p, null, bufs, false);
            assertEquals(bufs, got);                                  // the buffers themselves (Tensor has identity equality)
            assertClose(expected, 1, got);
        }
        for (Tensor t : p) assertSame(null, t.grad());              // no leaf's grad is touched
    }

    @Test
    void aWeightUsedOnceGetsTheSameBitsAsGrad() {
        Tensor w = param(64, 33), b = param(64), x = Tensor.randn(rng, 29, 33);
        Function<Tensor, Tensor> f = unused -> MatMul.linear(x, w, b).tanh().sum();
        List<Tensor> expected = Autograd.grad(List.of(f.apply(null)), List.of(w, b), null, false, false);
        List<Tensor> got = Autograd.gradInto(List.of(f.apply(null)), List.of(w, b), null, buffers(List.of(w, b)), false);
        assertArrayEquals(expected.get(0).data(), got.get(0).data());
        assertArrayEquals(expected.get(1).data(), got.get(1).data());
    }

    @Test
    void anIntermediateInputAndAnUnusedInputAreWrittenToo() {
        Tensor x = Tensor.scalar(3).requiresGrad(true), u = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor h = x.mul(2);
        List<Tensor> bufs = List.of(Tensor.full(9), Tensor.full(9, 2), Tensor.full(9));
        List<Tensor> g = Autograd.gradInto(List.of(h.square()), List.of(h, u, x), null, bufs, false);
        assertEquals(12.0, g.get(0).data()[0]);                      // dy/dh = 2h
        assertArrayEquals(new double[] {0, 0}, g.get(1).data());
        assertEquals(24.0, g.get(2).item());                        // dy/dx = 8x
        assertSame(bufs.get(0), g.get(0));
    }

    @Test
    void badBuffersAreClearErrors() {
        Tensor w = param(3, 2), x = Tensor.randn(rng, 4, 2);
        List<Tensor> out = List.of(MatMul.linear(x, w, null).sum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.gradInto(out, List.of(w), null, List.of(Tensor.zeros(2, 3)), true));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.gradInto(out, List.of(w), null, List.of(param(3, 2)), true));
        assertTrue(e.getMessage().contains("requires grad"), e.getMessage());
        Tensor b = Tensor.zeros(3, 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.gradInto(out, List.of(w, w), null, List.of(b, b), true));
        assertTrue(e.getMessage().contains("another input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autograd.gradInto(out, List.of(w), null, List.of(), true));
        assertTrue(e.getMessage().contains("1 inputs but 0 buffers"), e.getMessage());
    }

    @Test
    void aBufferTheGraphSavedIsRefusedNotSilentlyOverwritten() {
        Tensor w = param(3, 2), x = Tensor.randn(rng, 3, 2);
        Tensor loss = w.mul(x).sum();                               // mul saves x for ∂w
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Autograd.gradInto(List.of(loss), List.of(w), null, List.of(x), false));
        assertTrue(e.getMessage().contains("modified in place"), e.getMessage());
    }

    @Test
    void aGradientPenaltyGraphGetsTheSameGradientsAsGrad() {
        List<Tensor> p = List.of(param(6, 4), param(6), param(1, 6));
        Tensor x = Tensor.randn(rng, 5, 4);
        Function<Tensor, Tensor> critic = in -> MatMul.linear(MatMul.linear(in, p.get(0), p.get(1)).tanh(), p.get(2), null);
        Function<Tensor, Tensor> loss = unused -> {                 // D(x).mean() + (‖∇x D(x)‖² − 1)²: W-GP's shape
            Tensor xi = x.detach().requiresGrad(true);
            Tensor d = critic.apply(xi);
            Tensor gx = Autograd.grad(List.of(d.sum()), List.of(xi), null, true, true).get(0);
            return d.mean().add(gx.square().sum().sub(1).square());
        };
        List<Tensor> expected = Autograd.grad(List.of(loss.apply(null)), p, null, false, false);
        assertClose(expected, 1, Autograd.gradInto(List.of(loss.apply(null)), p, null, buffers(p), false));
    }

    @Test
    void backwardWritesIntoTheLeavesOwnGradientsAndAccumulatesAcrossCalls() {
        List<Tensor> p = params();
        Tensor real = Tensor.randn(rng, 6, 7), fake = Tensor.randn(rng, 6, 7);
        List<Tensor> once = Autograd.grad(List.of(loss(p, real, fake)), p, null, false, false);
        loss(p, real, fake).backward();
        Tensor w = p.get(0), kept = w.grad();
        loss(p, real, fake).backward();                             // a second backward adds, in place as before
        assertSame(kept, w.grad());
        assertClose(once, 2, grads(p));
    }

    @Test
    void aFirstBackwardOfAWeightUsedOnceGetsGradsBits() {
        Tensor w = param(64, 33), b = param(64), x = Tensor.randn(rng, 29, 33);
        List<Tensor> expected = Autograd.grad(List.of(MatMul.linear(x, w, b).tanh().sum()), List.of(w, b), null, false, false);
        MatMul.linear(x, w, b).tanh().sum().backward();
        assertArrayEquals(expected.get(0).data(), w.grad().data());
        assertArrayEquals(expected.get(1).data(), b.grad().data());
        Tensor mine = Tensor.zeros(64, 33);                           // a gradient the caller set is added to in place
        w.setGrad(mine);
        MatMul.linear(x, w, b).tanh().sum().backward();
        assertSame(mine, w.grad());
        assertArrayEquals(expected.get(0).data(), mine.data());
    }

    @Test
    void convolutionWeightsUsedTwiceGetGradsGradientsThroughBuffersAndBackward() {
        Tensor w = param(3, 2, 3, 3), b = param(3), wt = param(3, 2, 4, 4);
        Tensor real = Tensor.randn(rng, 5, 2, 7, 7), fake = Tensor.randn(rng, 5, 2, 7, 7);
        Function<Tensor, Tensor> d = x -> {                         // conv, then its transpose back to 2 channels
            Tensor h = Conv.conv2d(x, w, b, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}).tanh();
            return Conv.convTranspose2d(h, wt, null, 2, 1).square().sum();
        };
        List<Tensor> p = List.of(w, b, wt);
        Function<Tensor, Tensor> loss = unused -> d.apply(real).add(d.apply(fake).mul(0.5));
        List<Tensor> expected = Autograd.grad(List.of(loss.apply(null)), p, null, false, false);
        List<Tensor> bufs = buffers(p);
        for (int round = 0; round < 2; round++) {
            List<Tensor> got = Autograd.gradInto(List.of(loss.apply(null)), p, null, bufs, false);
            assertEquals(bufs, got);
            assertClose(expected, 1, got);
        }
        loss.apply(null).backward();
        loss.apply(null).backward();
        assertClose(expected, 2, grads(p));
    }

    @Test
    void anInputListedTwiceGetsItsGradientInBothSlots() {
        // the second listing took the slot of the first, which then came back as zeros (PyTorch: the gradient twice)
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        List<Tensor> g = Autograd.grad(List.of(x.mul(x).sum()), List.of(x, x), null, false, false);
        assertArrayEquals(new double[] {2, 4, 6}, g.get(0).data(), 0.0);
        assertArrayEquals(new double[] {2, 4, 6}, g.get(1).data(), 0.0);

        Tensor y = x.mul(3.0);                                   // an op result listed twice, and a leaf between
        g = Autograd.grad(List.of(y.square().sum()), List.of(y, x, y), null, false, false);
        assertArrayEquals(new double[] {6, 12, 18}, g.get(0).data(), 0.0);
        assertArrayEquals(new double[] {18, 36, 54}, g.get(1).data(), 0.0);
        assertArrayEquals(new double[] {6, 12, 18}, g.get(2).data(), 0.0);

        Tensor b1 = Tensor.zeros(3), b2 = Tensor.zeros(3);
        Autograd.gradInto(List.of(x.mul(x).sum()), List.of(x, x), null, List.of(b1, b2), false);
        assertArrayEquals(new double[] {2, 4, 6}, b1.data(), 0.0);
        assertArrayEquals(new double[] {2, 4, 6}, b2.data(), 0.0);
    }

    @Test
    void buffersMustNotShareAnArray() {
        // b and b.detach() are two tensors over one array: one gradient silently overwrote the other
        Tensor x1 = Tensor.of(new double[] {1, 2}).requiresGrad(true), x2 = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        Tensor loss = x1.mul(10.0).add(x2.mul(100.0)).sum();
        Tensor buf = Tensor.zeros(2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.gradInto(List.of(loss), List.of(x1, x2), null, List.of(buf, buf.detach()), false));
        assertTrue(e.getMessage().contains("gradInto: buffer 1 shares its array with the buffer for another input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.gradInto(List.of(loss), List.of(x1, x2), null, List.of(x1.detach(), Tensor.zeros(2)), false));
        assertTrue(e.getMessage().contains("gradInto: buffer 0 shares its array with an input"), e.getMessage());
    }
}
