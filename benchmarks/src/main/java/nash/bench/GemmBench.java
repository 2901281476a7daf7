package nash.bench;

import java.util.concurrent.TimeUnit;
import nash.core.kernel.Kernels;
import nash.core.kernel.KernelsProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square GEMM C = A·B, n×n, scalar reference against the vector kernel. Primary score: products
 * per second; secondary {@code flops}: FLOP/s (2n³ per product).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class GemmBench {

    @Param({"64", "127", "256", "513", "1024"})
    public int n;

    Kernels scalar, vector;
    GemmShape shape;
    GemmShape.Operands operands;

    @Setup
    public void setup() {
        scalar = KernelsProvider.scalar();
        vector = KernelsProvider.vector(0);
        shape = GemmShape.parse(n + "x" + n + "x" + n);
        operands = shape.operands();
    }

    @Benchmark
    public double[] gemmScalar(Flops f) {
        f.flops += shape.flops();
        return shape.run(scalar, operands);
    }

    @Benchmark
    public double[] gemmVector(Flops f) {
        f.flops += shape.flops();
        return shape.run(vector, operands);
    }
}
