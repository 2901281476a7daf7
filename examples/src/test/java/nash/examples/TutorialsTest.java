package nash.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tutorials run and print the numbers their comments promise. */
class TutorialsTest {

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
}
