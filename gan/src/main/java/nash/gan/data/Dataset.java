package nash.gan.data;

import java.util.Arrays;
import nash.core.Shape;
import nash.core.Tensor;

/**
 * Examples in memory: a tensor [n, …] whose first axis indexes them, and optionally one integer
 * label per example. Immutable (the tensor is not copied; do not change it). Iterate over it in
 * shuffled batches with a {@link DataLoader}.
 */
public final class Dataset {

    private final Tensor examples;   // [n, …]
    private final int[] labels;      // [n] or null
    private final int n;
    private final int stride;        // values per example

    /**
     * @param examples [n, …], n ≥ 0, at least one axis
     * @param labels   n labels, or null for an unlabelled set (copied)
     */
    public Dataset(Tensor examples, int[] labels) {
        if (examples == null) throw new IllegalArgumentException("Dataset: examples must not be null");
        if (examples.dim() < 1) throw new IllegalArgumentException("Dataset: examples must have a first axis indexing them, got a scalar");
        this.examples = examples;
        this.n = examples.shape(0);
        this.stride = n == 0 ? 0 : examples.size() / n;
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("Dataset: " + labels.length + " labels for " + n + " examples of shape "
                    + Arrays.toString(examples.shape()));
        }
        this.labels = labels == null ? null : labels.clone();
        if (labels != null) for (int i = 0; i < n; i++) {
            if (this.labels[i] < 0) throw new IllegalArgumentException("Dataset: label " + this.labels[i] + " of example " + i + " is negative");
        }
    }

    /** An unlabelled set. */
    public static Dataset of(Tensor examples) { return new Dataset(examples, null); }

    /** The number of examples. */
    public int size() { return n; }

    /** All examples, [n, …] (the stored tensor: read, do not modify). */
    public Tensor examples() { return examples; }

    /** The shape of one example (e.g. [1, 28, 28]). */
    public int[] exampleShape() { return Arrays.copyOfRange(examples.shape(), 1, examples.dim()); }

    /** Whether the examples have labels. */
    public boolean hasLabels() { return labels != null; }

    /** The number of classes: the largest label + 1, or 0 without labels. */
    public int classes() {
        if (labels == null) return 0;
        int max = -1;
        for (int l : labels) max = Math.max(max, l);
        return max + 1;
    }

    /** A copy of the labels, or null for an unlabelled set. */
    public int[] labels() { return labels == null ? null : labels.clone(); }

    /** The label of example i. */
    public int label(int i) {
        if (labels == null) throw new IllegalStateException("Dataset.label: this dataset has no labels");
        checkIndex("label", i);
        return labels[i];
    }

    /** The examples at {@code indices}, in that order, copied into a batch [indices.length, …]. */
    public Batch batch(int... indices) {
        int size = Shape.size("Dataset.batch", indices.length, stride);   // indices may repeat, so the batch can outgrow the set
        int[] shape = examples.shape();
        shape[0] = indices.length;
        double[] src = examples.data(), x = new double[size];
        int[] y = labels == null ? null : new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            int i = indices[b];
            checkIndex("batch", i);
            System.arraycopy(src, i * stride, x, b * stride, stride);
            if (y != null) y[b] = labels[i];
        }
        return new Batch(Tensor.wrap(x, shape), y, indices.clone());
    }

    /**
     * Examples [from, to) as a data set of their own (copied, labels kept): a held-out split, or a
     * smaller set for a quick run.
     */
    public Dataset range(int from, int to) {
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException("Dataset.range: [" + from + ", " + to + ") is not a range within [0, " + n + "]");
        }
        int[] shape = examples.shape();
        shape[0] = to - from;
        double[] x = Arrays.copyOfRange(examples.data(), from * stride, to * stride);
        return new Dataset(Tensor.wrap(x, shape), labels == null ? null : Arrays.copyOfRange(labels, from, to));
    }

    private void checkIndex(String op, int i) {
        if (i < 0 || i >= n) throw new IndexOutOfBoundsException("Dataset." + op + ": index " + i + " outside [0, " + n + ")");
    }

    /**
     * A batch of examples.
     *
     * @param x       [b, …]
     * @param labels  [b], or null for an unlabelled set
     * @param indices which examples of the dataset these are, or null for freshly drawn data
     */
    public record Batch(Tensor x, int[] labels, int[] indices) {
        /** The number of examples (indices is null for data drawn fresh rather than taken from a set). */
        public int size() { return x.shape(0); }
    }
}
