package nash.nn;

import java.util.Arrays;
import nash.core.Autograd;
import nash.core.GradMode;
import nash.core.Norm;
import nash.core.Tensor;

/**
 * Batch normalisation, as PyTorch: y = (x − mean) / √(var + eps) · weight + bias, per channel
 * (axis 1). In training the batch's mean and biased variance are used and the running statistics
 * move towards them (running = (1−momentum)·running + momentum·batch, with the unbiased variance;
 * momentum null: a cumulative average); in evaluation the running statistics are used.
 * Subclasses say which axes make up "the batch": {@link BatchNorm1d} and {@link BatchNorm2d}, the only ones (the
 * constructor is package-private).
 */
public abstract class BatchNorm extends Module {

    final Tensor weight, bias;                                // [C] or null
    final Tensor runningMean, runningVar, batchesTracked;     // [C], [C], [] or null
    /** C, the number of channels (axis 1 of the input). */
    public final int channels;
    final double eps;
    final Double momentum;

    /**
     * Validates channels &gt; 0, a finite eps &gt; 0 and a momentum in [0, 1] (null: a cumulative average).
     * With {@code affine}: parameters weight [C] (ones) and bias [C] (zeros). With {@code trackRunningStats}:
     * buffers running_mean [C] (zeros), running_var [C] (ones) and num_batches_tracked; without them,
     * evaluation uses the batch statistics too.
     */
    BatchNorm(int channels, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (channels <= 0) throw new IllegalArgumentException(name() + ": channels must be positive, got " + channels);
        positiveEps(name(), eps);
        if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name() + ": momentum must be in [0, 1], got " + momentum);
        }
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        weight = affine ? param("weight", Tensor.ones(channels)) : null;
        bias = affine ? param("bias", Tensor.zeros(channels)) : null;
        runningMean = trackRunningStats ? buffer("running_mean", Tensor.zeros(channels)) : null;
        runningVar = trackRunningStats ? buffer("running_var", Tensor.ones(channels)) : null;
        batchesTracked = trackRunningStats ? buffer("num_batches_tracked", Tensor.scalar(0)) : null;
    }

    String name() { return getClass().getSimpleName(); }

    /** The axes statistics are taken over, for an input of this rank (after validating it). */
    abstract int[] batchAxes(Tensor x);

    /** The learned scale [C], or null when not affine. */
    public Tensor weight() { return weight; }

    /** The learned shift [C], or null when not affine. */
    public Tensor bias() { return bias; }

    /** The running mean [C] used in evaluation, or null when running statistics are not tracked. */
    public Tensor runningMean() { return runningMean; }

    /** The running unbiased variance [C] used in evaluation, or null when running statistics are not tracked. */
    public Tensor runningVar() { return runningVar; }

    @Override public Tensor forward(Tensor x) {
        batchAxes(x);                                                         // checks the rank
        if (x.shape(1) != channels) {
            throw new IllegalArgumentException(name() + "(" + channels + "): input " + Arrays.toString(x.shape()) + " has " + x.shape(1) + " channels");
        }
        int[] statShape = new int[x.dim()];
        Arrays.fill(statShape, 1);
        statShape[1] = channels;
        if (isTraining() || runningMean == null) {
            int n = x.size() / channels;
            if (n <= 1 && isTraining()) {
                throw new IllegalArgumentException(name() + ": expected more than 1 value per channel when training, got input "
                        + Arrays.toString(x.shape()));
            }
            double[] mean = new double[channels], var = new double[channels];
            Tensor y = Norm.batchNorm(x, use(weight), use(bias), eps, mean, var);     // batch statistics (biased variance)
            if (isTraining() && runningMean != null) updateRunningStats(mean, var, n);
            return y;
        }
        Tensor y = x.sub(runningMean.reshape(statShape)).div(runningVar.reshape(statShape).add(eps).sqrt());
        if (weight != null) y = y.mul(use(weight).reshape(statShape)).add(use(bias).reshape(statShape));
        return y;
    }

    private void updateRunningStats(double[] bm, double[] bv, int n) {
        try (GradMode scope = Autograd.noGrad()) {
            batchesTracked.set(batchesTracked.item() + 1);
            double m = momentum != null ? momentum : 1.0 / batchesTracked.item();
            double[] rm = runningMean.data(), rv = runningVar.data();
            for (int c = 0; c < channels; c++) {
                rm[c] = (1 - m) * rm[c] + m * bm[c];
                rv[c] = (1 - m) * rv[c] + m * bv[c] * n / (n - 1);               // unbiased, as PyTorch
            }
            runningMean.markModified();
            runningVar.markModified();
        }
    }

    @Override public String toString() { return name() + "(" + channels + ", eps " + eps + ", momentum " + momentum + ")"; }
}
