package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import nash.core.kernel.VectorGemm.Route;
import org.junit.jupiter.api.Test;

/**
 * Which loops VectorGemm sends a shape through. Every route gives the same bits (KernelsTest), so only this
 * test notices when a change sends a shape down a slower one: the narrow kernel, the row order, Cᵀ.
 * Shapes are m×n×k, as VectorGemm takes them.
 */
class GemmRouteTest {

    private static final boolean WIDE = VectorGemm.NV == 4; // 512-bit vectors: the narrow kernel and the row order exist

    @Test
    void aRowOrColumnOfCOrKOfOneIsThin() {
        assertEquals(Route.THIN, VectorGemm.route(false, true, 64, 1, 256), "a one-output layer's x·wᵀ");
        assertEquals(Route.THIN, VectorGemm.route(true, false, 1, 6272, 64), "its weight gradient");
        assertEquals(Route.THIN, VectorGemm.route(false, false, 700, 801, 1), "an outer product");
    }

    @Test
    void aFewColumnsWithALongKTakeTheNarrowKernel() {
        assumeTrue(WIDE);
        assertEquals(Route.NARROW, VectorGemm.route(false, true, 64, 16, 12544), "a one-channel critic's first-layer weight gradient");
        assertEquals(Route.BLOCKED, VectorGemm.route(false, false, 64, 16, 32), "k too short for it");
        assertEquals(Route.BLOCKED_CT, VectorGemm.route(true, true, 64, 16, 12544), "A transposed: not read in place");
    }

    @Test
    void littleWorkIsNotPacked() {
        assertEquals(Route.SMALL, VectorGemm.route(false, false, 8, 8, 8));
        assertEquals(Route.BLOCKED, VectorGemm.route(false, false, 64, 64, 64));
    }

    @Test
    void aTransposedBGoesToTheSmallSideAsCt() {
        assertEquals(Route.BLOCKED_CT, VectorGemm.route(false, true, 64, 512, 784), "a GAN layer's x·Wᵀ");
        assertEquals(Route.BLOCKED, VectorGemm.route(false, true, 512, 64, 784), "A already the larger operand");
        assertEquals(Route.BLOCKED, VectorGemm.route(false, true, 64, 512, 16), "k too short to pay for the write-back");
        assertEquals(Route.BLOCKED_CT, VectorGemm.route(true, true, 64, 64, 64), "both transposed");
    }

    @Test
    void cTIsComputedWhenItPadsTheRegisterBlocksLess() {
        assumeTrue(WIDE); // with 4×32 blocks; the 6×8 ones of 256-bit vectors pad differently
        assertEquals(Route.BLOCKED_CT, VectorGemm.route(false, false, 64, 100, 256), "n = 100 pads 128 columns, as rows 100");
        assertEquals(Route.BLOCKED, VectorGemm.route(false, false, 100, 64, 256), "already the better way round");
        assertEquals(Route.BLOCKED, VectorGemm.route(false, false, 64, 100, 32), "k too short");
    }

    @Test
    void aFreshSingleKBlockRunsAlongTheRowsOfC() {
        assumeTrue(WIDE);
        int k = 128, kc = VectorGemm.depth(k);
        assertEquals(k, kc, "k = 128 is one k-block");
        assertTrue(VectorGemm.rowOrder(false, k, kc, false), "Wᵀ·dY of a DCGAN convolution, 1024×1568×128:TN");
        assertFalse(VectorGemm.rowOrder(true, k, kc, false), "accumulating: C must be read");
        assertTrue(VectorGemm.rowOrder(false, 64, VectorGemm.depth(64), false), "short k too: a GAN layer's weight gradient, 784×512×64:TN");
        assertTrue(VectorGemm.rowOrder(false, 16, VectorGemm.depth(16), false), "a one-channel critic's first layer, 64×12544×16");
        assertFalse(VectorGemm.rowOrder(false, 1024, VectorGemm.depth(1024), false), "several k-blocks");
        assertFalse(VectorGemm.rowOrder(false, k, kc, true), "A read in place");
    }
}
