package nash.core;

import nash.core.kernel.Parallel;
import nash.core.kernel.ZeroedArrays;

/**
 * Batch normalisation with batch statistics, per channel (axis 1) of x:[N, C, …]:
 * y = (x − μ)/√(σ² + eps)·γ + β, μ and σ² (biased) over every axis but 1.
 *
 * <p>NOTE: a primitive for speed only; it equals the composite
 * {@code x.sub(x.mean(axes)).div(x.var(axes, biased).add(eps).sqrt()).mul(γ).add(β)}, whose dozen
 * passes over memory it replaces by three. Its backward is the closed form
 * ∂x = γ·inv·(g − mean(g) − x̂·mean(g·x̂)), ∂γ = Σ g·x̂, ∂β = Σ g (g = the output gradient):
 * loops when no graph is recorded, and the same formula in differentiable ops, recomputed from x,
 * when one is (createGraph), so the second derivative stays exact. Derivation: docs/batchnorm.md.
 */
public final class Norm {

    private Norm() {}

    /**
     * @param weight  γ:[C] or null (1)
     * @param bias    β:[C] or null (0)
     * @param meanOut if not null, receives μ per channel (length C; Modified)
     * @param varOut  if not null, receives the biased σ² per channel (length C, not meanOut; Modified)
     */
    public static Tensor batchNorm(Tensor x, Tensor weight, Tensor bias, double eps, double[] meanOut, double[] varOut) {
        if (x.dim() < 2) throw new IllegalArgumentException("batchNorm: needs x:[N, C, …], got " + Shape.str(x.shape));
        int n = x.shape[0], c = x.shape[1], s = x.size / Math.max(1, n * c);
        for (Tensor p : new Tensor[] {weight, bias}) {
            if (p != null && (p.dim() != 1 || p.shape[0] != c)) {
                throw new IllegalArgumentException("batchNorm: parameter " + Shape.str(p.shape) + " does not match " + c + " channels of " + Shape.str(x.shape));
            }
        }
        checkOut("meanOut", meanOut, c, x);
        checkOut("varOut", varOut, c, x);
        if (meanOut != null && meanOut == varOut) throw new IllegalArgumentException("batchNorm: meanOut and varOut are the same array");
        if (!(eps > 0)) throw new IllegalArgumentException("batchNorm: eps must be positive, got " + eps);
        int m = n * s;
        if (m == 0) throw new IllegalArgumentException("batchNorm: no values per channel in " + Shape.str(x.shape));
        double[] mean = new double[c], inv = new double[c], out = ZeroedArrays.get(x.size);
        double[] xd = x.data, g = weight == null ? null : weight.data, b = bias == null ? null : bias.data;
        Parallel.run(c, ch -> {                                     // one channel per task: fixed order, any thread count
            double sum = 0;
            for (int i = 0; i < n; i++) for (int k = 0, o = (i * c + ch) * s; k < s; k++) sum += xd[o + k];
            double mu = sum / m, sq = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0, o = (i * c + ch) * s; k < s; k++) {
                    double d = xd[o + k] - mu;
                    sq += d * d;
                }
            }
            double var = sq / m, iv = 1.0 / Math.sqrt(var + eps);
            double scale = g == null ? iv : g[ch] * iv, shift = b == null ? 0 : b[ch];
            for (int i = 0; i < n; i++) for (int k = 0, o = (i * c + ch) * s; k < s; k++) out[o + k] = (xd[o + k] - mu) * scale + shift;
            mean[ch] = mu;
            inv[ch] = iv;
            if (meanOut != null) meanOut[ch] = mu;
            if (varOut != null) varOut[ch] = var;
        });
        Tensor y = Tensor.fromOp("batchNorm", out, x.shape, x, weight, bias);
        return y.onBackward(gy -> Autograd.isGradEnabled()
                ? differentiableBackward(gy, x, weight, bias, eps)
                : loopBackward(gy, x, weight, bias, mean, inv, n, c, s), weight == null ? new Tensor[] {x} : new Tensor[] {x, weight});
    }

    /** Checked before the channel tasks start: a short array would fail in some of them, after others had written. */
    private static void checkOut(String name, double[] out, int c, Tensor x) {
        if (out != null && out.length != c) {
            throw new IllegalArgumentException("batchNorm: " + name + " has length " + out.length + ", not the " + c + " channels of " + Shape.str(x.shape));
        }
    }

    /** The closed-form gradients as loops (no graph recorded). */
    private static Tensor[] loopBackward(Tensor gy, Tensor x, Tensor weight, Tensor bias, double[] mean, double[] inv, int n, int c, int s) {
        int m = n * s;
        double[] dx = Graph.needs(x) ? ZeroedArrays.get(x.size) : null;
        double[] dg = new double[c], db = new double[c];
        double[] gd = gy.data, xd = x.data, w = weight == null ? null : weight.data;
        Parallel.run(c, ch -> {
            double sg = 0, sgx = 0, mu = mean[ch], iv = inv[ch];
            for (int i = 0; i < n; i++) {
                for (int k = 0, o = (i * c + ch) * s; k < s; k++) {
                    sg += gd[o + k];
                    sgx += gd[o + k] * (xd[o + k] - mu) * iv;          // Σ g·x̂
                }
            }
            dg[ch] = sgx;
            db[ch] = sg;
            if (dx != null) {
                double scale = (w == null ? 1 : w[ch]) * iv, mg = sg / m, mgx = sgx / m;
                for (int i = 0; i < n; i++) {
                    for (int k = 0, o = (i * c + ch) * s; k < s; k++) {
                        dx[o + k] = scale * (gd[o + k] - mg - (xd[o + k] - mu) * iv * mgx);
                    }
                }
            }
        });
        return Elementwise.grads(dx == null ? null : new Tensor(dx, x.shape.clone()),
                weight != null && Graph.needs(weight) ? new Tensor(dg, new int[] {c}) : null,
                bias != null && Graph.needs(bias) ? new Tensor(db, new int[] {c}) : null);
    }

    /** The same gradients in differentiable ops, x̂ and inv recomputed from x (for createGraph). */
    private static Tensor[] differentiableBackward(Tensor gy, Tensor x, Tensor weight, Tensor bias, double eps) {
        int r = x.dim();
        int[] axes = new int[r - 1];
        for (int i = 0, k = 0; i < r; i++) if (i != 1) axes[k++] = i;
        int[] stat = new int[r];
        java.util.Arrays.fill(stat, 1);
        stat[1] = x.shape[1];
        Tensor inv = Reduce.var(x, axes, true, false).add(eps).pow(-0.5);
        Tensor xhat = x.sub(Reduce.mean(x, axes, true)).mul(inv);
        Tensor g = weight == null ? gy : gy.mul(weight.reshape(stat));
        Tensor dx = Graph.needs(x)
                ? inv.mul(g.sub(Reduce.mean(g, axes, true)).sub(xhat.mul(Reduce.mean(g.mul(xhat), axes, true)))) : null;
        return Elementwise.grads(dx,
                weight != null && Graph.needs(weight) ? Reduce.sum(gy.mul(xhat), axes, false) : null,
                bias != null && Graph.needs(bias) ? Reduce.sum(gy, axes, false) : null);
    }
}
