package nash.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import nash.core.Tensor;
import nash.examples.data.BundledData;
import nash.gan.data.Dataset;
import nash.nn.io.Safetensors;
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
    void saturation() {
        String out = capture(() -> Example03_Saturation.main(new String[0]));
        assertTrue(out.contains("  -10.0   0.00005         4.540e-05                  0.99995"), out);
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

    @Test
    void fashionMnist(@TempDir Path dir) throws IOException {
        String out = quick(() -> Example05_FashionMnist.main(new String[] {dir.toString()}));
        assertEquals(6 + 2, count(out, TRAINING_ROW), out);           // 6 MLP steps, 2 DCGAN steps
        Matcher js = Pattern.compile("JS to the data: real ([0-9.]+), MLP GAN ([0-9.]+), DCGAN ([0-9.]+)").matcher(out);
        assertTrue(js.find(), out);
        for (int i = 1; i <= 3; i++) assertTrue(Double.parseDouble(js.group(i)) <= Math.log(2) + 1e-4, js.group());
        assertTrue(Double.parseDouble(js.group(1)) < 0.2, "the judge should see real images' classes roughly right: " + js.group());
        for (String name : new String[] {"T-shirt/top", "Ankle boot"}) assertTrue(out.contains(name), out);
        for (String png : new String[] {"real.png", "mlp-samples.png", "dcgan-samples.png"}) assertPng(dir.resolve(png), 400, 400);
    }

    @Test
    void conditional(@TempDir Path dir) throws IOException {
        String out = quick(() -> Example07_Conditional.main(new String[] {dir.toString()}));
        assertEquals(10, count(out, TRAINING_ROW), out);
        Matcher all = Pattern.compile("all +([0-9.]+)%").matcher(out);
        assertTrue(all.find(), out);
        assertTrue(Double.parseDouble(all.group(1)) <= 100, all.group());
        assertEquals(10, count(out, "(?m)^[A-Za-z /-]+ +\\d+%$"), out);     // one line per class
        assertPng(dir.resolve("classes.png"), 8 * 56, 10 * 56);              // 10 rows of 8 images, scale 2
    }

    @Test
    void interpolation(@TempDir Path dir) throws IOException {
        String out = quick(() -> Example08_Interpolation.main(new String[] {dir.toString()}));
        double[] linear = numbers(out, "  linear "), slerp = numbers(out, "  slerp ");
        assertEquals(5, linear.length, out);
        assertEquals(linear[0], slerp[0], 1e-9, "both paths start at z0");
        assertEquals(linear[4], slerp[4], 1e-9, "both paths end at z1");
        // The chord dips inside the sphere; the great circle keeps the norm between its ends'.
        assertTrue(linear[2] < Math.min(linear[0], linear[4]) - 0.5, out);
        for (double v : slerp) assertTrue(v >= Math.min(slerp[0], slerp[4]) - 1e-9 && v <= Math.max(slerp[0], slerp[4]) + 1e-9, out);
        double[] fake = numbers(out, "  generated: "), real = numbers(out, "  held out:  ");
        assertEquals(16, fake.length, out);
        assertEquals(16, real.length, out);
        for (double v : real) assertTrue(v > 0, "held-out images are not in the training set: " + out);
        assertPng(dir.resolve("interpolation.png"), 9 * 56, 8 * 56);
        assertPng(dir.resolve("nearest.png"), 16 * 56, 2 * 56);
        assertEquals(withoutTimes(out), withoutTimes(quick(() -> Example08_Interpolation.main(new String[] {dir.toString()}))),
                "same seed, same output");
    }

    @Test
    void classifier(@TempDir Path dir) throws IOException {
        // An IDX folder made from the bundled files, as a user's download would be (train and test the same here).
        Path data = Files.createDirectories(dir.resolve("idx"));
        for (String split : new String[] {"train", "t10k"}) {
            try (InputStream images = BundledData.fashionMnistImages(); InputStream labels = BundledData.fashionMnistLabels()) {
                Files.copy(images, data.resolve(split + "-images-idx3-ubyte"));
                Files.copy(labels, data.resolve(split + "-labels-idx1-ubyte"));
            }
        }
        Path out = dir.resolve("out");
        String printed = quick(() -> Example09_Classifier.main(new String[] {data.toString(), out.toString()}));
        assertTrue(printed.contains("1,000 training images, 1,000 test images"), printed);
        Matcher trained = Pattern.compile("test accuracy ([0-9.]+)%").matcher(printed);
        assertTrue(trained.find(), printed);
        double accuracy = Double.parseDouble(trained.group(1));
        assertTrue(accuracy > 40, "one epoch on 1,000 images should beat chance by far: " + printed);
        assertTrue(printed.contains("after loading:   test accuracy " + trained.group(1) + "%"), printed);
        Map<String, Tensor> state = Safetensors.load(out.resolve("classifier.safetensors"));
        assertEquals(Set.of("features.0.weight", "features.0.bias", "features.2.weight", "features.2.bias",
                "features.5.weight", "features.5.bias", "head.weight", "head.bias"), state.keySet());

        Dataset[] bundled = Example09_Classifier.fromBundled(1500);
        assertEquals(1200, bundled[0].size());
        assertEquals(300, bundled[1].size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Example09_Classifier.main(new String[] {dir.resolve("missing").toString()}));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Example04_ModeCollapse.main(new String[] {"out", "many"}));
        assertEquals("steps must be a positive whole number, got 'many'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Example06_WganGp.main(new String[] {"out", "0"}));
        assertTrue(e.getMessage().contains("got '0'"), e.getMessage());
    }

    static final String TRAINING_ROW = "(?m)^ +\\d+ +-?[0-9.]+ +-?[0-9.]+ +[0-9.]+ +[0-9.]+$";

    static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The numbers on the line that starts with {@code prefix}, after it. */
    static double[] numbers(String text, String prefix) {
        for (String line : text.split("\\R")) {
            if (line.startsWith(prefix)) {
                return Arrays.stream(line.substring(prefix.length()).trim().split(" +")).mapToDouble(Double::parseDouble).toArray();
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in:\n" + text);
    }

    /** The output without the lines that report elapsed time. */
    static String withoutTimes(String out) {
        return out.replaceAll("(?m)^ *\\([0-9.]+ s\\)$", "");
    }
}
