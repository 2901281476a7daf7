package nash.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorials run and print the numbers their comments promise. */
class TutorialsTest {

    /** A tutorial's main, which may throw. */
    interface Main {
        void run() throws Exception;
    }

    /** Runs a tutorial in its small mode (-Dnash.tutorial.quick=true) and returns what it printed. */
    static String quick(Main main) {
        String old = System.getProperty(QUICK);
        System.setProperty(QUICK, "true");
        try {
            return capture(() -> {
                try {
                    main.run();
                } catch (Exception e) {
                    throw new AssertionError("the tutorial failed", e);
                }
            });
        } finally {
            if (old == null) System.clearProperty(QUICK);
            else System.setProperty(QUICK, old);
        }
    }

    static final String QUICK = "nash.tutorial.quick";

    /** The PNG at {@code file} exists and has a plausible size. */
    static void assertPng(Path file, int minWidth, int minHeight) throws IOException {
        assertTrue(Files.isRegularFile(file), "no picture " + file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not an image");
        assertTrue(image.getWidth() >= minWidth && image.getHeight() >= minHeight,
                file + " is only " + image.getWidth() + "×" + image.getHeight());
    }

    static String capture(Runnable main) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void autograd() {
        String out = capture(() -> Example01_Autograd.main(new String[0]));
        for (String expected : new String[] {"df/dx      = -0.500000", "df/dw      = 0.125000", "g'(1.5)    = 4.750000",
                "g''(1.5)   = 9.000000", "208.0", "[[-96.0, 176.0], [-256.0, 336.0]]"}) {
            assertTrue(out.contains(expected), "missing " + expected + " in:\n" + out);
        }
    }

    @Test
    void optimalDiscriminator() {
        String out = capture(() -> Example02_OptimalDiscriminator.main(new String[0]));
        for (String expected : new String[] {
                "D*     = [0.714286, 0.375000, 0.400000]", "m      = [0.350000, 0.400000, 0.250000]",
                "KL(p_data‖m) terms [0.178337, -0.086305, -0.044629]", "KL(p_G‖m)    terms [-0.111923, 0.111572, 0.054696]",
                "KL(p_data‖m) = 0.047404", "KL(p_G‖m)    = 0.054345", "JS(p_data‖p_G) = 0.050875",
                "V(D*, G)         = -1.284545", "−log 4 + 2·JS    = -1.284545", "V(½, G)          = -1.386294",
                "D*     = [0.416667, 0.625000]", "JS     = 0.021006",
                "D*     = [0.500000, 0.500000, 0.500000]", "V(D*, G) = -1.386294",
                "    50   [0.714216, 0.375003, 0.400157]     -1.284545",
                "   400   [0.500000, 0.300000, 0.200000]     [0.500000, 0.500000, 0.500000]"}) {
            assertTrue(out.contains(expected), "missing " + expected + " in:\n" + out);
        }
        Matcher end = Pattern.compile("JS = (\\S+), max \\|D − ½\\| = (\\S+), V \\+ log 4 = (\\S+)").matcher(out);
        assertTrue(end.find(), out);
        assertTrue(Double.parseDouble(end.group(1)) < 1e-10, end.group());
        assertTrue(Double.parseDouble(end.group(2)) < 1e-5, end.group());
        assertTrue(Math.abs(Double.parseDouble(end.group(3))) < 1e-10, end.group());
    }

    @Test
    void modeCollapse(@TempDir Path dir) throws IOException {
        String out = quick(() -> Example04_ModeCollapse.main(new String[] {dir.toString()}));
        Matcher line = Pattern.compile("step +(\\d+) +(\\d)/8 modes captured +([0-9.]+)% high quality").matcher(out);
        int lines = 0;
        while (line.find()) {
            lines++;
            assertTrue(Double.parseDouble(line.group(3)) <= 100, line.group());
        }
        assertEquals(15, lines, out);                    // 3 runs × 5 checks
        for (String run : new String[] {"plain", "pacgan", "minibatch-stddev"}) {
            assertTrue(out.contains(run + ":"), out);
            assertPng(dir.resolve(run + "-step-0030.png"), 300, 300);
        }
        assertEquals(out, quick(() -> Example04_ModeCollapse.main(new String[] {dir.toString()})), "same seed, same output");
    }

    @Test
    void wganGp(@TempDir Path dir) throws IOException {
        String out = quick(() -> Example06_WganGp.main(new String[] {dir.toString()}));
        Matcher row = Pattern.compile("(?m)^ +(\\d+) +(-?[0-9.]+) +([0-9.]+) +([0-9.]+) +(\\d)/8 +([0-9.]+)%$").matcher(out);
        int rows = 0;
        while (row.find()) {
            rows++;
            double w = Double.parseDouble(row.group(2)), penalty = Double.parseDouble(row.group(3)), norm = Double.parseDouble(row.group(4));
            assertTrue(Math.abs(w) < 10 && penalty >= 0 && penalty < 10 && norm > 0 && norm < 10, row.group());
        }
        assertTrue(rows >= 6, out);
        assertPng(dir.resolve("wasserstein.png"), 300, 200);
        assertPng(dir.resolve("wgan-gp-step-0020.png"), 300, 300);
    }
}
