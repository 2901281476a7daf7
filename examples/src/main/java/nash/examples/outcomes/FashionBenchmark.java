package nash.examples.outcomes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.data.BundledData;
import nash.examples.report.ImageGrid;
import nash.examples.report.Progress;
import nash.gan.data.DataLoader;
import nash.gan.data.Dataset;
import nash.gan.metrics.ClassHistogram;
import nash.gan.metrics.FrechetDistance;
import nash.gan.metrics.ImageClassifier;
import nash.gan.metrics.InceptionScore;
import nash.gan.models.Models;
import nash.gan.train.GanTrainer;
import nash.gan.train.StepStats;
import nash.nn.Flatten;
import nash.nn.Module;
import nash.nn.Sequential;
import nash.nn.Unflatten;
import nash.nn.optim.Adam;

/**
 * A GAN on the bundled Fashion-MNIST (10,000 images, 10 classes), judged by a classifier Nash
 * trains on the same images: does the generator produce every kind of clothing in the data's
 * proportions? The class histogram of 2,000 samples is compared with the data's by the
 * Jensen–Shannon divergence (nats); FID and the inception score on the classifier are printed beside.
 *
 * <p>Two players: the DCGAN of {@link Models#dcganGenerator} / {@link Models#dcganDiscriminator}, or
 * the MLP GAN of {@link Models#mlpGenerator} / {@link Models#mlpDiscriminator} (several times
 * faster per step). Non-saturating loss, Adam 2e-4, β (0.5, 0.999), batch 64, as DCGAN.
 */
public final class FashionBenchmark {

    /** The samples evaluated. */
    public static final int SAMPLES = 2000;

    /** The settings of one run. */
    public record Settings(String model, int steps, int batch, int latent, double lr, long seed) {
        public String describe() {
            return String.format(Locale.ROOT, "%s, loss non-saturating, latent %d, batch %d, Adam %s β (0.5, 0.999), %,d steps, seed %d",
                    model.equals("dcgan") ? "DCGAN (Models.dcganGenerator/dcganDiscriminator)" : "MLP GAN (Models.mlpGenerator/mlpDiscriminator)",
                    latent, batch, lr, steps, seed);
        }
    }

    /** What came out: the metrics and the class histograms. */
    public record Outcome(Settings settings, double js, double jsToPredicted, double fid, double inceptionScore, double classifierAccuracy,
                          double[] generatedHistogram, double[] dataHistogram, double seconds, double secondsPerStep, String gridFile) {}

    private FashionBenchmark() {}

    public static Outcome run(Settings s, Path outDir, PrintStream log) throws IOException {
        long start = System.nanoTime();
        Dataset data = BundledData.fashionMnist();
        ImageClassifier classifier = classifier(data, log);
        Module[] players = players(s);
        GanTrainer trainer = GanTrainer.builder(players[0], players[1], s.latent())
                .generatorOptimizer(new Adam(players[0].parameters(), s.lr()).betas(0.5, 0.999))
                .discriminatorOptimizer(new Adam(players[1].parameters(), s.lr()).betas(0.5, 0.999))
                .data(new DataLoader(data, s.batch(), true, true, s.seed())).seed(s.seed()).build();
        log.printf("fashion-mnist: %s; G %s, D %s%n", s.describe(), Models.describe(players[0]), Models.describe(players[1]));
        long trainStart = System.nanoTime();
        try (Progress progress = Progress.start("fashion-mnist " + s.model(), s.steps())) {
            for (int i = 0; i < s.steps(); i++) {
                StepStats st = trainer.step();
                Map<String, Double> shown = new LinkedHashMap<>();
                for (String k : new String[] {"loss_d", "loss_g", "d_real", "d_fake"}) shown.put(k, st.values().get(k));
                progress.update(st.step(), shown);
            }
        }
        double perStep = (System.nanoTime() - trainStart) / 1e9 / Math.max(1, s.steps());

        Tensor z = Tensor.randn(new Rng(s.seed() * 1_000_003L + 4242), SAMPLES, s.latent());
        Tensor fake = trainer.sample(z, null);
        int[] fakeLabels = classifier.predict(fake), dataLabels = data.labels();
        int[] predictedData = classifier.predict(data.examples());
        int k = classifier.classes;
        double js = ClassHistogram.jsToData(fakeLabels, dataLabels, k);
        double jsPred = ClassHistogram.jsToData(fakeLabels, predictedData, k);
        double accuracy = classifier.accuracy(data.examples(), dataLabels);
        Tensor real = data.examples().narrow(0, 0, SAMPLES);
        double fid = FrechetDistance.between(classifier.features(real), classifier.features(fake));
        double is = InceptionScore.of(classifier.probabilities(fake));

        String grid = "fashion-mnist-" + s.model() + ".png";
        ImageGrid.of(fake.narrow(0, 0, 100)).grid(10, 10).scale(2).writePng(outDir.resolve(grid));
        return new Outcome(s, js, jsPred, fid, is, accuracy, ClassHistogram.of(fakeLabels, k), ClassHistogram.of(dataLabels, k),
                (System.nanoTime() - start) / 1e9, perStep, grid);
    }

    static Module[] players(Settings s) {
        Rng rng = new Rng(s.seed() * 7919 + 17);
        switch (s.model()) {
            case "dcgan":
                return new Module[] {Models.dcganGenerator(s.latent(), rng), Models.dcganDiscriminator(rng)};
            case "mlp":
                return new Module[] {new Sequential(Models.mlpGenerator(s.latent(), 784, rng), new Unflatten(1, 1, 28, 28)),
                        new Sequential(new Flatten(), Models.mlpDiscriminator(784, rng))};
            default:
                throw new IllegalArgumentException("--fashion-model: choose dcgan or mlp, not '" + s.model() + "'");
        }
    }

    /**
     * The judging classifier: 3 epochs of Adam on the 10,000 images, seed 0, as {@code nash eval}
     * trains it, kept in the same cache (~/.cache/nash, or -Dnash.cache, or $NASH_CACHE).
     */
    static ImageClassifier classifier(Dataset data, PrintStream log) throws IOException {
        String dir = System.getProperty("nash.cache", System.getenv("NASH_CACHE"));
        Path cache = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "nash");
        Path file = cache.resolve("classifier-fashion-mnist-" + data.size() + ".safetensors");
        if (Files.isRegularFile(file)) {
            try {
                return ImageClassifier.load(file, data.classes());
            } catch (IOException | IllegalArgumentException e) {
                log.println("ignoring a damaged classifier cache " + file + ": " + e.getMessage());
            }
        }
        log.printf("training the judging classifier on fashion-mnist (once; cached in %s)%n", cache);
        ImageClassifier c = new ImageClassifier(data.classes(), new Rng(0));
        c.fit(data.examples(), data.labels(), 3, new Rng(0));
        Files.createDirectories(cache);
        c.save(file);
        return c;
    }
}
