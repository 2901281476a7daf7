package nash.core.kernel;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Double arrays whose element {@link #OFFSET} lies on a 64-byte cache line, where the JVM's layout
 * makes that knowable.
 *
 * <p>Why. A 512-bit load is a whole cache line; one that starts off a line boundary touches two
 * lines and costs two L1 accesses. GEMM's micro-kernel loads four such vectors of packed B per step,
 * and with the panel on a line boundary it runs 20–35% faster (docs/gemm.md).
 *
 * <p>How. Java does not tell where an array lies, but two HotSpot layouts fix it: with
 * {@code -XX:ObjectAlignmentInBytes=64} every object starts on a line, and with G1 an array of at
 * least half a heap region is "humongous": it starts at a region boundary, and G1 does not move it.
 * Its data then begins at the array base offset (16 bytes with compressed class pointers or compact
 * headers, 24 without). Anywhere else (another collector or VM) OFFSET is 0 and arrays lie where the
 * JVM puts them: the results are the same, only slower. {@code -Dnash.align=false} turns it off.
 */
final class AlignedArrays {

    /** Bytes in a cache line, and in the widest vector. */
    static final int LINE = 64;
    /** Index of the first line-aligned element of an array from {@link #allocate}; 0 when not known. */
    static final int OFFSET;
    /** Length from which arrays are line-aligned (G1: the humongous size); 0 when every array is. */
    private static final int MIN_LENGTH;

    static {
        Layout l = Layout.UNKNOWN;
        if (Boolean.parseBoolean(System.getProperty("nash.align", "true"))) {
            try {
                l = Layout.of(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
            } catch (RuntimeException | LinkageError e) {
                // not HotSpot, or no jdk.management: layout unknown, arrays as they come
            }
        }
        OFFSET = l.offset();
        MIN_LENGTH = l.minLength();
    }

    private AlignedArrays() {}

    /** An array with at least {@code n} elements from index {@link #OFFSET} on. */
    static double[] allocate(int n) {
        return new double[Math.max(n + OFFSET, MIN_LENGTH)];
    }

    /** Rounds a row length up so that rows starting on a line all do (whole lines of doubles). */
    static int rowStride(int n) {
        int q = LINE / Double.BYTES;
        return (n + q - 1) / q * q;
    }

    /**
     * What is known of the JVM's array layout: the first aligned index and the length from which it holds.
     *
     * @param offset    index of the first line-aligned element, 0 when unknown
     * @param minLength arrays shorter than this may lie anywhere
     */
    record Layout(int offset, int minLength) {

        static final Layout UNKNOWN = new Layout(0, 0);

        static Layout of(HotSpotDiagnosticMXBean vm) {
            boolean compact = flag(vm, "UseCompactObjectHeaders", false), compressedClass = flag(vm, "UseCompressedClassPointers", true);
            long alignment = Long.parseLong(vm.getVMOption("ObjectAlignmentInBytes").getValue());
            long region = flag(vm, "UseG1GC", false) ? Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue()) : 0;
            return of(alignment, region, compact || compressedClass ? 16 : 24);
        }

        /**
         * The layout from the VM's facts.
         *
         * @param objectAlignment ObjectAlignmentInBytes
         * @param g1RegionBytes   G1's region size, 0 when another collector runs
         * @param baseOffset      bytes from an array's start to its element 0
         */
        static Layout of(long objectAlignment, long g1RegionBytes, int baseOffset) {
            if (baseOffset % Double.BYTES != 0 || baseOffset >= LINE) return UNKNOWN;
            int offset = (LINE - baseOffset) % LINE / Double.BYTES;
            if (objectAlignment % LINE == 0) return new Layout(offset, 0);
            // Humongous: the object (header included) takes at least half a region. A length above
            // 2^31 elements cannot be allocated, so regions past 32 GiB count as unknown.
            if (g1RegionBytes >= 2L * LINE && g1RegionBytes / 2 / Double.BYTES < Integer.MAX_VALUE - 64) {
                return new Layout(offset, (int) (g1RegionBytes / 2 / Double.BYTES) + 1);
            }
            return UNKNOWN;
        }

        private static boolean flag(HotSpotDiagnosticMXBean vm, String name, boolean absent) {
            try {
                return Boolean.parseBoolean(vm.getVMOption(name).getValue());
            } catch (IllegalArgumentException e) { // this JDK has no such option
                return absent;
            }
        }
    }
}
