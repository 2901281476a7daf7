package nash.examples;

import java.util.List;
import nash.core.Autograd;
import nash.core.Tensor;
import nash.gan.loss.GanLoss;

/**
 * Tutorial 3 — saturation: why generators train with the non-saturating loss.
 *
 * <p>The lesson: the original generator loss log(1 − D(G(z))) flattens when D is confident that
 * G's samples are fake (D(G(z)) → 0), so G's gradient vanishes exactly when G most needs it; the
 * non-saturating loss −log D(G(z)) has the same fixed point but a strong gradient there.
 *
 * <p>You will see, for a discriminator growing more confident, D(G(z)) and the size of G's
 * gradient under both losses: first at the logit itself (−σ(l) against −(1 − σ(l))), then
 * through a tiny generator G(z) = a·z + b facing a fixed logistic discriminator
 * D(x) = σ(w·(x − 2)) whose slope w grows (real data sits at x ≈ 2, G's samples near 0).
 */
public final class Example03_Saturation {

    public static void main(String[] args) {
        System.out.println("At the discriminator's logit l on a fake sample (D(G(z)) = σ(l)):");
        System.out.println("      l   D(G(z))   |dL/dl| minimax   |dL/dl| non-saturating");
        for (double l : new double[] {0, -2, -4, -6, -8, -10}) {
            Tensor logit = Tensor.scalar(l).requiresGrad(true);
            double mm = Math.abs(Autograd.grad(GanLoss.MINIMAX.generator(logit), logit, false).item());          // σ(l)
            double ns = Math.abs(Autograd.grad(GanLoss.NON_SATURATING.generator(logit), logit, false).item());   // 1 − σ(l)
            System.out.printf("%7.1f  %8.5f   %15.3e   %22.5f%n", l, 1 / (1 + Math.exp(-l)), mm, ns);
        }
        // prints, for l = -10: D(G(z)) = 0.00005, minimax 4.540e-05, non-saturating 0.99995

        System.out.println();
        System.out.println("Through a generator G(z) = a·z + b (a = 0.5, b = 0) against D(x) = σ(w·(x − 2)):");
        System.out.println("      w   mean D(G(z))   ‖∇(a,b)‖ minimax   ‖∇(a,b)‖ non-saturating");
        Tensor z = Tensor.of(new double[] {-1.5, -0.5, 0.0, 0.5, 1.5});
        for (double w : new double[] {0.5, 1, 2, 4, 8}) {
            double[] norms = new double[2];
            double dMean = 0;
            int i = 0;
            for (GanLoss loss : List.of(GanLoss.MINIMAX, GanLoss.NON_SATURATING)) {
                Tensor a = Tensor.scalar(0.5).requiresGrad(true), b = Tensor.scalar(0.0).requiresGrad(true);
                Tensor fake = z.mul(a).add(b);                     // G(z)
                Tensor logits = fake.sub(2).mul(w);                // D's logit
                dMean = logits.sigmoid().mean().item();
                List<Tensor> g = Autograd.grad(loss.generator(logits), List.of(a, b), false);
                norms[i++] = Math.hypot(g.get(0).item(), g.get(1).item());
            }
            System.out.printf("%7.1f   %12.6f   %16.3e   %24.5f%n", w, dMean, norms[0], norms[1]);
        }
        // As w grows, D(G(z)) → 0: the minimax gradient collapses (about 1e-4 at w = 8, 1e-2 at w = 4) while the
        // non-saturating one grows with w, pushing G's samples towards the data.
    }
}

// How to run: ./mvnw -q -DskipTests package && java --add-modules jdk.incubator.vector -cp examples/target/nash.jar nash.examples.Example03_Saturation
