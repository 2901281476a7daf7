package nash.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The stable primitives stay finite, with finite gradients, wherever the math is finite. */
class StabilityTest {

    static final double[] EXTREMES = {30, -30, 700, -700, 1e4, -1e4, 1e300, -1e300};

    private static void finiteWithGradient(String what, Function<Tensor, Tensor> f, double x) {
        Tensor t = Tensor.scalar(x).requiresGrad(true);
        Tensor y = f.apply(t);
        assertTrue(Double.isFinite(y.item()), what + "(" + x + ") = " + y.item());
        y.backward();
        assertTrue(Double.isFinite(t.grad().item()), what + "'(" + x + ") = " + t.grad().item());
    }

    @Test
    void bceWithLogitsAtExtremeLogits() {
        for (double x : EXTREMES) {
            for (double target : new double[] {0, 1, 0.3}) {
                finiteWithGradient("bce(t=" + target + ")", l -> Losses.bceWithLogits(l, Tensor.scalar(target)), x);
            }
        }
    }

    @Test
    void bceWithLogitsAtInfiniteLogitsWhereTheLossIsFinite() {
        // x = +∞ with t = 1, and x = −∞ with t = 0: the loss is 0 and its gradient σ(x) − t is 0.
        for (double[] c : new double[][] {{Double.POSITIVE_INFINITY, 1}, {Double.NEGATIVE_INFINITY, 0}}) {
            Tensor x = Tensor.scalar(c[0]).requiresGrad(true);
            Tensor loss = Losses.bceWithLogits(x, Tensor.scalar(c[1]));
            assertEquals(0.0, loss.item(), 0.0);
            loss.backward();
            assertEquals(0.0, x.grad().item(), 0.0);
        }
        assertEquals(Double.POSITIVE_INFINITY, Losses.bceWithLogits(Tensor.scalar(Double.POSITIVE_INFINITY), Tensor.scalar(0)).item());
    }

    @Test
    void bceWithLogitsMatchesTheNaiveFormulaWhereThatIsAccurate() {
        for (double x : new double[] {-3, -0.5, 0, 0.25, 2}) {
            for (double t : new double[] {0, 0.2, 1}) {
                double s = 1 / (1 + Math.exp(-x));
                double naive = -(t * Math.log(s) + (1 - t) * Math.log(1 - s));
                assertEquals(naive, Losses.bceWithLogits(Tensor.scalar(x), Tensor.scalar(t)).item(), 1e-14);
            }
        }
    }

    @Test
    void softplusAndLogSigmoidAtExtremes() {
        for (double x : EXTREMES) {
            finiteWithGradient("softplus", Tensor::softplus, x);
            finiteWithGradient("logSigmoid", Tensor::logSigmoid, x);
            finiteWithGradient("sigmoid", Tensor::sigmoid, x);
        }
        assertEquals(0.0, Tensor.scalar(Double.NEGATIVE_INFINITY).softplus().item());
        assertEquals(0.0, Tensor.scalar(Double.POSITIVE_INFINITY).logSigmoid().item(), 0.0);
        Tensor x = Tensor.scalar(Double.NEGATIVE_INFINITY).requiresGrad(true);
        x.softplus().backward();
        assertEquals(0.0, x.grad().item());
        assertEquals(-1e4, Tensor.scalar(-1e4).logSigmoid().item(), 0.0);
        assertEquals(1e4, Tensor.scalar(1e4).softplus().item(), 0.0);
    }

    @Test
    void logSumExpAtExtremes() {
        for (double x : EXTREMES) {
            Tensor t = Tensor.of(new double[] {x, 0, -x}).requiresGrad(true);
            Tensor y = t.logSumExp();
            assertTrue(Double.isFinite(y.item()), "logSumExp at " + x);
            assertEquals(Math.abs(x) > 40 ? Math.abs(x) : Math.log(Math.exp(x) + 1 + Math.exp(-x)), y.item(), 1e-12 * Math.abs(x));
            y.backward();
            for (double g : t.grad().toArray()) assertTrue(Double.isFinite(g));
        }
        Tensor t = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, 0, Double.NEGATIVE_INFINITY}).requiresGrad(true);
        Tensor y = t.logSumExp();
        assertEquals(0.0, y.item(), 0.0);
        y.backward();
        assertEquals(0.0, t.grad().get(0));
        assertEquals(1.0, t.grad().get(1));
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.full(Double.NEGATIVE_INFINITY, 3).logSumExp().item());
    }

    @Test
    void crossEntropyWithHugeLogitsStaysFinite() {
        Tensor logits = Tensor.of(new double[] {1e300, -1e300, 0, 800, -800, 3}, 2, 3).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(logits, new int[] {0, 1});
        assertTrue(Double.isFinite(loss.item()));
        loss.backward();
        for (double g : logits.grad().toArray()) assertTrue(Double.isFinite(g));
    }
}
