package nash.gan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class Toy2dTest {

    @Test void ringHasEightModesOnTheUnitCircle() {
        Toy2d ring = Toy2d.ring();
        assertEquals(8, ring.modeCount());
        assertEquals(0.01, ring.sigma());
        assertEquals("ring8", ring.name());
        double[][] m = ring.modes();
        double h = Math.sqrt(0.5);
        double[][] expected = {{1, 0}, {h, h}, {0, 1}, {-h, h}, {-1, 0}, {-h, -h}, {0, -1}, {h, -h}};
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(expected[k], m[k], 1e-15, "mode " + k);
            assertEquals(1.0, Math.hypot(m[k][0], m[k][1]), 1e-15);
        }
    }

    @Test void gridHas25ModesOnMinus4To4() {
        Toy2d grid = Toy2d.grid();
        assertEquals(25, grid.modeCount());
        assertEquals(0.05, grid.sigma());
        Set<String> got = new HashSet<>(), want = new HashSet<>();
        for (double[] m : grid.modes()) got.add(m[0] + "," + m[1]);
        for (int x = -4; x <= 4; x += 2) for (int y = -4; y <= 4; y += 2) want.add((double) x + "," + (double) y);
        assertEquals(want, got);
        assertArrayEquals(new double[] {-4, -4}, grid.modes()[0], 0.0);
        assertArrayEquals(new double[] {-2, -4}, grid.modes()[1], 0.0);   // x inner
        assertArrayEquals(new double[] {4, 4}, grid.modes()[24], 0.0);
    }

    @Test void modesIsACopy() {
        Toy2d ring = Toy2d.ring();
        ring.modes()[0][0] = 99;
        assertEquals(1.0, ring.modes()[0][0]);
    }

    @Test void samplesAreGaussianAroundUniformlyChosenModes() {
        Toy2d grid = Toy2d.grid();
        int n = 50_000;
        int[] mode = new int[n];
        Tensor x = grid.sample(n, new Rng(3), mode);
        assertArrayEquals(new int[] {n, 2}, x.shape());
        double[] d = x.data();
        double[][] m = grid.modes();
        int[] count = new int[25];
        double sumSq = 0;
        double[] meanOffset = new double[2];
        for (int i = 0; i < n; i++) {
            count[mode[i]]++;
            double dx = d[2 * i] - m[mode[i]][0], dy = d[2 * i + 1] - m[mode[i]][1];
            assertTrue(Math.abs(dx) < 6 * 0.05 && Math.abs(dy) < 6 * 0.05);
            sumSq += dx * dx + dy * dy;
            meanOffset[0] += dx;
            meanOffset[1] += dy;
        }
        // uniform mode choice: each count is Binomial(n, 1/25), sd ≈ 39
        for (int c : count) assertEquals(n / 25.0, c, 5 * Math.sqrt(n / 25.0 * 24 / 25));
        // per-coordinate spread σ, mean offset 0 (standard errors 0.05·√(1/2n) and 0.05/√n)
        assertEquals(0.05, Math.sqrt(sumSq / (2 * n)), 5 * 0.05 / Math.sqrt(4.0 * n));
        assertEquals(0.0, meanOffset[0] / n, 5 * 0.05 / Math.sqrt(n));
        assertEquals(0.0, meanOffset[1] / n, 5 * 0.05 / Math.sqrt(n));
    }

    @Test void sameSeedSameSamplesBitForBit() {
        Toy2d ring = Toy2d.ring();
        assertArrayEquals(ring.sample(1000, new Rng(42)).data(), ring.sample(1000, new Rng(42)).data(), 0.0);
        assertTrue(!java.util.Arrays.equals(ring.sample(10, new Rng(42)).data(), ring.sample(10, new Rng(43)).data()));
        // the draw order is documented: mode, then x noise, then y noise
        Rng r = new Rng(5);
        int k = r.nextInt(8);
        double x = ring.modes()[k][0] + 0.01 * r.nextGaussian(), y = ring.modes()[k][1] + 0.01 * r.nextGaussian();
        assertArrayEquals(new double[] {x, y}, ring.sample(1, new Rng(5)).data(), 0.0);
    }

    @Test void sizesPastTheLargestArrayAreRejected() {
        // side² and 2n wrapped in int: were NegativeArraySizeException
        var e = assertThrows(IllegalArgumentException.class, () -> Toy2d.grid(50000, 1, 0.1));
        assertTrue(e.getMessage().contains("Toy2d.grid: shape [50000, 50000] has more than 2^31-1 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Toy2d.ring().sample(1 << 30, new Rng(1)));
        assertTrue(e.getMessage().contains("Toy2d.sample: shape [1073741824, 2] has more than 2^31-1 elements"), e.getMessage());
    }

    @Test void customMixturesAndBadArguments() {
        Toy2d one = new Toy2d("dot", new double[][] {{3, -1}}, 0.5);
        assertArrayEquals(new int[] {0, 2}, one.sample(0, new Rng(1)).shape());
        assertEquals(3, Toy2d.ring(3, 2.0, 0.1).modeCount());
        assertArrayEquals(new double[] {-1, 0}, Toy2d.ring(2, 1.0, 0.1).modes()[1], 1e-15);
        assertArrayEquals(new double[] {-0.5, -0.5}, Toy2d.grid(2, 1.0, 0.1).modes()[0], 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> new Toy2d("bad", new double[][] {{1, 2, 3}}, 0.1));
        assertTrue(e.getMessage().contains("mode 0 must have 2 coordinates, got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Toy2d("bad", new double[][] {{1, 2}}, 0));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Toy2d("bad", new double[][] {{1, Double.NaN}}, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Toy2d.ring(0, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> one.sample(-1, new Rng(1)));
        e = assertThrows(IllegalArgumentException.class, () -> one.sample(5, new Rng(1), new int[4]));
        assertTrue(e.getMessage().contains("modeOut has length 4 < n = 5"), e.getMessage());
    }
}
