package nash.bench;

import java.util.concurrent.TimeUnit;
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
 * The per-op overhead of the autodiff graph: a chain of 10 ops on a 4-element tensor, forward and
 * backward, where the arithmetic is negligible and the time is the graph's bookkeeping
 * (tensor and node creation, topological sort, gradient accumulation). Divide by 10 for one op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class GraphBench {

    Tensor x, w;

    @Setup
    public void setup() {
        Rng rng = new Rng(1);
        x = Tensor.randn(rng, 4).requiresGrad(true);
        w = Tensor.randn(rng, 4);
    }

    /** y = Σ softplus(tanh((x·w + 1)²·0.5 − x)·x).exp()... : 10 ops, then backward; returns ∂y/∂x. */
    @Benchmark
    public Tensor chain10ForwardBackward() {
        x.zeroGrad();
        Tensor h = x.mul(w).add(1.0).square().mul(0.5).sub(x);                 // 5 ops
        Tensor y = h.tanh().mul(x).sigmoid().softplus().sum();                 // 5 ops
        y.backward();
        return x.grad();
    }

    /** The same 10 ops, forward only. */
    @Benchmark
    public Tensor chain10Forward() {
        Tensor h = x.mul(w).add(1.0).square().mul(0.5).sub(x);
        return h.tanh().mul(x).sigmoid().softplus().sum();
    }
}
