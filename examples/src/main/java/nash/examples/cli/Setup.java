package nash.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.data.BundledData;
import nash.gan.data.BatchSource;
import nash.gan.data.DataLoader;
import nash.gan.data.Dataset;
import nash.gan.data.Idx;
import nash.gan.data.Toy2d;
import nash.gan.data.Toy2dSource;
import nash.gan.loss.GanLoss;
import nash.gan.models.ConcatDiscriminator;
import nash.gan.models.ConditionalGenerator;
import nash.gan.models.Models;
import nash.gan.models.ProjectionDiscriminator;
import nash.gan.penalty.DiffAugment;
import nash.gan.penalty.GradientPenalty;
import nash.gan.penalty.Penalty;
import nash.gan.penalty.R1;
import nash.gan.train.GanTrainer;
import nash.nn.Flatten;
import nash.nn.Module;
import nash.nn.Sequential;
import nash.nn.Unflatten;
import nash.nn.optim.Adam;
import nash.nn.optim.RmsProp;

/** Builds a run's data, players and trainer from its {@link RunSpec}: the one place names become objects. */
final class Setup {

    static final List<String> DATA = List.of("fashion-mnist", "ring8", "grid25", "<IDX directory>");
    static final List<String> MODELS = List.of("mlp", "dcgan", "cmlp", "cdcgan");
    static final List<String> LOSSES = List.of("ns", "minimax", "wgan", "hinge", "lsgan");
    static final List<String> PENALTIES = List.of("none", "gp", "r1", "r2", "clip");

    /** The real data of a run: images (a dataset) or a 2-D mixture. */
    record Data(String name, Dataset images, Toy2d mixture, List<String> classNames) {
        boolean is2d() { return mixture != null; }

        int classes() { return images == null ? 0 : images.classes(); }

        BatchSource source(int batch, long seed) {
            return is2d() ? new Toy2dSource(mixture, batch, seed) : new DataLoader(images, batch, true, true, seed);
        }
    }

    static Data data(String name) throws IOException {
        switch (name) {
            case "fashion-mnist":
                return new Data(name, BundledData.fashionMnist(), null, BundledData.FASHION_MNIST_CLASSES);
            case "ring8":
                return new Data(name, null, Toy2d.ring(), List.of());
            case "grid25":
                return new Data(name, null, Toy2d.grid(), List.of());
            default:
                return new Data(name, idxDirectory(Path.of(name)), null, List.of());
        }
    }

    /** train-images-idx3-ubyte[.gz] and train-labels… in a directory (or the t10k-… files when there is no training split). */
    static Dataset idxDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data '" + dir + "' is neither one of " + DATA.subList(0, 3) + " nor an existing directory");
        }
        for (String split : new String[] {"train", "t10k"}) {
            Path images = find(dir, split + "-images-idx3-ubyte"), labels = find(dir, split + "-labels-idx1-ubyte");
            if (images != null && labels != null) return Idx.readDataset(images, labels);
        }
        throw new IllegalArgumentException("data directory " + dir + " holds no IDX pair train-images-idx3-ubyte[.gz] + "
                + "train-labels-idx1-ubyte[.gz] (or t10k-…)");
    }

    private static Path find(Path dir, String base) {
        for (String ext : new String[] {"", ".gz"}) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** The generator and discriminator a spec names, for this data. */
    static Module[] players(RunSpec spec, Data data) {
        Rng rng = new Rng(spec.seed() * 7919 + 17);
        int latent = spec.latent(), pac = spec.pac();
        if (data.is2d()) {
            if (!spec.model().equals("mlp")) {
                throw new IllegalArgumentException("model '" + spec.model() + "' is for 28×28 images; 2-D data takes --model mlp");
            }
            return new Module[] {Models.toyGenerator(latent, rng), Models.toyDiscriminator(2 * pac, rng)};
        }
        int[] shape = data.images().exampleShape();
        if (shape.length != 3 || shape[0] != 1 || shape[1] != 28 || shape[2] != 28) {
            throw new IllegalArgumentException("the models take 1×28×28 images; data '" + data.name() + "' has " + java.util.Arrays.toString(shape));
        }
        int classes = data.classes();
        switch (spec.model()) {
            case "mlp":
                return new Module[] {new Sequential(Models.mlpGenerator(latent, 784, rng), new Unflatten(1, 1, 28, 28)),
                        new Sequential(new Flatten(), Models.mlpDiscriminator(784 * pac, rng))};
            case "dcgan":
                if (pac > 1) throw new IllegalArgumentException("--pac is supported with --model mlp");
                return new Module[] {Models.dcganGenerator(latent, rng), Models.dcganDiscriminator(rng)};
            case "cmlp":
                return new Module[] {
                    new ConditionalGenerator(new Sequential(Models.mlpGenerator(latent + classes, 784, rng), new Unflatten(1, 1, 28, 28)), classes, classes, rng),
                    new ConcatDiscriminator(Models.mlpDiscriminator(784 + classes, rng), classes, classes, rng)};
            case "cdcgan":
                return new Module[] {new ConditionalGenerator(Models.dcganGenerator(latent + classes, rng), classes, classes, rng),
                        new ProjectionDiscriminator(Models.dcganFeatures(rng), 128 * 7 * 7, classes, rng)};
            default:
                throw new IllegalArgumentException("unknown model '" + spec.model() + "'; choose one of " + MODELS);
        }
    }

    static GanLoss loss(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "ns": return GanLoss.NON_SATURATING;
            case "minimax": return GanLoss.MINIMAX;
            case "wgan": return GanLoss.WASSERSTEIN;
            case "hinge": return GanLoss.HINGE;
            case "lsgan": return GanLoss.LEAST_SQUARES;
            default: throw new IllegalArgumentException("unknown loss '" + name + "'; choose one of " + LOSSES);
        }
    }

    /** The trainer for a spec: players, optimizers (Adam β = (0.5, 0.999), or RMSprop for weight-clipped WGAN), penalty, data. */
    static GanTrainer trainer(RunSpec spec, Data data) {
        Module[] p = players(spec, data);
        GanTrainer.Builder b = GanTrainer.builder(p[0], p[1], spec.latent()).loss(loss(spec.loss()))
                .criticSteps(spec.criticSteps()).data(data.source(spec.batch(), spec.seed())).seed(spec.seed())
                .labelSmoothing(spec.labelSmoothing()).pac(spec.pac());
        if (spec.penalty().equals("clip")) {
            b.weightClip(spec.penaltyWeight())
                    .generatorOptimizer(new RmsProp(p[0].parameters(), spec.lrG()))
                    .discriminatorOptimizer(new RmsProp(p[1].parameters(), spec.lrD()));
        } else {
            b.generatorOptimizer(new Adam(p[0].parameters(), spec.lrG()).betas(0.5, 0.999))
                    .discriminatorOptimizer(new Adam(p[1].parameters(), spec.lrD()).betas(0.5, 0.999));
            Penalty penalty = penalty(spec.penalty(), spec.penaltyWeight());
            if (penalty != null) b.penalty(penalty);
        }
        if (spec.ema() > 0) b.ema(spec.ema());
        if (spec.unrolled() > 0) b.unrolled(spec.unrolled(), 0.5);
        if (spec.diffAugment()) {
            if (data.is2d()) throw new IllegalArgumentException("--diff-augment works on images, not 2-D data");
            b.diffAugment(new DiffAugment());
        }
        return b.build();
    }

    static Penalty penalty(String name, double weight) {
        switch (name) {
            case "none": return null;
            case "gp": return new GradientPenalty(weight, false);
            case "r1": return R1.r1(weight);
            case "r2": return R1.r2(weight);
            default: throw new IllegalArgumentException("unknown penalty '" + name + "'; choose one of " + PENALTIES);
        }
    }

    /** n evenly spread class labels 0, 1, …, k−1, 0, 1, … (for a conditional generator), or null. */
    static Tensor labels(int n, int classes, boolean rowsPerClass, int perRow) {
        if (classes == 0) return null;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = rowsPerClass ? (i / perRow) % classes : i % classes;
        return Tensor.wrap(y, n);
    }

    private Setup() {}
}
