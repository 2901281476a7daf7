package nash.core;

import static nash.core.Elementwise.K;

import java.util.Arrays;
import nash.core.kernel.ZeroedArrays;

/**
 * Losses, in their numerically stable forms. Binary cross-entropy with logits is a primitive
 * (stable for any logit, ±∞ included); mean squared error and cross-entropy are composites.
 */
public final class Losses {

    private Losses() {}

    /** How elementwise losses are combined. */
    public enum Reduction {
        /** The mean of the elementwise losses, a 0-d tensor. */
        MEAN,
        /** The sum of the elementwise losses, a 0-d tensor. */
        SUM,
        /** The elementwise losses themselves, unreduced. */
        NONE
    }

    /** mean BCE(σ(x), t) over all elements, from logits x and targets t in [0, 1] of the same shape. */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        return bceWithLogits(logits, targets, 0.0, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy from logits: ℓ = −[t·log σ(x) + (1−t)·log(1−σ(x))] = softplus(x) − t·x,
     * computed as (1−t)·max(x,0) + t·max(−x,0) + log1p(e^−|x|), finite for every x.
     *
     * @param smoothing label smoothing ε ∈ [0, 1): targets become t·(1−ε) + ε/2 (two classes)
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets, double smoothing, Reduction reduction) {
        if (!Arrays.equals(logits.shape, targets.shape)) {
            throw new IllegalArgumentException("bceWithLogits: logits " + Shape.str(logits.shape) + " and targets "
                    + Shape.str(targets.shape) + " differ in shape");
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("bceWithLogits: smoothing must be in [0, 1), got " + smoothing);
        }
        Tensor t = smoothing == 0 ? targets : Elementwise.add(Elementwise.mul(targets, 1 - smoothing), smoothing / 2);
        return reduce(bceWithLogitsElementwise(logits, t), reduction);
    }

    /** The elementwise primitive: ℓᵢ = softplus(xᵢ) − tᵢ·xᵢ, with ∂ℓ/∂x = σ(x) − t and ∂ℓ/∂t = −x. */
    static Tensor bceWithLogitsElementwise(Tensor x, Tensor t) {
        for (int i = 0; i < t.size; i++) {
            double v = t.data[i];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("bceWithLogits: target " + v + " at position " + i + " is outside [0, 1]");
            }
        }
        double[] out = ZeroedArrays.get(x.size);
        K.bceWithLogits(x.data, 0, t.data, 0, out, 0, x.size);
        Tensor y = Tensor.fromOp("bceWithLogits", out, x.shape, x, t);
        return y.onBackward(gy -> Elementwise.grads(
                Graph.needs(x) ? Elementwise.mul(gy, Elementwise.sub(Elementwise.sigmoid(x), t)) : null,
                Graph.needs(t) ? Elementwise.mul(gy, Elementwise.neg(x)) : null), x, t);
    }

    /** mean (p − t)² over all elements (shapes broadcast). */
    public static Tensor mse(Tensor prediction, Tensor target) {
        return mse(prediction, target, Reduction.MEAN);
    }

    /** (p − t)² elementwise (shapes broadcast), combined by {@code reduction}. */
    public static Tensor mse(Tensor prediction, Tensor target, Reduction reduction) {
        return reduce(Elementwise.square(Elementwise.sub(prediction, target)), reduction);
    }

    /** Cross-entropy from logits [N,C] and class labels: −mean_i log softmax(x_i)[label_i]. */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        return crossEntropy(logits, labels, Reduction.MEAN);
    }

    /** −log softmax(x_i)[label_i] for each row i of logits [N,C], combined by {@code reduction} ({@code NONE} gives [N]). */
    public static Tensor crossEntropy(Tensor logits, int[] labels, Reduction reduction) {
        if (logits.dim() != 2) throw new IllegalArgumentException("crossEntropy: logits must be [N,C], got " + Shape.str(logits.shape));
        int n = logits.shape[0], c = logits.shape[1];
        if (labels.length != n) {
            throw new IllegalArgumentException("crossEntropy: " + labels.length + " labels for " + n + " rows of logits " + Shape.str(logits.shape));
        }
        int[] flat = new int[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[i] + " at row " + i + " is outside [0, " + c + ")");
            }
            flat[i] = i * c + labels[i];
        }
        Tensor logp = Movement.reshape(Reduce.logSoftmax(logits, 1), n * c);
        return reduce(Elementwise.neg(Movement.indexSelect(logp, 0, flat)), reduction);
    }

    /** Cross-entropy from logits [N,C] and target distributions [N,C]: −mean_i Σ_c t_ic·log softmax(x_i)_c. */
    public static Tensor crossEntropy(Tensor logits, Tensor targetProbs) {
        if (logits.dim() != 2 || !Arrays.equals(logits.shape, targetProbs.shape)) {
            throw new IllegalArgumentException("crossEntropy: logits " + Shape.str(logits.shape) + " and targets "
                    + Shape.str(targetProbs.shape) + " must both be [N,C]");
        }
        Tensor perRow = Elementwise.neg(Reduce.sum(Elementwise.mul(targetProbs, Reduce.logSoftmax(logits, 1)), new int[] {1}, false));
        return Reduce.mean(perRow, new int[0], false);
    }

    static Tensor reduce(Tensor loss, Reduction reduction) {
        switch (reduction) {
            case MEAN: return Reduce.mean(loss, new int[0], false);
            case SUM: return Reduce.sum(loss, new int[0], false);
            default: return loss;
        }
    }
}
