package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import nash.core.kernel.Kernels.Binary;
import nash.core.kernel.Kernels.Unary;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The vector kernels against the scalar reference, on awkward sizes and every vector width:
 * lane-wise ops bit for bit, reductions and GEMM within a tolerance that grows with the length.
 */
class KernelsTest {

    static final int[] SIZES = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 127, 1023, 1025};
    static final int[] WIDTHS = {64, 128, 256, 512};
    static final Kernels REF = new ScalarKernels();

    static List<Kernels> vectorKernels() {
        List<Kernels> ks = new ArrayList<>();
        for (int w : WIDTHS) ks.add(KernelsProvider.vector(w));
        return ks;
    }

    /** Values with specials mixed in: ±0, ±∞, NaN, tiny and huge. */
    static double[] values(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] specials = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e-310, -1e300, 1e300, 1.0, -1.0};
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = r.nextInt(8) == 0 ? specials[r.nextInt(specials.length)] : r.nextGaussian() * 3;
        return d;
    }

    @TestFactory
    Stream<DynamicTest> laneWiseOpsMatchBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Kernels k : vectorKernels()) {
            tests.add(DynamicTest.dynamicTest(k.name(), () -> {
                for (int n : SIZES) {
                    for (int off : new int[] {0, 3}) {
                        double[] a = values(n * 31L + off, n + off), b = values(n * 17L + 5 + off, n + off);
                        for (Unary op : Unary.values()) {
                            double[] y1 = new double[n + off], y2 = new double[n + off];
                            for (int i = off; i < n + off; i++) y1[i] = VectorKernels.lane(op, a[i]);  // the reference, or the polynomial twin
                            k.unary(op, a, off, y2, off, n);
                            assertArrayEquals(y1, y2, k.name() + " " + op + " n=" + n + " off=" + off);
                            double[] in = a.clone();
                            k.unary(op, in, off, in, off, n);                                         // in place: y is x
                            for (int i = 0; i < off; i++) in[i] = y2[i];
                            assertArrayEquals(y2, in, k.name() + " " + op + " in place, n=" + n + " off=" + off);
                            if (!POLYNOMIAL.contains(op)) {
                                REF.unary(op, a, off, y1, off, n);
                                assertArrayEquals(y1, y2, k.name() + " " + op + " matches the reference, n=" + n);
                            }
                        }
                        for (Binary op : Binary.values()) {
                            double[] y1 = new double[n + off], y2 = new double[n + off];
                            REF.binary(op, a, off, b, off, y1, off, n);
                            k.binary(op, a, off, b, off, y2, off, n);
                            assertArrayEquals(y1, y2, k.name() + " " + op + " n=" + n);
                            REF.binaryScalar(op, a, off, 1.5, y1, off, n);
                            k.binaryScalar(op, a, off, 1.5, y2, off, n);
                            assertArrayEquals(y1, y2, k.name() + " " + op + " (scalar right) n=" + n);
                            REF.scalarBinary(op, -0.5, b, off, y1, off, n);
                            k.scalarBinary(op, -0.5, b, off, y2, off, n);
                            assertArrayEquals(y1, y2, k.name() + " " + op + " (scalar left) n=" + n);
                        }
                        double[] y1 = new double[n + off], y2 = new double[n + off];
                        REF.leakyRelu(0.2, a, off, y1, off, n);
                        k.leakyRelu(0.2, a, off, y2, off, n);
                        assertArrayEquals(y1, y2, "leakyRelu n=" + n);
                        for (double slope : new double[] {0.0, 0.2}) {
                            REF.leakyReluGrad(slope, a, off, b, off, y1, off, n);
                            k.leakyReluGrad(slope, a, off, b, off, y2, off, n);
                            assertArrayEquals(y1, y2, "leakyReluGrad slope " + slope + " n=" + n);
                        }
                        REF.clamp(-1, 2, a, off, y1, off, n);
                        k.clamp(-1, 2, a, off, y2, off, n);
                        assertArrayEquals(y1, y2, "clamp n=" + n);
                        REF.inRange(-1, 2, a, off, y1, off, n);
                        k.inRange(-1, 2, a, off, y2, off, n);
                        assertArrayEquals(y1, y2, "inRange n=" + n);
                        double[] t = new double[n + off];
                        for (int i = 0; i < t.length; i++) t[i] = (i % 3) / 2.0;
                        REF.bceWithLogits(a, off, t, off, y1, off, n);
                        k.bceWithLogits(a, off, t, off, y2, off, n);
                        assertArrayEquals(y1, y2, "bceWithLogits n=" + n);
                        double[] z1 = b.clone(), z2 = b.clone();
                        REF.axpy(0.75, a, off, z1, off, n);
                        k.axpy(0.75, a, off, z2, off, n);
                        assertArrayEquals(z1, z2, "axpy n=" + n);
                        assertEquals(REF.max(a, off, n), k.max(a, off, n), 0.0, "max n=" + n);
                        assertEquals(REF.min(a, off, n), k.min(a, off, n), 0.0, "min n=" + n);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** Unary ops the vector kernels compute with their own polynomial (not Math.*): within ulps(op) of the reference. */
    static final java.util.Set<Unary> POLYNOMIAL = java.util.EnumSet.of(Unary.EXP, Unary.SIGMOID, Unary.TANH);

    /** How far a polynomial op may be from the reference: exp and σ 2 ulp, tanh 4 (see VectorKernels.polyTanh). */
    static long ulps(Unary op) { return op == Unary.TANH ? 4 : 2; }

    /** Distance in units in the last place between two doubles (0 for two NaNs, or for ±0). */
    static long ulps(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.isNaN(x) && Double.isNaN(y) ? 0 : Long.MAX_VALUE;
        if (x == y) return 0;
        long a = Double.doubleToRawLongBits(x), b = Double.doubleToRawLongBits(y);
        if ((a < 0) != (b < 0)) return Long.MAX_VALUE;
        return Math.abs(a - b);
    }

    @Test
    void polynomialExpSigmoidAndTanhAreWithinAFewUlpsOfTheReference() {
        SplittableRandom r = new SplittableRandom(9);
        double[] specials = {0.0, -0.0, 1, -1, 1e-300, -1e-300, 0.5 * Math.log(2), -0.5 * Math.log(2), 709.782712893384, 709.79,
                -708.39, -708.4, -720, -745.13, -745.14, 746, -746, 1e300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 36.7, -36.7, 40, -40,
                0.55, -0.55, Math.nextDown(0.55), 1e-310, -1e-310, 19.06, 22, -22};
        for (Unary op : POLYNOMIAL) {
            for (int i = 0; i < 2_000_000 + specials.length; i++) {
                double x = i < specials.length ? specials[i]
                        : i % 4 == 0 ? r.nextDouble(-746, 710) : i % 4 == 1 ? r.nextDouble(-10, 10)
                        : i % 4 == 2 ? r.nextGaussian() * 1e-6 : r.nextDouble(-1, 1);
                double want = ScalarKernels.apply(op, x), got = VectorKernels.lane(op, x);
                assertTrue(ulps(want, got) <= ulps(op), op + "(" + x + ") = " + got + ", reference " + want);
            }
        }
    }

    /** The first calls run in the interpreter, later ones C2-compiled: the polynomial lanes keep their bits throughout. */
    @Test
    void polynomialLanesHaveTheSameBitsInEveryJitTier() {
        Kernels k = KernelsProvider.vector(0);
        double[] x = values(77, 4099), first = new double[x.length], y = new double[x.length];
        for (Unary op : POLYNOMIAL) {
            k.unary(op, x, 0, first, 0, x.length);
            for (int it = 0; it < 3000; it++) {
                k.unary(op, x, 0, y, 0, x.length);
                if (it % 500 == 0 || it == 2999) assertArrayEquals(first, y, op + " changed its bits at call " + it);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> sumsAgreeWithinATolerance() {
        return vectorKernels().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            for (int n : SIZES) {
                SplittableRandom r = new SplittableRandom(n);
                double[] a = new double[n + 1];
                double abs = 0;
                for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
                for (int i = 1; i <= n; i++) abs += Math.abs(a[i]);
                double s1 = REF.sum(a, 1, n), s2 = k.sum(a, 1, n);
                assertEquals(s1, s2, 4 * Math.ulp(1.0) * n * abs + 0.0, "sum n=" + n);
                assertEquals(s2, k.sum(a, 1, n), 0.0, "sum is repeatable");
                double q1 = REF.sumOfSquares(a, 1, n), q2 = k.sumOfSquares(a, 1, n);
                assertEquals(q1, q2, 4 * Math.ulp(1.0) * n * q1 + 0.0, "sumOfSquares n=" + n);
                assertEquals(q2, k.sumOfSquares(a, 1, n), 0.0, "sumOfSquares is repeatable");
                if (n > 0) {                                   // a NaN or an infinity anywhere, in the vector part or the tail
                    for (int at : new int[] {1, n}) {
                        double keep = a[at];
                        a[at] = Double.NaN;
                        assertTrue(Double.isNaN(k.sumOfSquares(a, 1, n)), "sumOfSquares NaN at " + at + ", n=" + n);
                        a[at] = Double.NEGATIVE_INFINITY;
                        assertEquals(Double.POSITIVE_INFINITY, k.sumOfSquares(a, 1, n), "sumOfSquares −∞ at " + at + ", n=" + n);
                        a[at] = keep;
                    }
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> gemmMatchesTheReferenceForEveryTransposeAndAwkwardShape() {
        int[] dims = {1, 2, 3, 7, 8, 9, 17, 33};
        return vectorKernels().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            SplittableRandom r = new SplittableRandom(11);
            for (int m : dims) for (int n : dims) for (int kk : dims) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    double[] a = new double[m * kk + 2], b = new double[kk * n + 1];
                    for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
                    for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
                    double[] c0 = new double[m * n + 3];
                    for (int i = 0; i < c0.length; i++) c0[i] = r.nextGaussian();
                    for (boolean acc : new boolean[] {false, true}) {
                        double[] c1 = c0.clone(), c2 = c0.clone();
                        REF.gemm(ta, tb, m, n, kk, a, 2, b, 1, c1, 3, acc);
                        k.gemm(ta, tb, m, n, kk, a, 2, b, 1, c2, 3, acc);
                        for (int i = 0; i < c1.length; i++) {
                            assertEquals(c1[i], c2[i], 1e-13 * (kk + 1) * 8,
                                    k.name() + " gemm m=" + m + " n=" + n + " k=" + kk + " ta=" + ta + " tb=" + tb + " acc=" + acc + " at " + i);
                        }
                        assertEquals(c0[0], c2[0], 0.0, "gemm wrote before its offset");
                    }
                }
            }
        }));
    }

    /** c ← fma(a[i,p], b[p,j], c), p ascending, from c (accumulate) or +0: the order VectorGemm promises. */
    static void fmaChainGemm(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                             double[] c, int cOff, boolean acc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? c[cOff + i * n + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(ta ? a[aOff + p * m + i] : a[aOff + i * k + p], tb ? b[bOff + j * k + p] : b[bOff + p * n + j], s);
                }
                c[cOff + i * n + j] = s;
            }
        }
    }

    /**
     * Every width, 1 and 3 threads, all transposes, shapes from tiny to past every cache block
     * (k beyond any KC, m beyond MC, n beyond NC, edges everywhere, A read packed and unpacked, B packed up front and per tile,
     * chains started from C or from zero registers, blocks down B panels or along C's rows, C's tile in place or in column panels; C starts as noise, so reading it
     * when overwriting shows): the same bits as one scalar FMA chain.
     */
    @TestFactory
    Stream<DynamicTest> gemmIsOneFmaChainPerElementForAnyWidthAndThreadCount() {
        int[][] shapes = {{1, 1, 1}, {1, 17, 1}, {5, 3, 2}, {6, 32, 9}, {7, 33, 65}, {13, 8, 129}, {33, 31, 17},
                {64, 100, 36}, {97, 131, 1100}, {367, 61, 70}, {12, 1031, 40}, {200, 300, 257}, {70, 40, 200}, {37, 130, 300}, {50, 700, 300},
                // short k, C overwritten: chains start from zero registers, C is not read (edges in m and n, k at the limit)
                {70, 300, 20}, {9, 200, 64}, {130, 1031, 3},
                // one k-block past that, C overwritten: register blocks along C's rows, from zero registers (edges, Cᵀ, k at the block limit)
                {70, 700, 100}, {40, 900, 90}, {300, 1100, 128},
                // several k-blocks: the tile in a scratch of column panels, copied in and out (m past MC, n past NC, A read in place, Cᵀ)
                {250, 900, 300}, {301, 64, 700}, {70, 100, 300},
                // narrow products (n ≤ two vectors, long k): full and edge row blocks, n below the panel width, several k-blocks
                {64, 16, 1100}, {37, 13, 300}, {9, 3, 1000}, {20, 4, 2000}, {8, 8, 256},
                // thin products (a row or column of C, or k = 1), past the parallel threshold too
                {1, 1, 9}, {3, 1, 5}, {1, 5, 3}, {37, 1, 1}, {1, 37, 1}, {9, 70, 1}, {1000, 1, 600}, {45, 1, 6272}, {1, 1100, 600}, {1, 6272, 64}, {700, 801, 1}};
        return vectorKernels().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            int saved = Parallel.threads();
            try {
                SplittableRandom r = new SplittableRandom(5);
                for (int[] sh : shapes) {
                    int m = sh[0], n = sh[1], kk = sh[2];
                    double[] a = new double[m * kk + 1], b = new double[kk * n + 2], c0 = new double[m * n + 1];
                    for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
                    for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
                    for (int i = 0; i < c0.length; i++) c0[i] = r.nextGaussian();
                    for (int t = 0; t < 8; t++) {
                        boolean ta = (t & 1) != 0, tb = (t & 2) != 0, acc = (t & 4) != 0;
                        double[] want = c0.clone();
                        fmaChainGemm(ta, tb, m, n, kk, a, 1, b, 2, want, 1, acc);
                        for (int threads : new int[] {1, 3}) {
                            Parallel.setThreads(threads);
                            double[] got = c0.clone();
                            k.gemm(ta, tb, m, n, kk, a, 1, b, 2, got, 1, acc);
                            assertArrayEquals(want, got, k.name() + " gemm " + m + "x" + n + "x" + kk + " ta=" + ta
                                    + " tb=" + tb + " acc=" + acc + " threads=" + threads);
                        }
                    }
                }
            } finally {
                Parallel.setThreads(saved);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> adamInChunksEqualsAdamInOnePass() {
        return vectorKernels().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            for (int n : SIZES) {
                double[] p1 = values(n, n), g = values(n + 1, n), m1 = new double[n], v1 = new double[n];
                for (int i = 0; i < n; i++) if (!Double.isFinite(p1[i])) p1[i] = 0.5;
                double[] p2 = p1.clone(), m2 = m1.clone(), v2 = v1.clone();
                int cut = n / 3 + (n > 2 ? 1 : 0);                                 // an awkward split, off the vector lanes
                for (long t = 1; t <= 3; t++) {
                    k.adam(p1, g, m1, v1, 0, n, 1e-3, 0.5, 0.999, 1e-8, 0.01, 0, t);
                    k.adam(p2, g, m2, v2, 0, cut, 1e-3, 0.5, 0.999, 1e-8, 0.01, 0, t);
                    k.adam(p2, g, m2, v2, cut, n - cut, 1e-3, 0.5, 0.999, 1e-8, 0.01, 0, t);
                }
                String at = k.name() + " adam n=" + n + " split at " + cut;
                assertArrayEquals(p1, p2, at);
                assertArrayEquals(m1, m2, at);
                assertArrayEquals(v1, v2, at);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> adamMatchesBitForBit() {
        return vectorKernels().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            for (int n : SIZES) {
                for (double[] opt : new double[][] {{0, 0}, {0.01, 0}, {0, 0.1}}) {
                    double[] p1 = values(n, n), g = values(n + 1, n), m1 = new double[n], v1 = new double[n];
                    for (int i = 0; i < n; i++) if (!Double.isFinite(p1[i])) p1[i] = 0.5;
                    double[] p2 = p1.clone(), m2 = m1.clone(), v2 = v1.clone();
                    for (long t = 1; t <= 3; t++) {
                        REF.adam(p1, g, m1, v1, 0, n, 1e-3, 0.9, 0.999, 1e-8, opt[0], opt[1], t);
                        k.adam(p2, g, m2, v2, 0, n, 1e-3, 0.9, 0.999, 1e-8, opt[0], opt[1], t);
                    }
                    String at = k.name() + " adam n=" + n + " l2=" + opt[0] + " decoupled=" + opt[1];
                    assertArrayEquals(p1, p2, at);
                    assertArrayEquals(m1, m2, at);
                    assertArrayEquals(v1, v2, at);
                }
            }
        }));
    }

    @Test
    void gemmHandlesEmptyShapes() {
        for (Kernels k : vectorKernels()) {
            double[] c = {7, 7, 7, 7};
            k.gemm(false, false, 2, 2, 0, new double[0], 0, new double[0], 0, c, 0, true);
            assertArrayEquals(new double[] {7, 7, 7, 7}, c, "k = 0 with accumulate leaves C");
            k.gemm(false, false, 2, 2, 0, new double[0], 0, new double[0], 0, c, 0, false);
            assertArrayEquals(new double[4], c, "k = 0 without accumulate zeroes C");
            k.gemm(true, true, 0, 3, 5, new double[0], 0, new double[15], 0, c, 0, false);
        }
    }

    @Test
    void im2colAndCol2imAreAdjoint() {
        // <im2col(x), c> = <x, col2im(c)>
        SplittableRandom r = new SplittableRandom(2);
        ConvGeometry g = new ConvGeometry(2, 3, 7, 5, 3, 2, 2, 1, 1, 0, 1, 2);
        double[] x = new double[g.inputSize()], c = new double[g.colRows() * g.colCols()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < c.length; i++) c[i] = r.nextGaussian();
        double[] cols = new double[c.length], img = new double[x.length];
        REF.im2col(g, x, 0, cols);
        REF.col2im(g, c, img, 0);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < c.length; i++) lhs += cols[i] * c[i];
        for (int i = 0; i < x.length; i++) rhs += x[i] * img[i];
        assertEquals(lhs, rhs, 1e-10);
    }

    @Test
    void theProviderNamesItsChoice() {
        Kernels k = KernelsProvider.get();
        assertTrue(k.name().startsWith("vector-") || k.name().equals("scalar"), k.name());
        assertEquals("scalar", KernelsProvider.scalar().name());
    }

    /** im2col and col2im against their definitions, element by element, on awkward geometries. */
    @Test
    void im2colAndCol2imMatchTheirDefinitions() {
        int[][] geometries = { // n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw
            {2, 3, 7, 5, 3, 3, 1, 1, 1, 1, 1, 1}, {2, 1, 28, 28, 4, 4, 2, 2, 1, 1, 1, 1}, {1, 2, 9, 11, 4, 3, 3, 2, 2, 0, 1, 1},
            {3, 2, 6, 7, 2, 3, 1, 3, 0, 2, 2, 2}, {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1}, {1, 2, 3, 3, 3, 3, 2, 2, 3, 3, 1, 1},
            {2, 2, 5, 4, 5, 4, 1, 1, 0, 0, 1, 1}, {1, 1, 8, 8, 3, 3, 4, 4, 1, 2, 1, 1},
            {3, 17, 6, 5, 4, 4, 2, 2, 1, 1, 1, 1}, {9, 1, 6, 6, 4, 4, 2, 2, 1, 1, 1, 1}}; // col2im's blocks: of channels, of images
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] q : geometries) {
            ConvGeometry g = new ConvGeometry(q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], q[8], q[9], q[10], q[11]);
            double[] x = new double[g.inputSize()], cols = new double[g.colRows() * g.colCols()];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble(-1, 1);
            for (int i = 0; i < cols.length; i++) cols[i] = rnd.nextDouble(-1, 1);
            double[] want = new double[cols.length], wantX = new double[x.length];
            int oh = g.outH(), ow = g.outW();
            for (int ci = 0; ci < g.c(); ci++) for (int i = 0; i < g.kh(); i++) for (int j = 0; j < g.kw(); j++) {
                int row = (ci * g.kh() + i) * g.kw() + j;
                for (int ni = 0; ni < g.n(); ni++) for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++) {
                    int iy = oy * g.sh() - g.ph() + i * g.dh(), ix = ox * g.sw() - g.pw() + j * g.dw();
                    int col = row * g.colCols() + (ni * oh + oy) * ow + ox;
                    boolean inside = iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w();
                    int at = ((ni * g.c() + ci) * g.h() + iy) * g.w() + ix;
                    want[col] = inside ? x[at] : 0.0;
                    if (inside) wantX[at] += cols[col];
                }
            }
            for (Kernels k : kernelsAndReference()) {
                double[] got = new double[cols.length];
                k.im2col(g, x, 0, got);
                assertArrayEquals(want, got, k.name() + " im2col " + g);
                double[] gotX = new double[x.length];
                k.col2im(g, cols, gotX, 0);
                assertArrayEquals(wantX, gotX, 1e-12, k.name() + " col2im " + g);
                if (g.n() < 2) continue;
                // images 1 .. n of the batch, from an offset: the columns of those images, and their pixels only
                ConvGeometry tail = g.images(g.n() - 1);
                int image = g.c() * g.h() * g.w(), per = g.outH() * g.outW();
                double[] part = new double[tail.colRows() * tail.colCols()];
                k.im2col(tail, x, image, part);
                for (int row = 0; row < g.colRows(); row++) {
                    for (int col = 0; col < tail.colCols(); col++) {
                        assertEquals(want[row * g.colCols() + per + col], part[row * tail.colCols() + col], k.name() + " im2col from image 1 " + g);
                    }
                }
                double[] partX = new double[x.length], partCols = new double[part.length];
                for (int row = 0; row < g.colRows(); row++) System.arraycopy(cols, row * g.colCols() + per, partCols, row * tail.colCols(), tail.colCols());
                k.col2im(tail, partCols, partX, image);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(i < image ? 0.0 : gotX[i], partX[i], 1e-12, k.name() + " col2im from image 1 " + g);
                }
            }
        }
    }

    private static List<Kernels> kernelsAndReference() {
        List<Kernels> all = new ArrayList<>(vectorKernels());
        all.add(REF);
        return all;
    }
}
