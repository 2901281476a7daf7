package nash.gan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.data.Dataset.Batch;
import org.junit.jupiter.api.Test;

/** Dataset gathering, batching, seeded shuffling and exact resumption. */
class DataLoaderTest {

    /** n examples of shape [2,3]; example i holds 100·i + j, label i % 10. */
    static Dataset numbered(int n) {
        double[] x = new double[n * 6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) x[i * 6 + j] = 100 * i + j;
            y[i] = i % 10;
        }
        return new Dataset(Tensor.of(x, n, 2, 3), y);
    }

    @Test void datasetGathersExamplesAndLabels() {
        Dataset d = numbered(5);
        Batch b = d.batch(3, 0, 3);
        assertArrayEquals(new int[] {3, 2, 3}, b.x().shape());
        assertArrayEquals(new double[] {300, 301, 302, 303, 304, 305, 0, 1, 2, 3, 4, 5, 300, 301, 302, 303, 304, 305}, b.x().data(), 0.0);
        assertArrayEquals(new int[] {3, 0, 3}, b.labels());
        assertArrayEquals(new int[] {3, 0, 3}, b.indices());
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {2, 3}, d.exampleShape());
        assertEquals(4, d.label(4));
        var e = assertThrows(IndexOutOfBoundsException.class, () -> d.batch(5));
        assertTrue(e.getMessage().contains("index 5 outside [0, 5)"), e.getMessage());
        Dataset u = Dataset.of(Tensor.zeros(4, 2));
        assertFalse(u.hasLabels());
        assertNull(u.batch(1, 2).labels());
        assertThrows(IllegalStateException.class, () -> u.label(0));
        var e2 = assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(4, 2), new int[3]));
        assertTrue(e2.getMessage().contains("3 labels for 4 examples of shape [4, 2]"), e2.getMessage());
        // a negative label: classes() and every class-indexed use (embeddings, histograms) assume labels ≥ 0
        var e3 = assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3, 2), new int[] {0, -1, 2}));
        assertTrue(e3.getMessage().contains("label -1 of example 1"), e3.getMessage());
    }

    @Test void aBatchPastTheLargestArrayIsRejected() {
        Dataset d = Dataset.of(Tensor.zeros(1, 1 << 20));
        // 4096 copies of a 2²⁰-value example: the size wrapped to 0 in int, was IndexOutOfBoundsException from arraycopy
        var e = assertThrows(IllegalArgumentException.class, () -> d.batch(new int[4096]));
        assertTrue(e.getMessage().contains("Dataset.batch: shape [4096, 1048576] has more than 2^31-1 elements"), e.getMessage());
        // a batch size near 2³¹ is one batch of everything: n + b − 1 and cursor + b wrapped, refusing it or failing the 2nd batch
        DataLoader all = new DataLoader(numbered(5), Integer.MAX_VALUE, false, false, 1);
        assertEquals(1, all.batchesPerEpoch());
        for (int i = 0; i < 2; i++) assertArrayEquals(new int[] {0, 1, 2, 3, 4}, all.next().indices());
    }

    @Test void aRangeIsADataSetOfItsOwn() {
        Dataset d = numbered(5);
        Dataset r = d.range(1, 3);
        assertEquals(2, r.size());
        assertArrayEquals(new int[] {2, 2, 3}, r.examples().shape());
        assertArrayEquals(new double[] {100, 101, 102, 103, 104, 105, 200, 201, 202, 203, 204, 205}, r.examples().data(), 0.0);
        assertArrayEquals(new int[] {1, 2}, r.labels());
        r.examples().data()[0] = -1;
        assertEquals(100, d.examples().data()[6], 0.0, "a copy: the original is untouched");
        assertEquals(0, d.range(5, 5).size());
        assertFalse(Dataset.of(Tensor.zeros(4, 2)).range(0, 2).hasLabels());
        var e = assertThrows(IllegalArgumentException.class, () -> d.range(2, 6));
        assertTrue(e.getMessage().contains("Dataset.range: [2, 6) is not a range within [0, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.range(3, 2));
    }

    @Test void unshuffledBatchesInOrderWithAShortLastBatch() {
        DataLoader l = new DataLoader(numbered(5), 2, false, false, 0);
        assertEquals(3, l.batchesPerEpoch());
        assertArrayEquals(new int[] {0, 1}, l.next().indices());
        assertArrayEquals(new int[] {2, 3}, l.next().indices());
        Batch last = l.next();
        assertArrayEquals(new int[] {4}, last.indices());
        assertArrayEquals(new int[] {1, 2, 3}, last.x().shape());
        assertEquals(0, l.epoch());
        assertArrayEquals(new int[] {0, 1}, l.next().indices());
        assertEquals(1, l.epoch());
    }

    @Test void dropLastSkipsTheShortBatch() {
        DataLoader l = new DataLoader(numbered(5), 2, false, true, 0);
        assertEquals(2, l.batchesPerEpoch());
        assertArrayEquals(new int[] {0, 1}, l.next().indices());
        assertArrayEquals(new int[] {2, 3}, l.next().indices());
        assertArrayEquals(new int[] {0, 1}, l.next().indices());
        assertEquals(1, l.epoch());
        // an exact multiple loses nothing
        DataLoader m = new DataLoader(numbered(4), 2, false, true, 0);
        assertEquals(2, m.batchesPerEpoch());
    }

    @Test void shuffledEpochsArePermutationsThatDifferAndFollowTheSeed() {
        int n = 23;
        DataLoader a = new DataLoader(numbered(n), 5, true, false, 7);
        List<int[]> epochs = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            int[] seen = new int[n];
            int[] order = new int[n];
            int k = 0;
            for (int b = 0; b < a.batchesPerEpoch(); b++) {
                Batch batch = a.next();
                assertEquals(e, a.epoch());
                for (int i = 0; i < batch.size(); i++) {
                    int idx = batch.indices()[i];
                    seen[idx]++;
                    order[k++] = idx;
                    assertEquals(100.0 * idx, batch.x().get(i, 0, 0));     // rows follow the indices
                    assertEquals(idx % 10, batch.labels()[i]);
                }
            }
            for (int c : seen) assertEquals(1, c, "each example once per epoch");
            epochs.add(order);
        }
        assertFalse(Arrays.equals(epochs.get(0), epochs.get(1)), "a new order each epoch");
        // the first epoch's order is the loader's generator's first permutation
        assertArrayEquals(new Rng(7).permutation(n), epochs.get(0));
        DataLoader same = new DataLoader(numbered(n), 5, true, false, 7), other = new DataLoader(numbered(n), 5, true, false, 8);
        assertArrayEquals(epochs.get(0), concat(same, 5));
        assertFalse(Arrays.equals(epochs.get(0), concat(other, 5)));
    }

    static int[] concat(DataLoader l, int batches) {
        int[] all = new int[0];
        for (int b = 0; b < batches; b++) {
            int[] idx = l.next().indices();
            int[] next = Arrays.copyOf(all, all.length + idx.length);
            System.arraycopy(idx, 0, next, all.length, idx.length);
            all = next;
        }
        return all;
    }

    @Test void aRestoredLoaderSeesTheSameBatchesBitForBit() {
        for (boolean dropLast : new boolean[] {false, true}) {
            for (int before : new int[] {0, 1, 4, 5, 9, 13}) {   // mid-epoch, at an epoch's end, several epochs in
                DataLoader original = new DataLoader(numbered(23), 5, true, dropLast, 99);
                for (int i = 0; i < before; i++) original.next();
                long[] saved = original.state();
                List<Batch> expected = new ArrayList<>();
                for (int i = 0; i < 30; i++) expected.add(original.next());

                DataLoader resumed = new DataLoader(numbered(23), 5, true, dropLast, 12345);   // the seed is in the state
                resumed.restore(saved);
                for (int i = 0; i < 30; i++) {
                    Batch x = expected.get(i), y = resumed.next();
                    assertArrayEquals(x.indices(), y.indices(), "batch " + i + " after " + before);
                    assertArrayEquals(x.x().data(), y.x().data(), 0.0);
                    assertArrayEquals(x.labels(), y.labels());
                }
                assertEquals(original.epoch(), resumed.epoch());
                assertArrayEquals(original.state(), resumed.state());
            }
        }
    }

    @Test void stateHoldsEpochAndPosition() {
        DataLoader l = new DataLoader(numbered(10), 4, true, false, 3);
        l.next();
        l.next();
        l.next();
        l.next();   // epoch 1, first batch
        long[] s = l.state();
        assertEquals(11, s.length);
        assertEquals(10, s[1]);
        assertEquals(4, s[2]);
        assertEquals(1, s[3]);
        assertEquals(0, s[4]);
        assertEquals(1, s[5]);   // epoch
        assertEquals(4, s[6]);   // position
        assertEquals(1, l.epoch());
        assertEquals(4, l.position());
    }

    @Test void badStatesAndSettingsAreRejected() {
        DataLoader l = new DataLoader(numbered(10), 4, true, false, 3);
        long[] s = l.state();
        var e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(numbered(10), 5, true, false, 3).restore(s));
        assertTrue(e.getMessage().contains("saved with batchSize = 4, this loader has 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(numbered(11), 4, true, false, 3).restore(s));
        assertTrue(e.getMessage().contains("dataset size = 10, this loader has 11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.restore(new long[3]));
        assertTrue(e.getMessage().contains("not a DataLoader state"), e.getMessage());
        long[] bad = s.clone();
        bad[6] = 11;
        e = assertThrows(IllegalArgumentException.class, () -> l.restore(bad));
        assertTrue(e.getMessage().contains("position 11 is outside an epoch of 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(numbered(3), 4, true, true, 0));
        assertTrue(e.getMessage().contains("3 examples make no batch of 4 with dropLast"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(numbered(3), 0, true, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(numbered(0), 1, true, false, 0));
    }
}
