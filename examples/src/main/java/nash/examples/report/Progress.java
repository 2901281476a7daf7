package nash.examples.report;

import java.io.Console;
import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long loop: step, steps per second, time left, and the latest statistics.
 *
 * <pre>{@code
 * try (var progress = Progress.start("train", steps)) {
 *     for (long step = 1; step <= steps; step++) {
 *         ...
 *         progress.update(step, Map.of("loss_d", dLoss, "loss_g", gLoss, "D(x)", dReal, "D(G(z))", dFake));
 *     }
 * }
 * }</pre>
 *
 * On a terminal this is a live progress bar (me.tongfei:progressbar, on standard error). When the
 * output is not a terminal (a pipe, a file, CI) it prints a plain line every few steps instead,
 * with no escape codes:
 * <pre>
 * train  step 500/10,000 (5%)  212.4 steps/s  ETA 44s  loss_d 1.386  loss_g 0.6931
 * </pre>
 */
public final class Progress implements AutoCloseable {

    private final String task;
    private final long total;
    private final ProgressBar bar;        // live mode; null in plain mode
    private final PrintStream out;        // plain mode
    private final long every;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long firstStep = 0, lastStep = 0, lastPrinted = -1;     // firstStep: where this session began (a resumed run)
    private Map<String, ? extends Number> lastStats = Map.of();
    private boolean closed;

    private Progress(String task, long total, ProgressBar bar, PrintStream out, long every, LongSupplier nanoTime) {
        this.task = task;
        this.total = total;
        this.bar = bar;
        this.out = out;
        this.every = every;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** A bar on a terminal, else a plain line about every 5% of the way (see {@link #start(String, long, long)}). */
    public static Progress start(String task, long totalSteps) {
        return start(task, totalSteps, Math.max(1, totalSteps / 20));
    }

    /**
     * {@link #start(String, long)} for work that resumes at {@code firstStep}: the rate, the ETA and the closing
     * count are those of the steps this session does, not of the ones done before it.
     */
    public static Progress resumed(String task, long firstStep, long totalSteps) {
        checkFirst(task, firstStep, totalSteps);                // before a bar is drawn
        Progress p = start(task, totalSteps, Math.max(1, totalSteps / 20), firstStep);
        p.from(firstStep);
        return p;
    }

    /** Counts the rate and ETA from {@code step} on (the steps before it were done earlier). */
    synchronized void from(long step) {
        checkFirst(task, step, total);
        firstStep = step;
        lastStep = step;
        if (bar != null) bar.stepTo(step);
    }

    /**
     * A bar on a terminal, else a plain line on standard output every {@code logEvery} steps.
     *
     * @throws IllegalArgumentException if totalSteps or logEvery is below 1
     */
    public static Progress start(String task, long totalSteps, long logEvery) { return start(task, totalSteps, logEvery, 0); }

    /** The bar counts its rate from {@code firstStep} (startsFrom): the steps before it were done by an earlier session. */
    private static Progress start(String task, long totalSteps, long logEvery, long firstStep) {
        check(task, totalSteps, logEvery);
        if (!isTerminal()) return plain(task, totalSteps, logEvery, System.out);
        ProgressBar bar = new ProgressBarBuilder()
            .startsFrom(firstStep, java.time.Duration.ZERO)
            .setTaskName(task)
            .setInitialMax(totalSteps)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUnit(" steps", 1)
            .showSpeed(new DecimalFormat("#,##0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
            .setSpeedUnit(ChronoUnit.SECONDS)
            .setUpdateIntervalMillis(250)
            .build();
        return new Progress(task, totalSteps, bar, null, logEvery, System::nanoTime);
    }

    /** Always plain lines, to the given stream, every {@code logEvery} steps and at the last step. */
    public static Progress plain(String task, long totalSteps, long logEvery, PrintStream out) {
        return plain(task, totalSteps, logEvery, out, System::nanoTime);
    }

    /** For tests: a plain progress with its own clock. */
    static Progress plain(String task, long totalSteps, long logEvery, PrintStream out, LongSupplier nanoTime) {
        check(task, totalSteps, logEvery);
        return new Progress(task, totalSteps, null, out, logEvery, nanoTime);
    }

    private static void checkFirst(String task, long firstStep, long totalSteps) {
        if (firstStep < 0 || firstStep > totalSteps) {
            throw new IllegalArgumentException("Progress(\"" + task + "\"): first step " + firstStep + " outside [0, " + totalSteps + "]");
        }
    }

    private static void check(String task, long totalSteps, long logEvery) {
        if (task == null) throw new IllegalArgumentException("Progress: task name is null");
        if (totalSteps < 1 || logEvery < 1) {
            throw new IllegalArgumentException("Progress(\"" + task + "\"): need totalSteps ≥ 1 and logEvery ≥ 1, got " + totalSteps + " and " + logEvery);
        }
    }

    /**
     * Whether standard output is an interactive terminal. Before JDK 22 that is "there is a
     * console"; from JDK 22 on a console may exist without a terminal, and Console.isTerminal() says.
     */
    public static boolean isTerminal() {
        Console c = System.console();
        if (c == null || "dumb".equals(System.getenv("TERM"))) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;   // JDK 17–21: no such method, and a console means a terminal
        }
    }

    /**
     * Reports that {@code step} steps are done, with the latest statistics (shown in the map's
     * order; pass a LinkedHashMap to choose it; null for none).
     *
     * @throws IllegalArgumentException for a negative step
     */
    public synchronized void update(long step, Map<String, ? extends Number> stats) {
        if (step < 0) throw new IllegalArgumentException("Progress.update(\"" + task + "\"): step must be ≥ 0, got " + step);
        if (closed) return;
        lastStep = step;
        lastStats = stats == null ? Map.of() : stats;
        if (bar != null) {
            if (step > bar.getMax()) bar.maxHint(step);
            bar.stepTo(step);
            bar.setExtraMessage("  " + Fmt.stats(lastStats));   // the bar puts it right after "steps/s"
        } else if (step % every == 0 || step == total) {
            printLine();
        }
    }

    /** Ends the display: the bar's final state, or a closing plain line with the total time. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        if (bar != null) {
            bar.close();
            return;
        }
        if (lastPrinted != lastStep) printLine();
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - startNanos);
        out.println(task + "  done: " + Fmt.step(lastStep - firstStep) + " steps in " + Fmt.duration(took) + "  (" + rate(lastStep - firstStep, took) + " steps/s)");
        out.flush();
    }

    private void printLine() {
        Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - startNanos);
        var sb = new StringBuilder(task).append("  step ").append(Fmt.step(lastStep)).append('/').append(Fmt.step(total))
            .append(" (").append(Math.round(100.0 * lastStep / total)).append("%)  ")
            .append(rate(lastStep - firstStep, elapsed)).append(" steps/s");
        double secondsPerStep = lastStep == firstStep ? Double.NaN : elapsed.toNanos() / 1e9 / (lastStep - firstStep);
        if (lastStep < total && Double.isFinite(secondsPerStep)) {
            sb.append("  ETA ").append(Fmt.duration(Duration.ofMillis(Math.round(secondsPerStep * (total - lastStep) * 1000))));
        }
        String stats = Fmt.stats(lastStats);
        if (!stats.isEmpty()) sb.append("  ").append(stats);
        out.println(sb);
        out.flush();
        lastPrinted = lastStep;
    }

    private static String rate(long steps, Duration d) {
        double s = d.toNanos() / 1e9;
        return s <= 0 ? "–" : String.format(Locale.ROOT, "%,.1f", steps / s);
    }
}
