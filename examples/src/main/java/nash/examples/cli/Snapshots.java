package nash.examples.cli;

import java.io.IOException;
import nash.core.Rng;
import nash.core.Tensor;
import nash.examples.report.ImageGrid;
import nash.examples.report.RunReport;
import nash.examples.report.ScatterPlot;
import nash.gan.train.GanTrainer;

/**
 * The pictures of a run at a step: for images, a grid of G's samples from a fixed set of latent
 * vectors (one row per class for a conditional generator); for 2-D data, 2,500 samples over the modes.
 */
final class Snapshots {

    private final GanTrainer trainer;
    private final Setup.Data data;
    private final RunReport report;
    private final Tensor latents, labels;
    private final int rows, cols;

    Snapshots(GanTrainer trainer, Setup.Data data, RunReport report) {
        this.trainer = trainer;
        this.data = data;
        this.report = report;
        int classes = trainer.classes();
        rows = classes > 0 ? classes : 8;
        cols = 8;
        int n = data.is2d() ? 2500 : rows * cols;
        latents = data.is2d() ? Tensor.randn(new Rng(2024), n, trainer.latentDim()) : trainer.fixedLatents(n);
        labels = Setup.labels(n, classes, true, cols);
    }

    void take(long step) throws IOException {
        Tensor x = trainer.sample(latents, labels);
        if (data.is2d()) {
            double[] modes = flatten(data.mixture().modes());
            report.samples(step, ScatterPlot.of(x).modes(modes).title("step " + step));
        } else {
            ImageGrid grid = ImageGrid.of(x).grid(rows, cols).scale(2);
            if (trainer.classes() > 0 && data.classNames().size() == trainer.classes()) grid.rowLabels(data.classNames());
            report.samples(step, grid);
        }
    }

    static double[] flatten(double[][] m) {
        double[] out = new double[m.length * 2];
        for (int i = 0; i < m.length; i++) {
            out[2 * i] = m[i][0];
            out[2 * i + 1] = m[i][1];
        }
        return out;
    }
}
