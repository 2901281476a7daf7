package nash.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nash.core.kernel.ConvGeometry;
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
 * The DCGAN convolution layers on MNIST at batch 64, forward and backward, as the kernels run them
 * (im2col, GEMM, col2im), on the whole batch at once (nash.core.Conv runs the same kernels over chunks of
 * images, 32 at a time for conv2 and convT1, and permutes between [N,C,…] and [C,N·…] per chunk: docs/conv.md):
 * <ul>
 * <li>{@code conv1}: Conv2d(1,64,4,2,1), 28×28 → 14×14;  {@code conv2}: Conv2d(64,128,4,2,1), 14 → 7</li>
 * <li>{@code convT1}: ConvTranspose2d(128,64,4,2,1), 7 → 14;  {@code convT2}: ConvTranspose2d(64,1,4,2,1), 14 → 28</li>
 * </ul>
 * conv2d: cols = im2col(x); y = W·cols.  Backward: ∂W = G·colsᵀ; ∂x = col2im(Wᵀ·G).
 * convTranspose2d: y = col2im(Wᵀ·x).  Backward: cols = im2col(G); ∂x = W·cols; ∂W = x·colsᵀ.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ConvBench {

    @Param({"conv1", "conv2", "convT1", "convT2"})
    public String layer;

    Kernels scalar, vector;
    boolean transposed;
    ConvGeometry g;       // the geometry of the image side: conv2d's input, convTranspose2d's output
    int cin, cout;        // the layer's channels in and out
    double[] x, w, gy, cols, dcols, dx, dw, y;

    @Setup
    public void setup() {
        scalar = KernelsProvider.scalar();
        vector = KernelsProvider.vector(0);
        int n = 64;
        switch (layer) {
            case "conv1": cin = 1; cout = 64; g = geometry(n, 1, 28); break;
            case "conv2": cin = 64; cout = 128; g = geometry(n, 64, 14); break;
            case "convT1": cin = 128; cout = 64; g = geometry(n, 64, 14); transposed = true; break;
            case "convT2": cin = 64; cout = 1; g = geometry(n, 1, 28); transposed = true; break;
            default: throw new IllegalArgumentException(layer);
        }
        int colRows = g.colRows(), colCols = g.colCols();
        int outC = transposed ? cin : cout;                                    // channels on the "columns" side
        SplittableRandom r = new SplittableRandom(7);
        x = fill(r, transposed ? outC * colCols : g.inputSize());              // convT input [N,cin,7,7] ~ [cin, N·L]
        w = fill(r, outC * colRows);                                           // [cout, cin·16] or [cin, cout·16]
        gy = fill(r, transposed ? g.inputSize() : outC * colCols);
        cols = new double[colRows * colCols];
        dcols = new double[colRows * colCols];
        dx = new double[transposed ? outC * colCols : g.inputSize()];
        dw = new double[w.length];
        y = new double[transposed ? g.inputSize() : outC * colCols];
    }

    private static ConvGeometry geometry(int n, int c, int hw) { return new ConvGeometry(n, c, hw, hw, 4, 4, 2, 2, 1, 1, 1, 1); }

    private static double[] fill(SplittableRandom r, int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) d[i] = r.nextDouble(-1, 1);
        return d;
    }

    double[] forward(Kernels k) {
        int rows = g.colRows(), ncols = g.colCols(), outC = transposed ? cin : cout;
        if (!transposed) {
            k.im2col(g, x, 0, cols);
            k.gemm(false, false, outC, ncols, rows, w, 0, cols, 0, y, 0, false);  // y[O, N·L] = W·cols
        } else {
            k.gemm(true, false, rows, ncols, outC, w, 0, x, 0, cols, 0, false);   // cols = Wᵀ·x
            java.util.Arrays.fill(y, 0.0);
            k.col2im(g, cols, y, 0);
        }
        return y;
    }

    double[] backward(Kernels k) {
        int rows = g.colRows(), ncols = g.colCols(), outC = transposed ? cin : cout;
        if (!transposed) {
            k.im2col(g, x, 0, cols);                                               // saved by forward in a real graph
            k.gemm(false, true, outC, rows, ncols, gy, 0, cols, 0, dw, 0, false);  // ∂W = G·colsᵀ
            k.gemm(true, false, rows, ncols, outC, w, 0, gy, 0, dcols, 0, false); // Wᵀ·G
            java.util.Arrays.fill(dx, 0.0);
            k.col2im(g, dcols, dx, 0);                                             // ∂x
        } else {
            k.im2col(g, gy, 0, dcols);                                             // cols of G
            k.gemm(false, false, outC, ncols, rows, w, 0, dcols, 0, dx, 0, false); // ∂x = W·cols
            k.gemm(false, true, outC, rows, ncols, x, 0, dcols, 0, dw, 0, false);  // ∂W = x·colsᵀ
        }
        return dx;
    }

    @Benchmark public double[] forwardScalar() { return forward(scalar); }

    @Benchmark public double[] forwardVector() { return forward(vector); }

    @Benchmark public double[] backwardScalar() { return backward(scalar); }

    @Benchmark public double[] backwardVector() { return backward(vector); }
}
