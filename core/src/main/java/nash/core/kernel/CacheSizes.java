package nash.core.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The per-core data cache sizes that GEMM's blocking is derived from: read once from Linux's
 * {@code /sys/devices/system/cpu/cpu0/cache}, else conservative defaults (32 KiB L1d, 512 KiB L2)
 * that suit any x86-64 or ARM core of the last decade.
 */
final class CacheSizes {

    /** L1 data cache of one core, in bytes. */
    static final int L1D;
    /** L2 cache of one core (or its share when several cores share it), in bytes. */
    static final int L2;

    static {
        int l1 = 32 << 10, l2 = 512 << 10;
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int i = 0; i < 8; i++) {
            Path idx = dir.resolve("index" + i);
            try {
                if (!Files.isDirectory(idx)) break;
                int level = Integer.parseInt(read(idx.resolve("level")));
                String type = read(idx.resolve("type")).toLowerCase(Locale.ROOT);
                int size = parseSize(read(idx.resolve("size")));
                int sharing = Math.max(1, countCpus(read(idx.resolve("shared_cpu_list"))));
                if (size <= 0 || type.startsWith("instruction")) continue;
                if (level == 1) l1 = size;
                else if (level == 2) l2 = size / sharing;
            } catch (IOException | RuntimeException ignored) {
                // keep the defaults for what cannot be read
            }
        }
        L1D = clamp(l1, 16 << 10, 256 << 10);
        L2 = clamp(l2, 128 << 10, 8 << 20);
    }

    private CacheSizes() {}

    private static int clamp(int v, int lo, int hi) { return Math.max(lo, Math.min(hi, v)); }

    private static String read(Path p) throws IOException { return Files.readString(p).trim(); }

    /** "48K", "2048K", "1M" or plain bytes. */
    static int parseSize(String s) {
        s = s.trim().toUpperCase(Locale.ROOT);
        if (s.isEmpty()) return -1;
        long mult = 1;
        char last = s.charAt(s.length() - 1);
        if (last == 'K') mult = 1 << 10;
        else if (last == 'M') mult = 1 << 20;
        else if (last == 'G') mult = 1 << 30;
        if (mult != 1) s = s.substring(0, s.length() - 1);
        long v = Long.parseLong(s) * mult;
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** "0", "0-1", "0,2,4-7" → the number of CPUs listed. */
    static int countCpus(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            part = part.trim();
            if (part.isEmpty()) continue;
            int dash = part.indexOf('-');
            count += dash < 0 ? 1 : Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
        }
        return count;
    }
}
