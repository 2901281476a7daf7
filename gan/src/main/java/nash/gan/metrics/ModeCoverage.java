package nash.gan.metrics;

import nash.core.Tensor;
import nash.gan.data.Toy2d;

/**
 * Mode coverage of generated samples on a mixture of Gaussians, measured as the mode-collapse
 * literature does (VEEGAN, Srivastava et al. 2017; PacGAN, Lin et al. 2018), usually on 2,500
 * samples of {@link Toy2d#ring()} or {@link Toy2d#grid()}:
 * <ul>
 *   <li>each sample is assigned to its nearest mode (Euclidean; ties to the lower index);</li>
 *   <li>it is <b>high quality</b> when within 3σ of that mode: ‖x − μ‖ ≤ 3σ;</li>
 *   <li>a mode is <b>captured</b> when at least one high-quality sample is assigned to it;</li>
 *   <li>the <b>KL to uniform</b> is KL(h‖u) = Σₖ hₖ log(K·hₖ), where h is the histogram of the
 *       high-quality samples over the K modes (normalised by their count) and u = 1/K; empty modes
 *       add 0 (0·log 0 = 0). It is 0 for a perfectly balanced generator and log K when every
 *       high-quality sample sits on one mode. With no high-quality sample h is undefined, and
 *       Nash reports +∞ (worse than any generator that hits a mode).</li>
 * </ul>
 * Works in any dimension: samples and modes need only have the same width.
 */
public final class ModeCoverage {

    /** The number of samples the literature evaluates. */
    public static final int STANDARD_SAMPLES = 2500;

    private ModeCoverage() {}

    /**
     * @param modes             K, the number of modes
     * @param samples           n, the number of samples evaluated
     * @param modesCaptured     modes with at least one high-quality sample
     * @param highQuality       samples within 3σ of their nearest mode
     * @param highQualityPerMode per mode, the high-quality samples assigned to it [K]
     * @param klToUniform       KL(histogram of high-quality samples ‖ uniform), +∞ if there are none
     */
    public record Result(int modes, int samples, int modesCaptured, int highQuality, int[] highQualityPerMode, double klToUniform) {
        /** The fraction of samples that are high quality, in [0, 1]. */
        public double highQualityFraction() { return samples == 0 ? 0 : (double) highQuality / samples; }

        /** The percentage of samples that are high quality, as the papers print it. */
        public double highQualityPercent() { return 100 * highQualityFraction(); }

        @Override public String toString() {
            return String.format("%d/%d modes, %.1f%% high quality, KL %.4f", modesCaptured, modes, highQualityPercent(), klToUniform);
        }
    }

    /** Coverage of samples [n, d] on a {@link Toy2d} mixture. */
    public static Result evaluate(Tensor samples, Toy2d mixture) {
        if (mixture == null) throw new IllegalArgumentException("ModeCoverage.evaluate: mixture must not be null");
        return evaluate(Matrices.rows("ModeCoverage.evaluate", "samples", samples), mixture.modes(), mixture.sigma());
    }

    /**
     * Coverage of samples on modes of standard deviation σ.
     *
     * @param samples [n][d], n ≥ 1
     * @param modes   [K][d], K ≥ 1
     * @param sigma   σ &gt; 0
     */
    public static Result evaluate(double[][] samples, double[][] modes, double sigma) {
        String where = "ModeCoverage.evaluate";
        int d = Matrices.check(where, "samples", samples, 1);
        int dm = Matrices.check(where, "modes", modes, 1);
        Matrices.sameWidth(where, "samples", d, "modes", dm);
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException(where + ": sigma must be finite and > 0, got " + sigma);
        int k = modes.length;
        double radius2 = 9 * sigma * sigma;            // (3σ)²
        int[] perMode = new int[k];
        int high = 0;
        for (double[] x : samples) {
            int best = 0;
            double bestD2 = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double d2 = Matrices.squaredDistance(x, modes[m]);
                if (d2 < bestD2) {
                    bestD2 = d2;
                    best = m;
                }
            }
            if (bestD2 <= radius2) {
                perMode[best]++;
                high++;
            }
        }
        int captured = 0;
        double kl = 0;
        for (int m = 0; m < k; m++) {
            if (perMode[m] == 0) continue;             // 0·log 0 = 0
            captured++;
            double h = (double) perMode[m] / high;
            kl += h * Math.log(k * h);
        }
        if (high == 0) kl = Double.POSITIVE_INFINITY;
        return new Result(k, samples.length, captured, high, perMode, Math.max(0, kl));
    }
}
