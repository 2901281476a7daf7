package nash.examples.outcomes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.report.ScatterPlot;
import nash.gan.data.Toy2d;
import nash.gan.metrics.ModeCoverage;

/**
 * A recipe trained on a 2-D mixture once per seed, each run judged as VEEGAN and PacGAN judge
 * theirs: 2,500 samples from the final generator, a mode captured when a sample lies within 3σ of
 * it, a sample high quality when within 3σ of its nearest mode, and KL(mode histogram ‖ uniform).
 */
public final class ToyBenchmark {

    /** One seed's outcome. */
    public record SeedResult(long seed, ModeCoverage.Result coverage, double seconds, double[] samples) {}

    /** All seeds of one recipe on one mixture. */
    public record Outcome(Toy2d mixture, ToyRecipe recipe, List<SeedResult> seeds) {
        public MeanSe modes() { return MeanSe.of(seeds.stream().mapToDouble(s -> s.coverage().modesCaptured()).toArray()); }

        public MeanSe highQualityPercent() { return MeanSe.of(seeds.stream().mapToDouble(s -> s.coverage().highQualityPercent()).toArray()); }

        public MeanSe kl() { return MeanSe.of(seeds.stream().mapToDouble(s -> s.coverage().klToUniform()).toArray()); }

        public double seconds() { return seeds.stream().mapToDouble(SeedResult::seconds).sum(); }
    }

    private ToyBenchmark() {}

    /**
     * Trains {@code recipe} on {@code mixture} for seeds 1..n, {@code jobs} at a time, printing a
     * line per finished seed; writes the first seed's samples as a scatter plot into {@code plots}.
     */
    public static Outcome run(Toy2d mixture, ToyRecipe recipe, int n, int jobs, Path plots, PrintStream log) throws Exception {
        List<SeedResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, n)), r -> {
            Thread t = new Thread(r, "outcomes-seed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SeedResult>> futures = new ArrayList<>();
            for (long seed = 1; seed <= n; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> {
                    SeedResult r = one(mixture, recipe, s);
                    synchronized (log) {
                        log.printf(Locale.ROOT, "  %-7s %-10s seed %2d: %s  (%.0f s)%n", mixture.name(), recipe.key(), s, r.coverage(), r.seconds());
                    }
                    return r;
                }));
            }
            for (Future<SeedResult> f : futures) results.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        if (plots != null) scatter(mixture, recipe, results.get(0), plots);
        return new Outcome(mixture, recipe, results);
    }

    /** One seed: train, then draw 2,500 samples with latents from a stream of their own and evaluate. */
    static SeedResult one(Toy2d mixture, ToyRecipe recipe, long seed) {
        long start = System.nanoTime();
        ToyRecipe.Run run = recipe.start(mixture, seed);
        run.train(step -> { });
        Tensor z = Tensor.randn(new Rng(1_000_003L * seed + 99), ModeCoverage.STANDARD_SAMPLES, recipe.latent());
        Tensor x = run.trainer().sample(z, null);
        return new SeedResult(seed, ModeCoverage.evaluate(x, mixture), (System.nanoTime() - start) / 1e9, x.data().clone());
    }

    /** The file name of a recipe's scatter plot on a mixture. */
    public static String plotName(Toy2d mixture, ToyRecipe recipe) { return mixture.name() + "-" + recipe.key() + ".png"; }

    private static void scatter(Toy2d mixture, ToyRecipe recipe, SeedResult r, Path dir) throws IOException {
        double[][] m = mixture.modes();
        double[] flat = new double[2 * m.length];
        for (int k = 0; k < m.length; k++) {
            flat[2 * k] = m[k][0];
            flat[2 * k + 1] = m[k][1];
        }
        ModeCoverage.Result c = r.coverage();
        String title = String.format(Locale.ROOT, "%s on %s, seed %d: %d/%d modes, %.1f%% high quality", recipe.label(), mixture.name(),
                r.seed(), c.modesCaptured(), c.modes(), c.highQualityPercent());
        ScatterPlot.of(r.samples()).modes(flat).title(title).writePng(dir.resolve(plotName(mixture, recipe)));
    }
}
