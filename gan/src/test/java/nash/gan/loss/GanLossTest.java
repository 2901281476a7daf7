package nash.gan.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.GradCheck;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;

class GanLossTest {

    static final Tensor REAL = Tensor.of(new double[] {2.0, -0.5, 1.2});   // away from the hinge's kinks at ±1
    static final Tensor FAKE = Tensor.of(new double[] {-1.5, 0.3});

    static double sig(double x) { return 1 / (1 + Math.exp(-x)); }

    @Test
    void logLossesByHand() {
        double dLoss = -(Math.log(sig(2)) + Math.log(sig(-0.5)) + Math.log(sig(1.2))) / 3
                - (Math.log(1 - sig(-1.5)) + Math.log(1 - sig(0.3))) / 2;
        assertEquals(dLoss, GanLoss.NON_SATURATING.discriminator(REAL, FAKE).item(), 1e-14);
        assertEquals(dLoss, GanLoss.MINIMAX.discriminator(REAL, FAKE).item(), 1e-14);
        assertEquals(-dLoss, GanLoss.value(REAL, FAKE).item(), 1e-14);                       // L_D = −V
        assertEquals((Math.log(1 - sig(-1.5)) + Math.log(1 - sig(0.3))) / 2, GanLoss.MINIMAX.generator(FAKE).item(), 1e-14);
        assertEquals(-(Math.log(sig(-1.5)) + Math.log(sig(0.3))) / 2, GanLoss.NON_SATURATING.generator(FAKE).item(), 1e-14);
    }

    @Test
    void oneSidedLabelSmoothingChangesOnlyTheRealTarget() {
        double s = 0.1;
        double expected = -((1 - s) * Math.log(sig(2)) + s * Math.log(1 - sig(2))) - Math.log(1 - sig(-1));
        assertEquals(expected, GanLoss.NON_SATURATING.discriminator(Tensor.of(new double[] {2}), Tensor.of(new double[] {-1}), s).item(), 1e-14);
    }

    @Test
    void wassersteinHingeAndLeastSquaresByHand() {
        double meanR = (2 - 0.5 + 1.2) / 3.0, meanF = (-1.5 + 0.3) / 2;
        assertEquals(meanF - meanR, GanLoss.WASSERSTEIN.discriminator(REAL, FAKE).item(), 1e-15);
        assertEquals(-meanF, GanLoss.WASSERSTEIN.generator(FAKE).item(), 1e-15);
        double hinge = (0 + 1.5 + 0) / 3 + (0 + 1.3) / 2;                                     // relu(1 − r), relu(1 + f)
        assertEquals(hinge, GanLoss.HINGE.discriminator(REAL, FAKE).item(), 1e-15);
        assertEquals(-meanF, GanLoss.HINGE.generator(FAKE).item(), 1e-15);
        double ls = 0.5 * ((1 + 2.25 + 0.04) / 3 + (2.25 + 0.09) / 2);
        assertEquals(ls, GanLoss.LEAST_SQUARES.discriminator(REAL, FAKE).item(), 1e-15);
        assertEquals(0.5 * (6.25 + 0.49) / 2, GanLoss.LEAST_SQUARES.generator(FAKE).item(), 1e-15);
    }

    @Test
    void theMinimaxGeneratorLossSaturatesAndTheNonSaturatingOneDoesNot() {
        // When D is confident a sample is fake (logit −10), d/dlogit of log(1 − σ) is −σ ≈ −4.5e−5,
        // while d/dlogit of −log σ is −(1 − σ) ≈ −1.
        Tensor x = Tensor.of(new double[] {-10}).requiresGrad(true);
        GanLoss.MINIMAX.generator(x).backward();
        double saturated = x.grad().item();
        x.zeroGrad();
        GanLoss.NON_SATURATING.generator(x).backward();
        assertEquals(-sig(-10), saturated, 1e-18);
        assertEquals(-(1 - sig(-10)), x.grad().item(), 1e-15);
        assertTrue(Math.abs(x.grad().item()) > 20000 * Math.abs(saturated));
    }

    @Test
    void everyLossIsStableAndGradientChecked() {
        Tensor extreme = Tensor.of(new double[] {800, -800, 1e300});
        for (GanLoss l : GanLoss.values()) {
            if (l.probabilistic()) {
                assertTrue(Double.isFinite(l.discriminator(extreme, extreme.neg()).item()), l + " at extreme logits");
                assertTrue(Double.isFinite(l.generator(extreme.neg()).item()) || l == GanLoss.MINIMAX, l.name());
            }
            GradCheck.check(in -> l.discriminator(in[0], in[1], 0.1 * (l.probabilistic() || l == GanLoss.LEAST_SQUARES ? 1 : 0)), REAL, FAKE);
            GradCheck.checkSecondOrder(in -> l.discriminator(in[0], in[1]), REAL, FAKE);
            GradCheck.check(in -> l.generator(in[0]), FAKE);
            GradCheck.checkSecondOrder(in -> l.generator(in[0]), FAKE);
        }
    }

    @Test
    void labelSmoothingIsCheckedByEveryObjective() {
        // LEAST_SQUARES took NaN, 2 and −1; WASSERSTEIN and HINGE ignored any value, NaN included
        Tensor r = Tensor.of(new double[] {0.3, 1.2}, 2, 1), f = Tensor.of(new double[] {-0.4, 0.1}, 2, 1);
        for (GanLoss l : GanLoss.values()) {
            for (double bad : new double[] {Double.NaN, 2.0, -1.0, 1.0}) {
                var e = assertThrows(IllegalArgumentException.class, () -> l.discriminator(r, f, bad), l + " " + bad);
                assertTrue(e.getMessage().startsWith(l + ": label smoothing must be in [0, 1)"), e.getMessage());
            }
            if (l.smoothable()) {
                assertTrue(Double.isFinite(l.discriminator(r, f, 0.1).item()));
            } else {
                var e = assertThrows(IllegalArgumentException.class, () -> l.discriminator(r, f, 0.1));
                assertTrue(e.getMessage().contains("no target to soften"), e.getMessage());
            }
            assertEquals(l.discriminator(r, f).item(), l.discriminator(r, f, 0.0).item(), 0.0);
        }
    }
}
