package nash.examples.outcomes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nash.examples.data.BundledData;
import nash.gan.data.Toy2d;
import nash.gan.metrics.ModeCoverage;

/** The results as Markdown: how they were made, one table per data set, the settings, the pictures. */
public final class OutcomesReport {

    private final StringBuilder md = new StringBuilder();
    private final Path file;

    /** A report to be written to {@code file}; pictures are linked relative to it. */
    public OutcomesReport(Path file) { this.file = file.toAbsolutePath().normalize(); }

    public OutcomesReport header(String command, String environment, String date, double seconds, String note) {
        md.append("# Nash: outcomes to show\n\n");
        md.append("Produced by `nash.examples.Outcomes` (fixed seeds; rerun it to get the same numbers on this JDK).\n\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- ").append(environment).append('\n');
        md.append("- date: ").append(date).append('\n');
        md.append("- run time: ").append(duration(seconds)).append('\n');
        if (note != null && !note.isEmpty()) md.append("- ").append(note).append('\n');
        md.append('\n');
        return this;
    }

    /** The protocol of the 2-D tables, once. */
    public OutcomesReport toyProtocol(int seeds) {
        md.append("## Mode collapse on 2-D mixtures\n\n");
        md.append("Protocol of VEEGAN (Srivastava et al. 2017) and PacGAN (Lin et al. 2018): after training, ")
          .append(String.format(Locale.ROOT, "%,d", ModeCoverage.STANDARD_SAMPLES))
          .append(" samples are drawn from the generator; a sample is *high quality* when it lies within 3σ of its nearest mode; ")
          .append("a mode is *captured* when at least one high-quality sample is assigned to it; *KL* is KL(histogram of the ")
          .append("high-quality samples over the modes ‖ uniform). Each cell is the mean ± standard error over ")
          .append(seeds).append(seeds == 1 ? " seed" : " seeds").append(" (seeds 1…").append(seeds).append("; the seed fixes the initial weights, ")
          .append("the data stream, the latents and the evaluation samples). For comparison, the best results reported by PacGAN ")
          .append("(Table 1, 10 runs; G of 4×400 ReLU units with batch norm, D of 3×200 maxout units, 400 epochs over 100,000 points at batch 100, i.e. about 400,000 updates): about 8 modes with 96% ")
          .append("high-quality samples on the ring, 24.8 ± 0.2 modes with 93.6 ± 0.6% on the grid.\n\n");
        return this;
    }

    /** One mixture's table, the settings of each method and the scatter plots of seed 1. */
    public OutcomesReport toyTable(Toy2d mixture, String title, List<ToyBenchmark.Outcome> outcomes, Path plots) {
        int k = mixture.modeCount();
        md.append("### ").append(title).append("\n\n");
        md.append("| method | modes (max ").append(k).append(") | high-quality samples (%) | KL to uniform | seeds | time per seed |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (ToyBenchmark.Outcome o : outcomes) {
            md.append("| ").append(o.recipe().label())
              .append(" | ").append(o.modes().format(1))
              .append(" | ").append(o.highQualityPercent().format(1))
              .append(" | ").append(o.kl().format(2))
              .append(" | ").append(o.seeds().size())
              .append(" | ").append(duration(o.seconds() / o.seeds().size())).append(" |\n");
        }
        md.append("\nPer seed (modes / high quality %):\n\n");
        for (ToyBenchmark.Outcome o : outcomes) {
            List<String> cells = new ArrayList<>();
            for (ToyBenchmark.SeedResult s : o.seeds()) {
                cells.add(String.format(Locale.ROOT, "%d/%.1f", s.coverage().modesCaptured(), s.coverage().highQualityPercent()));
            }
            md.append("- ").append(o.recipe().label()).append(": ").append(String.join(", ", cells)).append('\n');
        }
        md.append("\nSettings:\n\n");
        for (ToyBenchmark.Outcome o : outcomes) md.append("- **").append(o.recipe().label()).append("**: ").append(o.recipe().describe()).append('\n');
        md.append("\nSeed 1 of each method (samples in blue, modes as red ×):\n\n");
        for (ToyBenchmark.Outcome o : outcomes) {
            md.append("![").append(o.recipe().label()).append(" on ").append(mixture.name()).append("](")
              .append(link(plots.resolve(ToyBenchmark.plotName(mixture, o.recipe())))).append(") ");
        }
        md.append("\n\n");
        return this;
    }

    /** The Fashion-MNIST section. */
    public OutcomesReport fashion(FashionBenchmark.Outcome o, Path plots) {
        md.append("## Fashion-MNIST\n\n");
        md.append("Settings: ").append(o.settings().describe()).append(". Data: the bundled Fashion-MNIST test split (10,000 images). ")
          .append("Judge: Nash's `ImageClassifier` trained 3 epochs on the same images (accuracy on them ")
          .append(String.format(Locale.ROOT, "%.1f%%", 100 * o.classifierAccuracy())).append("), applied to ")
          .append(String.format(Locale.ROOT, "%,d", FashionBenchmark.SAMPLES)).append(" samples. Target: class JS < 0.02 nats.\n\n");
        md.append("| model | steps | class JS to the data's labels (nats) | to the classifier's labels of the data | FID (classifier features) | inception score (classifier) | time per step | run time |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %s | %,d | %.4f | %.4f | %.2f | %.2f | %.2f s | %s |%n%n", o.settings().model(), o.settings().steps(),
                o.js(), o.jsToPredicted(), o.fid(), o.inceptionScore(), o.secondsPerStep(), duration(o.seconds())));
        md.append("| class | data | generated |\n|---|---:|---:|\n");
        for (int c = 0; c < o.dataHistogram().length; c++) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% |%n", BundledData.FASHION_MNIST_CLASSES.get(c),
                    100 * o.dataHistogram()[c], 100 * o.generatedHistogram()[c]));
        }
        md.append("\n100 samples:\n\n![Fashion-MNIST samples](").append(link(plots.resolve(o.gridFile()))).append(")\n\n");
        return this;
    }

    public void write() throws IOException {
        Path parent = file.getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, md.toString());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override public String toString() { return md.toString(); }

    private String link(Path target) {
        Path parent = file.getParent();
        Path rel = parent == null ? target : parent.relativize(target.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }
}
