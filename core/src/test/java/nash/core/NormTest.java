package nash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormTest {

    @Test
    void statisticsArraysOfTheWrongLengthAreClearErrorsAndNothingIsWritten() {
        Tensor x = Tensor.randn(new Rng(1), 4, 3, 2);                                    // C = 3
        for (double[][] out : new double[][][] {{new double[2], null}, {null, new double[2]}, {new double[3], new double[4]}}) {
            double[] mean = out[0], var = out[1];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Norm.batchNorm(x, null, null, 1e-5, mean, var));
            assertTrue(e.getMessage().startsWith("batchNorm:") && e.getMessage().contains("3 channels"), e.getMessage());
            if (mean != null) assertArrayEquals(new double[mean.length], mean, "meanOut written before the check");
        }
        double[] both = new double[3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Norm.batchNorm(x, null, null, 1e-5, both, both));
        assertTrue(e.getMessage().startsWith("batchNorm:"), e.getMessage());
    }

    @Test
    void statisticsArraysReceiveTheBatchMeanAndBiasedVariance() {
        Tensor x = Tensor.of(new double[] {1, 10, 3, 30}, 2, 2);                          // channel 0: 1, 3; channel 1: 10, 30
        double[] mean = new double[2], var = new double[2];
        Norm.batchNorm(x, null, null, 1e-5, mean, var);
        assertArrayEquals(new double[] {2, 20}, mean);
        assertArrayEquals(new double[] {1, 100}, var);
    }
}
