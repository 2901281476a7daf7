package nash.core;

import java.util.Arrays;
import nash.core.kernel.Parallel;

/**
 * A seeded random number generator: xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
 *
 * <p>Its output is defined by this file alone (no JDK generator whose algorithm may change), so a
 * seed gives the same numbers on every machine, JDK and thread count. Normal samples use the
 * Box–Muller transform with {@link StrictMath}, whose results are the same everywhere. The whole
 * state is four longs ({@link #state()}, {@link #fromState}), so a checkpoint can resume a stream
 * exactly. Not thread-safe: give each thread its own stream ({@link #split()}).
 */
public final class Rng {

    private long s0, s1, s2, s3;

    /** A generator seeded with {@code seed}. */
    public Rng(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    private Rng(long[] state) {
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The full state, for checkpoints. */
    public long[] state() { return new long[] {s0, s1, s2, s3}; }

    /** A generator continuing exactly from a saved {@link #state()}. */
    public static Rng fromState(long[] state) {
        if (state.length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("Rng.fromState: need 4 longs, not all zero, got " + Arrays.toString(state));
        }
        return new Rng(state);
    }

    /** A new, independent stream seeded from this one (advances this one). */
    public Rng split() { return new Rng(nextLong()); }

    /** 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1), 53 bits. */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        long limit = (1L << 32) - ((1L << 32) % bound);
        long r;
        do {
            r = nextLong() >>> 32;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** A standard normal sample (Box–Muller, one value per pair of uniforms). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return boxMuller(u1, u2);
    }

    private static double boxMuller(double u1, double u2) {
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Normal samples per parallel chunk: the transform (log, cos: ~40 ns a value) is the cost, not the stream. */
    private static final int NORMAL_GRAIN = 2048;

    /** Fills with uniform samples in [0, 1). */
    public void fillUniform(double[] d) {
        for (int i = 0; i < d.length; i++) d[i] = nextDouble();
    }

    /**
     * Fills with standard normal samples: the values of {@link #nextGaussian()} called d.length
     * times. The uniforms are drawn in order; the transform runs on the kernel threads.
     */
    public void fillNormal(double[] d) {
        int n = d.length;
        if (n <= NORMAL_GRAIN || Parallel.threads() == 1) {
            for (int i = 0; i < n; i++) d[i] = nextGaussian();
            return;
        }
        double[] u2 = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = 1.0 - nextDouble();
            u2[i] = nextDouble();
        }
        Parallel.chunks(n, NORMAL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) d[i] = boxMuller(d[i], u2[i]);
        });
    }

    /** A random permutation of 0..n−1 (Fisher–Yates). */
    public int[] permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must not be negative, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
