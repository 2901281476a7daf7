package nash.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import nash.core.Rng;
import nash.core.Tensor;
import nash.gan.metrics.ModeCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nash eval}: the metrics of a checkpoint. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the metrics of a trained generator: mode coverage for 2-D data; FID, class histogram JS, "
                + "inception score, precision/recall and nearest-training distance for images.")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "checkpoint.safetensors written by 'nash train'")
    Path checkpoint;

    @Option(names = {"-n", "--n"}, description = "generated samples to evaluate (default 2,000 images or 2,500 points)")
    Integer n;

    @Option(names = "--seed", description = "seed of the latent vectors (default 1)")
    long seed = 1;

    @Override public Integer call() throws Exception {
        // FID needs two rows for a covariance; the metrics themselves failed with their own names for 0 and 1
        if (n != null && n < 2) throw new IllegalArgumentException("-n must be at least 2, got " + n);
        Loaded run = Loaded.from(checkpoint);
        Map<String, Double> metrics;
        if (run.data().is2d()) {
            int count = n != null ? n : ModeCoverage.STANDARD_SAMPLES;
            Tensor pts = run.trainer().sample(Tensor.randn(new Rng(seed + 99), count, run.spec().latent()), null);
            metrics = Evaluation.modeCoverage(pts, run.data().mixture());
        } else {
            metrics = Evaluation.images(run.trainer(), run.data(), n != null ? n : 2000, seed);
        }
        System.out.printf("%s at step %,d%n", checkpoint, run.trainer().stepCount());
        metrics.forEach((k, v) -> System.out.printf("  %-24s %.4f%n", k, v));
        return 0;
    }
}
