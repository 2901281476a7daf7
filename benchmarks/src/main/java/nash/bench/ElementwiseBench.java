package nash.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nash.core.kernel.Kernels;
import nash.core.kernel.Kernels.Binary;
import nash.core.kernel.Kernels.Unary;
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

/** Lane-wise kernels on n doubles, scalar reference against vector: one unary op, a binary op, leaky ReLU, BCE. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ElementwiseBench {

    @Param({"1023", "65537"})
    public int n;

    @Param({"EXP", "TANH", "SIGMOID", "SOFTPLUS", "LOG", "RELU"})
    public Unary op;

    Kernels scalar, vector;
    double[] x, t, y, z;

    @Setup
    public void setup() {
        scalar = KernelsProvider.scalar();
        vector = KernelsProvider.vector(0);
        SplittableRandom r = new SplittableRandom(3);
        x = new double[n];
        t = new double[n];
        y = new double[n];
        z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = op == Unary.LOG ? r.nextDouble(1e-3, 10) : r.nextDouble(-6, 6);
            t[i] = r.nextDouble();
        }
    }

    @Benchmark public double[] unaryScalar() { scalar.unary(op, x, 0, y, 0, n); return y; }

    @Benchmark public double[] unaryVector() { vector.unary(op, x, 0, y, 0, n); return y; }

    @Benchmark public double[] mulScalar() { scalar.binary(Binary.MUL, x, 0, t, 0, z, 0, n); return z; }

    @Benchmark public double[] mulVector() { vector.binary(Binary.MUL, x, 0, t, 0, z, 0, n); return z; }

    @Benchmark public double[] leakyReluScalar() { scalar.leakyRelu(0.2, x, 0, z, 0, n); return z; }

    @Benchmark public double[] leakyReluVector() { vector.leakyRelu(0.2, x, 0, z, 0, n); return z; }

    @Benchmark public double[] bceWithLogitsScalar() { scalar.bceWithLogits(x, 0, t, 0, z, 0, n); return z; }

    @Benchmark public double[] bceWithLogitsVector() { vector.bceWithLogits(x, 0, t, 0, z, 0, n); return z; }
}
