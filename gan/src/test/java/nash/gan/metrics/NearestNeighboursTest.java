package nash.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    static final double[][] TRAIN = {{0, 0}, {3, 4}, {1, 1}};

    @Test void nearestByHand() {
        double[][] s = {{3, 4}, {0.4, 0.4}, {0.5, 0.5}, {6, 8}};
        NearestNeighbours.Match m = NearestNeighbours.nearest(s, TRAIN);
        // (0.5, 0.5) is √0.5 from both (0,0) and (1,1): the lower row wins
        assertArrayEquals(new int[] {1, 0, 0, 1}, m.index());
        assertArrayEquals(new double[] {0, Math.sqrt(0.32), Math.sqrt(0.5), 5}, m.distance(), 1e-15);
    }

    @Test void copiedTrainingImagesAreFoundAtDistanceZero() {
        Rng rng = new Rng(61);
        Tensor train = Tensor.randn(rng, 20, 1, 3, 3);
        Tensor copies = train.indexSelect(0, 17, 3, 3);
        NearestNeighbours.Match m = NearestNeighbours.nearest(copies, train);
        assertArrayEquals(new int[] {17, 3, 3}, m.index());
        assertArrayEquals(new double[3], m.distance(), 0.0);
    }

    @Test void badInputsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.nearest(new double[][] {{1, 2, 3}}, TRAIN));
        assertTrue(e.getMessage().contains("NearestNeighbours.nearest: samples has 3 columns but training has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.nearest(new double[][] {{1, 2}}, new double[0][]));
        assertTrue(e.getMessage().contains("training has 0 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.nearest(new double[][] {{1, Double.POSITIVE_INFINITY}}, TRAIN));
        assertTrue(e.getMessage().contains("samples[0][1] = Infinity is not finite"), e.getMessage());
    }
}
