package nash.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nash.core.kernel.Parallel;
import nash.examples.outcomes.FashionBenchmark;
import nash.examples.outcomes.OutcomesReport;
import nash.examples.outcomes.Recipes;
import nash.examples.outcomes.ToyBenchmark;
import nash.examples.outcomes.ToyRecipe;
import nash.gan.data.Toy2d;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Outcomes to show: the mode-collapse benchmark of the GAN literature, run by Nash with fixed seeds.
 *
 * <p>You will see, for the ring of 8 Gaussians and the grid of 25, a plain GAN and the remedies
 * (PacGAN by default; WGAN-GP and the unrolled GAN on request) trained over several seeds each, and a table in the form of
 * VEEGAN's and PacGAN's: modes captured, % high-quality samples, KL to uniform, mean ± standard
 * error. With {@code --sections fashion}, a DCGAN (or MLP GAN) on Fashion-MNIST, judged by the
 * class histogram a Nash-trained classifier gives its samples. The tables are printed at the end
 * and written as Markdown, with a scatter plot per method and a sample grid, to the output folder.
 *
 * <p>Time: the default (ring and grid, 3 methods, 10 seeds) takes about half an hour with
 * {@code --jobs 2} on 2 idle cores; every
 * section prints its time, and {@code --quick} (3 seeds, a quarter of the steps) gives a first look
 * in a few minutes. {@code --jobs 2} trains two seeds at once.
 */
@Command(name = "outcomes", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The mode-collapse tables (ring of 8, grid of 25) and a Fashion-MNIST GAN, with fixed seeds.")
public final class Outcomes implements Callable<Integer> {

    @Option(names = "--sections", split = ",", description = "what to run: ring, grid, fashion (default ring,grid)")
    List<String> sections = List.of("ring", "grid");

    @Option(names = "--methods", split = ",", description = "2-D methods: gan, gan-d128, pacgan, wgan-gp, unrolled (default gan,gan-d128,pacgan)")
    List<String> methods = Recipes.DEFAULT;

    @Option(names = "--seeds", description = "seeds per method, 1…n (default 10; 3 with --quick)")
    Integer seeds;

    @Option(names = "--steps", description = "generator steps for every 2-D method (default: each method's own)")
    Integer steps;

    @Option(names = "--quick", description = "a first look: 3 seeds, a quarter of the steps, 300 Fashion-MNIST steps")
    boolean quick;

    @Option(names = "--jobs", description = "seeds trained at once (default 1); kernels then run single-threaded")
    int jobs = 1;

    @Option(names = "--threads", description = "kernel threads (default: all processors, or 1 with --jobs > 1)")
    Integer threads;

    @Option(names = "--fashion-model", description = "dcgan (default) or mlp")
    String fashionModel = "dcgan";

    @Option(names = "--fashion-steps", description = "generator steps on Fashion-MNIST (default 3000)")
    Integer fashionSteps;

    @Option(names = "--out", description = "folder for the pictures and the report (default runs/outcomes)")
    Path out = Path.of("runs", "outcomes");

    @Option(names = "--report", description = "the Markdown file (default <out>/OUTCOMES.md)")
    Path report;

    private static String[] argv = new String[0];

    public static void main(String[] args) {
        argv = args.clone();
        CommandLine cl = new CommandLine(new Outcomes());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!(e instanceof IllegalArgumentException)) throw e;
            cmd.getErr().println("outcomes: " + e.getMessage());
            return 2;
        });
        System.exit(cl.execute(args));
    }

    @Override public Integer call() throws Exception {
        long start = System.nanoTime();
        int n = seeds != null ? seeds : quick ? 3 : 10;
        if (n < 1) throw new IllegalArgumentException("--seeds must be ≥ 1");
        for (String s : sections) {
            if (!List.of("ring", "grid", "fashion").contains(s)) throw new IllegalArgumentException("unknown section '" + s + "'; choose ring, grid, fashion");
        }
        if (threads != null) Parallel.setThreads(threads);
        else if (jobs > 1) Parallel.setThreads(1);
        Files.createDirectories(out);
        Path md = report != null ? report : out.resolve("OUTCOMES.md");
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceFirst("\\.\\d+", "");
        System.out.println("Nash outcomes: " + String.join(",", sections) + (quick ? " (quick)" : "") + "; " + environment());

        OutcomesReport r = new OutcomesReport(md);
        List<String[]> toy = new ArrayList<>();
        if (sections.contains("ring")) toy.add(new String[] {"ring", "Ring of 8 Gaussians (radius 1, σ = 0.01)"});
        if (sections.contains("grid")) toy.add(new String[] {"grid", "Grid of 25 Gaussians ({−4, −2, 0, 2, 4}², σ = 0.05)"});
        List<Object[]> tables = new ArrayList<>();
        for (String[] t : toy) {
            Toy2d mixture = t[0].equals("ring") ? Toy2d.ring() : Toy2d.grid();
            List<ToyBenchmark.Outcome> outcomes = new ArrayList<>();
            for (String key : methods) {
                ToyRecipe recipe = Recipes.find(mixture, key);
                int s = steps != null ? steps : quick ? Math.max(1, recipe.steps() / 4) : recipe.steps();
                recipe = recipe.withSteps(s);
                System.out.printf("%s, %s: %d seeds; %s%n", mixture.name(), recipe.label(), n, recipe.describe());
                ToyBenchmark.Outcome o = ToyBenchmark.run(mixture, recipe, n, jobs, out, System.out);
                System.out.printf(Locale.ROOT, "%s, %s: modes %s, high quality %s%%, KL %s (%.0f s)%n%n", mixture.name(), recipe.label(),
                        o.modes().format(1), o.highQualityPercent().format(1), o.kl().format(2), o.seconds());
                outcomes.add(o);
            }
            tables.add(new Object[] {mixture, t[1], outcomes});
        }
        FashionBenchmark.Outcome fashion = null;
        if (sections.contains("fashion")) {
            int fs = fashionSteps != null ? fashionSteps : quick ? 300 : 3000;
            int latent = fashionModel.equals("dcgan") ? 100 : 64;
            fashion = FashionBenchmark.run(new FashionBenchmark.Settings(fashionModel, fs, 64, latent, 2e-4, 1), out, System.out);
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        String launcher = System.getProperty("outcomes.launcher", "java --add-modules jdk.incubator.vector -cp examples/target/nash.jar nash.examples.Outcomes");
        String command = (launcher + " " + String.join(" ", argv)).trim();
        String note = quick ? "--quick: fewer seeds and steps than the full benchmark; a first look, not the result" : null;
        r.header(command, environment(), date, seconds, note);
        if (!tables.isEmpty()) r.toyProtocol(n);
        for (Object[] t : tables) {
            @SuppressWarnings("unchecked") List<ToyBenchmark.Outcome> o = (List<ToyBenchmark.Outcome>) t[2];
            r.toyTable((Toy2d) t[0], (String) t[1], o, out);
        }
        if (fashion != null) r.fashion(fashion, out);
        r.write();
        System.out.println();
        System.out.println(r);
        System.out.println("written to " + md.toAbsolutePath());
        return 0;
    }

    /** JDK, CPU, processors and kernel threads, in one line. */
    static String environment() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
        } catch (Exception ignored) {
            // not Linux: leave the CPU model out
        }
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return String.format(Locale.ROOT, "JDK %s (%s), %s %s%s, %d processors, %d kernel threads, Vector API %s",
                Runtime.version(), System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
                cpu.isEmpty() ? "" : ", " + cpu, Runtime.getRuntime().availableProcessors(), Parallel.threads(), vector ? "on" : "off");
    }
}
