package nash.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TensorTest {

    @Test
    void creationAndReading() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(6, t.size());
        assertEquals(2, t.dim());
        assertEquals(6.0, t.get(1, 2));
        assertEquals(2.0, t.get(0, 1));
        assertEquals(3, t.shape(-1));
        double[] copy = t.toArray();
        copy[0] = 99;
        assertEquals(1.0, t.get(0, 0));
        assertEquals(7.5, Tensor.scalar(7.5).item());
        assertArrayEquals(new double[] {0, 1, 2}, Tensor.arange(3).toArray());
        assertArrayEquals(new double[] {1, 0.5, 0}, Tensor.arange(1, -0.25, -0.5).toArray());
        assertArrayEquals(new double[] {1, 0, 0, 1}, Tensor.eye(2).toArray());
        assertArrayEquals(new double[] {7, 7}, Tensor.full(7, 2).toArray());
        assertArrayEquals(new double[] {0, 0.5, 1}, Tensor.linspace(0, 1, 3).toArray());
        assertEquals(0, Tensor.zeros(0, 3).size());
    }

    @Test
    void ofCopiesItsInput() {
        double[] d = {1, 2};
        Tensor t = Tensor.of(d);
        d[0] = 5;
        assertEquals(1.0, t.get(0));
    }

    @Test
    void badShapesAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("[2, 2]"));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1 << 16, 1 << 16));
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).item());
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 2).get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2).get(0));
    }

    @Test
    void negativeAndOversizedShapesNameTheOp() {
        int big = 1 << 16;                                                     // big·big = 2^32 elements
        Object[][] cases = {
            {"zeros:", (Runnable) () -> Tensor.zeros(2, -1)},
            {"zeros:", (Runnable) () -> Tensor.zeros(big, big)},
            {"ones:", (Runnable) () -> Tensor.ones(-3)},
            {"full:", (Runnable) () -> Tensor.full(7, -3)},
            {"eye:", (Runnable) () -> Tensor.eye(-1)},
            {"randn:", (Runnable) () -> Tensor.randn(new Rng(1), -1)},
            {"rand:", (Runnable) () -> Tensor.rand(new Rng(1), big, big)},
            {"Tensor.of:", (Runnable) () -> Tensor.of(new double[0], 0, -1)},
            {"Tensor.wrap:", (Runnable) () -> Tensor.wrap(new double[0], -1)},
            {"broadcastTo:", (Runnable) () -> Tensor.zeros(1).broadcastTo(big, big)},
            {"add:", (Runnable) () -> Tensor.zeros(big, 1).add(Tensor.zeros(1, big))},
            {"where:", (Runnable) () -> Tensor.where(Tensor.zeros(big, 1), Tensor.zeros(1, big), Tensor.zeros(1))},
            {"pad:", (Runnable) () -> Movement.pad(Tensor.zeros(big, 1), 1, 0, big - 1)},
            {"indexSelect:", (Runnable) () -> Tensor.zeros(2, big).indexSelect(0, new int[big])},
            {"indexAdd:", (Runnable) () -> Movement.indexAdd(Tensor.zeros(0, 2), 0, new int[0], -1)},
            {"matmul:", (Runnable) () -> Tensor.zeros(big, 1).matmul(Tensor.zeros(1, big))},
            {"linear:", (Runnable) () -> MatMul.linear(Tensor.zeros(big, 1), Tensor.zeros(big, 1), null)},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ((Runnable) c[1])::run, (String) c[0]);
            assertTrue(e.getMessage().startsWith((String) c[0]), e.getMessage());
        }
    }

    @Test
    void shapeMismatchesNameTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().startsWith("add:") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("matmul:") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
        assertTrue(e.getMessage().startsWith("reshape:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.sum(2));
        assertTrue(e.getMessage().contains("axis 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.concat(0, a, Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().startsWith("concat:"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> a.indexSelect(0, 2));
        e = assertThrows(IllegalArgumentException.class, () -> Conv.conv2d(Tensor.zeros(1, 2, 3, 3), Tensor.zeros(1, 3, 2, 2), null, 1, 0));
        assertTrue(e.getMessage().startsWith("conv2d:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv.conv2d(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 1, 3, 3), null, 1, 0));
        assertTrue(e.getMessage().startsWith("conv2d:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.bceWithLogits(Tensor.zeros(2), Tensor.of(new double[] {0, 2})));
        assertTrue(e.getMessage().contains("outside [0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}));
    }

    @Test
    void clampRejectsNaNBoundsAndTakesInfiniteOnes() {
        Tensor x = Tensor.of(new double[] {-2, 0.5, 3});
        double nan = Double.NaN;
        for (double[] b : new double[][] {{nan, 1}, {0, nan}, {nan, nan}, {2, 1}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.clamp(b[0], b[1]));
            assertTrue(e.getMessage().startsWith("clamp:"), e.getMessage());
        }
        assertArrayEquals(new double[] {-2, 0.5, 1}, x.clamp(Double.NEGATIVE_INFINITY, 1).toArray());
        assertArrayEquals(new double[] {0, 0.5, 3}, x.clamp(0, Double.POSITIVE_INFINITY).toArray());
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3, 1);
        Tensor b = Tensor.of(new double[] {10, 20}, 1, 2);
        Tensor c = a.add(b);
        assertArrayEquals(new int[] {3, 2}, c.shape());
        assertArrayEquals(new double[] {11, 21, 12, 22, 13, 23}, c.toArray());
        Tensor bias = Tensor.of(new double[] {1, 2}).mul(Tensor.ones(2, 3, 2));
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2}, bias.toArray());
    }

    @Test
    void reductionsOverAxes() {
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);
        assertEquals(12 * 12 + 66, t.narrow(0, 1, 1).sum().item());          // 12 + 13 + … + 23
        Tensor s = t.sum(new int[] {0, 2}, false);
        assertArrayEquals(new double[] {0 + 1 + 2 + 3 + 12 + 13 + 14 + 15, 4 + 5 + 6 + 7 + 16 + 17 + 18 + 19, 8 + 9 + 10 + 11 + 20 + 21 + 22 + 23}, s.toArray());
        assertArrayEquals(new int[] {1, 3, 1}, t.sum(new int[] {0, 2}, true).shape());
        assertEquals(276.0, t.sum().item());
        assertEquals(11.5, t.mean().item());
        assertArrayEquals(new double[] {3, 7, 11, 15, 19, 23}, t.max(2).toArray());
        assertArrayEquals(new double[] {0, 1, 2, 3}, t.min(new int[] {0, 1}, false).toArray());
        Tensor v = Tensor.of(new double[] {1, 2, 3, 4});
        assertEquals(5.0 / 3.0, v.var().item(), 1e-15);
        assertEquals(1.25, v.var(new int[] {0}, false, false).item(), 1e-15);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4)), v.logSumExp().item(), 1e-14);
        Tensor sm = Tensor.of(new double[] {1, 2, 3}).softmax(0);
        assertEquals(1.0, sm.sum().item(), 1e-15);
    }

    @Test
    void aLargePermuteIsCopiedInChunksWithTheSameResultForAnyThreadCount() {
        int a = 40, b = 50, c = 70;                               // 140,000 elements: several parallel chunks
        Tensor x = Tensor.randn(new Rng(3), a, b, c);
        int[][] perms = {{2, 0, 1}, {1, 0, 2}, {0, 2, 1}};
        for (int[] p : perms) {
            int[] s = {a, b, c}, os = {s[p[0]], s[p[1]], s[p[2]]};
            double[] expected = new double[a * b * c];
            int[] in = new int[3];
            for (int i = 0, o = 0; i < os[0]; i++) for (int j = 0; j < os[1]; j++) for (int k = 0; k < os[2]; k++) {
                in[p[0]] = i; in[p[1]] = j; in[p[2]] = k;
                expected[o++] = x.get(in[0], in[1], in[2]);
            }
            int before = nash.core.kernel.Parallel.threads();
            try {
                for (int t : new int[] {1, 2, 3}) {
                    nash.core.kernel.Parallel.setThreads(t);
                    assertArrayEquals(expected, x.permute(p).toArray(), java.util.Arrays.toString(p) + ", " + t + " threads");
                }
            } finally {
                nash.core.kernel.Parallel.setThreads(before);
            }
        }
    }

    @Test
    void l2NormIsTheSameBitsForAnyThreadCountSpansChunksAndPassesNaNOn() {
        Rng rng = new Rng(3);
        java.util.List<Tensor> xs = new java.util.ArrayList<>();
        for (int n : new int[] {1, 5, 100_003, 32_768, 70_000}) {       // around and across the 32,768-value chunks
            xs.add(Tensor.randn(rng, n));
        }
        double want = 0;
        for (Tensor t : xs) for (double v : t.toArray()) want += v * v;
        int saved = nash.core.kernel.Parallel.threads();
        try {
            nash.core.kernel.Parallel.setThreads(1);
            double one = Reduce.l2Norm(xs);
            nash.core.kernel.Parallel.setThreads(3);
            assertEquals(one, Reduce.l2Norm(xs), 0.0, "same bits on 1 and 3 threads");
            assertEquals(Math.sqrt(want), one, 1e-9 * Math.sqrt(want));
        } finally {
            nash.core.kernel.Parallel.setThreads(saved);
        }
        Tensor bad = Tensor.randn(rng, 40_000);
        bad.set(Double.NaN, 33_000);
        assertTrue(Double.isNaN(Reduce.l2Norm(java.util.List.of(xs.get(0), bad))), "a NaN gradient must show in the norm");
        bad.set(Double.POSITIVE_INFINITY, 33_000);
        assertEquals(Double.POSITIVE_INFINITY, Reduce.l2Norm(java.util.List.of(bad)));
        assertEquals(0.0, Reduce.l2Norm(java.util.List.of()));
    }

    @Test
    void movementOps() {
        Tensor t = Tensor.arange(6).reshape(2, 3);
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, t.t().toArray());
        assertArrayEquals(new double[] {1, 2, 4, 5}, t.slice(1, 1, 3).toArray());
        assertArrayEquals(new double[] {3, 4, 5, 0, 1, 2, 3, 4, 5}, t.indexSelect(0, 1, 0, 1).toArray());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5}, Tensor.concat(0, t, t).toArray());
        assertArrayEquals(new int[] {2, 2, 3}, Tensor.stack(0, t, t).shape());
        assertArrayEquals(new int[] {3, 1, 2}, t.permute(1, 0).unsqueeze(1).shape());
        assertArrayEquals(new double[] {0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11},
                Tensor.arange(12).reshape(2, 3, 2).permute(1, 0, 2).toArray(), "[2,3,2] → [3,2,2]: runs of the last axis");
        assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2}, Tensor.arange(3).broadcastTo(2, 3).toArray());
        assertArrayEquals(new double[] {0, 0, 1, 2, 0, 0, 0, 3, 4, 5, 0, 0}, Movement.pad(t, 1, 1, 2).toArray());
        Tensor r = t.reshape(3, 2);
        assertArrayEquals(t.toArray(), r.toArray());
        r.set(42, 0, 0);
        assertEquals(42.0, t.get(0, 0), "reshape shares the array");
        Tensor p = Tensor.arange(24).reshape(2, 3, 4).permute(2, 0, 1);
        assertEquals(Tensor.arange(24).reshape(2, 3, 4).get(1, 2, 3), p.get(3, 1, 2));
    }

    @Test
    void slicingBoundsPastIntMaxAreClearErrors() {
        // start + length, d + before + after and Σ lengths must not wrap around 2^31.
        int max = Integer.MAX_VALUE;
        Tensor t = Tensor.zeros(3, 4);
        for (int[] sl : new int[][] {{max, 2}, {2, max}, {max, max}, {1, 4}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.narrow(1, sl[0], sl[1]));
            assertTrue(e.getMessage().startsWith("narrow:") && e.getMessage().contains("length 4"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.slice(1, max, max));
        assertTrue(e.getMessage().startsWith("slice:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Movement.pad(t, 1, max, max));
        assertTrue(e.getMessage().startsWith("pad:") && e.getMessage().contains("[3, 4]"), e.getMessage());
        Tensor wide = Tensor.zeros(0, 1 << 30);                              // empty, but 4 of them are 2^32 wide
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.concat(1, wide, wide, wide, wide));
        assertTrue(e.getMessage().startsWith("concat:"), e.getMessage());
        Tensor deep = Tensor.zeros(0, 1 << 16, 1 << 16);                      // empty, but its last two axes hold 2^32
        e = assertThrows(IllegalArgumentException.class, () -> deep.flatten(1));
        assertTrue(e.getMessage().startsWith("flatten: shape [65536, 65536] has more than 2^31-1"), e.getMessage());
        assertArrayEquals(new int[] {0, 12}, Tensor.zeros(0, 3, 4).flatten(1).shape());
        assertArrayEquals(new int[] {0, 0}, Tensor.zeros(0, 1 << 16, 1 << 16, 0).flatten(1).shape()); // empty: 0 elements, not too many
    }

    @Test
    void meansAndVariancesOfNothingAreErrorsNotNaN() {
        // were 0/0 = NaN in every output (PyTorch: the same, with a warning at most)
        String[][] cases = {{"mean: nothing to average over axes [0] of shape [0]"}, {"mean: nothing to average over axes [1] of shape [2, 0]"},
                {"var: the unbiased variance needs at least 2 elements over axes [0] of shape [1], got 1"}};
        Executable[] calls = {() -> Tensor.zeros(0).mean(), () -> Tensor.zeros(2, 0).mean(1), () -> Tensor.ones(1).var()};
        for (int i = 0; i < calls.length; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, calls[i]);
            assertTrue(e.getMessage().startsWith(cases[i][0]), e.getMessage());
        }
        // no output at all is no NaN: fine, as are the biased variance of one element and a mean over a non-empty axis
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 3).mean(1).shape());
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 0).mean(1).shape());
        assertEquals(0.0, Tensor.ones(1).var(new int[] {0}, false, false).item());
        assertEquals(2.0, Tensor.of(new double[] {1, 3}).var().item());
    }

    @Test
    void leakyReluNeedsAFiniteSlope() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).leakyRelu(bad));
            assertTrue(e.getMessage().startsWith("leakyRelu: slope must be finite"), e.getMessage());
        }
    }

    @Test
    void matmulMatchesAHandComputation() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new double[][] {{5, 6}, {7, 8}});
        assertArrayEquals(new double[] {19, 22, 43, 50}, a.matmul(b).toArray());
        assertArrayEquals(new double[] {26, 30, 38, 44}, a.matmul(b, true, false).toArray());
        assertArrayEquals(new double[] {17, 23, 39, 53}, a.matmul(b, false, true).toArray());
        assertArrayEquals(new double[] {23, 31, 34, 46}, a.matmul(b, true, true).toArray());
        Tensor batch = Tensor.stack(0, a, b);
        assertArrayEquals(new double[] {19, 22, 43, 50, 5 * 5 + 6 * 7, 5 * 6 + 6 * 8, 7 * 5 + 8 * 7, 7 * 6 + 8 * 8}, batch.matmul(b).toArray());
    }

    @Test
    void matmulMismatchesNameTheShapesTheCallerPassed() {
        // 3-D·2-D and 2-D·3-D are computed on reshaped or broadcast operands; the message must not show those.
        Object[][] cases = {
            {Tensor.zeros(2, 3, 4), Tensor.zeros(5, 6), false, "[2, 3, 4] and [5, 6]"},
            {Tensor.zeros(2, 3, 4), Tensor.zeros(5, 6), true, "[2, 3, 4]ᵀ and [5, 6]"},
            {Tensor.zeros(2, 3), Tensor.zeros(4, 5, 6), false, "[2, 3] and [4, 5, 6]"},
            {Tensor.zeros(2, 3), Tensor.zeros(4, 5, 6), true, "[2, 3]ᵀ and [4, 5, 6]"},
        };
        for (Object[] c : cases) {
            Tensor a = (Tensor) c[0], b = (Tensor) c[1];
            boolean transA = (Boolean) c[2];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b, transA, false));
            assertTrue(e.getMessage().startsWith("matmul: shapes " + c[3] + " do not match"), e.getMessage());
        }
    }

    @Test
    void matmulOverAnEmptyBatchIsEmptyAsInPyTorch() {
        // [m,k]·[0,k,n] → [0,m,n] in every layout, and the gradients are zeros of the operands' shapes.
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.zeros(2, 3).matmul(Tensor.zeros(0, 3, 4)).shape());
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.zeros(2, 3).matmul(Tensor.zeros(0, 4, 3), false, true).shape());
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.zeros(3, 2).matmul(Tensor.zeros(0, 3, 4), true, false).shape());
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.zeros(3, 2).matmul(Tensor.zeros(0, 4, 3), true, true).shape());
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.zeros(0, 2, 3).matmul(Tensor.zeros(3, 4)).shape());
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.zeros(0, 3, 2).matmul(Tensor.zeros(4, 3), true, true).shape());
        assertArrayEquals(new int[] {0, 2, 4}, Tensor.zeros(0, 2, 3).matmul(Tensor.zeros(0, 3, 4)).shape());
        for (boolean transB : new boolean[] {false, true}) {
            Tensor a = Tensor.randn(new Rng(1), 2, 3).requiresGrad(true);
            Tensor b = Tensor.zeros(transB ? new int[] {0, 4, 3} : new int[] {0, 3, 4}).requiresGrad(true);
            Tensor y = a.matmul(b, false, transB);
            java.util.List<Tensor> g = Autograd.grad(y.sum().add(a.square().sum()), java.util.List.of(a, b), true);
            assertArrayEquals(a.mul(2).toArray(), g.get(0).toArray(), "∂a = 2a: the empty product adds nothing");
            assertArrayEquals(b.shape(), g.get(1).shape());
            Tensor gg = Autograd.grad(g.get(0).sum(), a, false);                     // second order through the empty product
            assertArrayEquals(Tensor.full(2, 2, 3).toArray(), gg.toArray());
        }
    }

    @Test
    void convMatchesADirectLoop() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 2, 3, 7, 6), w = Tensor.randn(rng, 4, 3, 3, 2), b = Tensor.randn(rng, 4);
        int[] s = {2, 1}, p = {1, 0}, d = {1, 2};
        Tensor y = Conv.conv2d(x, w, b, s, p, d);
        int oh = (7 + 2 - 2 - 1) / 2 + 1, ow = (6 + 0 - 2 - 1) / 1 + 1;
        assertArrayEquals(new int[] {2, 4, oh, ow}, y.shape());
        for (int n = 0; n < 2; n++) for (int o = 0; o < 4; o++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
            double acc = b.get(o);
            for (int c = 0; c < 3; c++) for (int ki = 0; ki < 3; ki++) for (int kj = 0; kj < 2; kj++) {
                int yi = i * s[0] - p[0] + ki * d[0], xj = j * s[1] - p[1] + kj * d[1];
                if (yi >= 0 && yi < 7 && xj >= 0 && xj < 6) acc += w.get(o, c, ki, kj) * x.get(n, c, yi, xj);
            }
            assertEquals(acc, y.get(n, o, i, j), 1e-12);
        }
    }

    @Test
    void transposedConvIsTheAdjointOfConv() {
        // <conv(x), y> = <x, convT(y)> for the same weight: the defining property of the adjoint.
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, 2, 3, 8, 8), w = Tensor.randn(rng, 5, 3, 4, 4);
        Tensor cx = Conv.conv2d(x, w, null, 2, 1);
        Tensor y = Tensor.randn(rng, cx.shape());
        Tensor ty = Conv.convTranspose2d(y, w, null, 2, 1);
        assertArrayEquals(x.shape(), ty.shape());
        assertEquals(cx.mul(y).sum().item(), x.mul(ty).sum().item(), 1e-10);
    }

    @Test
    void inPlaceWritesAndCopies() {
        Tensor t = Tensor.zeros(2);
        t.addInPlace(Tensor.of(new double[] {1, 2}), 3);
        assertArrayEquals(new double[] {3, 6}, t.toArray());
        Tensor c = t.copy();
        assertNotSame(t.data(), c.data());
        assertThrows(IllegalArgumentException.class, () -> t.copyFrom(Tensor.zeros(3)));
    }

    @Test
    void toStringIsReadable() {
        assertEquals("tensor([[1.0, 2.0], [3.0, 4.0]], shape=[2, 2])", Tensor.of(new double[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor(2.5)", Tensor.scalar(2.5).toString());
    }

    @Test
    void normOfZeroHasZeroGradientNotNaN() {
        // ∂‖x‖/∂x = x/‖x‖ is 0/0 at x = 0; PyTorch takes it as 0, and so must Nash (a NaN would spread into the weights)
        Tensor x = Tensor.zeros(3).requiresGrad(true);
        x.norm().backward();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().data(), 0.0);

        // per row: a zero row gets 0, the others x/‖x‖; and the second derivative stays finite
        Tensor m = Tensor.of(new double[][] {{0, 0}, {3, 4}}).requiresGrad(true);
        Tensor g = Autograd.grad(m.norm(new int[] {1}, false).sum(), m, true);
        assertArrayEquals(new double[] {0, 0, 0.6, 0.8}, g.data(), 1e-15);
        Tensor gg = Autograd.grad(g.square().sum(), m, false);
        for (double v : gg.data()) assertTrue(Double.isFinite(v), "second derivative " + java.util.Arrays.toString(gg.data()));
    }

    @Test
    void reductionsThatReadTheirOutputRefuseItChangedInPlace() {
        // max/min/norm's backward reads y, which was not among the saved tensors: fill(3) on it sent max's gradient
        // to the element equal to 3 instead of raising the in-place error (PyTorch raises)
        Tensor x = Tensor.of(new double[] {1, 5, 3}).requiresGrad(true);
        Tensor m = x.max();
        m.fill(3);
        var e = assertThrows(IllegalStateException.class, m::backward);
        assertTrue(e.getMessage().contains("saved by 'max' was modified in place"), e.getMessage());
        Tensor n = x.norm();
        n.fill(0);
        e = assertThrows(IllegalStateException.class, n::backward);
        assertTrue(e.getMessage().contains("saved by 'norm' was modified in place"), e.getMessage());
    }

    @Test
    void reductionsOverNonEmptyAxesOfAnEmptyBatch() {
        // an empty batch [0, 3] reduced over its 3 columns is an empty result, as PyTorch (was: "max: cannot reduce an
        // empty tensor", also from softmax, logSoftmax and logSumExp); reducing over the empty axis itself still throws
        Tensor x = Tensor.zeros(0, 3);
        assertArrayEquals(new int[] {0}, x.max(1).shape());
        assertArrayEquals(new int[] {0, 3}, x.softmax(1).shape());
        assertArrayEquals(new int[] {0, 3}, x.logSoftmax(1).shape());
        assertArrayEquals(new int[] {0}, x.logSumExp(1).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> x.max(0));
        assertTrue(e.getMessage().contains("max: axis 0 of [0, 3] is empty"), e.getMessage());
    }

    @Test
    void quotientAndPowerGradientsStayFiniteWhereTheMathIs() {
        // ∂(a/b)/∂b was −gy·a/(b·b): b·b underflowed to 0 at b = 1e-200 (−∞, NaN); PyTorch: −1e200, −0
        Tensor a = Tensor.of(new double[] {1e-200, 0, 1e200}), b = Tensor.of(new double[] {1e-200, 1e-200, 1e200}).requiresGrad(true);
        a.div(b).sum().backward();
        assertArrayEquals(new double[] {-1e200, -0.0, -1e-200}, b.grad().data(), 1e-214);
        assertTrue(Double.isFinite(b.grad().get(2)) && b.grad().get(2) != 0, "a = b = 1e200: −1e-200, not 0");
        // ∂(a^e)/∂a = e·a^(e−1) was 0·0^−1 = NaN at a = 0, e = 0; PyTorch: 0
        Tensor x = Tensor.of(new double[] {0, 2}).requiresGrad(true);
        x.pow(Tensor.of(new double[] {0, 0})).sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().data(), 0.0);
    }

    @Test
    void aNewOpsResultMustFillItsShape() {
        // fromOp took 5 values for a [2, 2] result (the 5th silently dropped) or 3 (failing later, in another op)
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.fromOp("myop", new double[] {1, 2, 3, 4, 5}, new int[] {2, 2}));
        assertTrue(e.getMessage().contains("myop: 5 values for a result of shape [2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.fromOp("myop", new double[3], new int[] {2, 2}));
        assertTrue(e.getMessage().contains("myop: 3 values"), e.getMessage());
        assertEquals(10.0, Tensor.fromOp("myop", new double[] {1, 2, 3, 4}, new int[] {2, 2}).sum().item(), 0.0);
    }

    @Test
    void reshapeOfAnEmptyTensorIntoAHugeShapeIsRejected() {
        // 65536⁴·3 wrapped to 0 in long, equal to the empty tensor's size: a 0-element tensor of a 2⁶⁴·3 shape
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).reshape(65536, 65536, 65536, 65536, 3));
        assertTrue(e.getMessage().contains("reshape: cannot reshape [0]"), e.getMessage());
        assertArrayEquals(new int[] {65536, 0, 3}, Tensor.zeros(0).reshape(65536, 0, 3).shape());
        assertArrayEquals(new int[] {0, 7}, Tensor.zeros(0, 7).reshape(-1, 7).shape());
    }
}
