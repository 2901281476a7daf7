package nash.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nash.core.kernel.AlignedArrays.Layout;
import org.junit.jupiter.api.Test;

/** Which arrays Nash may take to start on a cache line, from the JVM's layout facts. */
class AlignedArraysTest {

    @Test
    void aWholeLineObjectAlignmentAlignsEveryArray() {
        assertEquals(new Layout(6, 0), Layout.of(64, 0, 16), "16-byte header: element 6 is byte 64");
        assertEquals(new Layout(5, 0), Layout.of(128, 4 << 20, 24), "no compressed class pointers: 24-byte header");
    }

    @Test
    void g1AlignsHumongousArraysOnly() {
        Layout l = Layout.of(8, 4 << 20, 16);
        assertEquals(6, l.offset());
        assertEquals((2 << 20) / 8 + 1, l.minLength(), "half a 4 MiB region, in doubles, and then some");
        assertEquals(Layout.of(8, 32 << 20, 16).minLength(), (16 << 20) / 8 + 1);
    }

    @Test
    void otherwiseNothingIsKnown() {
        assertEquals(Layout.UNKNOWN, Layout.of(8, 0, 16), "Parallel, Serial, ZGC: objects 8-byte aligned");
        assertEquals(Layout.UNKNOWN, Layout.of(16, 0, 16));
        assertEquals(Layout.UNKNOWN, Layout.of(64, 0, 12), "a base offset that is not whole doubles");
    }

    @Test
    void allocatedArraysHoldTheAskedLengthFromTheOffset() {
        for (int n : new int[] {0, 1, 7, 1000}) {
            double[] a = AlignedArrays.allocate(n);
            assertTrue(a.length >= n + AlignedArrays.OFFSET, n + " → " + a.length);
        }
        assertTrue(AlignedArrays.OFFSET >= 0 && AlignedArrays.OFFSET < AlignedArrays.LINE / Double.BYTES);
        assertEquals(0, AlignedArrays.rowStride(0));
        assertEquals(8, AlignedArrays.rowStride(1));
        assertEquals(104, AlignedArrays.rowStride(100));
    }
}
