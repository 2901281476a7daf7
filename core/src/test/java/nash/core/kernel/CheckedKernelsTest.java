package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nash.core.kernel.Kernels.Binary;
import nash.core.kernel.Kernels.Unary;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every Kernels instance KernelsProvider hands out rejects a wrong length, offset or overlap with an
 * IllegalArgumentException that names the kernel and the operand, before it writes anything.
 */
class CheckedKernelsTest {

    static List<Kernels> kernels() {
        List<Kernels> list = new ArrayList<>(List.of(KernelsProvider.get(), KernelsProvider.scalar()));
        if (KernelsProvider.vectorAvailable()) {
            list.add(KernelsProvider.vector(0));
            list.add(KernelsProvider.vector(128));
        }
        return list;
    }

    /** The call fails with an IllegalArgumentException whose message holds every fragment, and leaves out unchanged. */
    private static void rejected(double[] out, Executable call, String... fragments) {
        double[] before = out.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' lacks '" + f + "'");
        assertArrayEquals(before, out, "the output was written before the arguments were rejected");
    }

    private static double[] ramp(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 0.25 * i - 3;
        return x;
    }

    @ParameterizedTest @MethodSource("kernels")
    void elementwiseLengthsOffsetsAndOverlaps(Kernels k) {
        double[] x = ramp(10), y = new double[10];
        rejected(y, () -> k.unary(Unary.EXP, x, 0, y, 0, 11), "unary EXP", "x needs 11 elements from offset 0", "has 10");
        rejected(y, () -> k.unary(Unary.EXP, x, 0, y, 2, 9), "unary EXP", "y needs 9 elements from offset 2");
        rejected(y, () -> k.unary(Unary.EXP, x, -1, y, 0, 3), "offset -1");
        rejected(y, () -> k.unary(Unary.EXP, x, 0, y, 0, -1), "negative length -1");
        rejected(y, () -> k.unary(Unary.EXP, null, 0, y, 0, 1), "x is null");
        rejected(y, () -> k.binary(Binary.ADD, x, 0, new double[3], 0, y, 0, 4), "binary ADD", "b needs 4");
        rejected(y, () -> k.leakyReluGrad(0.2, x, 0, x, 5, y, 8, 3), "leakyReluGrad", "y needs 3 elements from offset 8");
        rejected(y, () -> k.bceWithLogits(x, 0, x, 0, y, 0, 20), "bceWithLogits", "x needs 20");
        rejected(x, () -> k.axpy(2, x, 0, x, 1, 4), "axpy", "y [1, 5) overlaps x [0, 4)");
        rejected(x, () -> k.unary(Unary.NEG, x, 3, x, 0, 5), "unary NEG", "y [0, 5) overlaps x [3, 8)");
        rejected(x, () -> k.binaryScalar(Binary.MUL, x, 0, 2, x, 9, 2), "binaryScalar MUL", "y needs 2 elements from offset 9");
        assertThrows(IllegalArgumentException.class, () -> k.sum(x, 8, 3));
        assertThrows(IllegalArgumentException.class, () -> k.max(x, 0, 11));

        // in place at the same offset, side by side without overlap, and empty ranges are all fine
        double[] z = ramp(10);
        k.unary(Unary.NEG, z, 2, z, 2, 5);
        k.binary(Binary.ADD, z, 0, z, 0, z, 0, 2);
        k.axpy(1, z, 0, z, 5, 5);
        k.unary(Unary.EXP, x, 10, y, 10, 0);
        double[] expect = ramp(10);
        for (int i = 2; i < 7; i++) expect[i] = -expect[i];
        for (int i = 0; i < 2; i++) expect[i] += expect[i];
        for (int i = 0; i < 5; i++) expect[5 + i] += expect[i];
        assertArrayEquals(expect, z);
    }

    @ParameterizedTest @MethodSource("kernels")
    void gemmOperandsMustHoldTheirMatrices(Kernels k) {
        int m = 7, n = 9, kk = 5;
        double[] a = ramp(m * kk), b = ramp(kk * n), c = new double[m * n];
        rejected(c, () -> k.gemm(false, false, m, n, kk, a, 1, b, 0, c, 0, false), "gemm 7×9×5", "A [m,k] needs 35 elements from offset 1");
        rejected(c, () -> k.gemm(true, true, m, n, kk, a, 0, Arrays.copyOf(b, 44), 0, c, 0, false), "gemm 7×9×5 Aᵀ Bᵀ", "B [n,k] needs 45", "has 44");
        rejected(c, () -> k.gemm(false, false, m, n, kk, a, 0, b, 0, c, 1, true), "C [m,n] needs 63 elements from offset 1");
        rejected(c, () -> k.gemm(false, false, -1, n, kk, a, 0, b, 0, c, 0, false), "gemm: negative size m=-1");
        rejected(c, () -> k.gemm(false, false, m, n, kk, a, 0, null, 0, c, 0, false), "B [k,n] is null");
        double[] big = ramp(200);
        rejected(big, () -> k.gemm(false, false, 4, 4, 4, big, 0, big, 100, big, 10, false), "C [10, 26) overlaps A [0, 16)");
        rejected(big, () -> k.gemm(false, false, 4, 4, 4, big, 0, big, 100, big, 110, true), "C [110, 126) overlaps B [100, 116)");
        // operands side by side in one array: fine, and the same product as in separate arrays
        k.gemm(false, false, 4, 4, 4, big, 0, big, 100, big, 150, false);
        double[] sep = new double[16];
        k.gemm(false, false, 4, 4, 4, Arrays.copyOfRange(big, 0, 16), 0, Arrays.copyOfRange(big, 100, 116), 0, sep, 0, false);
        assertArrayEquals(sep, Arrays.copyOfRange(big, 150, 166));
        k.gemm(false, false, 0, n, kk, new double[0], 0, b, 0, new double[0], 0, false); // empty C: nothing to do
    }

    @ParameterizedTest @MethodSource("kernels")
    void convolutionColumnsMustFit(Kernels k) {
        ConvGeometry g = new ConvGeometry(2, 3, 6, 5, 3, 3, 2, 2, 1, 1, 1, 1); // cols 27 × 2·3·3
        double[] x = ramp(g.inputSize()), cols = new double[g.colRows() * g.colCols()];
        rejected(cols, () -> k.im2col(g, x, 0, Arrays.copyOf(cols, cols.length - 1)), "im2col", "cols needs " + cols.length);
        rejected(cols, () -> k.im2col(g, x, 1, cols), "im2col", "x needs " + x.length + " elements from offset 1");
        rejected(x, () -> k.col2im(g, new double[5], x, 0), "col2im", "cols needs " + cols.length);
        double[] shared = new double[cols.length + 10];
        rejected(shared, () -> k.im2col(g, shared, 0, shared), "cols [0, " + cols.length + ") overlaps x");
    }

    @ParameterizedTest @MethodSource("kernels")
    void adamChecksItsStepAndHyperparameters(Kernels k) {
        double[] p = ramp(8), g = ramp(8), m = new double[8], v = new double[8];
        rejected(p, () -> k.adam(p, g, m, v, 0, 8, 1e-3, 0.9, 0.999, 1e-8, 0, 0, 0), "adam", "t counts from 1, got 0");
        rejected(p, () -> k.adam(p, g, m, v, 0, 8, 1e-3, 0.9, 1.0, 1e-8, 0, 0, 1), "adam: betas", "(0.9, 1.0)");
        rejected(p, () -> k.adam(p, g, m, v, 0, 8, 1e-3, Double.NaN, 0.999, 1e-8, 0, 0, 1), "adam: betas");
        rejected(p, () -> k.adam(p, g, m, v, 0, 8, Double.NaN, 0.9, 0.999, 1e-8, 0, 0, 1), "lr=NaN");
        rejected(p, () -> k.adam(p, g, m, v, 0, 8, 1e-3, 0.9, 0.999, -1e-8, 0, 0, 1), "eps=-1.0E-8");
        rejected(p, () -> k.adam(p, g, m, v, 0, 8, 1e-3, 0.9, 0.999, 0, 0, 0, 1), "eps=0.0");
        rejected(p, () -> k.adam(p, p, m, v, 0, 8, 1e-3, 0.9, 0.999, 1e-8, 0, 0, 1), "adam: p [0, 8) overlaps g [0, 8)");
        rejected(p, () -> k.adam(p, g, m, v, 4, 5, 1e-3, 0.9, 0.999, 1e-8, 0, 0, 1), "adam: p needs 5 elements from offset 4");
        k.adam(p, g, m, v, 0, 8, 1e-3, 0.9, 0.999, 1e-8, 0, 0, 1);
        assertNotEquals(ramp(8)[0], p[0], "a valid step moves p");
    }

    @Test
    void everyProvidedInstanceIsChecked() {
        for (Kernels k : kernels()) assertTrue(k instanceof CheckedKernels, k.name());
        assertEquals(KernelsProvider.get().name(), ((CheckedKernels) KernelsProvider.get()).inner().name());
    }

    @Test
    void convGeometryRejectsSizesPastAJavaArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConvGeometry(4096, 64, 128, 128, 3, 3, 1, 1, 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("exceeds 2^31 - 1 elements"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 1, 8, 8, 3, 3, 1, 1, 1_500_000_000, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 1, 8, 8, 3, 3, 1, 1, Integer.MAX_VALUE, 0, 1, 1)); // h + 2·ph wrapped: outH was 4
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 1, 8, 8, 2, 2, 1, 1, 0, 0, 1_500_000_000, 1));
        // a batch whose whole column matrix would not fit one array is fine: convolutions build it a chunk of images at a time
        ConvGeometry large = new ConvGeometry(256, 64, 52, 52, 7, 7, 1, 1, 3, 3, 1, 1);
        assertTrue((long) large.colRows() * large.colCols() > Integer.MAX_VALUE);
        e = assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 3, 8, 8, 3, 3, 0, 1, 0, 0, 1, 1));
        assertTrue(e.getMessage().contains("stride 0x1"), e.getMessage());
        assertEquals(27, new ConvGeometry(2, 3, 6, 5, 3, 3, 2, 2, 1, 1, 1, 1).colRows());
    }

    @ParameterizedTest @MethodSource("kernels")
    void clampNeedsOrderedBoundsAndCol2imTakesAnEmptyBatch(Kernels k) {
        // clamp(lo = 2, hi = 1): the scalar kernel gave lo below lo and hi above, the vector lanes hi everywhere and
        // the vector tail lo — three answers; the tensor op already refused it, the kernels now do too
        double[] x = ramp(5), y = new double[5];
        rejected(y, () -> k.clamp(2, 1, x, 0, y, 0, 5), "clamp: needs lo ≤ hi, got lo = 2.0, hi = 1.0");
        rejected(y, () -> k.clamp(Double.NaN, 1, x, 0, y, 0, 5), "clamp: needs lo ≤ hi");
        // col2im of no images divided by zero (im2col of none was fine)
        ConvGeometry none = new ConvGeometry(0, 2, 5, 5, 3, 3, 1, 1, 1, 1, 1, 1);
        k.im2col(none, new double[0], 0, new double[0]);
        k.col2im(none, new double[0], new double[0], 0);
    }
}
