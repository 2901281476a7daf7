package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    static double[] row(Tensor t, int i) { return t.slice(0, i, i + 1).toArray(); }

    @Test void linearByHand() {
        Tensor p = Interpolation.linear(new double[] {0, 2}, new double[] {4, -2}, 3);
        assertArrayEquals(new int[] {3, 2}, p.shape());
        assertArrayEquals(new double[] {0, 2, 2, 0, 4, -2}, p.data(), 0.0);
        Tensor q = Interpolation.linear(new double[] {1}, new double[] {2}, 5);
        assertArrayEquals(new double[] {1, 1.25, 1.5, 1.75, 2}, q.data(), 0.0);
    }

    @Test void slerpOfOrthogonalUnitVectorsFollowsTheCircle() {
        Tensor p = Interpolation.slerp(new double[] {1, 0}, new double[] {0, 1}, 5);
        for (int i = 0; i < 5; i++) {
            double angle = i * Math.PI / 8;   // ω = π/2 in 4 equal steps
            assertArrayEquals(new double[] {Math.cos(angle), Math.sin(angle)}, row(p, i), 1e-15);
        }
        assertArrayEquals(new double[] {1, 0}, row(p, 0), 0.0);
        assertArrayEquals(new double[] {0, 1}, row(p, 4), 0.0);
    }

    @Test void slerpByHandWithDifferentNorms() {
        // ω = π/2, t = ½: sin(π/4)·(2, 0) + sin(π/4)·(0, 1) = (√2, √½)
        Tensor p = Interpolation.slerp(new double[] {2, 0}, new double[] {0, 1}, 3);
        assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(0.5)}, row(p, 1), 1e-15);
    }

    @Test void endpointsAreExact() {
        Rng rng = new Rng(71);
        double[] a = Tensor.randn(rng, 16).toArray(), b = Tensor.randn(rng, 16).toArray();
        for (Tensor p : new Tensor[] {Interpolation.linear(a, b, 7), Interpolation.slerp(a, b, 7)}) {
            assertArrayEquals(a, row(p, 0), 0.0);
            assertArrayEquals(b, row(p, 6), 0.0);
        }
    }

    @Test void nearlyParallelVectorsFallBackToLinear() {
        double[] a = {1, 2, 3}, b = {3, 6, 9};
        assertArrayEquals(Interpolation.linear(a, b, 4).data(), Interpolation.slerp(a, b, 4).data(), 0.0);
        double[] c = {1, 2, 3 + 1e-9};
        Tensor p = Interpolation.slerp(a, c, 4);
        for (double v : p.data()) assertTrue(Double.isFinite(v));
        assertArrayEquals(Interpolation.linear(a, c, 4).data(), p.data(), 1e-12);
        // just above the threshold slerp is used, and agrees with lerp to O(ω²)
        double[] d = {1, 2, 3 + 1e-5};
        assertArrayEquals(Interpolation.linear(a, d, 4).data(), Interpolation.slerp(a, d, 4).data(), 1e-9);
    }

    @Test void tensorOverloads() {
        Tensor z0 = Tensor.of(new double[] {1, 0}), z1 = Tensor.of(new double[] {0, 1}, 1, 2);
        assertArrayEquals(Interpolation.slerp(new double[] {1, 0}, new double[] {0, 1}, 3).data(), Interpolation.slerp(z0, z1, 3).data(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0.5, 0.5, 0, 1}, Interpolation.linear(z0, z1, 3).data(), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> Interpolation.linear(Tensor.zeros(2, 3), z1, 3));
        assertTrue(e.getMessage().contains("Interpolation.linear: z0 must be a vector [d], got shape [2, 3]"), e.getMessage());
    }

    @Test void pathsPastTheLargestTensorAreRejected() {
        double[] a = new double[65536], b = new double[65536];
        b[0] = 1;
        // steps·d = 2³² wrapped to 0 in int: was ArrayIndexOutOfBoundsException
        var e = assertThrows(IllegalArgumentException.class, () -> Interpolation.linear(a, b, 65536));
        assertTrue(e.getMessage().contains("Interpolation.linear: shape [65536, 65536] has more than 2^31-1 elements"), e.getMessage());
        a[1] = 1;
        e = assertThrows(IllegalArgumentException.class, () -> Interpolation.slerp(a, b, 32769));
        assertTrue(e.getMessage().contains("Interpolation.slerp: shape [32769, 65536] has more than 2^31-1 elements"), e.getMessage());
    }

    @Test void badInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Interpolation.slerp(new double[] {1, 0}, new double[] {-2, 0}, 3));
        assertTrue(e.getMessage().contains("opposite directions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interpolation.slerp(new double[] {0, 0}, new double[] {1, 0}, 3));
        assertTrue(e.getMessage().contains("z0 is the zero vector"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interpolation.linear(new double[] {1, 0}, new double[] {1}, 3));
        assertTrue(e.getMessage().contains("z0 has 2 values but z1 has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interpolation.linear(new double[] {1}, new double[] {2}, 1));
        assertTrue(e.getMessage().contains("steps must be ≥ 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Interpolation.slerp(new double[] {Double.NaN}, new double[] {2}, 2));
        assertTrue(e.getMessage().contains("z0[0] = NaN is not finite"), e.getMessage());
    }
}
