package nash.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command tree and its error handling: a bad option or a bad file gets one clear line, not a stack trace. */
@Command(name = "nash", mixinStandardHelpOptions = true, version = "nash 0.1.0",
        description = "Train generative adversarial networks and look at what they learned.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, InterpolateCommand.class})
public final class Cli implements Runnable {

    @Override public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException || e instanceof IllegalStateException) {
                err.println("nash " + cmd.getCommandName() + ": " + message(e));
                if (System.getenv("NASH_DEBUG") != null) e.printStackTrace(err);
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    /**
     * The error's one line. A file-system exception's message is only the path ("/proc/x"), its kind being the
     * exception's class; so the kind is added: "/proc/x: no such file or directory".
     */
    static String message(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String kind = f instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : f instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            return f.getFile() + (f.getOtherFile() != null ? " → " + f.getOtherFile() : "") + ": " + kind;
        }
        return e.getMessage();
    }
}
