package nash.examples.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nash.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesCsvTest {

    @Test void roundTripsEveryDoubleExactly(@TempDir Path dir) throws Exception {
        double[] pts = {0.1, -0.0, Math.PI, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, 2, Double.NaN, Double.NEGATIVE_INFINITY};
        Path file = dir.resolve("samples.csv");
        SamplesCsv.write(file, pts);
        List<String> lines = Files.readAllLines(file);
        assertEquals("x,y", lines.get(0));
        assertEquals(1 + pts.length / 2, lines.size());
        for (int i = 0; i < pts.length / 2; i++) {
            String[] f = lines.get(1 + i).split(",", -1);
            assertEquals(2, f.length);
            // bit-exact, so −0.0 and NaN compare too
            assertEquals(Double.doubleToLongBits(pts[2 * i]), Double.doubleToLongBits(Double.parseDouble(f[0])), lines.get(1 + i));
            assertEquals(Double.doubleToLongBits(pts[2 * i + 1]), Double.doubleToLongBits(Double.parseDouble(f[1])), lines.get(1 + i));
        }
    }

    @Test void takesATensorAndRejectsOtherShapes(@TempDir Path dir) throws Exception {
        SamplesCsv.write(dir.resolve("t.csv"), Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        assertEquals("x,y\n1.0,2.0\n3.0,4.0\n", Files.readString(dir.resolve("t.csv")));
        var e = assertThrows(IllegalArgumentException.class, () -> SamplesCsv.write(dir.resolve("u.csv"), Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("SamplesCsv.write") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SamplesCsv.format(new double[5]));
        assertTrue(e.getMessage().contains("5 values"), e.getMessage());
        assertEquals("x,y\n", SamplesCsv.format(new double[0]));
    }
}
