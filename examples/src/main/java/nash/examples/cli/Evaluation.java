package nash.examples.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.data.Dataset;
import nash.gan.data.Toy2d;
import nash.gan.metrics.ImageClassifier;
import nash.gan.metrics.ImageMetrics;
import nash.gan.metrics.ModeCoverage;
import nash.gan.train.GanTrainer;

/** The final metrics of a run: mode coverage for 2-D data; classifier-based image metrics otherwise. */
final class Evaluation {

    private Evaluation() {}

    static Map<String, Double> modeCoverage(Tensor points, Toy2d mixture) {
        ModeCoverage.Result r = ModeCoverage.evaluate(points, mixture);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("modes_captured", (double) r.modesCaptured());
        m.put("modes", (double) r.modes());
        m.put("high_quality_percent", r.highQualityPercent());
        m.put("kl_to_uniform", r.klToUniform());
        return m;
    }

    /** FID, class JS, inception score, precision, recall and nearest-training distance on n generated images. */
    static Map<String, Double> images(GanTrainer trainer, Setup.Data data, int n, long seed) throws IOException {
        Dataset ds = data.images();
        if (!ds.hasLabels()) throw new IllegalArgumentException("image metrics need labelled data to train their classifier");
        ImageClassifier classifier = classifier(data);
        Tensor z = Tensor.randn(new Rng(seed + 4242), n, trainer.latentDim());
        Tensor labels = Setup.labels(n, trainer.classes(), false, 1);
        Tensor generated = trainer.sample(z, labels);
        int m = Math.min(n, ds.size());
        Tensor real = ds.examples().narrow(0, 0, m);
        int[] realLabels = java.util.Arrays.copyOf(ds.labels(), m);
        return ImageMetrics.evaluate(classifier, real, realLabels, generated);
    }

    /**
     * The metrics' classifier for a data set, trained once (3 epochs, seed 0) and kept in
     * ~/.cache/nash (or -Dnash.cache, or $NASH_CACHE), keyed by a hash of the data it is trained on.
     */
    static ImageClassifier classifier(Setup.Data data) throws IOException {
        Dataset ds = data.images();
        int classes = ds.classes();
        String dir = System.getProperty("nash.cache", System.getenv("NASH_CACHE"));
        Path cache = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "nash");
        String key = cacheKey(data);
        Path file = cache.resolve("classifier-" + key + ".safetensors");
        if (Files.isRegularFile(file)) {
            try {
                return ImageClassifier.load(file, classes);
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("ignoring a damaged classifier cache " + file + ": " + e.getMessage());
            }
        }
        System.out.printf("training the metrics classifier on %s (%,d images, once; cached in %s)%n", data.name(), ds.size(), cache);
        ImageClassifier c = new ImageClassifier(classes, new Rng(0));
        c.fit(ds.examples(), ds.labels(), 3, new Rng(0));
        Files.createDirectories(cache);
        c.save(file);
        return c;
    }

    /**
     * The bundled set's key stays "fashion-mnist-10000"; any other data is named by its folder and the
     * first 16 hex digits of the SHA-256 of its shape, labels and values (the name and size alone let
     * two different folders share a classifier).
     */
    static String cacheKey(Setup.Data data) {
        Dataset ds = data.images();
        if (data.name().equals("fashion-mnist")) return "fashion-mnist-" + ds.size();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);   // every JVM has SHA-256
        }
        Tensor x = ds.examples();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (int d : x.shape()) buf.putInt(d);
        for (int y : ds.labels()) {
            if (buf.remaining() < 4) {
                sha.update(buf.flip());
                buf.clear();
            }
            buf.putInt(y);
        }
        sha.update(buf.flip());
        double[] v = x.data();   // contiguous n × … values, as the classifier sees them
        for (int i = 0; i < v.length; i += buf.capacity() / 8) {
            int k = Math.min(buf.capacity() / 8, v.length - i);
            buf.clear();
            buf.asDoubleBuffer().put(v, i, k);
            buf.limit(k * 8);
            sha.update(buf);
        }
        String hex = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        return Path.of(data.name()).getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_") + "-" + hex;
    }
}
