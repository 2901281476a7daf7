package nash.gan.data;

import nash.core.Shape;
import nash.core.Rng;
import nash.core.Tensor;

/**
 * The 2-D mixtures of the mode-collapse literature (unrolled GAN, VEEGAN, PacGAN): an equal-weight
 * mixture of isotropic Gaussians N(μₖ, σ²I).
 *
 * <ul>
 *   <li>{@link #ring()}: 8 modes at (cos 2πk/8, sin 2πk/8), radius 1, σ = 0.01;</li>
 *   <li>{@link #grid()}: 25 modes at {−4,−2,0,2,4}², σ = 0.05.</li>
 * </ul>
 * Measure a generator on them with {@code nash.gan.metrics.ModeCoverage} (2,500 samples, a sample
 * within 3σ of its nearest mode is high quality).
 *
 * <p>Sampling draws, per sample: the mode (uniform, {@link Rng#nextInt}), then the x and y noise
 * ({@link Rng#nextGaussian}). Means are computed with {@link StrictMath}. So a seed gives the same
 * samples bit for bit on every machine.
 */
public final class Toy2d {

    private final String name;
    private final double[][] modes;   // [K][2]
    private final double sigma;

    /**
     * A mixture with the given means (copied) and standard deviation.
     *
     * @param modes K ≥ 1 means, each of 2 finite coordinates
     * @param sigma σ &gt; 0, the same for both coordinates and every mode
     */
    public Toy2d(String name, double[][] modes, double sigma) {
        if (modes == null || modes.length == 0) throw new IllegalArgumentException("Toy2d: need at least one mode");
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("Toy2d: sigma must be finite and > 0, got " + sigma);
        this.modes = new double[modes.length][];
        for (int k = 0; k < modes.length; k++) {
            if (modes[k] == null || modes[k].length != 2) {
                throw new IllegalArgumentException("Toy2d: mode " + k + " must have 2 coordinates, got "
                        + (modes[k] == null ? "null" : modes[k].length));
            }
            if (!Double.isFinite(modes[k][0]) || !Double.isFinite(modes[k][1])) {
                throw new IllegalArgumentException("Toy2d: mode " + k + " = (" + modes[k][0] + ", " + modes[k][1] + ") is not finite");
            }
            this.modes[k] = modes[k].clone();
        }
        this.name = name == null ? "mixture" : name;
        this.sigma = sigma;
    }

    /** The ring of 8 Gaussians: radius 1, σ = 0.01. */
    public static Toy2d ring() { return ring(8, 1.0, 0.01); }

    /** {@code k} Gaussians at angles 2πi/k on a circle of the given radius. */
    public static Toy2d ring(int k, double radius, double sigma) {
        if (k < 1) throw new IllegalArgumentException("Toy2d.ring: need k ≥ 1 modes, got " + k);
        double[][] m = new double[k][];
        for (int i = 0; i < k; i++) {
            double angle = 2 * Math.PI * i / k;
            m[i] = new double[] {radius * StrictMath.cos(angle), radius * StrictMath.sin(angle)};
        }
        return new Toy2d("ring" + k, m, sigma);
    }

    /** The grid of 25 Gaussians: means {−4,−2,0,2,4}², σ = 0.05. */
    public static Toy2d grid() { return grid(5, 2.0, 0.05); }

    /** side² Gaussians on a square grid centred at the origin with the given spacing (row-major: y outer, x inner). */
    public static Toy2d grid(int side, double spacing, double sigma) {
        if (side < 1) throw new IllegalArgumentException("Toy2d.grid: need side ≥ 1, got " + side);
        int k = Shape.size("Toy2d.grid", side, side);   // side² modes, checked: an int product would wrap
        double[][] m = new double[k][];
        double start = -spacing * (side - 1) / 2.0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) m[i * side + j] = new double[] {start + spacing * j, start + spacing * i};
        }
        return new Toy2d("grid" + k, m, sigma);
    }

    /** n samples as a [n,2] tensor. */
    public Tensor sample(int n, Rng rng) { return sample(n, rng, null); }

    /**
     * n samples as a [n,2] tensor; when {@code modeOut} is given (length ≥ n), the mode each sample
     * was drawn from is written into it (Modified).
     */
    public Tensor sample(int n, Rng rng, int[] modeOut) {
        if (n < 0) throw new IllegalArgumentException("Toy2d.sample: n must be ≥ 0, got " + n);
        if (rng == null) throw new IllegalArgumentException("Toy2d.sample: rng must not be null");
        if (modeOut != null && modeOut.length < n) {
            throw new IllegalArgumentException("Toy2d.sample: modeOut has length " + modeOut.length + " < n = " + n);
        }
        double[] x = new double[Shape.size("Toy2d.sample", n, 2)];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(modes.length);
            if (modeOut != null) modeOut[i] = k;
            x[2 * i] = modes[k][0] + sigma * rng.nextGaussian();
            x[2 * i + 1] = modes[k][1] + sigma * rng.nextGaussian();
        }
        return Tensor.wrap(x, n, 2);
    }

    /** The means, [K][2] (a copy). */
    public double[][] modes() {
        double[][] m = new double[modes.length][];
        for (int k = 0; k < m.length; k++) m[k] = modes[k].clone();
        return m;
    }

    /** The number of modes K. */
    public int modeCount() { return modes.length; }

    /** σ, the standard deviation of each coordinate. */
    public double sigma() { return sigma; }

    /** "ring8", "grid25", or the name given. */
    public String name() { return name; }

    @Override public String toString() { return "Toy2d[" + name + ", " + modes.length + " modes, sigma=" + sigma + "]"; }
}
