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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A GEMM shape, scalar reference against the vector kernel. Primary score: products per second;
 * secondary {@code flops}: FLOP/s. Subclasses name the shapes as a JMH parameter.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public abstract class GemmPairBench {

    Kernels scalar, vector;
    GemmShape gemm;
    GemmShape.Operands operands;

    /** The shape, m×k×n:AB as {@link GemmShape#parse} reads it. */
    abstract String shapeSpec();

    @Setup
    public void setup() {
        scalar = KernelsProvider.scalar();
        vector = KernelsProvider.vector(0);
        gemm = GemmShape.parse(shapeSpec());
        operands = gemm.operands();
    }

    @Benchmark
    public double[] gemmScalar(Flops f) {
        f.flops += gemm.flops();
        return gemm.run(scalar, operands);
    }

    @Benchmark
    public double[] gemmVector(Flops f) {
        f.flops += gemm.flops();
        return gemm.run(vector, operands);
    }
}
