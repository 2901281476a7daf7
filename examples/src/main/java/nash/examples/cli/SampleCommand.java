package nash.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.report.ImageGrid;
import nash.examples.report.SamplesCsv;
import nash.examples.report.ScatterPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nash sample}: a grid of images (or a batch of 2-D points) from a checkpoint. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw samples from a trained generator: an image grid (PNG), or 2-D points (PNG plot and CSV).")
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "checkpoint.safetensors written by 'nash train'")
    Path checkpoint;

    @Option(names = "--out", description = "output PNG (default samples.png); 2-D data also writes a CSV beside it")
    Path out = Path.of("samples.png");

    @Option(names = {"-n", "--n"}, description = "number of samples (default 64; 2,500 for 2-D data)")
    Integer n;

    @Option(names = "--per-class", description = "conditional models: one row per class")
    boolean perClass;

    @Option(names = "--seed", description = "seed of the latent vectors (default 7)")
    long seed = 7;

    @Override public Integer call() throws Exception {
        Loaded run = Loaded.from(checkpoint);
        int classes = run.trainer().classes();
        if (perClass && classes == 0) throw new IllegalArgumentException("--per-class needs a conditional model (cmlp, cdcgan)");
        int count = n != null ? n : run.data().is2d() ? 2500 : perClass ? classes * 8 : 64;
        if (count < 1) throw new IllegalArgumentException("-n must be at least 1, got " + count);
        int cols = perClass ? Math.max(1, count / classes) : (int) Math.ceil(Math.sqrt(count));
        if (perClass) count = cols * classes;
        Tensor z = Tensor.randn(new Rng(seed), count, run.spec().latent());
        Tensor x = run.trainer().sample(z, Setup.labels(count, classes, perClass, cols));
        if (run.data().is2d()) {
            ScatterPlot.of(x).modes(Snapshots.flatten(run.data().mixture().modes())).writePng(out);
            Path csv = out.resolveSibling(out.getFileName().toString().replaceAll("\\.png$", "") + ".csv");
            SamplesCsv.write(csv, x);
            System.out.println("wrote " + out + " and " + csv);
        } else {
            ImageGrid grid = ImageGrid.of(x).grid((count + cols - 1) / cols, cols).scale(2);
            if (perClass && run.data().classNames().size() == classes) grid.rowLabels(run.data().classNames());
            grid.writePng(out);
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
