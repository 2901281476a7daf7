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
 * The GEMMs a DCGAN on MNIST issues (see {@link GemmShape#GAN} and {@link GemmShape#CONV}):
 * MLP layers at batch 64 forward and backward, and the convolutions after im2col.
 * Shapes are m×k×n:AB (T = operand stored transposed). Secondary {@code flops}: FLOP/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ModelGemmBench {

    @Param({"64x100x256:NT", "64x256x512:NT", "64x512x784:NT", "64x784x512:NT", "64x512x256:NT",
            "64x512x784:NN", "784x64x512:TN", "64x16x12544:NN", "128x1024x3136:NN", "1024x128x3136:TN", "128x3136x1024:NT"})
    public String shape;

    Kernels scalar, vector;
    GemmShape s;
    GemmShape.Operands operands;

    @Setup
    public void setup() {
        scalar = KernelsProvider.scalar();
        vector = KernelsProvider.vector(0);
        s = GemmShape.parse(shape);
        operands = s.operands();
    }

    @Benchmark
    public double[] gemmScalar(Flops f) {
        f.flops += s.flops();
        return s.run(scalar, operands);
    }

    @Benchmark
    public double[] gemmVector(Flops f) {
        f.flops += s.flops();
        return s.run(vector, operands);
    }
}
