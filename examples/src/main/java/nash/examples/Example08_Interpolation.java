package nash.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.data.BundledData;
import nash.examples.report.ImageGrid;
import nash.gan.data.DataLoader;
import nash.gan.data.Dataset;
import nash.gan.metrics.Interpolation;
import nash.gan.metrics.NearestNeighbours;
import nash.gan.models.Models;
import nash.gan.train.GanTrainer;
import nash.nn.Flatten;
import nash.nn.Module;
import nash.nn.Sequential;
import nash.nn.Unflatten;

/**
 * Tutorial 8 — walking through the latent space, and checking that G does not copy its data.
 *
 * <p>The lesson: a GAN gives no likelihood, so we judge it by looking. Two looks: (1) decode a path
 * between two latent vectors z₀ → z₁; smooth changes along it suggest G learned a continuous
 * manifold of clothes rather than a lookup table; (2) put each sample beside its nearest training
 * image; a generator that memorised would show near-copies at distance ≈ 0.
 *
 * <p>You will see an MLP GAN trained on 9,000 of the bundled Fashion-MNIST images (2,000 steps,
 * a minute or two on 2 cores; the second argument sets the steps), then:
 * <ul>
 *   <li>the length ‖z(t)‖ along a linear and a spherical (slerp) path: z ~ N(0, I₆₄) lies near the
 *       sphere of radius √64 = 8, the straight line cuts inside it (‖z(½)‖ ≈ 8/√2 ≈ 5.7 for
 *       orthogonal ends), slerp stays on it;</li>
 *   <li>for 16 samples, the pixel distance to the nearest of the 9,000 training images, beside the
 *       same distance for 16 held-out real images: similar numbers mean new images, not copies.</li>
 * </ul>
 * Written to {@code runs/tutorial-08/} (or the first argument): {@code interpolation.png}, four
 * paths, each as a linear row and a slerp row of 9 images, and {@code nearest.png}, the samples
 * (top row) over their nearest training images (bottom row).
 */
public final class Example08_Interpolation {

    public static void main(String[] args) throws IOException {
        boolean quick = Boolean.getBoolean("nash.tutorial.quick");   // the test suite's small mode
        Path out = Path.of(args.length > 0 ? args[0] : "runs/tutorial-08");
        int steps = args.length > 1 ? Example04_ModeCollapse.positive(args[1], "steps") : quick ? 10 : 2000;
        int latent = 64, batch = 64;
        long seed = 1;

        // ---- Train on images 0–8,999; 9,000–9,999 stay unseen, for comparison
        Dataset all = BundledData.fashionMnist();
        Dataset train = Example09_Classifier.subset(all, 0, 9000);
        Tensor heldOut = all.examples().narrow(0, 9000, 16);                 // [16, 1, 28, 28]
        Rng init = new Rng(seed);
        Module g = new Sequential(Models.mlpGenerator(latent, 784, init), new Unflatten(1, 1, 28, 28));
        Module d = new Sequential(new Flatten(), Models.mlpDiscriminator(784, init));
        // ema(0.995): sample() decodes with a moving average of G's weights, θ̄ ← 0.995·θ̄ + 0.005·θ
        // after every step, which smooths out the jitter of a short run (sharper paths, less speckle).
        GanTrainer trainer = GanTrainer.builder(g, d, latent).ema(0.995)
                .data(new DataLoader(train, batch, true, true, seed)).seed(seed).build();
        Example05_FashionMnist.train("MLP GAN", trainer, steps);

        // ---- Interpolation: 4 pairs (z₀, z₁), 9 points each, t = 0, 1/8, …, 1
        Rng pick = new Rng(seed + 10);
        List<Tensor> rows = new ArrayList<>();
        List<String> rowNames = new ArrayList<>();
        System.out.println();
        System.out.println("‖z(t)‖ along the path       t = 0     1/4     1/2     3/4       1");
        for (int pair = 1; pair <= 4; pair++) {
            double[] z0 = Tensor.randn(pick, latent).data(), z1 = Tensor.randn(pick, latent).data();
            Tensor lin = Interpolation.linear(z0, z1, 9);                // [9, 64]: (1 − t)·z₀ + t·z₁
            Tensor sph = Interpolation.slerp(z0, z1, 9);                 // [9, 64]: along the great circle
            if (pair == 1) {
                printNorms("linear", lin);                               // 7.05  5.79  5.43  6.13  7.60
                printNorms("slerp", sph);                                // 7.05  7.14  7.33  7.51  7.60
            }
            rows.add(trainer.sample(lin, null));                          // [9, 1, 28, 28]
            rows.add(trainer.sample(sph, null));
            rowNames.add("linear " + pair);
            rowNames.add("slerp " + pair);
        }
        ImageGrid.of(Tensor.concat(0, rows.toArray(new Tensor[0]))).grid(8, 9).scale(2).rowLabels(rowNames)
                .writePng(out.resolve("interpolation.png"));
        // In the picture each row morphs smoothly from one garment to another: a striped pullover
        // into a dark T-shirt, a faint shape into a bright top, a low sneaker that barely changes, a
        // bag-like blur into a dress. Where ‖z‖ dips, mid-way along the linear rows, the images
        // are a little greyer than on the slerp rows.

        // ---- Memorisation check: nearest training image of each of 16 samples, by pixel distance
        Tensor samples = trainer.sample(trainer.fixedLatents(16), null);              // [16, 1, 28, 28]
        NearestNeighbours.Match fake = NearestNeighbours.nearest(samples, train.examples());
        NearestNeighbours.Match real = NearestNeighbours.nearest(heldOut, train.examples());
        System.out.println();
        System.out.println("distance to the nearest of the 9,000 training images (pixels in [−1, 1], 784 of them):");
        System.out.println("  generated: " + fmt(fake.distance()));
        System.out.println("  held out:  " + fmt(real.distance()));
        System.out.printf(Locale.ROOT, "  mean: generated %.2f, held-out real %.2f%n", mean(fake.distance()), mean(real.distance()));
        // Prints: generated 7.75, held-out real 7.62. Both far from 0: the samples are not copies; they
        // sit as far from the training set as new real images do. nearest.png agrees: each sample's
        // neighbour is the same kind of garment, never its twin. A copy would show a distance near 0.
        Tensor neighbours = train.examples().indexSelect(0, fake.index());           // [16, 1, 28, 28]
        ImageGrid.of(Tensor.concat(0, samples, neighbours)).grid(2, 16).scale(2)
                .rowLabels(List.of("generated", "nearest real")).writePng(out.resolve("nearest.png"));
        System.out.println("pictures in " + out);
    }

    static void printNorms(String name, Tensor path) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-26s", name));
        for (int i = 0; i <= 8; i += 2) sb.append(String.format(Locale.ROOT, "%8.2f", path.narrow(0, i, 1).norm().item()));
        System.out.println(sb);
    }

    static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) sb.append(String.format(Locale.ROOT, "%5.1f", x));
        return sb.toString();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private Example08_Interpolation() {}
}

// How to run: ./mvnw -q -DskipTests package && java --add-modules jdk.incubator.vector -cp examples/target/nash.jar nash.examples.Example08_Interpolation [out-folder] [steps]
