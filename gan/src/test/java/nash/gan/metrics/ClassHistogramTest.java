package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassHistogramTest {

    @Test void histogramByHand() {
        assertArrayEquals(new double[] {0.25, 0.5, 0, 0.25}, ClassHistogram.of(new int[] {0, 1, 1, 3}, 4), 0.0);
        assertArrayEquals(new double[] {1}, ClassHistogram.of(new int[] {0, 0}, 1), 0.0);
    }

    @Test void jsToDataByHand() {
        // generated all class 0: h_g = [1, 0]; data balanced: h_d = [½, ½]; m = [¾, ¼]
        double expected = 0.5 * Math.log(1 / 0.75) + 0.5 * (0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25));
        assertEquals(expected, ClassHistogram.jsToData(new int[] {0, 0, 0, 0}, new int[] {0, 1}, 2), 1e-15);
        assertEquals(0.0, ClassHistogram.jsToData(new int[] {2, 1, 0}, new int[] {0, 1, 2, 2, 1, 0}, 3), 0.0);
        assertEquals(Math.log(2), ClassHistogram.jsToData(new int[] {0, 1}, new int[] {2, 3}, 4), 1e-15);
    }

    @Test void predictedLabelsAreTheArgmaxWithTiesToTheLowerClass() {
        double[][] p = {{0.1, 0.7, 0.2}, {0.5, 0.5, 0}, {-3, -1, -2}, {0, 0, 1}};
        assertArrayEquals(new int[] {1, 0, 1, 2}, ClassHistogram.predictedLabels(p));
    }

    @Test void badInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClassHistogram.of(new int[] {0, 4}, 4));
        assertTrue(e.getMessage().contains("ClassHistogram.of: labels[1] = 4 is outside [0, 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassHistogram.of(new int[0], 4));
        assertTrue(e.getMessage().contains("need at least one label"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassHistogram.of(new int[] {0}, 0));
        e = assertThrows(IllegalArgumentException.class, () -> ClassHistogram.predictedLabels(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("scores row 1 has 1 values, row 0 has 2"), e.getMessage());
    }
}
