package nash.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}
