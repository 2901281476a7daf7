package nash.gan.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.GradCheck;
import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class RemediesTest {

    @Test
    void minibatchStdDevAppendsTheGroupStd() {
        // Two groups of 2 samples with 2 features: group 1 std per feature (biased) = [1, 2] → mean 1.5
        Tensor x = Tensor.of(new double[] {0, 0, 2, 4, 1, 1, 1, 1}, 4, 2);
        Tensor y = new MinibatchStdDev(2).forward(x);
        assertArrayEquals(new int[] {4, 3}, y.shape());
        assertEquals(Math.sqrt(1 + 1e-8) / 2 + Math.sqrt(4 + 1e-8) / 2, y.get(0, 2), 1e-12);
        assertEquals(y.get(0, 2), y.get(1, 2));
        assertEquals(Math.sqrt(1e-8), y.get(2, 2), 1e-15);                        // a collapsed group has σ ≈ 0
        Tensor img = new MinibatchStdDev(2).forward(Tensor.randn(new Rng(1), 4, 2, 3, 3));
        assertArrayEquals(new int[] {4, 3, 3, 3}, img.shape());
        GradCheck.check(in -> new MinibatchStdDev(2).forward(in[0]), Tensor.randn(new Rng(2), 4, 3));
        GradCheck.checkSecondOrder(in -> new MinibatchStdDev(2).forward(in[0]), Tensor.randn(new Rng(2), 4, 3));
    }

    @Test
    void minibatchStdDevRejectsBatchesItCannotGroup() {
        MinibatchStdDev layer = new MinibatchStdDev();
        var e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(0, 3)));   // was / by zero
        assertTrue(e.getMessage().contains("MinibatchStdDev: needs at least 2 samples, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(1, 2, 3, 3)));
        assertTrue(e.getMessage().contains("needs at least 2 samples, got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(4, 0)));     // was a NaN feature
        assertTrue(e.getMessage().contains("MinibatchStdDev: no features to take σ over, got shape [4, 0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros()));
        assertTrue(e.getMessage().contains("MinibatchStdDev: needs [N, F] or [N, C, H, W], got []"), e.getMessage());
    }

    @Test
    void pacGanPacksConsecutiveSamples() {
        Tensor x = Tensor.arange(12).reshape(6, 2);
        Tensor p = PacGan.pack(x, 3);
        assertArrayEquals(new int[] {2, 6}, p.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, p.narrow(0, 0, 1).toArray());
        assertArrayEquals(new int[] {2, 6, 4, 4}, PacGan.pack(Tensor.zeros(4, 3, 4, 4), 2).shape());
        assertThrows(IllegalArgumentException.class, () -> PacGan.pack(x, 4));
    }

    @Test
    void featureMatchingIsTheSquaredMeanDifference() {
        Tensor real = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), fake = Tensor.of(new double[] {0, 0, 2, 2}, 2, 2);
        assertEquals((2 - 1) * (2 - 1) + (3 - 1) * (3 - 1), FeatureMatching.loss(real, fake).item(), 1e-15);
        GradCheck.check(in -> FeatureMatching.loss(real, in[0]), fake);
    }
}
