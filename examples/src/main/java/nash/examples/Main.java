package nash.examples;

import java.util.List;
import nash.examples.cli.Cli;

/**
 * The {@code nash} command line: {@code train}, {@code sample}, {@code eval}, {@code interpolate}.
 * Run {@code java --add-modules jdk.incubator.vector -jar examples/target/nash.jar --help}.
 */
public final class Main {

    private static List<String> args = List.of();

    public static void main(String[] argv) {
        args = List.of(argv);
        // read once, when the first kernel is chosen: set it before anything runs (see nash train --kernel-profile)
        if (kernelProfile(args)) System.setProperty("nash.kernels.profile", "true");
        System.exit(Cli.run(argv));
    }

    /**
     * Whether the arguments turn on --kernel-profile as picocli reads them: bare, or {@code =true};
     * {@code =false} turns it off (the last one counts).
     */
    public static boolean kernelProfile(List<String> argv) {
        boolean on = false;
        for (String a : argv) {
            if (a.equals("--")) break;   // what follows are not options
            if (a.equals("--kernel-profile")) on = true;
            else if (a.startsWith("--kernel-profile=")) on = a.substring("--kernel-profile=".length()).equalsIgnoreCase("true");
        }
        return on;
    }

    /** The arguments the program was started with (for the report's subtitle). */
    public static List<String> arguments() { return args; }
}
