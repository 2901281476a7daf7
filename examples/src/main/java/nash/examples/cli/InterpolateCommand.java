package nash.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.report.ImageGrid;
import nash.gan.metrics.Interpolation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nash interpolate}: latent walks between random endpoints, one strip per row. */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Walk the latent space between random points and draw what the generator makes along the way.")
final class InterpolateCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "checkpoint.safetensors written by 'nash train'")
    Path checkpoint;

    @Option(names = "--out", description = "output PNG (default interpolation.png)")
    Path out = Path.of("interpolation.png");

    @Option(names = "--steps", description = "images per walk (default 10)")
    int steps = 10;

    @Option(names = "--rows", description = "number of walks (default 4)")
    int rows = 4;

    @Option(names = "--linear", description = "straight lines instead of spherical interpolation (slerp)")
    boolean linear;

    @Option(names = "--seed", description = "seed of the endpoints (default 3)")
    long seed = 3;

    /** The most images one picture holds (rows × steps; the product overflowed int). */
    static final int MAX_IMAGES = 10_000;

    @Override public Integer call() throws Exception {
        if (steps < 2 || rows < 1) throw new IllegalArgumentException("--steps must be ≥ 2 and --rows ≥ 1");
        if ((long) rows * steps > MAX_IMAGES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--rows × --steps must be at most %,d images, got %,d × %,d",
                    MAX_IMAGES, rows, steps));
        }
        Loaded run = Loaded.from(checkpoint);
        if (run.data().is2d()) throw new IllegalArgumentException("interpolate draws images; this checkpoint is of 2-D data");
        Rng rng = new Rng(seed);
        int latent = run.spec().latent(), classes = run.trainer().classes();
        Tensor[] walks = new Tensor[rows];
        double[] labels = new double[rows * steps];
        for (int r = 0; r < rows; r++) {
            Tensor a = Tensor.randn(rng, latent), b = Tensor.randn(rng, latent);
            walks[r] = linear ? Interpolation.linear(a, b, steps) : Interpolation.slerp(a, b, steps);
            for (int i = 0; i < steps; i++) labels[r * steps + i] = classes > 0 ? r % classes : 0;
        }
        Tensor x = run.trainer().sample(Tensor.concat(0, walks), classes > 0 ? Tensor.wrap(labels, labels.length) : null);
        ImageGrid.of(x).grid(rows, steps).scale(2).writePng(out);
        System.out.println("wrote " + out);
        return 0;
    }
}
