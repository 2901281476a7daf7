package nash.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import nash.core.kernel.Kernels;

/**
 * One GEMM problem C[m,n] = op(A)·op(B) with op(A):[m,k], op(B):[k,n] and transpose flags, named
 * as {@code MxKxN} plus {@code :TN}-style flags (first letter A, second B; T = stored transposed).
 * Also the list of shapes Nash's models issue, shared by the benchmarks, the side-by-side program
 * and the guard.
 */
public record GemmShape(String label, int m, int k, int n, boolean transA, boolean transB) {

    /** Parses {@code 64x100x256} or {@code 64x100x256:NT}. */
    public static GemmShape parse(String s) {
        String[] parts = s.trim().split(":");
        String[] dims = parts[0].split("x");
        if (dims.length != 3) throw new IllegalArgumentException("shape must be MxKxN[:AB], got " + s);
        String flags = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "NN";
        return new GemmShape(s.trim(), Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]),
                flags.charAt(0) == 'T', flags.charAt(1) == 'T');
    }

    /** 2·m·n·k: one multiply and one add per term. */
    public double flops() { return 2.0 * m * n * k; }

    /** The spec string, e.g. {@code 64x100x256:NT}. */
    public String spec() { return m + "x" + k + "x" + n + ":" + (transA ? "T" : "N") + (transB ? "T" : "N"); }

    /** Operands filled with uniform values in [−1, 1), fixed seed. */
    public Operands operands() {
        SplittableRandom r = new SplittableRandom(42);
        double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = r.nextDouble(-1, 1);
        return new Operands(a, b, c);
    }

    /** The arrays of one problem. */
    public record Operands(double[] a, double[] b, double[] c) {}

    /** C = op(A)·op(B) with the given kernels. */
    public double[] run(Kernels kernels, Operands o) {
        kernels.gemm(transA, transB, m, n, k, o.a(), 0, o.b(), 0, o.c(), 0, false);
        return o.c();
    }

    /** Square problems. */
    public static final List<String> SQUARE = List.of("64x64x64", "256x256x256", "512x512x512", "1024x1024x1024");

    /**
     * The DCGAN-on-MNIST MLP layers at batch 64 (in → out: 100→256→512→784 generator, 784→512→256 critic),
     * each as nash.nn's Linear issues it: forward x·Wᵀ (NT), backward ∂x = G·W (NN) and ∂W = Gᵀ·x (TN).
     */
    public static final List<String> GAN = List.of(
            "64x100x256:NT", "64x256x512:NT", "64x512x784:NT", "64x784x512:NT", "64x512x256:NT",
            "64x256x100:NN", "64x512x256:NN", "64x784x512:NN", "64x512x784:NN", "64x256x512:NN",
            "256x64x100:TN", "512x64x256:TN", "784x64x512:TN", "512x64x784:TN", "256x64x512:TN");

    /**
     * The GEMMs of the DCGAN convolutions at batch 64 (see nash.core.Conv): conv2d is W[O,C·kh·kw]·cols,
     * convTranspose2d is Wᵀ·x; Conv2d(1,64,4,2,1) 28→14, Conv2d(64,128,4,2,1) 14→7,
     * ConvTranspose2d(128,64,4,2,1) 7→14, ConvTranspose2d(64,1,4,2,1) 14→28; then the weight gradient
     * of the second conv (G·colsᵀ) and its input gradient (Wᵀ·G), and the first conv's weight gradient (n = 16: a
     * narrow product, see VectorGemm). (A training step runs the two middle layers'
     * products on chunks of 32 images, n = 1568 instead of 3136: see nash.core.Conv; the full-batch shapes are kept
     * so that the results stay comparable with earlier runs.)
     */
    public static final List<String> CONV = List.of(
            "64x16x12544:NN", "128x1024x3136:NN", "1024x128x3136:TN", "16x64x12544:TN",
            "128x3136x1024:NT", "1024x128x3136:TN", "64x12544x16:NT");

    /**
     * The discriminators' last layers, one output (Linear(256, 1) of the MLP critic, Linear(6272, 1) of the DCGAN's):
     * forward x·wᵀ (a column of C), ∂x = G·w (k = 1) and ∂w = Gᵀ·x (a row of C). Nash runs them as matrix-vector and
     * outer-product loops (see VectorGemm's thin products).
     */
    public static final List<String> THIN = List.of(
            "64x256x1:NT", "64x1x256:NN", "1x64x256:TN", "64x6272x1:NT", "64x1x6272:NN", "1x64x6272:TN");

    /** Every shape above. */
    public static List<String> all() {
        List<String> all = new java.util.ArrayList<>(SQUARE);
        all.addAll(GAN);
        for (String s : CONV) if (!all.contains(s)) all.add(s);
        all.addAll(THIN);
        return all;
    }
}
