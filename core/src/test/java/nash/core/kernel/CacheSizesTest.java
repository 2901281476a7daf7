package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cache sizes GEMM's blocking is derived from: sysfs formats, and sane values whatever the machine. */
class CacheSizesTest {

    @Test
    void parsesSysfsSizesAndCpuLists() {
        assertEquals(48 << 10, CacheSizes.parseSize("48K"));
        assertEquals(2 << 20, CacheSizes.parseSize("2048K"));
        assertEquals(1 << 20, CacheSizes.parseSize("1M\n"));
        assertEquals(512, CacheSizes.parseSize("512"));
        assertEquals(1, CacheSizes.countCpus("0"));
        assertEquals(2, CacheSizes.countCpus("0-1"));
        assertEquals(7, CacheSizes.countCpus("0,2,4-8"));
    }

    @Test
    void sizesAndTheBlockingDerivedFromThemAreSane() {
        assertTrue(CacheSizes.L1D >= 16 << 10 && CacheSizes.L1D <= 256 << 10, "L1d " + CacheSizes.L1D);
        assertTrue(CacheSizes.L2 >= 128 << 10 && CacheSizes.L2 <= 8 << 20, "L2 " + CacheSizes.L2);
        assertTrue(VectorGemm.KC >= 64 && VectorGemm.KC <= 1024, "KC " + VectorGemm.KC);
        assertEquals(0, VectorGemm.MC % VectorGemm.MR, "MC is whole register blocks");
        assertEquals(0, VectorGemm.NC % VectorGemm.NR, "NC is whole register blocks");
    }
}
