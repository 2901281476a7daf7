package nash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import nash.core.kernel.ConvGeometry;
import nash.core.kernel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * conv2d and convTranspose2d run over chunks of images; whatever the chunk, their values and their first and
 * second derivatives must be the bits of the composites that define them (im2col, matmul, permute, col2im).
 * (The gradient checks of both ops are in OpRegistry.)
 */
class ConvChunkTest {

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() { Parallel.setThreads(savedThreads); }

    // n, c, h, w, out channels, kh, kw, sh, sw, ph, pw, dh, dw; with bias when the last is 1
    private static final int[][] CASES = {
        {5, 3, 7, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1}, {7, 2, 9, 9, 3, 4, 4, 2, 2, 1, 1, 1, 1, 0},
        {3, 1, 8, 5, 2, 2, 3, 2, 1, 0, 2, 2, 1, 1}, {4, 5, 6, 6, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1},
        {6, 64, 14, 14, 3, 4, 4, 2, 2, 1, 1, 1, 1, 0}, // many input channels: the GEMMs take the vector path
    };

    private record Case(Tensor x, Tensor w, Tensor b, ConvGeometry g, Tensor seed) {}

    /** conv2d's operands; for the transposed op x is the image side's gradient shape turned around (see below). */
    private static Case conv2dCase(int[] q, Rng rng) {
        Tensor x = Tensor.randn(rng, q[0], q[1], q[2], q[3]).requiresGrad(true);
        Tensor w = Tensor.randn(rng, q[4], q[1], q[5], q[6]).requiresGrad(true);
        Tensor b = q[13] == 1 ? Tensor.randn(rng, q[4]).requiresGrad(true) : null;
        ConvGeometry g = new ConvGeometry(q[0], q[1], q[2], q[3], q[5], q[6], q[7], q[8], q[9], q[10], q[11], q[12]);
        Tensor seed = Tensor.randn(rng, q[0], q[4], g.outH(), g.outW());
        return new Case(x, w, b, g, seed);
    }

    /** convTranspose2d with the same geometry: x:[N, O, OH, OW] → y:[N, C, H, W], w:[O, C, kh, kw]. */
    private static Case transposedCase(int[] q, Rng rng) {
        ConvGeometry g = new ConvGeometry(q[0], q[1], q[2], q[3], q[5], q[6], q[7], q[8], q[9], q[10], q[11], q[12]);
        Tensor x = Tensor.randn(rng, q[0], q[4], g.outH(), g.outW()).requiresGrad(true);
        Tensor w = Tensor.randn(rng, q[4], q[1], q[5], q[6]).requiresGrad(true);
        Tensor b = q[13] == 1 ? Tensor.randn(rng, q[1]).requiresGrad(true) : null;
        return new Case(x, w, b, g, Tensor.randn(rng, q[0], q[1], q[2], q[3]));
    }

    /**
     * y, its gradients for the seed (x, w, b), and the second derivatives of Σ(∂x)² + Σ(∂w)² with respect to
     * x, w (the gradients recorded, then differentiated: what a gradient penalty does), all as one array.
     */
    private static double[] run(Case c, Function<Case, Tensor> op) {
        List<Tensor> inputs = new ArrayList<>(List.of(c.x, c.w));
        if (c.b != null) inputs.add(c.b);
        Tensor y = op.apply(c);
        List<double[]> parts = new ArrayList<>();
        parts.add(y.toArray());
        for (Tensor g : Autograd.grad(List.of(y), inputs, List.of(c.seed), false, true)) parts.add(g.toArray());
        List<Tensor> g = Autograd.grad(List.of(op.apply(c)), inputs, List.of(c.seed), true, true);
        Tensor penalty = g.get(0).square().sum().add(g.get(1).square().sum());
        for (Tensor h : Autograd.grad(penalty, List.of(c.x, c.w), false)) parts.add(h.toArray());
        int size = 0;
        for (double[] p : parts) size += p.length;
        double[] all = new double[size];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The composite's values and derivatives against the chunked op's for chunks of 1, 2, 3 and all images, 1–3 threads. */
    private static double[] assertChunksHaveTheBitsOf(Function<Case, Tensor> composite, BiFunction<Case, Integer, Tensor> chunked, Case c) {
        double[] want = run(c, composite);
        for (int chunk : new int[] {1, 2, 3, c.g.n()}) {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                assertArrayEquals(want, run(c, k -> chunked.apply(k, chunk)), c.g + " chunk " + chunk + ", " + threads + " threads");
            }
        }
        return want;
    }

    @Test
    void conv2dOverChunksHasTheBitsOfItsComposite() {
        Rng rng = new Rng(3);
        for (int[] q : CASES) {
            Case c = conv2dCase(q, rng);
            double[] want = assertChunksHaveTheBitsOf(k -> Conv.conv2dComposite(k.x, k.w, k.b, k.g),
                    (k, chunk) -> Conv.conv2d(k.x, k.w, k.b, k.g, chunk), c);
            assertArrayEquals(want, run(c, k -> Conv.conv2d(k.x, k.w, k.b, new int[] {q[7], q[8]}, new int[] {q[9], q[10]},
                    new int[] {q[11], q[12]})), "the public conv2d");
        }
    }

    @Test
    void convTranspose2dOverChunksHasTheBitsOfItsComposite() {
        Rng rng = new Rng(4);
        for (int[] q : CASES) {
            Case c = transposedCase(q, rng);
            double[] want = assertChunksHaveTheBitsOf(k -> Conv.convTranspose2dComposite(k.x, k.w, k.b, k.g),
                    (k, chunk) -> Conv.convTranspose2d(k.x, k.w, k.b, k.g, chunk), c);
            ConvGeometry g = c.g;                                              // the output padding that gives back h × w
            int[] outputPadding = {g.h() - ((g.outH() - 1) * g.sh() - 2 * g.ph() + g.dh() * (g.kh() - 1) + 1),
                                   g.w() - ((g.outW() - 1) * g.sw() - 2 * g.pw() + g.dw() * (g.kw() - 1) + 1)};
            assertArrayEquals(want, run(c, k -> Conv.convTranspose2d(k.x, k.w, k.b, new int[] {q[7], q[8]}, new int[] {q[9], q[10]},
                    outputPadding, new int[] {q[11], q[12]})), "the public convTranspose2d");
        }
    }

    /** An input that does not require grad (the data, for D's first layer) is skipped; the others are unchanged. */
    @Test
    void aFrozenInputGetsNoGradient() {
        Rng rng = new Rng(5);
        Case c = conv2dCase(CASES[1], rng);
        Tensor x = c.x.detach();
        Tensor y = Conv.conv2d(x, c.w, c.b, c.g, 2);
        List<Tensor> g = Autograd.grad(List.of(y), List.of(c.w), List.of(c.seed), false, false);
        Tensor ref = Conv.conv2dComposite(x, c.w, c.b, c.g);
        assertArrayEquals(Autograd.grad(List.of(ref), List.of(c.w), List.of(c.seed), false, false).get(0).toArray(), g.get(0).toArray());
        assertTrue(!x.requiresGrad());
    }

    /** A batch of no images is empty, not an error; its weight and bias gradients are zeros. */
    @Test
    void aBatchOfNoImagesGivesEmptyResultsAndZeroGradients() {
        Tensor x = Tensor.zeros(0, 2, 5, 5).requiresGrad(true), b = Tensor.ones(3).requiresGrad(true);
        Tensor w = Tensor.ones(3, 2, 3, 3).requiresGrad(true), wt = Tensor.ones(2, 3, 4, 4).requiresGrad(true);
        for (Tensor y : List.of(Conv.conv2d(x, w, b, 1, 1), Conv.convTranspose2d(x, wt, b, 2, 1))) {
            assertEquals(0, y.shape()[0]);
            Tensor weight = y.shape()[2] == 5 ? w : wt;
            List<Tensor> g = Autograd.grad(y.sum(), List.of(x, weight, b), false);
            assertArrayEquals(new int[] {0, 2, 5, 5}, g.get(0).shape());
            assertArrayEquals(new double[weight.size()], g.get(1).toArray());
            assertArrayEquals(new double[3], g.get(2).toArray());
        }
    }

    @Test
    void chunksAreAboutTheBudgetAndAtLeastOneImage() {
        ConvGeometry dcgan = new ConvGeometry(64, 64, 14, 14, 4, 4, 2, 2, 1, 1, 1, 1); // [1024, 49] columns per image
        int chunk = Conv.imagesPerChunk(dcgan, 128);
        assertTrue(chunk >= 1 && chunk <= 64, "chunk " + chunk);
        assertTrue((long) chunk * 1024 * 49 * 8 <= Math.max(Conv.CHUNK_BYTES, 1024 * 49 * 8), "chunk " + chunk);
        ConvGeometry huge = new ConvGeometry(2, 512, 64, 64, 3, 3, 1, 1, 1, 1, 1, 1);
        assertTrue(Conv.imagesPerChunk(huge, 8) == 1);
    }

    @Test
    void anOutputPastTheLargestArrayIsNamed() {
        // 60,000 channels of 200×200: 2.4·10⁹ outputs, whose int product was a NegativeArraySizeException
        var e = assertThrows(IllegalArgumentException.class,
                () -> Conv.conv2d(Tensor.zeros(1, 1, 200, 200), Tensor.zeros(60000, 1, 1, 1), null, 1, 0));
        assertTrue(e.getMessage().startsWith("conv2d: "), e.getMessage());
    }

    @Test
    void outputPaddingPastTheStrideMatchesPyTorch() {
        // output padding ≥ stride (allowed below the dilation, as PyTorch) failed with "geometry mismatch";
        // values from torch.nn.functional.conv_transpose2d (PyTorch 1.13, float64)
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor w = Tensor.of(new double[] {1, -2, 0.5, 3}, 1, 1, 2, 2), b = Tensor.of(new double[] {0.25});
        int[][] shapes = {{1, 1, 6, 6}, {1, 1, 4, 4}, {1, 1, 2, 2}};
        double[][] want = {P0, P1, P2};
        for (int p = 0; p < 3; p++) {
            Tensor y = Conv.convTranspose2d(x, w, b, new int[] {1, 1}, new int[] {p, p}, new int[] {1, 1}, new int[] {2, 2});
            assertArrayEquals(shapes[p], y.shape());
            assertArrayEquals(want[p], y.toArray(), 1e-12, "padding " + p);
        }
        double[] xs = new double[24], ws = new double[24];
        for (int i = 0; i < 24; i++) { xs[i] = (i + 1) / 7.0; ws[i] = (i + 1 - 6) / 5.0; }
        Tensor y = Conv.convTranspose2d(Tensor.of(xs, 2, 2, 3, 2), Tensor.of(ws, 2, 3, 2, 2), Tensor.of(new double[] {0.5, -1, 2}),
                new int[] {2, 2}, new int[] {1, 1}, new int[] {2, 2}, new int[] {3, 3});
        assertArrayEquals(new int[] {2, 3, 8, 6}, y.shape());
        assertArrayEquals(BIG, y.toArray(), 1e-12);
        GradCheck.check(in -> Conv.convTranspose2d(in[0], in[1], in[2], new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 2}, new int[] {2, 3}),
                Tensor.randn(new Rng(3), 1, 2, 3, 2), Tensor.randn(new Rng(4), 2, 1, 2, 2), Tensor.randn(new Rng(5), 1));
        GradCheck.checkSecondOrder(in -> Conv.convTranspose2d(in[0], in[1], null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}),
                Tensor.randn(new Rng(3), 1, 1, 3, 3), Tensor.randn(new Rng(4), 1, 1, 2, 2));
    }

    private static final double[] P0 = {1.25, 2.25, 1.25, -3.75, -5.75, 0.25, 4.25, 5.25, -1.75, -9.75, -11.75, 0.25, 7.75, 9.25, -0.25, -9.75, -8.75, 0.25, 2.25, 2.75, 15.25, 15.25, 18.25, 0.25, 3.75, 4.25, 25.75, 24.25, 27.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25};
    private static final double[] P1 = {5.25, -1.75, -9.75, -11.75, 9.25, -0.25, -9.75, -8.75, 2.75, 15.25, 15.25, 18.25, 4.25, 25.75, 24.25, 27.25};
    private static final double[] P2 = {-0.25, -9.75, 15.25, 15.25};
    private static final double[] BIG = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.9285714285714286, 2.2142857142857144, 0.5, 2.3285714285714287, 0.5, 0.5, 2.3857142857142857, 2.442857142857143, 0.5, 2.6714285714285713, 0.5, 0.5, 2.0428571428571427, 2.442857142857143, 0.5, 2.557142857142857, 0.5, 0.5, 2.7285714285714286, 2.9000000000000004, 0.5, 3.1285714285714286, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 3.071428571428571, 3.357142857142857, 0.5, 3.5857142857142854, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 2.028571428571429, 2.085714285714286, -1.0, 2.4285714285714284, -1.0, -1.0, 2.0285714285714285, 1.8571428571428568, -1.0, 2.314285714285714, -1.0, -1.0, 2.6, 2.7714285714285714, -1.0, 3.114285714285714, -1.0, -1.0, 2.8285714285714287, 2.7714285714285714, -1.0, 3.2285714285714286, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 3.628571428571428, 3.685714285714285, -1.0, 4.142857142857142, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 6.628571428571429, 6.457142857142857, 2.0, 7.0285714285714285, 2.0, 2.0, 6.171428571428571, 5.771428571428571, 2.0, 6.457142857142857, 2.0, 2.0, 7.657142857142857, 7.6000000000000005, 2.0, 8.17142857142857, 2.0, 2.0, 7.428571428571429, 7.142857142857143, 2.0, 7.828571428571428, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 8.685714285714285, 8.514285714285714, 2.0, 9.2, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 2.614285714285714, 3.585714285714286, 0.5, 3.7, 0.5, 0.5, 4.442857142857143, 5.185714285714286, 0.5, 5.414285714285715, 0.5, 0.5, 2.7285714285714278, 3.8142857142857145, 0.5, 3.9285714285714284, 0.5, 0.5, 4.785714285714286, 5.642857142857142, 0.5, 5.871428571428571, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 5.128571428571428, 6.1, 0.5, 6.328571428571428, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 5.457142857142857, 6.199999999999999, -1.0, 6.542857142857143, -1.0, -1.0, 6.828571428571429, 7.342857142857143, -1.0, 7.799999999999999, -1.0, -1.0, 6.0285714285714285, 6.885714285714285, -1.0, 7.228571428571428, -1.0, -1.0, 7.628571428571428, 8.257142857142856, -1.0, 8.714285714285714, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 8.428571428571429, 9.17142857142857, -1.0, 9.628571428571428, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 12.799999999999999, 13.314285714285715, 2.0, 13.885714285714286, 2.0, 2.0, 13.714285714285714, 14.0, 2.0, 14.685714285714287, 2.0, 2.0, 13.828571428571427, 14.457142857142857, 2.0, 15.028571428571428, 2.0, 2.0, 14.971428571428572, 15.371428571428572, 2.0, 16.057142857142857, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 16.228571428571428, 16.74285714285714, 2.0, 17.42857142857143, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0};
}
