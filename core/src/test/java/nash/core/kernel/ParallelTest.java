package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import nash.core.Conv;
import nash.core.Rng;
import nash.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Same bits for 1, 2 and 4 threads: reductions, matmul, conv and a whole backward pass. */
class ParallelTest {

    private final int saved = Parallel.threads();

    @AfterEach
    void restore() { Parallel.setThreads(saved); }

    private static double[] compute(int threads) {
        Parallel.setThreads(threads);
        Rng rng = new Rng(42);
        Tensor a = Tensor.randn(rng, 300, 257).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 257, 301).requiresGrad(true);
        Tensor x = Tensor.randn(rng, 4, 3, 17, 17).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 8, 3, 4, 4).requiresGrad(true);
        Tensor big = Tensor.randn(rng, 1 << 18).requiresGrad(true);
        Tensor c = a.matmul(b).tanh();
        Tensor loss = c.sum(0).square().sum()
                .add(Conv.conv2d(x, w, null, 2, 1).square().mean())
                .add(big.exp().sum().log())
                .add(c.var(new int[] {1}, false, true).sum());
        loss.backward();
        double[] out = new double[4 + a.size() + w.size() + 8];
        int at = 0;
        out[at++] = loss.item();
        System.arraycopy(a.grad().toArray(), 0, out, at, a.size());
        at += a.size();
        System.arraycopy(w.grad().toArray(), 0, out, at, w.size());
        at += w.size();
        for (int i = 0; i < 8; i++) out[at++] = big.grad().get(i * 1000);
        return out;
    }

    @Test
    void resultsAreBitwiseIdenticalForAnyThreadCount() {
        double[] one = compute(1);
        assertArrayEquals(one, compute(2));
        assertArrayEquals(one, compute(4));
    }

    @Test
    void everyTaskRunsOnceAndFailuresPropagate() {
        Parallel.setThreads(3);
        AtomicInteger sum = new AtomicInteger();
        Parallel.run(1000, i -> sum.addAndGet(i));
        assertEquals(999 * 1000 / 2, sum.get());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(10, i -> {
            if (i == 7) throw new IllegalStateException("task 7");
        }));
        assertEquals("task 7", e.getMessage());
        int[] hits = new int[10];
        Parallel.run(10, i -> Parallel.run(10, j -> { synchronized (hits) { hits[i]++; } }));
        for (int h : hits) assertEquals(10, h);
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }

    @Test
    void chunksNearTheIntLimitCoverEveryIndexOnce() {
        // (n + grain − 1) / grain and (i + 1)·grain passed 2³¹ − 1 here: no chunk ran, or the last one ended below 0
        int n = Integer.MAX_VALUE, grain = 1 << 30;
        java.util.List<long[]> ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Parallel.chunks(n, grain, (from, to) -> ranges.add(new long[] {from, to}));
        ranges.sort(java.util.Comparator.comparingLong(r -> r[0]));
        long next = 0;
        for (long[] r : ranges) {
            assertEquals(next, r[0], "chunks " + ranges.stream().map(java.util.Arrays::toString).toList());
            next = r[1];
        }
        assertEquals(n, next);
        assertEquals(2, ranges.size());
        assertThrows(IllegalArgumentException.class, () -> Parallel.chunks(10, 0, (from, to) -> { }));
    }
}
