package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timing kernels compute what the kernels they wrap compute, and count every call by kernel and shape. */
class KernelProfileTest {

    private static final Kernels REF = KernelsProvider.scalar();

    @AfterEach
    void forget() { KernelProfile.reset(); }

    private static double[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-2, 2);
        return v;
    }

    /** Runs {@code call} on the wrapped and on the plain kernels over the same fresh outputs; they must agree. */
    private static void same(Consumer<Kernels> call, double[]... outputs) {
        double[][] before = new double[outputs.length][];
        for (int i = 0; i < outputs.length; i++) before[i] = outputs[i].clone();
        call.accept(REF);
        double[][] want = new double[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            want[i] = outputs[i].clone();
            System.arraycopy(before[i], 0, outputs[i], 0, before[i].length);
        }
        call.accept(KernelProfile.timed(REF));
        for (int i = 0; i < outputs.length; i++) assertArrayEquals(want[i], outputs[i]);
    }

    @Test
    void everyKernelIsForwardedAndCounted() {
        Kernels timed = KernelProfile.timed(REF);
        int n = 37;
        double[] x = values(n, 1), b = values(n, 2), y = new double[n], t = new double[n];
        for (int i = 0; i < n; i++) t[i] = (i % 3) / 2.0;
        KernelProfile.reset();
        same(k -> k.unary(Kernels.Unary.TANH, x, 0, y, 0, n), y);
        same(k -> k.binary(Kernels.Binary.DIV, x, 0, b, 0, y, 0, n), y);
        same(k -> k.binaryScalar(Kernels.Binary.POW, x, 0, 2.0, y, 0, n), y);
        same(k -> k.scalarBinary(Kernels.Binary.SUB, 1.5, b, 0, y, 0, n), y);
        same(k -> k.leakyRelu(0.2, x, 0, y, 0, n), y);
        same(k -> k.leakyReluGrad(0.2, x, 0, b, 0, y, 0, n), y);
        same(k -> k.clamp(-1, 0.5, x, 0, y, 0, n), y);
        same(k -> k.inRange(-1, 0.5, x, 0, y, 0, n), y);
        same(k -> k.axpy(0.3, x, 0, y, 0, n), y);
        same(k -> k.bceWithLogits(x, 0, t, 0, y, 0, n), y);
        double[] c = values(5 * 3, 3), a = values(5 * 4, 4), bb = values(4 * 3, 5);
        same(k -> k.gemm(false, true, 5, 3, 4, a, 0, values(3 * 4, 6), 0, c, 0, true), c);
        same(k -> k.gemm(true, false, 5, 3, 4, a, 0, bb, 0, c, 0, false), c);
        ConvGeometry g = new ConvGeometry(2, 3, 6, 5, 3, 3, 2, 2, 1, 1, 1, 1);
        double[] img = values(g.inputSize(), 7), cols = new double[g.colRows() * g.colCols()];
        same(k -> k.im2col(g, img, 0, cols), cols);
        same(k -> k.col2im(g, values(cols.length, 8), img, 0), img);
        double[] p = values(n, 9), m = new double[n], v = new double[n];
        same(k -> k.adam(p, b, m, v, 0, n, 1e-3, 0.5, 0.999, 1e-8, 0, 0, 3), p, m, v);
        assertEquals(REF.sum(x, 1, 30), timed.sum(x, 1, 30));
        assertEquals(REF.sumOfSquares(x, 0, n), timed.sumOfSquares(x, 0, n));
        assertEquals(REF.max(x, 0, n), timed.max(x, 0, n));
        assertEquals(REF.min(x, 0, n), timed.min(x, 0, n));
        assertEquals("scalar+profile", timed.name());

        Map<String, Long> calls = KernelProfile.entries().stream()
                .collect(Collectors.toMap(e -> e.kernel() + " " + e.shape(), KernelProfile.Entry::calls));
        assertEquals(Map.ofEntries(
                Map.entry("unary TANH n=37", 1L), Map.entry("binary DIV n=37", 1L), Map.entry("binaryScalar POW n=37", 1L),
                Map.entry("scalarBinary SUB n=37", 1L), Map.entry("leakyRelu n=37", 1L), Map.entry("leakyReluGrad n=37", 1L),
                Map.entry("clamp n=37", 1L), Map.entry("inRange n=37", 1L), Map.entry("axpy n=37", 1L),
                Map.entry("bceWithLogits n=37", 1L), Map.entry("gemm 5x3x4 NT +=", 1L), Map.entry("gemm 5x3x4 TN", 1L),
                Map.entry("im2col 2x3x6x5 k3x3 s2x2", 1L), Map.entry("col2im 2x3x6x5 k3x3 s2x2", 1L), Map.entry("adam n=37", 1L),
                Map.entry("sum n=30", 1L), Map.entry("sumOfSquares n=37", 1L), Map.entry("max n=37", 1L), Map.entry("min n=37", 1L)), calls);
    }

    @Test
    void entriesCountTimeAndFlopsPerShape() {
        Kernels timed = KernelProfile.timed(REF);
        double[] a = values(64 * 48, 1), b = values(48 * 32, 2), c = new double[64 * 32];
        for (int i = 0; i < 3; i++) timed.gemm(false, false, 64, 32, 48, a, 0, b, 0, c, 0, false);
        timed.gemm(false, false, 32, 64, 48, b, 0, a, 0, c, 0, false);
        List<KernelProfile.Entry> entries = KernelProfile.entries();
        assertEquals(2, entries.size());
        KernelProfile.Entry three = entries.stream().filter(e -> e.calls() == 3).findFirst().orElseThrow();
        assertEquals("gemm", three.kernel());
        assertEquals("64x32x48 NN", three.shape());
        assertEquals(2.0 * 64 * 32 * 48, three.flopsPerCall());
        assertEquals(3, three.sortedNanos().length);
        long sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += three.sortedNanos()[i];
            if (i > 0) assertTrue(three.sortedNanos()[i - 1] <= three.sortedNanos()[i], "sorted");
        }
        assertEquals(sum, three.totalNanos());
        assertTrue(entries.get(0).totalNanos() >= entries.get(1).totalNanos(), "most time first");

        String report = KernelProfile.report(2, 10.0, 1);
        assertTrue(report.contains("(the rest)"), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("all kernels") && l.contains("2.0")), report); // 4 calls over 2 units
        assertTrue(report.lines().anyMatch(l -> l.startsWith("gemm") && l.contains("(all shapes)") && l.contains("2.0")), report);
        assertThrows(IllegalArgumentException.class, () -> KernelProfile.report(0, 1, 5));

        KernelProfile.reset();
        assertTrue(KernelProfile.entries().isEmpty());
    }

    @Test
    void offUnlessThePropertyIsSet() {
        // the test JVM does not set nash.kernels.profile: the provider hands out the kernels themselves
        assertFalse(KernelProfile.enabled());
        assertFalse(KernelsProvider.get().name().endsWith("+profile"));
        Kernels k = KernelsProvider.scalar();
        assertTrue(KernelProfile.wrap(k) == k);
    }
}
