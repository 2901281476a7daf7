package nash.examples.outcomes;

import java.util.Locale;

/**
 * Mean ± standard error of a metric over seeds, the form the mode-collapse papers print
 * (VEEGAN, PacGAN: "7.9 ± 0.1"). The standard error is s/√n with s the sample standard deviation
 * (n − 1 in the denominator); it is 0 for a single seed.
 */
public record MeanSe(double mean, double se, int n) {

    public static MeanSe of(double... values) {
        int n = values.length;
        if (n == 0) return new MeanSe(Double.NaN, Double.NaN, 0);
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / n, sq = 0;
        for (double v : values) sq += (v - mean) * (v - mean);
        double se = n > 1 ? Math.sqrt(sq / (n - 1)) / Math.sqrt(n) : 0;
        return new MeanSe(mean, se, n);
    }

    /** "24.6 ± 0.2" with the given number of decimals. */
    public String format(int decimals) {
        if (n == 0) return "–";
        if (Double.isInfinite(mean)) return "∞";
        String f = "%." + decimals + "f ± %." + decimals + "f";
        return String.format(Locale.ROOT, f, mean, se);
    }
}
