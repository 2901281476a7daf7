package nash.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nash.core.kernel.Kernels;
import nash.core.kernel.KernelsProvider;
import nash.core.kernel.Parallel;

/**
 * The side-by-side comparison: Nash's GEMM and numpy's {@code a @ b} (OpenBLAS) timed in the same
 * run, shape by shape, alternating between the two so that the machine's noise hits both alike.
 * Prints a Markdown table: GFLOP/s of each, the ratio Nash/OpenBLAS, and Nash's fraction of the
 * FMA peak measured from Java at the same thread count.
 *
 * <p>Usage (normally through {@code benchmarks/gemm-vs-numpy}):
 * {@code java --add-modules=jdk.incubator.vector -cp benchmarks.jar nash.bench.GemmVsNumpy
 * [--threads 2] [--python /usr/bin/python3] [--script benchmarks/gemm_numpy.py] [--rounds 3] [--ms 150] [--cold] [shape ...]},
 * shapes as {@code 64x100x256:NT} (m×k×n, then N or T for A and B); default: squares, GAN layers, convolutions.
 *
 * <p>{@code --cold}: operands as a training step finds them, out of every cache. Each side times single calls, each
 * after writing through a 64 MiB array of its own (more than the L3 holds), and reports the median of a round's calls.
 */
public final class GemmVsNumpy {

    private GemmVsNumpy() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("nash.threads", 2), rounds = 3, ms = 150;
        boolean cold = false;
        String python = "/usr/bin/python3", script = "benchmarks/gemm_numpy.py";
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--python": python = args[++i]; break;
                case "--script": script = args[++i]; break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--ms": ms = Integer.parseInt(args[++i]); break;
                case "--cold": cold = true; break;
                default: specs.add(args[i]);
            }
        }
        if (specs.isEmpty()) specs = GemmShape.all();
        Parallel.setThreads(threads);
        Kernels kernels = KernelsProvider.get();
        if (!kernels.name().startsWith("vector")) {
            System.err.println("warning: Nash runs its scalar kernels (" + kernels.name() + "): pass --add-modules=jdk.incubator.vector");
        }
        ProcessBuilder pb = new ProcessBuilder(python, script).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
        Process py = pb.start();
        try (PrintWriter toPy = new PrintWriter(py.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader fromPy = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            String numpyInfo = fromPy.readLine();
            if (numpyInfo == null) throw new IllegalStateException("the numpy script did not start: " + python + " " + script);
            double peak = FmaPeak.gflops(threads, 7);
            for (String spec : specs) {                                        // warm up: C2 compiles every path first
                GemmShape s = GemmShape.parse(spec);
                nashGflops(kernels, s, s.operands(), 100);
            }
            System.out.println("CPU:     " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " processors");
            System.out.println("JDK:     " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            System.out.println("Nash:    kernels " + kernels.name() + ", " + threads + " threads");
            System.out.println("numpy:   " + numpyInfo + " (OPENBLAS_NUM_THREADS=" + threads + ")");
            System.out.printf(Locale.ROOT, "FMA peak from Java, %d threads: %.1f GFLOP/s%n", threads, peak);
            System.out.println(cold ? "Operands cold: median of single calls, each after a 64 MiB sweep (best round)\n"
                    : "Operands hot: best of 5 batches of calls (best round)\n");
            System.out.println("| shape (m×k×n:AB) | Nash GFLOP/s | OpenBLAS GFLOP/s | Nash/OpenBLAS | Nash % of FMA peak |");
            System.out.println("|---|---:|---:|---:|---:|");
            double[] sweep = cold ? new double[8 << 20] : null; // 64 MiB, only when asked for
            for (String spec : specs) {
                GemmShape s = GemmShape.parse(spec);
                GemmShape.Operands o = s.operands();
                double nash = 0, numpy = 0;
                for (int r = 0; r < rounds; r++) {                             // alternate: noise hits both alike
                    nash = Math.max(nash, cold ? coldGflops(kernels, s, o, ms, sweep) : nashGflops(kernels, s, o, ms));
                    toPy.printf(Locale.ROOT, "%d %d %d %d %d %d %d%n", s.m(), s.k(), s.n(), s.transA() ? 1 : 0, s.transB() ? 1 : 0, ms, cold ? 1 : 0);
                    String line = fromPy.readLine();
                    if (line == null) throw new IllegalStateException("the numpy script stopped");
                    numpy = Math.max(numpy, Double.parseDouble(line.trim()));
                }
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.0f%% |%n", s.spec(), nash, numpy, nash / numpy, 100 * nash / peak);
            }
            toPy.println("quit");
        } finally {
            py.destroy();
        }
    }

    /** Best GFLOP/s over 5 timed batches of calls, each about ms/5 long, after a warm-up. */
    static double nashGflops(Kernels k, GemmShape s, GemmShape.Operands o, int ms) {
        long budget = ms * 1_000_000L / 5;
        long t0 = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - t0 < budget || calls < 3) { s.run(k, o); calls++; }  // warm-up, and the batch size
        double best = 0;
        for (int rep = 0; rep < 5; rep++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) s.run(k, o);
            best = Math.max(best, s.flops() * calls / (System.nanoTime() - start));
        }
        return best;
    }

    /**
     * Median GFLOP/s of single calls, each after writing through sweep (64 MiB: more than the L3 holds, so no operand
     * stays cached), for about ms of calls (at least 5).
     */
    static double coldGflops(Kernels k, GemmShape s, GemmShape.Operands o, int ms, double[] sweep) {
        List<Double> rates = new ArrayList<>();
        long end = System.nanoTime() + ms * 1_000_000L;
        while (System.nanoTime() < end || rates.size() < 5) {
            for (int i = 0; i < sweep.length; i += 8) sweep[i] += 1.0; // one write per cache line
            long start = System.nanoTime();
            s.run(k, o);
            rates.add(s.flops() / (System.nanoTime() - start));
        }
        rates.sort(null);
        return rates.get(rates.size() / 2);
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
