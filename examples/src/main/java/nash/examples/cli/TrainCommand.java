package nash.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import nash.core.Rng;
import nash.core.Tensor;
import nash.core.kernel.KernelProfile;
import nash.core.kernel.Parallel;
import nash.examples.Main;
import nash.examples.report.Progress;
import nash.examples.report.RunReport;
import nash.gan.metrics.ModeCoverage;
import nash.gan.train.GanTrainer;
import nash.gan.train.StepStats;
import nash.nn.io.Safetensors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nash train}: trains a GAN and leaves samples, curves, metrics, checkpoints and report.html in its folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a GAN; samples, curves, metrics, a checkpoint and report.html go to the output folder.")
final class TrainCommand implements Callable<Integer> {

    static final String CHECKPOINT = "checkpoint.safetensors";

    @Option(names = "--data", description = "fashion-mnist (bundled, default), ring8, grid25, or a directory of IDX files")
    String data = "fashion-mnist";

    @Option(names = "--model", description = "mlp (default), dcgan, cmlp (conditional MLP), cdcgan (conditional DCGAN, projection D)")
    String model;

    @Option(names = "--loss", description = "ns (non-saturating, default), minimax, wgan, hinge, lsgan")
    String loss = "ns";

    @Option(names = "--penalty", description = "none (default), gp (WGAN-GP), r1, r2, clip (weight clipping); default gp for wgan")
    String penalty;

    @Option(names = "--penalty-weight", description = "λ of gp (10), γ of r1/r2 (1), c of clip (0.01)")
    Double penaltyWeight;

    @Option(names = "--critic-steps", description = "discriminator steps per generator step (default 1; 5 for wgan)")
    Integer criticSteps;

    @Option(names = "--steps", description = "generator steps in all (default 4000 for images, 3000 for 2-D data)")
    Integer steps;

    @Option(names = "--batch", description = "batch size (default 64)")
    int batch = 64;

    @Option(names = "--lr-g", description = "generator learning rate (default 2e-4; 1e-3 for 2-D data)")
    Double lrG;

    @Option(names = "--lr-d", description = "discriminator learning rate (default 2e-4; 1e-3 for 2-D data)")
    Double lrD;

    @Option(names = "--latent", description = "latent size (default 100 for images, 8 for 2-D data)")
    Integer latent;

    @Option(names = "--ema", description = "decay of an exponential moving average of G used for samples (0: off; default 0.999 for images)")
    Double ema;

    @Option(names = "--pac", description = "PacGAN: D judges packs of this many samples (default 1)")
    int pac = 1;

    @Option(names = "--unrolled", description = "unrolled GAN: G looks this many D steps ahead (default 0)")
    int unrolled = 0;

    @Option(names = "--label-smoothing", description = "one-sided label smoothing of D's real targets (default 0)")
    double labelSmoothing = 0;

    @Option(names = "--diff-augment", description = "DiffAugment (colour, translation, cutout) on D's inputs")
    boolean diffAugment;

    @Option(names = "--seed", description = "random seed (default 1)")
    long seed = 1;

    @Option(names = "--threads", description = "threads for the kernels (default: all processors)")
    Integer threads;

    @Option(names = "--out", description = "output folder (default runs/<data>-<model>)")
    Path out;

    @Option(names = "--snapshot-every", description = "steps between sample grids and checkpoints (default steps/10)")
    Integer snapshotEvery;

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint, up to --steps")
    boolean resume;

    @Option(names = "--force", description = "start a new run in an --out that holds one, replacing its checkpoint, samples and curves")
    boolean force;

    @Spec CommandSpec command;

    @Option(names = "--kernel-profile", description = "time every kernel call and print, after training, where a step's "
            + "kernel time went by kernel and shape (GEMM GFLOP/s too)")
    boolean kernelProfile;

    @Override public Integer call() throws Exception {
        if (steps != null && steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        if (snapshotEvery != null && snapshotEvery < 1) {
            throw new IllegalArgumentException("--snapshot-every must be at least 1, got " + snapshotEvery);
        }
        if (threads != null) Parallel.setThreads(threads);
        if (kernelProfile && !KernelProfile.enabled()) {
            throw new IllegalStateException("--kernel-profile: the kernels were chosen before it was seen; start nash "
                    + "through its jar (nash.examples.Main) or pass -Dnash.kernels.profile=true to java");
        }
        if (resume && force) throw new IllegalArgumentException("--resume continues a run and --force replaces it: give one");
        Setup.Data d = Setup.data(data);
        RunSpec spec = resume ? resumedSpec() : spec(d);
        if (resume) {
            if (given("--data") && !dataName(data).equals(dataName(spec.data()))) {
                throw new IllegalArgumentException("--resume: the run in " + out + " was trained on '" + spec.data() + "', not '" + data + "'");
            }
            for (String o : RUN_OPTIONS) {       // the run continues as it was trained; a changed setting would be ignored
                if (given(o)) throw new IllegalArgumentException("--resume: " + o + " is fixed by the run in " + out + "; leave it out");
            }
            d = Setup.data(spec.data());
            Loaded.checkSizes(spec, d, out.resolve(CHECKPOINT));    // a crafted run.latent must not size the players
        }
        int total = steps != null ? steps : d.is2d() ? 3000 : 4000;
        Path dir = outDir(spec);
        if (!resume && Files.exists(dir.resolve(CHECKPOINT))) {
            if (!force) {
                throw new IllegalArgumentException(dir + " already holds a run (" + CHECKPOINT + "); pass --resume to continue it, "
                        + "--force to replace it, or another --out");
            }
            Files.delete(dir.resolve(CHECKPOINT));                     // and the old report's files: RunReport.reload
            RunReport.clear(dir);                                       // would otherwise mix them into the new run's
        }
        GanTrainer trainer = Setup.trainer(spec, d);
        RunReport report = new RunReport(dir, "Nash — " + spec.model() + " GAN on " + spec.data())
                .subtitle("nash " + String.join(" ", typed())).config(spec.describe());
        if (resume) {
            trainer.load(dir.resolve(CHECKPOINT));
            report.reload();
            System.out.printf("resumed %s at step %,d%n", dir.resolve(CHECKPOINT), trainer.stepCount());
        }
        if (trainer.stepCount() >= total) {
            System.out.printf("the run in %s is already at step %,d of %,d%n", dir, trainer.stepCount(), total);
            return 0;
        }
        int every = snapshotEvery != null ? snapshotEvery : Math.max(1, total / 10);
        Snapshots snaps = new Snapshots(trainer, d, report);
        System.out.printf("training %s on %s for %,d steps (%s); output in %s%n", spec.model(), spec.data(), total,
                nash.gan.models.Models.describe(trainer.generator()), dir.toAbsolutePath());
        // the profile leaves out the first steps (the JIT compiles the kernels then): a fifth of the run, at most 50
        long warm = trainer.stepCount() + Math.min(50, (total - trainer.stepCount()) / 5), start = System.nanoTime();
        try (Progress progress = Progress.resumed("train", trainer.stepCount(), total)) {
            while (trainer.stepCount() < total) {
                if (kernelProfile && trainer.stepCount() == warm) {
                    KernelProfile.reset();
                    start = System.nanoTime();
                }
                StepStats s = trainer.step();
                Map<String, Double> stats = reportStats(s);
                report.log(s.step(), stats);
                progress.update(s.step(), stats);
                if (s.step() % every == 0 || s.step() == total) {
                    snaps.take(s.step());
                    trainer.save(dir.resolve(CHECKPOINT), spec.toMetadata());
                    report.write(null);
                }
            }
        }
        if (kernelProfile) {
            long trained = trainer.stepCount() - warm;
            double stepMs = (System.nanoTime() - start) / 1e6 / trained;
            System.out.printf("%nkernel time per step (u) over the last %,d steps, snapshots included (mean step %.2f ms):%n", trained, stepMs);
            System.out.print(KernelProfile.report(trained, stepMs, 20));
        }
        Map<String, Double> finals = new LinkedHashMap<>();
        if (d.is2d()) {
            Tensor pts = trainer.sample(Tensor.randn(new Rng(spec.seed() + 99), ModeCoverage.STANDARD_SAMPLES, spec.latent()), null);
            report.samplesCsv(pts.toArray());
            finals.putAll(Evaluation.modeCoverage(pts, d.mixture()));
        } else {
            finals.putAll(Evaluation.images(trainer, d, 2000, spec.seed()));   // the run's seed, also when resumed
        }
        Path page = report.write(finals);
        System.out.println();
        finals.forEach((k, v) -> System.out.printf("  %-24s %.4f%n", k, v));
        System.out.println("samples:    " + dir.resolve("samples").toAbsolutePath());
        System.out.println("checkpoint: " + dir.resolve(CHECKPOINT).toAbsolutePath());
        System.out.println("report:     " + page.toAbsolutePath());
        return 0;
    }

    /** The options that define a run (fixed once it has started: --resume refuses them). */
    static final List<String> RUN_OPTIONS = List.of("--model", "--loss", "--penalty", "--penalty-weight", "--critic-steps", "--batch",
            "--lr-g", "--lr-d", "--latent", "--ema", "--pac", "--unrolled", "--label-smoothing", "--diff-augment", "--seed");

    /** The command line as typed, from "train" on (picocli's record of it; the launcher's when run without picocli). */
    private List<String> typed() {
        List<String> a = command != null ? command.commandLine().getParseResult().originalArgs() : Main.arguments();
        int at = a.indexOf("train");
        return at >= 0 ? a.subList(at, a.size()) : a;
    }

    private boolean given(String option) {
        return command != null && command.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** A data set's name as stored and compared: a directory as its absolute, normalised path (runs then load from anywhere). */
    static String dataName(String data) {
        return Setup.DATA.contains(data) ? data : Path.of(data).toAbsolutePath().normalize().toString();
    }

    /** The run's settings from the options, with defaults that depend on the data and the loss. */
    private RunSpec spec(Setup.Data d) {
        String loss = this.loss.toLowerCase(Locale.ROOT);      // --loss WGAN is wgan, with wgan's defaults below
        String m = model != null ? model.toLowerCase(Locale.ROOT) : "mlp";
        String pen = penalty != null ? penalty.toLowerCase(Locale.ROOT) : loss.equals("wgan") ? "gp" : "none";
        double weight = penaltyWeight != null ? penaltyWeight : pen.equals("gp") ? 10 : pen.equals("clip") ? 0.01 : 1;
        int k = criticSteps != null ? criticSteps : loss.equals("wgan") ? 5 : 1;
        double lr = d.is2d() ? 1e-3 : 2e-4;
        int z = latent != null ? latent : d.is2d() ? 8 : 100;
        if (batch < 2) throw new IllegalArgumentException("--batch must be at least 2, got " + batch);
        double decay = ema != null ? ema : d.is2d() ? 0 : 0.999;
        // named here: the library would reject most of these too, but naming a layer or a builder setting, not the option
        if (z < 1) throw new IllegalArgumentException("--latent must be at least 1, got " + z);
        if (pac < 1) throw new IllegalArgumentException("--pac must be at least 1, got " + pac);
        if (unrolled < 0) throw new IllegalArgumentException("--unrolled must be at least 0, got " + unrolled);
        if (k < 1) throw new IllegalArgumentException("--critic-steps must be at least 1, got " + k);
        if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("--ema must be in [0, 1), got " + decay);
        if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("--penalty-weight must be finite and ≥ 0, got " + weight);
        double gLr = lrG != null ? lrG : lr, dLr = lrD != null ? lrD : lr;
        if (!(gLr > 0 && gLr < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("--lr-g must be finite and > 0, got " + gLr);
        if (!(dLr > 0 && dLr < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("--lr-d must be finite and > 0, got " + dLr);
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("--label-smoothing must be in [0, 1), got " + labelSmoothing);
        return new RunSpec(dataName(data), m, z, loss, pen, weight, k, batch, gLr, dLr, decay, pac, unrolled,
                labelSmoothing, diffAugment, seed);
    }

    private RunSpec resumedSpec() throws Exception {
        if (out == null) throw new IllegalArgumentException("--resume needs --out, the folder of the run to continue");
        Path ckpt = out.resolve(CHECKPOINT);
        if (!Files.isRegularFile(ckpt)) throw new IllegalArgumentException("--resume: no checkpoint at " + ckpt);
        return RunSpec.fromMetadata(Safetensors.metadata(ckpt), ckpt.toString());
    }

    private Path outDir(RunSpec spec) {
        if (out != null) return out;
        String name = Path.of(spec.data()).getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_");
        return Path.of("runs", name + "-" + spec.model());
    }

    /** The trainer's statistics under the report's names. */
    static Map<String, Double> reportStats(StepStats s) {
        Map<String, Double> m = new LinkedHashMap<>();
        s.values().forEach((k, v) -> {
            switch (k) {
                case "d_real": m.put(RunReport.D_REAL, v); break;
                case "d_fake": m.put(RunReport.D_FAKE, v); break;
                case "skipped": if (v > 0) m.put(k, v); break;
                default: m.put(k, v);
            }
        });
        return m;
    }
}
