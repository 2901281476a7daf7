package nash.gan.metrics;

import nash.core.Shape;
import nash.core.Tensor;

/**
 * Paths between two latent vectors, to decode with a generator and look at: a smooth path of
 * images suggests the generator learned a continuous manifold rather than memorising examples.
 * Both return a [steps, dim] tensor whose row i is the point at t = i/(steps − 1); the first row is
 * z₀ and the last z₁ exactly.
 */
public final class Interpolation {

    /** Below this angle (radians) slerp and lerp differ by O(ω²) ≈ 1e-12 relative: slerp uses lerp. */
    static final double PARALLEL_ANGLE = 1e-6;

    private Interpolation() {}

    /** Linear: z(t) = (1 − t)·z₀ + t·z₁. */
    public static Tensor linear(double[] z0, double[] z1, int steps) {
        check("Interpolation.linear", z0, z1, steps);
        int d = z0.length;
        double[] out = new double[steps * d];
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            for (int j = 0; j < d; j++) out[i * d + j] = (1 - t) * z0[j] + t * z1[j];
        }
        return Tensor.wrap(out, steps, d);
    }

    /**
     * Spherical (White 2016): z(t) = sin((1−t)ω)/sin ω · z₀ + sin(tω)/sin ω · z₁, with ω the angle
     * between z₀ and z₁. It follows the great circle between their directions (with the norm
     * blending between theirs), which suits Gaussian latents, whose mass lies near a sphere where
     * the straight line dips inside. Nearly parallel vectors (ω &lt; 1e-6) fall back to linear.
     *
     * @throws IllegalArgumentException if a vector is zero (no direction) or the two point in
     *                                  opposite directions (ω ≈ π: the great circle is not unique)
     */
    public static Tensor slerp(double[] z0, double[] z1, int steps) {
        String where = "Interpolation.slerp";
        check(where, z0, z1, steps);
        double n0 = norm(z0), n1 = norm(z1);
        if (n0 == 0 || n1 == 0) throw new IllegalArgumentException(where + ": z" + (n0 == 0 ? 0 : 1) + " is the zero vector, which has no direction");
        int d = z0.length;
        double[] u = new double[d], v = new double[d], diff = new double[d], sum = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = z0[j] / n0;
            v[j] = z1[j] / n1;
            diff[j] = u[j] - v[j];
            sum[j] = u[j] + v[j];
        }
        double omega = 2 * Math.atan2(norm(diff), norm(sum));   // accurate near 0 and π, unlike acos(u·v)
        if (omega < PARALLEL_ANGLE) return linear(z0, z1, steps);
        if (Math.PI - omega < PARALLEL_ANGLE) {
            throw new IllegalArgumentException(where + ": z0 and z1 point in opposite directions (angle π − " + (Math.PI - omega)
                    + "), so the great circle between them is not unique; perturb one or use linear");
        }
        double sinOmega = Math.sin(omega);
        double[] out = new double[steps * d];
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            double a = Math.sin((1 - t) * omega) / sinOmega, b = Math.sin(t * omega) / sinOmega;
            for (int j = 0; j < d; j++) out[i * d + j] = a * z0[j] + b * z1[j];
        }
        return Tensor.wrap(out, steps, d);
    }

    /** {@link #linear(double[], double[], int)} for tensors [dim] (or [1, dim]). */
    public static Tensor linear(Tensor z0, Tensor z1, int steps) {
        String where = "Interpolation.linear";
        return linear(Matrices.vector(where, "z0", z0), Matrices.vector(where, "z1", z1), steps);
    }

    /** {@link #slerp(double[], double[], int)} for tensors [dim] (or [1, dim]). */
    public static Tensor slerp(Tensor z0, Tensor z1, int steps) {
        String where = "Interpolation.slerp";
        return slerp(Matrices.vector(where, "z0", z0), Matrices.vector(where, "z1", z1), steps);
    }

    private static void check(String where, double[] z0, double[] z1, int steps) {
        Matrices.checkVector(where, "z0", z0);
        Matrices.checkVector(where, "z1", z1);
        if (z0.length != z1.length) throw new IllegalArgumentException(where + ": z0 has " + z0.length + " values but z1 has " + z1.length);
        if (steps < 2) throw new IllegalArgumentException(where + ": steps must be ≥ 2 (both ends), got " + steps);
        Shape.size(where, steps, z0.length);   // the [steps, d] result: an int product would wrap
    }

    /** ‖x‖, scaled so that large or tiny entries do not overflow or underflow. */
    private static double norm(double[] x) {
        double m = 0;
        for (double v : x) m = Math.max(m, Math.abs(v));
        if (m == 0) return 0;
        double s = 0;
        for (double v : x) s += (v / m) * (v / m);
        return m * Math.sqrt(s);
    }
}
