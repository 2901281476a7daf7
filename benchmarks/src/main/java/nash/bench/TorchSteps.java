package nash.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code gan_step_torch.py} in a fresh Python process with the thread count pinned, and reads
 * its step times back. One process per thread count, because OpenBLAS reads
 * {@code OPENBLAS_NUM_THREADS} once, when it is loaded.
 */
final class TorchSteps {

    /** The times of one (dtype, threads) measurement. */
    record Result(String dtype, int threads, String torchVersion, List<Double> timesMs) {}

    private final String python;
    private final Path script;
    private final String ompWaitPolicy;

    /**
     * @param ompWaitPolicy OMP_WAIT_POLICY for the 2-thread runs ("PASSIVE", "ACTIVE"), or "" to leave it unset
     */
    TorchSteps(String python, Path script, String ompWaitPolicy) {
        this.python = python;
        this.script = script;
        this.ompWaitPolicy = ompWaitPolicy;
    }

    /** The script: as given, else next to the jar (benchmarks/target/benchmarks.jar → benchmarks/), else ./benchmarks/. */
    static Path locateScript(String given) {
        if (given != null) return Path.of(given);
        try {
            Path jar = Path.of(TorchSteps.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path p = jar.getParent() != null && jar.getParent().getParent() != null
                    ? jar.getParent().getParent().resolve("gan_step_torch.py") : null;
            if (p != null && Files.isRegularFile(p)) return p;
        } catch (Exception ignored) {
            // fall through to the working directory
        }
        Path here = Path.of("benchmarks", "gan_step_torch.py");
        return Files.isRegularFile(here) ? here : Path.of("gan_step_torch.py");
    }

    /**
     * Times the step of {@code model} in float64 and float32 with {@code threads} threads, after a
     * warm-up, for about {@code seconds} per dtype (at least {@code minSteps} steps).
     */
    List<Result> run(String model, int threads, double seconds, int minSteps, long seed) throws IOException, InterruptedException {
        List<String> cmd = List.of(python, script.toString(), "--model", model, "--threads", Integer.toString(threads),
                "--seconds", String.format(Locale.ROOT, "%.3f", seconds), "--warmup-seconds", "1",
                "--min-steps", Integer.toString(minSteps), "--seed", Long.toString(seed));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        for (String v : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}) env.put(v, Integer.toString(threads));
        env.remove("OMP_WAIT_POLICY");
        if (threads > 1 && !ompWaitPolicy.isEmpty()) env.put("OMP_WAIT_POLICY", ompWaitPolicy);
        pb.redirectErrorStream(false);
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> drain(p.getErrorStream(), err), "torch-stderr");
        errReader.setDaemon(true);
        errReader.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long limit = (long) (120 + 20 * seconds);
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("gan_step_torch.py did not finish within " + limit + " s");
        }
        errReader.join(1000);
        if (p.exitValue() != 0) {
            throw new IOException("gan_step_torch.py exited with " + p.exitValue() + " (" + String.join(" ", cmd) + "):\n" + err);
        }
        List<Result> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) results.add(parse(line));
        }
        if (results.isEmpty()) throw new IOException("gan_step_torch.py printed no results:\n" + out + err);
        return results;
    }

    private static void drain(InputStream in, StringBuilder sink) {
        try {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            synchronized (sink) {
                sink.append(s);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static final Pattern STRING_FIELD = Pattern.compile("\"(\\w+)\": \"([^\"]*)\"");
    private static final Pattern INT_FIELD = Pattern.compile("\"(\\w+)\": (-?\\d+)[,}]");
    private static final Pattern TIMES = Pattern.compile("\"times_ms\": \\[([^\\]]*)\\]");

    /** One line of the script's output (flat JSON written by json.dumps: no nesting, no escapes). */
    static Result parse(String line) {
        String dtype = null, version = "?";
        int threads = -1;
        Matcher m = STRING_FIELD.matcher(line);
        while (m.find()) {
            if (m.group(1).equals("dtype")) dtype = m.group(2);
            if (m.group(1).equals("torch")) version = m.group(2);
        }
        m = INT_FIELD.matcher(line);
        while (m.find()) if (m.group(1).equals("threads")) threads = Integer.parseInt(m.group(2));
        Matcher t = TIMES.matcher(line);
        if (dtype == null || threads < 0 || !t.find()) throw new IllegalArgumentException("cannot read the torch result line: " + line);
        List<Double> times = new ArrayList<>();
        for (String s : t.group(1).split(",")) if (!s.isBlank()) times.add(Double.parseDouble(s.trim()));
        return new Result(dtype, threads, version, times);
    }
}
