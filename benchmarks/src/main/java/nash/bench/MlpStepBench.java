package nash.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import nash.core.Autograd;
import nash.core.GradMode;
import nash.core.Losses;
import nash.core.Rng;
import nash.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of a small MLP written with nash.core ops directly (manual parameters, plain
 * SGD): 784 → 256 → 10 on a batch of 64, leaky-ReLU hidden layer, softmax cross-entropy.
 * Forward, backward, and θ ← θ − lr·∂L/∂θ under noGrad.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class MlpStepBench {

    Tensor x, w1, b1, w2, b2;
    int[] labels;
    List<Tensor> params;

    @Setup
    public void setup() {
        Rng rng = new Rng(5);
        x = Tensor.rand(rng, 64, 784);
        w1 = Tensor.randn(rng, 256, 784).mul(Math.sqrt(2.0 / 784)).requiresGrad(true);   // [out, in]
        b1 = Tensor.zeros(256).requiresGrad(true);
        w2 = Tensor.randn(rng, 10, 256).mul(Math.sqrt(2.0 / 256)).requiresGrad(true);
        b2 = Tensor.zeros(10).requiresGrad(true);
        labels = new int[64];
        for (int i = 0; i < 64; i++) labels[i] = (int) (rng.nextDouble() * 10);
        params = List.of(w1, b1, w2, b2);
    }

    /** Returns the loss of the step. */
    @Benchmark
    public double trainStep() {
        Tensor h = x.matmul(w1, false, true).add(b1).leakyRelu(0.2);          // [64,256]
        Tensor logits = h.matmul(w2, false, true).add(b2);                     // [64,10]
        Tensor loss = Losses.crossEntropy(logits, labels);
        for (Tensor p : params) p.zeroGrad();
        loss.backward();
        try (GradMode off = Autograd.noGrad()) {
            for (Tensor p : params) p.addInPlace(p.grad(), -0.01);
        }
        return loss.item();
    }
}
