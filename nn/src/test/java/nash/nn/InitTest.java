package nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import org.junit.jupiter.api.Test;

/** Init's argument checks; its values are compared with PyTorch's in {@link GoldenTest}. */
class InitTest {

    @Test
    void normalNeedsAFiniteMeanAndStdAtLeastZero() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        for (double[] bad : new double[][] {{0, nan}, {0, -1}, {0, inf}, {nan, 1}, {inf, 1}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.normal(new Rng(1), bad[0], bad[1], 2, 2));
            assertTrue(e.getMessage().startsWith("Init.normal: ") && e.getMessage().contains(bad[0] + ", std " + bad[1]), e.getMessage());
        }
        assertArrayEquals(new double[] {3, 3}, Init.normal(new Rng(1), 3, 0, 2).toArray());        // std 0 is a constant
    }

    @Test
    void uniformNeedsFiniteBoundsInOrder() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        for (double[] bad : new double[][] {{1, 0}, {nan, 1}, {0, nan}, {-inf, 0}, {0, inf}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.uniform(new Rng(1), bad[0], bad[1], 2, 2));
            assertTrue(e.getMessage().startsWith("Init.uniform: ") && e.getMessage().contains(bad[0] + ", " + bad[1]), e.getMessage());
        }
        assertArrayEquals(new double[] {2, 2}, Init.uniform(new Rng(1), 2, 2, 2).toArray());       // lo = hi is a constant
    }

    @Test
    void derivedInitialisersRejectANaNGain() {
        // The gain reaches uniform or normal as a bound or a std; the check there catches it.
        assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(new Rng(1), Double.NaN, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Init.xavierNormal(new Rng(1), -1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Init.kaimingUniform(new Rng(1), Double.NaN, Init.Mode.FAN_IN, "leaky_relu", 2, 2));
    }

    @Test
    void zeroElementWeightsAreEmptyNotErrors() {
        // a fan of 0 makes the bound or std infinite; with nothing to fill that is no error (PyTorch: a no-op)
        assertArrayEquals(new int[] {3, 0}, Init.kaimingUniform(new Rng(1), Math.sqrt(5), Init.Mode.FAN_IN, "leaky_relu", 3, 0).shape());
        assertArrayEquals(new int[] {0, 0}, Init.xavierNormal(new Rng(1), 1, 0, 0).shape());
    }
}
