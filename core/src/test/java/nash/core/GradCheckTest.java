package nash.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** GradCheck must catch wrong gradients, first and second order, or every op test is worthless. */
class GradCheckTest {

    /** y = x³ with a deliberately wrong derivative 2x² (the right one is 3x²). */
    static Tensor wrongCube(Tensor x) {
        Tensor y = Tensor.fromOp("wrongCube", x.pow(3).toArray(), x.shape(), x);
        return y.onBackward(gy -> new Tensor[] {gy.mul(x.square().mul(2))}, x);
    }

    /** y = x³ whose derivative is right in value but written with a constant, so its own derivative is wrong. */
    static Tensor detachedBackwardCube(Tensor x) {
        Tensor y = Tensor.fromOp("detachedBackwardCube", x.pow(3).toArray(), x.shape(), x);
        return y.onBackward(gy -> new Tensor[] {gy.mul(x.detach().square().mul(3))}, x);
    }

    @Test
    void aWrongFirstDerivativeIsCaught() {
        Tensor x = Tensor.of(new double[] {0.5, -1.2, 2});
        GradCheck.Failure f = assertThrows(GradCheck.Failure.class, () -> GradCheck.check(in -> wrongCube(in[0]), x));
        assertTrue(f.getMessage().contains("analytic") && f.getMessage().contains("numerical"), f.getMessage());
    }

    @Test
    void aBackwardThatIsNotDifferentiableIsCaughtAtSecondOrder() {
        Tensor x = Tensor.of(new double[] {0.5, -1.2, 2});
        assertDoesNotThrow(() -> GradCheck.check(in -> detachedBackwardCube(in[0]), x));
        assertThrows(GradCheck.Failure.class, () -> GradCheck.checkSecondOrder(in -> detachedBackwardCube(in[0]), x));
    }

    @Test
    void aFunctionThatDifferentiatesItsOwnInputsIsChecked() {
        // f(x) = Σ ∂(Σx³)/∂x = Σ 3x²: the numeric pass handed f copies that did not require grad, so the inner grad threw
        Tensor x = Tensor.of(new double[] {1, 2});
        assertDoesNotThrow(() -> GradCheck.check(in -> Autograd.grad(in[0].pow(3.0).sum(), in[0], true).sum(), x));
        assertThrows(GradCheck.Failure.class,                    // and one whose inner gradient has no graph is caught
                () -> GradCheck.check(in -> Autograd.grad(detachedBackwardCube(in[0]).sum(), in[0], true).sum(), x));
    }

    @Test
    void aCorrectCustomOpPasses() {
        Tensor x = Tensor.of(new double[] {0.5, -1.2, 2});
        GradCheck.check(in -> in[0].pow(3), x);
        GradCheck.checkSecondOrder(in -> in[0].pow(3), x);
    }
}
