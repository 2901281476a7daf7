package nash.nn;

import nash.core.Autograd;
import nash.core.GradMode;
import nash.core.Rng;
import nash.core.Tensor;

/**
 * Spectral normalisation (Miyato et al. 2018, as torch.nn.utils.spectral_norm): the wrapped layer
 * runs with W / σ(W), σ the largest singular value of W viewed as a matrix [out, rest], estimated
 * by power iteration. The vectors u:[out] and v:[rest] are buffers ({@code weight_u},
 * {@code weight_v}), advanced in training only, and saved in the state dict.
 * σ = uᵀ·W·v with u, v held constant, so the gradient flows through W alone.
 */
public class SpectralNorm extends Module {

    final Module layer;
    final Weighted weighted;
    final Tensor u, v;
    final int iterations;
    final double eps;

    /** One power iteration per training forward, eps 1e-12 (PyTorch's defaults). */
    public <L extends Module & Weighted> SpectralNorm(L layer, Rng rng) { this(layer, 1, 1e-12, rng); }

    /**
     * Wraps {@code layer}, with {@code iterations} ≥ 1 power iterations per training forward and eps (finite, &gt; 0)
     * as the least norm u and v are divided by (x / max(‖x‖, eps)); u and v start as normalised N(0, 1) draws from {@code rng}.
     */
    public <L extends Module & Weighted> SpectralNorm(L layer, int iterations, double eps, Rng rng) {
        // as PyTorch: at least one power iteration; eps > 0 keeps a zero vector's normalisation from being 0/0
        if (iterations < 1) throw new IllegalArgumentException("SpectralNorm: iterations must be ≥ 1, got " + iterations);
        positiveEps("SpectralNorm", eps);
        this.layer = child("module", layer);
        this.weighted = layer;
        this.iterations = iterations;
        this.eps = eps;
        Tensor w = matrix(layer.weight());
        u = buffer("weight_u", normalize(Tensor.randn(rng, w.shape(0))));
        v = buffer("weight_v", normalize(Tensor.randn(rng, w.shape(1))));
    }

    /** The wrapped layer. */
    public Module layer() { return layer; }

    /** The weight as a matrix [out, rest], output axis first. */
    private Tensor matrix(Tensor w) {
        int axis = weighted.outputAxis();
        if (axis != 0) {
            int[] perm = new int[w.dim()];
            perm[0] = axis;
            for (int i = 0, k = 1; i < w.dim(); i++) if (i != axis) perm[k++] = i;
            w = w.permute(perm);
        }
        return w.reshape(w.shape(0), -1);
    }

    private Tensor normalize(Tensor x) { return x.div(Math.max(x.norm().item(), eps)); }

    /** σ(W) as the current u, v estimate it (differentiable in W). */
    public Tensor sigma() {
        Tensor wm = matrix(layer.use(weighted.weight()));
        if (isTraining()) {
            try (GradMode scope = Autograd.noGrad()) {
                Tensor uu = u, vv = v;
                for (int i = 0; i < iterations; i++) {
                    vv = normalize(wm.matmul(uu.reshape(-1, 1), true, false).reshape(-1));   // v = Wᵀu / ‖Wᵀu‖
                    uu = normalize(wm.matmul(vv.reshape(-1, 1)).reshape(-1));               // u = Wv / ‖Wv‖
                }
                if (uu.norm().item() > 0 && vv.norm().item() > 0) { // W·v = 0 (a zero W) would zero them for good
                    u.copyFrom(uu);
                    v.copyFrom(vv);
                }
            }
        }
        // Copies of u and v enter the graph (as PyTorch clones them): the next training forward
        // advances the buffers in place, which must not disturb a graph still waiting for backward.
        Tensor uc = u.copy(), vc = v.copy();
        Tensor s = uc.reshape(1, -1).matmul(wm.matmul(vc.reshape(-1, 1))).reshape(new int[0]);     // uᵀ·W·v
        double sv = s.item();
        if (sv == 0 || !Double.isFinite(sv)) { // W / σ would be 0/0 or ±∞ in every element (PyTorch: NaN, silently)
            throw new IllegalStateException("SpectralNorm: σ(W) = " + sv + " for the weight " + java.util.Arrays.toString(wm.shape())
                    + (sv == 0 ? " (a zero weight, or one orthogonal to u and v): W / σ is undefined" : ""));
        }
        return s;
    }

    @Override public Tensor forward(Tensor x) {
        Tensor w = layer.use(weighted.weight());
        return weighted.forward(x, w.div(sigma()));
    }
}
