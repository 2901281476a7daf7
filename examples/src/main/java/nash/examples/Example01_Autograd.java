package nash.examples;

import java.util.List;
import nash.core.Autograd;
import nash.core.Tensor;

/**
 * Tutorial 1 — autograd: values, gradients, and a second derivative.
 *
 * <p>You will see a small function built from tensor ops, its gradient computed by reverse-mode
 * differentiation (backward), the same gradient as a tensor (Autograd.grad), and the derivative of
 * that gradient: the second derivative a gradient penalty needs. Each printed number can be
 * checked by hand; the comments give the values.
 */
public final class Example01_Autograd {

    public static void main(String[] args) {
        // f(x, w) = tanh(w·x + 1) · x²    at x = 0.5, w = −2
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor w = Tensor.scalar(-2.0).requiresGrad(true);
        Tensor f = w.mul(x).add(1).tanh().mul(x.square());
        System.out.printf("f          = %.6f%n", f.item());          // tanh(0)·0.25 = 0.000000

        // backward(): df/dx and df/dw accumulate into x.grad() and w.grad().
        // df/dx = (1 − tanh²(wx+1))·w·x² + tanh(wx+1)·2x = 1·(−2)·0.25 + 0 = −0.5
        // df/dw = (1 − tanh²(wx+1))·x·x² = 0.125
        f.backward();
        System.out.printf("df/dx      = %.6f%n", x.grad().item());   // -0.500000
        System.out.printf("df/dw      = %.6f%n", w.grad().item());   // 0.125000

        // A vector example: y = Σ softplus(a·b), the gradient of a is σ(a·b)·b.
        Tensor a = Tensor.of(new double[] {1, -1, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0.5, 3, -1});
        a.mul(b).softplus().sum().backward();
        System.out.println("d/da Σ softplus(a·b) = " + a.grad());    // [0.3112, 0.1423, -0.1192] = [σ(0.5)·0.5, σ(−3)·3, σ(−2)·(−1)]

        // Second derivative: g(x) = x³ − 2x at x = 1.5.
        // g'(x) = 3x² − 2 = 4.75 and g''(x) = 6x = 9. createGraph=true records the first
        // gradient's own graph, so it can be differentiated again.
        Tensor u = Tensor.scalar(1.5).requiresGrad(true);
        Tensor g = u.pow(3).sub(u.mul(2));
        Tensor dg = Autograd.grad(g, u, true);
        Tensor d2g = Autograd.grad(dg, u, false);
        System.out.printf("g'(1.5)    = %.6f%n", dg.item());         // 4.750000
        System.out.printf("g''(1.5)   = %.6f%n", d2g.item());        // 9.000000

        // The same in the form a gradient penalty takes: the norm of an input gradient, then its gradient.
        // h(v) = Σ (W·v)² with W = [[1,2],[3,4]]: ∇h = 2·WᵀW·v, and ‖∇h‖² differentiated w.r.t. W.
        Tensor W = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor v = Tensor.of(new double[] {1, -1}, 2, 1).requiresGrad(true);
        Tensor h = W.matmul(v).square().sum();
        Tensor gv = Autograd.grad(h, v, true);                          // 2·WᵀW·v = [[-8], [-12]]
        Tensor penalty = gv.square().sum();                             // 64 + 144 = 208
        List<Tensor> gW = Autograd.grad(penalty, List.of(W), false);
        System.out.println("∇_v h      = " + gv.detach());
        System.out.printf("‖∇_v h‖²   = %.1f%n", penalty.item());   // 208.0
        // d‖∇h‖²/dW = 4·[(Wv)·(∇h)ᵀ + (W·∇h)·vᵀ] = [[-96, 176], [-256, 336]]
        System.out.println("d‖∇_v h‖²/dW = " + gW.get(0));
    }
}

// How to run: ./mvnw -q -DskipTests package && java --add-modules jdk.incubator.vector -cp examples/target/nash.jar nash.examples.Example01_Autograd
