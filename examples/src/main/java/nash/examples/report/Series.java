package nash.examples.report;

import java.util.Arrays;

/**
 * A named curve: values at training steps, e.g. the discriminator's loss every 10 steps.
 * The arrays are copied in and out.
 */
public record Series(String name, long[] steps, double[] values) {

    /** @throws IllegalArgumentException for a blank name or arrays of different lengths */
    public Series {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("Series: need a name, got " + (name == null ? "null" : "\"" + name + "\""));
        if (steps.length != values.length) {
            throw new IllegalArgumentException("Series \"" + name + "\": " + steps.length + " steps but " + values.length + " values");
        }
        steps = steps.clone();
        values = values.clone();
    }

    @Override public long[] steps() { return steps.clone(); }

    @Override public double[] values() { return values.clone(); }

    public int size() { return steps.length; }

    /** The last finite value, or NaN if there is none. */
    public double last() {
        for (int i = values.length - 1; i >= 0; i--) if (Double.isFinite(values[i])) return values[i];
        return Double.NaN;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && Arrays.equals(steps, s.steps) && Arrays.equals(values, s.values);
    }

    @Override public int hashCode() { return 31 * (31 * name.hashCode() + Arrays.hashCode(steps)) + Arrays.hashCode(values); }

    @Override public String toString() { return "Series[" + name + ", " + steps.length + " points]"; }
}
