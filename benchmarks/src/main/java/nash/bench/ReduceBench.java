package nash.bench;

import java.util.SplittableRandom;
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

/** Reductions and updates over n doubles, scalar reference against vector: sum, max, axpy and one Adam step. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ReduceBench {

    @Param({"127", "1025", "65537"})
    public int n;

    Kernels scalar, vector;
    double[] x, y, p, g, m, v;

    @Setup
    public void setup() {
        scalar = KernelsProvider.scalar();
        vector = KernelsProvider.vector(0);
        SplittableRandom r = new SplittableRandom(4);
        x = new double[n];
        y = new double[n];
        p = new double[n];
        g = new double[n];
        m = new double[n];
        v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            p[i] = r.nextGaussian();
            g[i] = r.nextGaussian() * 1e-2;
        }
    }

    @Benchmark public double sumScalar() { return scalar.sum(x, 0, n); }

    @Benchmark public double sumVector() { return vector.sum(x, 0, n); }

    @Benchmark public double maxScalar() { return scalar.max(x, 0, n); }

    @Benchmark public double maxVector() { return vector.max(x, 0, n); }

    @Benchmark public double[] axpyScalar() { scalar.axpy(1e-3, x, 0, y, 0, n); return y; }

    @Benchmark public double[] axpyVector() { vector.axpy(1e-3, x, 0, y, 0, n); return y; }

    /** One Adam step (β = 0.5, 0.999 as in DCGAN); step t stays at 10 so the bias corrections are the same each call. */
    @Benchmark public double[] adamScalar() { scalar.adam(p, g, m, v, 0, n, 2e-4, 0.5, 0.999, 1e-8, 0, 0, 10); return p; }

    @Benchmark public double[] adamVector() { vector.adam(p, g, m, v, 0, n, 2e-4, 0.5, 0.999, 1e-8, 0, 0, 10); return p; }
}
