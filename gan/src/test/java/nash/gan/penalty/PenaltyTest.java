package nash.gan.penalty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import nash.core.GradCheck;
import nash.core.Rng;
import nash.core.Tensor;
import nash.nn.Linear;
import org.junit.jupiter.api.Test;

class PenaltyTest {

    static final Tensor W = Tensor.of(new double[] {0.6, -1.2, 2.0}, 3, 1);

    /** A linear critic D(x) = x·w: ∇D = w everywhere, so every penalty has a closed form. */
    static UnaryOperator<Tensor> linear(Tensor w) { return x -> x.matmul(w); }

    @Test
    void gradientPenaltyOfALinearCriticByHand() {
        Rng rng = new Rng(1);
        Tensor real = Tensor.randn(rng, 4, 3), fake = Tensor.randn(rng, 4, 3);
        double norm = Math.sqrt(0.36 + 1.44 + 4.0);
        assertEquals(10 * (norm - 1) * (norm - 1), new GradientPenalty().compute(linear(W), real, fake, new Rng(2)).item(), 1e-9);
        Tensor small = W.mul(0.1);                                               // ‖w‖ < 1: the one-sided form is 0
        assertEquals(0.0, new GradientPenalty(10, true).compute(linear(small), real, fake, new Rng(2)).item(), 1e-12);
        assertTrue(new GradientPenalty(10, false).compute(linear(small), real, fake, new Rng(2)).item() > 1);
    }

    @Test
    void gradientPenaltyPerSampleNormsOnAQuadraticCritic() {
        // D(x) = ½‖x‖²: ∇D(x̂) = x̂, so the penalty is λ·mean((‖x̂ᵢ‖ − 1)²) at the interpolates.
        Tensor pts = Tensor.of(new double[] {3, 4, 0, 0.5, 0, 0}, 3, 2);
        double expected = 2.0 * ((5 - 1) * (5 - 1) + (0.5 - 1) * (0.5 - 1) + 1) / 3;
        Tensor p = new GradientPenalty(2.0, false).at(x -> x.square().sum(1, true).mul(0.5), pts);
        assertEquals(expected, p.item(), 2e-6);   // the zero sample's norm is √1e-12, not 0 (see Penalty.perSampleNorm)
    }

    @Test
    void r1AndR2ByHand() {
        Rng rng = new Rng(1);
        Tensor real = Tensor.randn(rng, 5, 3), fake = Tensor.randn(rng, 5, 3);
        assertEquals(0.5 * (0.36 + 1.44 + 4.0), R1.r1(1.0).compute(linear(W), real, fake, rng).item(), 1e-12);
        // D(x) = ½‖x‖²: R1 = γ/2·mean ‖x‖² over the real samples, R2 over the fake ones.
        UnaryOperator<Tensor> quad = x -> x.square().sum(1, true).mul(0.5);
        assertEquals(real.square().sum(1).mean().item(), R1.r1(2.0).compute(quad, real, fake, rng).item(), 1e-12);
        assertEquals(fake.square().sum(1).mean().item(), R1.r2(2.0).compute(quad, real, fake, rng).item(), 1e-12);
    }

    @Test
    void gradientChecksRunThroughThePenalties() {
        // The penalty as a function of the critic's weights: its gradient needs a double backward.
        Rng rng = new Rng(3);
        Tensor real = Tensor.randn(rng, 3, 2), fake = Tensor.randn(rng, 3, 2);
        Tensor w1 = Tensor.randn(rng, 2, 4), w2 = Tensor.randn(rng, 4, 1);
        GradCheck.check(in -> new GradientPenalty(1.0, false).compute(x -> x.matmul(in[0]).tanh().matmul(in[1]), real, fake, new Rng(5)), w1, w2);
        GradCheck.check(in -> R1.r1(1.0).compute(x -> x.matmul(in[0]).softplus().matmul(in[1]), real, fake, new Rng(5)), w1, w2);
        GradCheck.check(in -> R1.r2(1.0).compute(x -> x.matmul(in[0]).tanh().matmul(in[1]), real, fake, new Rng(5)), w1, w2);
    }

    @Test
    void weightClipClampsEveryParameter() {
        Linear l = new Linear(3, 2, new Rng(1));
        l.weight().copyFrom(Tensor.of(new double[] {-1, 0.005, 2, -0.001, 0.3, 0.01}, 2, 3));
        WeightClip.apply(l, 0.01);
        assertArrayEquals(new double[] {-0.01, 0.005, 0.01, -0.001, 0.01, 0.01}, l.weight().toArray());
        for (double v : l.bias().toArray()) assertTrue(Math.abs(v) <= 0.01);
    }

    @Test
    void instanceNoiseAnneals() {
        InstanceNoise n = new InstanceNoise(0.5, 100);
        assertEquals(0.5, n.sigma(0));
        assertEquals(0.25, n.sigma(50));
        assertEquals(0.0, n.sigma(100));
        Tensor x = Tensor.zeros(1000);
        assertEquals(0.25, n.apply(x, 50, new Rng(1)).var().sqrt().item(), 0.02);
        assertArrayEquals(x.toArray(), n.apply(x, 200, new Rng(1)).toArray());
    }

    @Test
    void diffAugmentIsDifferentiableAndSeeded() {
        Tensor x = Tensor.randn(new Rng(1), 2, 1, 8, 8);
        DiffAugment aug = new DiffAugment();
        assertArrayEquals(aug.apply(x, new Rng(4)).toArray(), aug.apply(x, new Rng(4)).toArray());
        assertNotEquals(aug.apply(x, new Rng(4)).get(0, 0, 3, 3), aug.apply(x, new Rng(5)).get(0, 0, 3, 3));
        GradCheck.check(in -> new DiffAugment().apply(in[0], new Rng(4)), Tensor.randn(new Rng(2), 2, 2, 4, 4));
        GradCheck.checkSecondOrder(in -> new DiffAugment(true, true, false).apply(in[0], new Rng(4)), Tensor.randn(new Rng(2), 1, 2, 3, 3));
    }

    @Test
    void translationMovesPixelsAndFillsZeros() {
        Tensor x = Tensor.ones(1, 1, 8, 8);
        Tensor y = DiffAugment.translate(x, new Rng(9), 0.125);
        double total = y.sum().item();
        assertTrue(total == 64 || total == 56 || total == 49, "a shift by at most one row/column: " + total);
        Tensor c = DiffAugment.cutout(x, new Rng(9), 0.5);
        assertTrue(c.sum().item() <= 64 - 4 && c.sum().item() >= 64 - 16, "cutout zeroes at most a 4x4 square: " + c.sum().item());
    }

    @Test
    void weightsMustBeFinite() {
        // λ, γ or σ₀ = +∞ made every loss infinite or every sample NaN from the first step
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new GradientPenalty(bad, false));
            assertTrue(e.getMessage().contains("GradientPenalty") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            var r = assertThrows(IllegalArgumentException.class, () -> R1.r1(bad));
            assertTrue(r.getMessage().contains("R1/R2") && r.getMessage().contains(String.valueOf(bad)), r.getMessage());
            var f = assertThrows(IllegalArgumentException.class, () -> new InstanceNoise(bad, 100));
            assertTrue(f.getMessage().contains("InstanceNoise") && f.getMessage().contains(String.valueOf(bad)), f.getMessage());
        }
    }

    @Test
    void scalarSamplesArePenalisedOneByOne() {
        // samples of shape [N]: the per-sample norm summed over no axes, which meant every axis — the whole batch's
        // gradient. D(x) = x², ∇ = 2x: R1 = γ/2·mean(4x²), GP = mean((|2x| − 1)²), as for the same samples as [N, 1].
        Tensor x = Tensor.of(new double[] {1, 2, 3});
        UnaryOperator<Tensor> d = t -> t.square();
        assertEquals(2.0 / 2 * (4 + 16 + 36) / 3.0, R1.r1(2.0).compute(d, x, x, new Rng(1)).item(), 1e-9);
        assertEquals(R1.r1(2.0).compute(d, x.reshape(3, 1), x.reshape(3, 1), new Rng(1)).item(),
                R1.r1(2.0).compute(d, x, x, new Rng(1)).item(), 1e-9);
        assertEquals((1 + 9 + 25) / 3.0, new GradientPenalty(1.0, false).at(d, x).item(), 1e-9);
    }

    @Test
    void r2UsesTheCriticOfTheGeneratedBatch() {
        // a conditional GAN binds each batch's labels into its own critic: R1 takes the real one's, R2 the generated one's
        Tensor real = Tensor.of(new double[] {1, 2}, 2, 1), fake = Tensor.of(new double[] {3, 4}, 2, 1);
        UnaryOperator<Tensor> flat = t -> t.mul(0.0), square = t -> t.square();
        assertEquals(0.0, R1.r2(2.0).compute(square, flat, real, fake, new Rng(1)).item(), 0.0);
        assertEquals((36 + 64) / 2.0, R1.r2(2.0).compute(flat, square, real, fake, new Rng(1)).item(), 1e-9);
        assertEquals((4 + 16) / 2.0, R1.r1(2.0).compute(square, flat, real, fake, new Rng(1)).item(), 1e-9);
    }
}
