package nash.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import nash.core.Tensor;
import nash.nn.io.AtomicFile;

/**
 * {@code samples.csv}: generated 2-D points, header {@code x,y}, one point per line, each value
 * at full double precision (it reads back to the same double), NaN and Infinity spelled as Java does.
 */
public final class SamplesCsv {

    private SamplesCsv() {}

    /** The CSV text of a flat [n,2] array x₀, y₀, x₁, y₁, … */
    public static String format(double[] points) {
        ScatterPlot.pairs("SamplesCsv.format", points);
        var sb = new StringBuilder(8 + points.length * 20).append("x,y\n");
        for (int i = 0; i < points.length; i += 2) sb.append(points[i]).append(',').append(points[i + 1]).append('\n');
        return sb.toString();
    }

    /** Writes {@link #format(double[])} to a file (atomically, creating folders). */
    public static void write(Path file, double[] points) throws IOException {
        AtomicFile.write(file, format(points).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the points of a tensor of shape [n,2]. */
    public static void write(Path file, Tensor points) throws IOException {
        int[] s = points.shape();
        if (s.length != 2 || s[1] != 2) throw new IllegalArgumentException("SamplesCsv.write: need a tensor of shape [n,2], got " + java.util.Arrays.toString(s));
        write(file, points.data());
    }
}
