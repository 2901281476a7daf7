package nash.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import nash.core.Rng;
import nash.core.Tensor;
import nash.core.kernel.KernelProfile;
import nash.core.kernel.KernelsProvider;
import nash.core.kernel.Parallel;
import nash.gan.data.BatchSource;
import nash.gan.data.Dataset.Batch;
import nash.gan.models.Models;
import nash.gan.train.GanTrainer;
import nash.gan.train.NanPolicy;
import nash.nn.Module;

/**
 * One GAN training step, Nash against PyTorch, timed side by side in the same run.
 *
 * <p>The step (batch 64): one discriminator step on a real batch and on {@code G(z).detach()},
 * then one generator step with the non-saturating loss; BCE with logits; Adam(2e-4, betas
 * (0.5, 0.999)) for each player. Two networks: the MLP GAN (100 → 256 → 512 → 784 and
 * 784 → 512 → 256 → 1, LeakyReLU 0.2) and the 28×28 DCGAN ({@link Models#dcganGenerator},
 * {@link Models#dcganDiscriminator}). "Real" data are four fixed batches of uniform [−1, 1], cycled,
 * made the same way on both sides.
 *
 * <p>Nash's side is {@link GanTrainer#step()} with its defaults, and it is the reference step:
 * the default loss is NON_SATURATING (D: BCE(D(x), 1) + BCE(D(G(z)), 0); G: BCE(D(G(z)), 1) =
 * mean softplus(−logit)), the default optimizers are Adam(2e-4).betas(0.5, 0.999) with eps 1e-8 and
 * PyTorch's bias-corrected update, one critic step per generator step, no smoothing, penalty or
 * EMA. Two details of how GanTrainer does it, which {@code gan_step_torch.py} copies so that both
 * sides do the same arithmetic: D's fake batch is generated under noGrad from its own z, and the G
 * step draws a fresh z and runs G again (the PyTorch DCGAN tutorial reuses one fake: one G forward
 * fewer); and the G step takes gradients for G's parameters only (the tutorial's
 * {@code loss_G.backward()} also computes D's weight gradients, then throws them away). Besides the
 * arithmetic, GanTrainer.step() computes its statistics (losses, mean D outputs, gradient norms)
 * and checks the gradients are finite: a few passes over the parameters, small next to the step.
 *
 * <p>Measurements are interleaved in rounds (Nash, torch with 1 thread, torch with 2 threads,
 * Nash, …) so that the noise of a shared machine hits both; the medians pool every round. PyTorch
 * runs in float64 (Nash's only dtype) and float32, and its best thread count is taken. Nash uses
 * {@link Parallel#threads()} threads (default: all processors; {@code -Dnash.threads=N}).
 *
 * <p>Run it with {@code benchmarks/gan-vs-torch} (builds the jar, installs PyTorch if needed), or
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar nash.bench.GanStepBench --help}.
 */
public final class GanStepBench {

    static final int BATCH = 64, LATENT = 100;

    /**
     * The two steps measured: a name for the output, the script's name, the data shape, and the
     * matmul/convolution work of one step in GFLOP (2·multiply-adds, elementwise ops left out),
     * counted by hand from what GanTrainer.step() runs:
     * D step = G fwd + 2 D fwd + 2 D weight grads + 2 D input grads (not of its first layer);
     * G step = G fwd + D fwd + D input grads + G weight grads + G input grads (not of its first layer).
     * With a layer's forward F, its weight gradient costs F and its input gradient F.
     * MLP: G fwd 71.4, D fwd 68.2 MFLOP → 0.725 GFLOP. DCGAN: G fwd 928, D fwd 849 MFLOP → 10.37 GFLOP.
     */
    enum Net {
        MLP("mlp-gan", "mlp", new int[] {BATCH, 784}, 0.725),
        DCGAN("dcgan", "dcgan", new int[] {BATCH, 1, 28, 28}, 10.37);

        final String label, script;
        final int[] dataShape;
        final double gflop;

        Net(String label, String script, int[] dataShape, double gflop) {
            this.label = label;
            this.script = script;
            this.dataShape = dataShape;
            this.gflop = gflop;
        }

        GanTrainer trainer(long seed) {
            Rng rng = new Rng(seed);
            Module g = this == MLP ? Models.mlpGenerator(LATENT, 784, rng) : Models.dcganGenerator(LATENT, rng);
            Module d = this == MLP ? Models.mlpDiscriminator(784, rng) : Models.dcganDiscriminator(rng);
            // Defaults are the reference step: NON_SATURATING, Adam(2e-4, (0.5, 0.999)) for both, 1 critic step.
            // SKIP rather than STOP so a long soak cannot end on a freak step; skipped updates are reported.
            return GanTrainer.builder(g, d, LATENT).data(new FixedBatches(dataShape, rng)).seed(seed)
                    .nanPolicy(NanPolicy.SKIP).build();
        }
    }

    /** Four fixed batches of uniform [−1, 1] data, cycled. */
    static final class FixedBatches implements BatchSource {
        private final Batch[] batches = new Batch[4];
        private long position;

        FixedBatches(int[] shape, Rng rng) {
            for (int i = 0; i < batches.length; i++) {
                double[] x = Tensor.rand(rng, shape).data();
                for (int j = 0; j < x.length; j++) x[j] = 2 * x[j] - 1;
                batches[i] = new Batch(Tensor.wrap(x, shape), null, null);
            }
        }

        @Override public Batch next() { return batches[(int) (position++ % batches.length)]; }

        @Override public long[] state() { return new long[] {position}; }

        @Override public void restore(long[] state) { position = state[0]; }
    }

    // ------------------------------------------------------------------ options

    static final class Options {
        int steps;                 // timed Nash steps per round; 0: by time budget
        int warmup = -1;           // Nash warm-up steps; -1: adaptive
        double warmupSeconds = 8;
        double seconds = 40;       // Nash timed budget per step kind, split over the rounds
        double torchSeconds = 9;   // torch timed budget per (dtype, threads), split over the rounds
        int rounds = 3;
        int minSteps = 5;          // timed steps per measurement, over all rounds
        List<Net> nets = List.of(Net.MLP, Net.DCGAN);
        boolean torch = true;
        List<Integer> torchThreads = List.of(1, 2);
        List<Integer> nashThreads = List.of(Parallel.threads());
        String python = "/usr/bin/python3";
        String script;
        String ompWaitPolicy = "PASSIVE";
        long soak;
        int soakEvery = 1000;
        String profile;
        boolean kernelProfile;
        double profileSeconds = 30;
        long seed = 42;
    }

    static final String USAGE = String.join("\n",
            "usage: GanStepBench [options]",
            "  --steps N            timed Nash steps per round (default: as many as fit in the time budget, at least 5 in all)",
            "  --warmup N           Nash warm-up steps (default: at least 2 steps and 8 s)",
            "  --only mlp|dcgan     one step kind only",
            "  --no-torch           Nash only (no PyTorch, no ratio lines)",
            "  --rounds R           interleaved rounds Nash/torch (default 3)",
            "  --seconds S          Nash timed budget per step kind, split over the rounds (default 40)",
            "  --torch-seconds S    PyTorch timed budget per dtype and thread count, split over the rounds (default 9)",
            "  --torch-threads L    PyTorch thread counts to try, e.g. 1,2 (default 1,2; the best is reported)",
            "  --nash-threads L     Nash thread counts to try in each round (default: nash.threads, i.e. all processors;",
            "                       with several, each gets the full budget and the best is reported)",
            "  --omp-wait P         OMP_WAIT_POLICY for PyTorch's multi-threaded runs: PASSIVE (default), ACTIVE, or none",
            "  --python PATH        the Python with torch (default /usr/bin/python3)",
            "  --torch-script PATH  gan_step_torch.py (default: next to the jar's folder)",
            "  --soak N             run N MLP steps, heap after GC every --soak-every (default 1000) steps, then exit",
            "  --profile FILE.jfr   record a JFR profile of the step(s) for --profile-seconds (default 30) after warm-up,",
            "                       print the hot methods, then exit (both kinds: FILE-mlp.jfr and FILE-dcgan.jfr)",
            "  --kernel-profile     time every kernel call by kernel and shape for --profile-seconds after warm-up, print",
            "                       per step where the kernel time goes (GEMM GFLOP/s: mean, median call, best), then exit",
            "  --seed N             (default 42)");

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--steps" -> o.steps = positive(a, args, ++i);
                case "--warmup" -> o.warmup = Math.max(0, Integer.parseInt(value(a, args, ++i)));
                case "--only" -> {
                    String v = value(a, args, ++i);
                    o.nets = switch (v) {
                        case "mlp", "mlp-gan" -> List.of(Net.MLP);
                        case "dcgan" -> List.of(Net.DCGAN);
                        default -> throw new IllegalArgumentException("--only takes mlp or dcgan, got " + v);
                    };
                }
                case "--no-torch" -> o.torch = false;
                case "--rounds" -> o.rounds = positive(a, args, ++i);
                case "--seconds" -> o.seconds = Double.parseDouble(value(a, args, ++i));
                case "--torch-seconds" -> o.torchSeconds = Double.parseDouble(value(a, args, ++i));
                case "--torch-threads" -> o.torchThreads = threadList(value(a, args, ++i));
                case "--nash-threads" -> o.nashThreads = threadList(value(a, args, ++i));
                case "--omp-wait" -> {
                    String v = value(a, args, ++i).toUpperCase(Locale.ROOT);
                    o.ompWaitPolicy = v.equals("NONE") ? "" : v;
                }
                case "--python" -> o.python = value(a, args, ++i);
                case "--torch-script" -> o.script = value(a, args, ++i);
                case "--soak" -> o.soak = positive(a, args, ++i);
                case "--soak-every" -> o.soakEvery = positive(a, args, ++i);
                case "--profile" -> o.profile = value(a, args, ++i);
                case "--kernel-profile" -> o.kernelProfile = true;
                case "--profile-seconds" -> o.profileSeconds = Double.parseDouble(value(a, args, ++i));
                case "--seed" -> o.seed = Long.parseLong(value(a, args, ++i));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        return o;
    }

    private static List<Integer> threadList(String v) {
        List<Integer> t = new ArrayList<>();
        for (String s : v.split(",")) {
            int n = Integer.parseInt(s.trim());
            if (n < 1) throw new IllegalArgumentException("thread counts must be ≥ 1, got " + n);
            t.add(n);
        }
        return List.copyOf(t);
    }

    private static String value(String opt, String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
        return args[i];
    }

    private static int positive(String opt, String[] args, int i) {
        int v = Integer.parseInt(value(opt, args, i));
        if (v < 1) throw new IllegalArgumentException(opt + " must be ≥ 1, got " + v);
        return v;
    }

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        // before any kernel is chosen: KernelsProvider reads it once
        if (Arrays.asList(args).contains("--kernel-profile")) System.setProperty("nash.kernels.profile", "true");
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        out.println("GAN training step, Nash vs PyTorch: batch 64, Adam 2e-4 (0.5, 0.999), BCE with logits, non-saturating G");
        out.printf(Locale.ROOT, "JVM %s %s (%s); Nash kernels %s, %d threads; heap max %.0f MB; GC %s; %d processors%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                KernelsProvider.get().name(), Parallel.threads(), JvmMeter.maxHeapMb(), JvmMeter.collectors(),
                Runtime.getRuntime().availableProcessors());
        if (o.profile != null) {
            profile(o, out);
            return;
        }
        if (o.kernelProfile) {
            kernelProfile(o, out);
            return;
        }
        if (o.soak > 0) {
            soak(o, out);
            return;
        }
        bench(o, out);
    }

    // ------------------------------------------------------------------ the side-by-side run

    /** Everything measured for one step kind. */
    static final class Result {
        final Net net;
        final Map<Integer, Samples> nash = new TreeMap<>();             // Nash threads → times
        final Map<Integer, List<Double>> nashRoundMedians = new TreeMap<>();
        final Map<String, Samples> torch = new TreeMap<>(BY_DTYPE_THEN_THREADS);   // "float64/1" → times
        JvmMeter.Delta jvm = JvmMeter.Delta.ZERO;
        double heapStartMb, heapEndMb;
        long warmupSteps, timedSteps, skipped;
        double warmupMs;
        String torchVersion = "?";

        Result(Net net) { this.net = net; }

        Samples torch(String dtype, int threads) { return torch.computeIfAbsent(dtype + "/" + threads, k -> new Samples()); }

        /** The thread count with the lowest median for a dtype, or -1. */
        int bestThreads(String dtype) {
            int best = -1;
            double bestMs = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, Samples> e : torch.entrySet()) {
                String[] k = e.getKey().split("/");
                if (k[0].equals(dtype) && !e.getValue().isEmpty() && e.getValue().median() < bestMs) {
                    bestMs = e.getValue().median();
                    best = Integer.parseInt(k[1]);
                }
            }
            return best;
        }

        double bestMedian(String dtype) {
            int t = bestThreads(dtype);
            return t < 0 ? Double.NaN : torch(dtype, t).median();
        }

        /** Nash's thread count with the lowest median (the only one, unless --nash-threads lists several). */
        int nashBestThreads() {
            int best = -1;
            for (Map.Entry<Integer, Samples> e : nash.entrySet()) {
                if (best < 0 || e.getValue().median() < nash.get(best).median()) best = e.getKey();
            }
            return best;
        }

        Samples nashBest() { return nash.get(nashBestThreads()); }
    }

    /** "float64/1" before "float64/2" before "float32/1". */
    static final java.util.Comparator<String> BY_DTYPE_THEN_THREADS = java.util.Comparator
            .<String, String>comparing(k -> k.split("/")[0]).reversed()
            .thenComparingInt(k -> Integer.parseInt(k.split("/")[1]));

    static void bench(Options o, PrintStream out) throws Exception {
        JvmMeter meter = new JvmMeter();
        TorchSteps torch = o.torch ? new TorchSteps(o.python, TorchSteps.locateScript(o.script), o.ompWaitPolicy) : null;
        out.printf(Locale.ROOT, "rounds %d (Nash with %s threads, then PyTorch with %s threads, each round)%s; Nash budget %.0f s, PyTorch %.0f s per dtype and thread count%n",
                o.rounds, o.nashThreads, o.torchThreads, o.torch ? "; PyTorch OMP_WAIT_POLICY=" + (o.ompWaitPolicy.isEmpty() ? "(unset)" : o.ompWaitPolicy) + " when multi-threaded" : "",
                o.seconds, o.torchSeconds);
        List<Result> results = new ArrayList<>();
        for (Net net : o.nets) {
            Result r = new Result(net);
            results.add(r);
            GanTrainer trainer = net.trainer(o.seed);
            long t0 = System.nanoTime();
            r.warmupSteps = warmUp(trainer, o);
            r.warmupMs = (System.nanoTime() - t0) / 1e6;
            out.printf(Locale.ROOT, "%n[%s] warm-up: %d steps in %.1f s%n", net.label, r.warmupSteps, r.warmupMs / 1e3);
            r.heapStartMb = JvmMeter.heapAfterGcMb();
            int minPerRound = (o.minSteps + o.rounds - 1) / o.rounds;     // at least --min-steps over all rounds
            for (int round = 1; round <= o.rounds; round++) {
                for (int threads : o.nashThreads) {
                    Parallel.setThreads(threads);
                    Samples roundSamples = new Samples();
                    JvmMeter.Snapshot a = meter.snapshot();
                    long start = System.nanoTime();
                    double budgetNs = o.seconds / o.rounds * 1e9;
                    for (long n = 0; ; n++) {
                        if (o.steps > 0 ? n >= o.steps : n >= minPerRound && System.nanoTime() - start >= budgetNs) break;
                        long s = System.nanoTime();
                        trainer.step();
                        roundSamples.add((System.nanoTime() - s) / 1e6);
                    }
                    JvmMeter.Delta d = JvmMeter.between(a, meter.snapshot());
                    r.jvm = r.jvm.plus(d);
                    r.timedSteps += roundSamples.count();
                    r.nashRoundMedians.computeIfAbsent(threads, k -> new ArrayList<>()).add(roundSamples.median());
                    r.nash.computeIfAbsent(threads, k -> new Samples()).addAll(roundSamples);
                    out.printf(Locale.ROOT, "[%s] round %d  Nash  %d thread%s %s, %.1f MB/step, GC %.1f%%%n", net.label, round, threads,
                            threads == 1 ? " " : "s", roundSamples.summary(), d.allocatedMbPer(roundSamples.count()), d.gcPercent());
                }
                Parallel.setThreads(o.nashThreads.get(0));
                if (torch != null) {
                    for (int threads : o.torchThreads) {
                        for (TorchSteps.Result tr : torch.run(net.script, threads, o.torchSeconds / o.rounds, minPerRound, o.seed)) {
                            r.torch(tr.dtype(), tr.threads()).addAll(tr.timesMs());
                            r.torchVersion = tr.torchVersion();
                            Samples one = new Samples();
                            one.addAll(tr.timesMs());
                            out.printf(Locale.ROOT, "[%s] round %d  torch %s %d thread%s %s%n", net.label, round, tr.dtype(), tr.threads(),
                                    tr.threads() == 1 ? " " : "s", one.summary());
                        }
                    }
                }
            }
            r.heapEndMb = JvmMeter.heapAfterGcMb();
            r.skipped = trainer.skippedCount();
        }
        report(o, results, out);
    }

    /** Warm-up: exactly --warmup steps, or at least 2 steps and {@code warmupSeconds}. */
    static long warmUp(GanTrainer trainer, Options o) {
        long start = System.nanoTime(), n = 0;
        while (o.warmup >= 0 ? n < o.warmup : n < 2 || System.nanoTime() - start < o.warmupSeconds * 1e9) {
            trainer.step();
            n++;
        }
        return n;
    }

    static void report(Options o, List<Result> results, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Medians over all rounds (p10–p90). Ratios are PyTorch time / Nash time: above 1, Nash is faster.%s%n",
                o.torch ? " PyTorch " + results.get(0).torchVersion + ", best of " + o.torchThreads + " threads." : "");
        String header = String.format(Locale.ROOT, "%-8s | %-26s | %-26s | %-26s | %-14s | %s",
                "step", "Nash f64 ms (threads)", "torch f64 ms (threads)", "torch f32 ms (threads)", "torch-f64/nash", "torch-f32/nash");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (Result r : results) {
            double nashMs = r.nashBest().median();
            out.printf(Locale.ROOT, "%-8s | %-26s | %-26s | %-26s | %-14s | %s%n", r.net.label, cell(r.nashBest(), r.nashBestThreads()),
                    torchCell(r, "float64"), torchCell(r, "float32"), ratio(r.bestMedian("float64"), nashMs), ratio(r.bestMedian("float32"), nashMs));
        }
        out.println();
        for (Result r : results) {
            out.printf(Locale.ROOT, "%s: Nash %d timed steps after %d warm-up steps; about %.3g GFLOP of matmul/convolution per step, so "
                            + "Nash runs at %.1f GFLOP/s%s%n", r.net.label, r.timedSteps, r.warmupSteps, r.net.gflop,
                    r.net.gflop / r.nashBest().median() * 1e3, Double.isNaN(r.bestMedian("float64")) ? ""
                            : String.format(Locale.ROOT, ", PyTorch f64 at %.1f GFLOP/s", r.net.gflop / r.bestMedian("float64") * 1e3));
            for (Map.Entry<Integer, Samples> e : r.nash.entrySet()) {
                StringBuilder rounds = new StringBuilder();
                for (double m : r.nashRoundMedians.get(e.getKey())) rounds.append(rounds.length() == 0 ? "" : ", ").append(Samples.fmt(m));
                out.printf(Locale.ROOT, "  Nash  %d thread%s: %s; round medians %s ms%n", e.getKey(), e.getKey() == 1 ? " " : "s",
                        e.getValue().summary(), rounds);
            }
            for (Map.Entry<String, Samples> e : r.torch.entrySet()) {
                String[] k = e.getKey().split("/");
                out.printf(Locale.ROOT, "  torch %s %s thread%s: %s%n", k[0], k[1], k[1].equals("1") ? " " : "s", e.getValue().summary());
            }
            out.printf(Locale.ROOT, "  Nash JVM: allocated %.1f MB/step (%.2f GB/s), GC %.1f%% of wall time (%d collections, %d ms in %.1f s), "
                            + "heap after full GC %.1f MB before the timed rounds, %.1f MB after%s%n",
                    r.jvm.allocatedMbPer(r.timedSteps), r.jvm.allocatedGbPerSecond(), r.jvm.gcPercent(), r.jvm.gcCount(), r.jvm.gcMillis(),
                    r.jvm.seconds(), r.heapStartMb, r.heapEndMb, r.skipped > 0 ? "; " + r.skipped + " updates skipped (non-finite)" : "");
        }
        if (o.torch) {
            out.println();
            for (Result r : results) {
                out.printf(Locale.ROOT, "ratio %s torch-f64/nash = %.2f%n", r.net.label, r.bestMedian("float64") / r.nashBest().median());
            }
        }
    }

    private static String cell(Samples s, int threads) {
        if (s.isEmpty()) return "n/a";
        return Samples.fmt(s.median()) + " (" + Samples.fmt(s.p10()) + "–" + Samples.fmt(s.p90()) + ")" + (threads > 0 ? " " + threads + "t" : "");
    }

    private static String torchCell(Result r, String dtype) {
        int t = r.bestThreads(dtype);
        return t < 0 ? "n/a" : cell(r.torch(dtype, t), t);
    }

    private static String ratio(double torchMs, double nashMs) {
        return Double.isNaN(torchMs) ? "n/a" : String.format(Locale.ROOT, "%.3f", torchMs / nashMs);
    }

    // ------------------------------------------------------------------ soak

    /** N MLP steps: heap after a full GC every {@code soakEvery} steps (a flat line: nothing leaks), and GC share. */
    static void soak(Options o, PrintStream out) {
        JvmMeter meter = new JvmMeter();
        GanTrainer trainer = Net.MLP.trainer(o.seed);
        long w = warmUp(trainer, o);
        double heap0 = JvmMeter.heapAfterGcMb();
        out.printf(Locale.ROOT, "soak: %d MLP GAN steps after %d warm-up steps; heap after full GC at start %.1f MB%n", o.soak, w, heap0);
        out.printf(Locale.ROOT, "%8s | %14s | %12s | %10s | %6s | %10s%n", "steps", "heap after GC", "median ms", "MB/step", "GC %", "GC count");
        JvmMeter.Delta all = JvmMeter.Delta.ZERO;
        double first = Double.NaN, last = Double.NaN, max = 0;
        for (long done = 0; done < o.soak; ) {
            long block = Math.min(o.soakEvery, o.soak - done);
            Samples s = new Samples();
            JvmMeter.Snapshot a = meter.snapshot();
            for (long i = 0; i < block; i++) {
                long t = System.nanoTime();
                trainer.step();
                s.add((System.nanoTime() - t) / 1e6);
            }
            JvmMeter.Delta d = JvmMeter.between(a, meter.snapshot());
            all = all.plus(d);
            done += block;
            double heap = JvmMeter.heapAfterGcMb();
            if (Double.isNaN(first)) first = heap;
            last = heap;
            max = Math.max(max, heap);
            out.printf(Locale.ROOT, "%8d | %11.1f MB | %12s | %10.1f | %6.1f | %10d%n", done, heap, Samples.fmt(s.median()),
                    d.allocatedMbPer(block), d.gcPercent(), d.gcCount());
        }
        out.printf(Locale.ROOT, "soak: heap after GC %.1f MB at start, %.1f MB after the first block, %.1f MB at the end (max %.1f MB); "
                        + "allocated %.1f MB/step; GC %.1f%% of %.0f s (%d collections, %d ms); %d updates skipped%n",
                heap0, first, last, max, all.allocatedMbPer(o.soak), all.gcPercent(), all.seconds(), all.gcCount(), all.gcMillis(),
                trainer.skippedCount());
    }

    // ------------------------------------------------------------------ profile

    /** Steps for --profile-seconds (at least minSteps); their times in ms. */
    static Samples stepFor(GanTrainer trainer, Options o) {
        Samples s = new Samples();
        long start = System.nanoTime();
        while (s.count() < o.minSteps || System.nanoTime() - start < o.profileSeconds * 1e9) {
            long t = System.nanoTime();
            trainer.step();
            s.add((System.nanoTime() - t) / 1e6);
        }
        return s;
    }

    /**
     * Every kernel call timed ({@link KernelProfile}) over --profile-seconds of steps after warm-up; per step kind,
     * a table of where the kernel time goes by kernel and shape.
     */
    static void kernelProfile(Options o, PrintStream out) {
        if (!KernelProfile.enabled()) throw new IllegalStateException("--kernel-profile: the kernels were chosen before nash.kernels.profile was set");
        for (Net net : o.nets) {
            GanTrainer trainer = net.trainer(o.seed);
            long w = warmUp(trainer, o);
            KernelProfile.reset();
            Samples s = stepFor(trainer, o);
            long steps = s.count();
            out.printf(Locale.ROOT, "%n[%s] kernel calls timed over %d steps after %d warm-up steps: %s%n", net.label, steps, w, s.summary());
            out.printf(Locale.ROOT, "per step (u = one step; share of the median step, %.2f ms):%n", s.median());
            out.print(KernelProfile.report(steps, s.median(), 25));
        }
    }

    /**
     * A JFR recording (the JDK's "profile" settings: CPU samples every 10 ms, allocation samples) of
     * each step kind after warm-up, then a summary of the hot methods. Open the file in JDK Mission
     * Control or with {@code jfr print --events jdk.ExecutionSample FILE} for more.
     */
    static void profile(Options o, PrintStream out) throws Exception {
        for (Net net : o.nets) {
            Path file = Path.of(o.nets.size() == 1 ? o.profile : o.profile.replaceFirst("(\\.jfr)?$", "-" + net.script + ".jfr"));
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            GanTrainer trainer = net.trainer(o.seed);
            long w = warmUp(trainer, o);
            Samples s;
            try (Recording rec = new Recording(Configuration.getConfiguration("profile"))) {
                rec.setName("nash-" + net.script);
                rec.start();
                s = stepFor(trainer, o);
                rec.stop();
                rec.dump(file);
            }
            out.printf(Locale.ROOT, "%n[%s] profiled %d steps after %d warm-up steps: %s -> %s%n", net.label, s.count(), w, s.summary(), file);
            JfrHotMethods.print(file, 25, out);
        }
    }
}
