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

    @Test
    void aWeightChangedInPlaceBeforeBackwardIsRefused() {
        // backward reads γ, which was not saved: a D step between forward and backward silently used the new γ
        Tensor x = Tensor.randn(new Rng(1), 4, 2, 3).requiresGrad(true);
        Tensor w = Tensor.ones(2).requiresGrad(true), b = Tensor.zeros(2).requiresGrad(true);
        Tensor y = Norm.batchNorm(x, w, b, 1e-5, null, null);
        w.addInPlace(Tensor.ones(2), 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.square().sum().backward());
        assertTrue(e.getMessage().contains("saved by 'batchNorm' was modified in place"), e.getMessage());
    }
}
